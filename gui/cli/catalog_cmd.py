"""``privacy-review catalog list|show|topics|validate``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from gui.cli.i18n import _, ngettext

if TYPE_CHECKING:
    from gui.core.catalog import Catalog, Platform
    from gui.core.topics import TopicStanding


def register(subparsers: Any) -> None:
    catalog = subparsers.add_parser("catalog", help=_("list, show and validate platform catalogs"))
    actions = catalog.add_subparsers(dest="catalog_command", metavar="ACTION")

    list_parser = actions.add_parser("list", help=_("platforms with their number of categories"))
    list_parser.add_argument("--json", action="store_true", help=_("print JSON"))
    list_parser.set_defaults(handler=list_platforms)

    show = actions.add_parser("show", help=_("one platform with all its categories"))
    show.add_argument("platform", metavar="PLATFORM", help=_("platform id, e.g. x"))
    show.add_argument("--json", action="store_true", help=_("print the parsed platform as JSON"))
    show.set_defaults(handler=show_platform)

    topics = actions.add_parser(
        "topics",
        help=_("for a topic, which platforms have a switch, a form, or no control"),
    )
    topics.add_argument(
        "topic", nargs="?", metavar="TOPIC", help=_("e.g. ai-training; all if omitted")
    )
    topics.add_argument("--region", metavar="CC", help=_("country code, e.g. DE or GB"))
    topics.add_argument("--json", action="store_true", help=_("print JSON"))
    topics.set_defaults(handler=show_topics)

    validate = actions.add_parser("validate", help=_("check catalog files; exit 1 on any problem"))
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.set_defaults(handler=validate_paths)


def load_for_command(args: argparse.Namespace) -> Catalog:
    """The catalog as the app sees it: bundled platforms plus the user's own files, whose
    problems are reported on stderr but do not stop the command. Read through the
    validated cache, as the window reads it (``catalog validate`` never uses it)."""
    from gui.cli import CommandError
    from gui.core import paths
    from gui.core.catalog import CatalogError, load_catalog

    dirs = paths.resolve(args.data_dir)
    try:
        catalog = load_catalog(user_dir=dirs.user_catalogs, cache_dir=dirs.cache / "catalog")
    except CatalogError as error:
        raise CommandError(
            _("the bundled catalog is broken: {error}").format(error=error)
        ) from None
    for problem in catalog.skipped:
        print(
            _("privacy-review: skipped user catalog file: {problem}").format(problem=problem),
            file=sys.stderr,
        )
    return catalog


def find_platform(catalog: Catalog, platform_id: str) -> Platform:
    """The platform a user typed, in any case; a mistyped id gets "did you mean"."""
    from gui.cli.lookup import find_platform as lookup

    return lookup(catalog, platform_id)


def list_platforms(args: argparse.Namespace) -> int:
    catalog = load_for_command(args)
    rows: list[dict[str, Any]] = [
        {
            "id": p.id,
            "name": p.name,
            "group": p.group,
            "categories": len(p.categories),
            "bundled": p.bundled,
        }
        for p in catalog.platforms
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    from gui.core.catalog.model import GROUP_TITLES, GROUPS

    width = max((len(r["id"]) for r in rows), default=2)
    for group in GROUPS:
        members = [r for r in rows if r["group"] == group]
        if not members:
            continue
        print(_("{group}:").format(group=GROUP_TITLES[group]))
        for row in members:
            count = ngettext("{count} category", "{count} categories", row["categories"]).format(
                count=row["categories"]
            )
            origin = "" if row["bundled"] else _("  (your file)")
            print(f"  {row['id']:<{width}}  {row['name']}: {count}{origin}")
    return 0


def _category_heading(category: Any) -> str:
    """ "ai-training: Posts used to train AI (high risk; there is a switch in the settings)",
    no risk for an action such as getting a copy of your data."""
    from gui.core.catalog.controls import control_phrase
    from gui.core.words import shown_risk

    what = control_phrase(category.default_control)
    risk = shown_risk(category)
    details = _("{risk} risk; {control}").format(risk=risk, control=what) if risk else what
    return f"{category.id}: {category.title} ({details})"


def show_platform(args: argparse.Namespace) -> int:
    from gui.core.catalog.controls import control_phrase, quote_source_text, regions_phrase

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
                title=policy.title, effective=policy.effective, url=policy.url
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
        print(_("  Last verified: {day}").format(day=category.verified))
    return 0


def _link_words(link: Any) -> dict[str, str]:
    confidence = (
        _("seen on the platform's own pages")
        if link.confidence == "confirmed"
        else _("address from third-party guides")
    )
    return {"url": link.url, "confidence": confidence}


# How much say a user has on a topic, in words (gui.core.topics.STANDINGS).
def _standing_words(standing: str) -> str:
    from gui.core.topics import FORM, SWITCH

    if standing == SWITCH:
        return _("a switch in the settings")
    if standing == FORM:
        return _("a form or request")
    return _("no real control")


def _topic_line(item: TopicStanding) -> str:
    """ "Meta AI: no real control. In the EEA and the UK: a form or request." """
    from gui.core.catalog.controls import regions_phrase

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
    from gui.cli import CommandError
    from gui.cli.lookup import resolve_id
    from gui.core.catalog.controls import region_label
    from gui.core.catalog.model import TOPIC_TITLES
    from gui.core.catalog.rules import is_region
    from gui.core.topics import topic_overview, topics_in

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


def validate_paths(args: argparse.Namespace) -> int:
    from pathlib import Path

    from gui.core.catalog import validate_file

    bad = 0
    for name in args.paths:
        path = Path(name)
        files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
        for file in files:
            problems = validate_file(file)
            for problem in problems:
                print(problem, file=sys.stderr)
            bad += bool(problems)
            if not problems:
                print(_("{file}: ok").format(file=file))
    return 1 if bad else 0
