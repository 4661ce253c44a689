"""``privacy-review catalog list|show|validate``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gui.core.catalog import Catalog, Platform


def register(subparsers: Any) -> None:
    catalog = subparsers.add_parser("catalog", help="list, show and validate platform catalogs")
    actions = catalog.add_subparsers(dest="catalog_command", metavar="ACTION")

    list_parser = actions.add_parser("list", help="platforms with their number of categories")
    list_parser.add_argument("--json", action="store_true", help="print JSON")
    list_parser.set_defaults(handler=list_platforms)

    show = actions.add_parser("show", help="one platform with all its categories")
    show.add_argument("platform", metavar="PLATFORM", help="platform id, e.g. x")
    show.add_argument("--json", action="store_true", help="print the parsed platform as JSON")
    show.set_defaults(handler=show_platform)

    topics = actions.add_parser(
        "topics", help="for a topic, which platforms have a switch, a form, or no control"
    )
    topics.add_argument(
        "topic", nargs="?", metavar="TOPIC", help="e.g. ai-training; all if omitted"
    )
    topics.add_argument("--region", metavar="CC", help="country code, e.g. DE or GB")
    topics.add_argument("--json", action="store_true", help="print JSON")
    topics.set_defaults(handler=show_topics)

    validate = actions.add_parser("validate", help="check catalog files; exit 1 on any problem")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.set_defaults(handler=validate_paths)


def load_for_command(args: argparse.Namespace) -> Catalog:
    """The catalog as the app sees it: bundled platforms plus the user's own files, whose
    problems are reported on stderr but do not stop the command."""
    from gui.cli import CommandError
    from gui.core import paths
    from gui.core.catalog import CatalogError, load_catalog

    dirs = paths.resolve(args.data_dir)
    try:
        catalog = load_catalog(user_dir=dirs.user_catalogs)
    except CatalogError as error:
        raise CommandError(f"the bundled catalog is broken: {error}") from None
    for problem in catalog.skipped:
        print(f"privacy-review: skipped user catalog file: {problem}", file=sys.stderr)
    return catalog


def find_platform(catalog: Catalog, platform_id: str) -> Platform:
    from gui.cli import CommandError

    platform = catalog.platform(platform_id)
    if platform is None:
        known = ", ".join(p.id for p in catalog.platforms)
        raise CommandError(f"unknown platform {platform_id!r}; known platforms: {known}")
    return platform


def list_platforms(args: argparse.Namespace) -> int:
    catalog = load_for_command(args)
    rows = [
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
        print(f"{GROUP_TITLES[group]}:")
        for row in members:
            origin = "" if row["bundled"] else "  (your file)"
            print(f"  {row['id']:<{width}}  {row['name']}: {row['categories']} categories{origin}")
    return 0


def show_platform(args: argparse.Namespace) -> int:
    from gui.core.catalog.controls import control_phrase, quote_source_text, regions_phrase

    platform = find_platform(load_for_command(args), args.platform)
    if args.json:
        print(json.dumps(platform.to_json(), indent=2, ensure_ascii=False))
        return 0
    print(f"{platform.name} ({platform.id}): {len(platform.categories)} categories")
    for policy in platform.policies:
        print(f"  policy: {policy.title}, effective {policy.effective}: {policy.url}")
    for category in platform.categories:
        print()
        print(
            f"{category.id}: {category.title}  [risk {category.risk}, control {category.control}]"
        )
        print(f"  Collected: {category.collected}")
        quote = category.quote
        print(f'  {quote_source_text(quote)}: "{quote.text}" ({quote.source})')
        for link in category.links:
            print(f"  Settings: {link.url} ({link.confidence})")
        for control in category.regional:
            where = regions_phrase(control.regions)
            print(f"  In {where}: {control_phrase(control)} (control {control.kind})")
            for link in control.links:
                print(f"    Settings: {link.url} ({link.confidence})")
        print(f"  Last verified: {category.verified}")
    return 0


def show_topics(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.core.catalog import TOPICS
    from gui.core.catalog.controls import regions_phrase
    from gui.core.catalog.model import TOPIC_TITLES
    from gui.core.topics import topic_overview, topics_in

    catalog = load_for_command(args)
    if args.topic and args.topic not in TOPICS:
        raise CommandError(f"unknown topic {args.topic!r}; topics: {', '.join(TOPICS)}")
    wanted = [args.topic] if args.topic else topics_in(catalog)
    region = args.region.upper() if args.region else None
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
            for item in topic_overview(catalog, topic, region)
        ]
        for topic in wanted
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    for topic, items in report.items():
        print(f"{TOPIC_TITLES[topic]} ({topic}):")
        for item in items:
            name = catalog.platform(item["platform"]).name  # type: ignore[union-attr]
            elsewhere = "".join(
                f"; in {regions_phrase(r['regions'])}: {r['standing']}" for r in item["regional"]
            )
            print(f"  {name}: {item['standing']}{elsewhere}")
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
                print(f"{file}: ok")
    return 1 if bad else 0
