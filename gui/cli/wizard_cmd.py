"""``privacy-review wizard [--platform ID ...] [--topic TOPIC ...]``: open the app with the
guided review, its start page set to those platforms and topics."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    wizard = subparsers.add_parser(
        "wizard",
        help="open the guided review",
        description="Open the app with the guided review. Platforms and topics given here "
        "are chosen on its first page; a topic reviews that topic across the platforms.",
    )
    wizard.add_argument(
        "--platform",
        dest="platform_ids",
        action="append",
        metavar="ID",
        help="a platform to review, e.g. x (repeat for more; see `catalog list`)",
    )
    wizard.add_argument(
        "--topic",
        dest="topic_ids",
        action="append",
        metavar="TOPIC",
        help="review one topic across platforms, e.g. ai-training (repeat for more)",
    )
    wizard.set_defaults(handler=open_wizard)


def check_choices(
    platform_ids: list[str] | None, topics: list[str] | None, args: argparse.Namespace
) -> None:
    """Raise CommandError naming the valid values when an id or topic is unknown."""
    from gui.cli import CommandError
    from gui.cli.catalog_cmd import load_for_command
    from gui.core.topics import topics_in

    catalog = load_for_command(args)
    known_platforms = [p.id for p in catalog.platforms]
    for platform_id in platform_ids or ():
        if platform_id not in known_platforms:
            raise CommandError(
                f"unknown platform {platform_id!r}; known platforms: {', '.join(known_platforms)}"
            )
    known_topics = topics_in(catalog)
    for topic in topics or ():
        if topic not in known_topics:
            raise CommandError(f"unknown topic {topic!r}; topics: {', '.join(known_topics)}")


def open_wizard(args: argparse.Namespace) -> int:
    # Repeated values collapse, keeping the order given.
    platform_ids = list(dict.fromkeys(args.platform_ids)) if args.platform_ids else None
    topics = list(dict.fromkeys(args.topic_ids)) if args.topic_ids else None
    check_choices(platform_ids, topics, args)
    args.open_wizard = True
    args.wizard_platforms = platform_ids
    args.wizard_topics = topics
    # Looked up at call time so the app (and tests) see the same function.
    from gui.desktop import app

    return app.run_gui(args)
