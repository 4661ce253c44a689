"""The cross-platform view of one topic: for "AI training", say, which platforms offer a
real switch, which only a form or request, and which offer nothing. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass

from gui.core.catalog import Catalog, Category, Platform
from gui.core.catalog.model import region_applies

# How much say the user has, strongest first. A platform's standing on a topic is the
# strongest control among its categories for that topic.
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
    standing: str  # one of STANDINGS
    categories: tuple[Category, ...]  # every category of the platform on the topic


def control_standing(category: Category) -> str:
    return _STANDING_OF_CONTROL[category.control]


def topic_overview(catalog: Catalog, topic: str, country: str | None = None) -> list[TopicStanding]:
    """Platforms with at least one category on ``topic``, strongest control first.
    With ``country``, controls limited to other regions do not count as available there."""
    result = []
    for platform in catalog.platforms:
        categories = tuple(c for c in platform.categories if topic in c.topics)
        if not categories:
            continue
        usable = [c for c in categories if country is None or region_applies(c.regions, country)]
        standings = {control_standing(c) for c in usable}
        best = next((s for s in STANDINGS if s in standings), NO_CONTROL)
        result.append(TopicStanding(platform=platform, standing=best, categories=categories))
    result.sort(key=lambda item: STANDINGS.index(item.standing))
    return result


def topics_in(catalog: Catalog) -> list[str]:
    """Topics used by at least one category, in vocabulary order."""
    from gui.core.catalog import TOPICS

    used = {t for p in catalog.platforms for c in p.categories for t in c.topics}
    return [t for t in TOPICS if t in used]
