"""The cross-platform view of one topic: for "AI training", say, which platforms offer a
real switch, which only a form or request, and which offer nothing. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass

from gui.core.catalog import TOPICS, Catalog, Category, Platform

# How much say the user has, strongest first. A platform's standing on a topic is the
# strongest control among its categories for that topic. These are ids (the command line's
# JSON carries them), not words: whoever shows a standing words it.
SWITCH = "switch"
FORM = "form or request"
NO_CONTROL = "no real control"
STANDINGS = (SWITCH, FORM, NO_CONTROL)

_STANDING_OF_CONTROL = {
    "toggle": SWITCH,
    "form": FORM,
    "request": FORM,
    "dont-provide": NO_CONTROL,
    "none": NO_CONTROL,
    "delete-account": NO_CONTROL,
}


@dataclass(frozen=True)
class TopicStanding:
    """One platform's standing on one topic."""

    platform: Platform
    standing: str  # one of STANDINGS, for the user's country (or everywhere else)
    categories: tuple[Category, ...]  # every category of the platform on the topic
    # Regions where the platform's best control on the topic differs, as (regions, standing),
    # e.g. ((("EEA", "GB"), FORM),) for Meta AI training; empty when it is the same everywhere.
    regional: tuple[tuple[tuple[str, ...], str], ...] = ()


def control_standing(category: Category, country: str | None = None) -> str:
    return _STANDING_OF_CONTROL[category.control_for(country).kind]


def _best(standings: set[str]) -> str:
    return next((s for s in STANDINGS if s in standings), NO_CONTROL)


def topic_overview(catalog: Catalog, topic: str, country: str | None = None) -> list[TopicStanding]:
    """Platforms with at least one category on ``topic``, strongest control first. The
    standing is what a user in ``country`` can do (with no country: what everyone outside
    the regions with their own controls can do); ``regional`` says what other regions get."""
    result = []
    for platform in catalog.platforms:
        categories = tuple(c for c in platform.categories if topic in c.topics)
        if not categories:
            continue
        best = _best({control_standing(c, country) for c in categories})
        regional: dict[tuple[str, ...], str] = {}
        for regions in dict.fromkeys(r.regions for c in categories for r in c.regional):
            # A country that stands for the group (Germany is in both the EU and the EEA).
            probe = {"EU": "DE", "EEA": "DE"}.get(regions[0], regions[0])
            there = _best({control_standing(c, probe) for c in categories})
            if there != best and not (country and probe == country):
                regional[regions] = there
        result.append(
            TopicStanding(
                platform=platform,
                standing=best,
                categories=categories,
                regional=tuple(regional.items()),
            )
        )
    result.sort(key=lambda item: STANDINGS.index(item.standing))
    return result


def topics_in(catalog: Catalog) -> list[str]:
    """Topics used by at least one category, in vocabulary order."""
    used = {t for p in catalog.platforms for c in p.categories for t in c.topics}
    return [t for t in TOPICS if t in used]
