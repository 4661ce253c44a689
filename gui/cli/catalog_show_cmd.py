"""``privacy-review catalog show`` and ``catalog topics``: one platform, or who offers what
on a topic, in plain words (arguments in ``gui.cli.args.catalog``)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from gui.cli.catalog_cmd import load_for_command
from gui.cli.errors import CommandError
from gui.cli.lookup import find_platform, resolve_id
from gui.core import dates
from gui.core.catalog.controls import (
    control_phrase,
    quote_source_text,
    region_label,
    regions_phrase,
)
from gui.core.catalog.model import TOPIC_TITLES
from gui.core.catalog.rules import is_region
from gui.core.i18n import _, ngettext
from gui.core.topics import FORM, SWITCH, topic_overview, topics_in
from gui.core.words import shown_risk

if TYPE_CHECKING:
    from gui.core.catalog import Category, Link
    from gui.core.topics import TopicStanding


def _category_heading(category: Category) -> str:
    """ "ai-training: Posts used to train AI (high risk; there is a switch in the settings)",
    no risk for an action such as getting a copy of your data."""
    what = control_phrase(category.default_control)
    risk = shown_risk(category)
    details = _("{risk} risk; {control}").format(risk=risk, control=what) if risk else what
    return f"{category.id}: {category.title} ({details})"


def show_platform(args: argparse.Namespace) -> int:
    platform = find_platform(load_for_command(args), args.platform)
    if args.json:
        print(json.dumps(platform.to_json(), indent=2, ensure_ascii=False))
        return 0
    count = ngettext("{count} category", "{count} categories", len(platform.categories))
    print(
        _("{name} ({id}): {count}").format(
            name=platform.name, id=platform.id, count=count.format(count=len(platform.categories))
        )
    )
    for policy in platform.policies:
        print(
            _("  policy: {title}, effective {effective}: {url}").format(
                title=policy.title, effective=dates.day(policy.effective), url=policy.url
            )
        )
    for category in platform.categories:
        print()
        print(_category_heading(category))
        print(_("  Collected: {text}").format(text=category.collected))
        quote = category.quote
        print(f'  {quote_source_text(quote)}: "{quote.text}" ({quote.source})')
        for link in category.links:
            print(_("  Settings: {url} ({confidence})").format(**_link_words(link)))
        for control in category.regional:
            where = regions_phrase(control.regions)
            print(_("  In {where}: {control}").format(where=where, control=control_phrase(control)))
            for link in control.links:
                print(_("    Settings: {url} ({confidence})").format(**_link_words(link)))
        print(_("  Last verified: {day}").format(day=dates.day(category.verified)))
    return 0


def _link_words(link: Link) -> dict[str, str]:
    confidence = (
        _("seen on the platform's own pages")
        if link.confidence == "confirmed"
        else _("address from third-party guides")
    )
    return {"url": link.url, "confidence": confidence}


# How much say a user has on a topic, in words (gui.core.topics.STANDINGS).
def _standing_words(standing: str) -> str:
    if standing == SWITCH:
        return _("a switch in the settings")
    if standing == FORM:
        return _("a form or request")
    return _("no real control")


def _topic_line(item: TopicStanding) -> str:
    """ "Meta AI: no real control. In the EEA and the UK: a form or request." """
    parts = [
        _("{platform}: {standing}.").format(
            platform=item.platform.name, standing=_standing_words(item.standing)
        )
    ]
    for regions, standing in item.regional:
        where = regions_phrase(regions)
        parts.append(
            _("In {where}: {standing}.").format(where=where, standing=_standing_words(standing))
        )
    return "  " + " ".join(parts)


def show_topics(args: argparse.Namespace) -> int:
    catalog = load_for_command(args)
    known = topics_in(catalog)
    wanted = [resolve_id("topic", args.topic, known)] if args.topic else known
    region = args.region.strip().upper() if args.region else None
    if region is not None and not is_region(region):
        raise CommandError(
            _("--region takes a country code such as DE or GB, not {region}").format(
                region=repr(args.region)
            )
        )
    overviews = {topic: topic_overview(catalog, topic, region) for topic in wanted}
    if args.json:
        report = {
            topic: [
                {
                    "platform": item.platform.id,
                    "standing": item.standing,
                    "categories": [
                        {
                            "id": c.id,
                            "title": c.title,
                            "control": c.control_for(region).kind,
                            "regional": [
                                {"regions": list(r.regions), "control": r.kind} for r in c.regional
                            ],
                        }
                        for c in item.categories
                    ],
                    "regional": [
                        {"regions": list(regions), "standing": standing}
                        for regions, standing in item.regional
                    ],
                }
                for item in items
            ]
            for topic, items in overviews.items()
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    if region:
        where = region_label(region)
        if where == region:  # a code without a name of its own: say what it is
            where = _("the country {code}").format(code=region)
        print(_("What someone in {where} can do:").format(where=where))
    else:
        print(
            _(
                "What people can do where no regional rule applies (use --region CC for "
                "your own country):"
            )
        )
    print()
    for topic, items in overviews.items():
        print(_("{topic}:").format(topic=TOPIC_TITLES[topic]))
        for item in items:
            print(_topic_line(item))
        covered = {item.platform.id for item in items}
        missing = [p.name for p in catalog.platforms if p.id not in covered]
        if missing:
            print(
                _("  No entry in the catalog for: {platforms}.").format(
                    platforms=", ".join(missing)
                )
            )
        print()
    return 0
