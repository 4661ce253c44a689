"""``privacy-review wizard [--platform ID ...] [--topic TOPIC ...]``: open the app with the
guided review, its start page set to those platforms and topics."""

from __future__ import annotations

import argparse
from typing import Any

from gui.cli.i18n import _


def register(subparsers: Any) -> None:
    wizard = subparsers.add_parser(
        "wizard",
        help=_("open the guided review"),
        description=_(
            "Open the app with the guided review. Platforms and topics given here "
            "are chosen on its first page; a topic reviews that topic across the platforms."
        ),
    )
    wizard.add_argument(
        "--platform",
        dest="platform_ids",
        action="append",
        metavar="ID",
        help=_("a platform to review, e.g. x (repeat for more; see `catalog list`)"),
    )
    wizard.add_argument(
        "--topic",
        dest="topic_ids",
        action="append",
        metavar="TOPIC",
        help=_("review one topic across platforms, e.g. ai-training (repeat for more)"),
    )
    wizard.set_defaults(handler=open_wizard)


def check_choices(
    platform_ids: list[str] | None, topics: list[str] | None, args: argparse.Namespace
) -> tuple[list[str] | None, list[str] | None]:
    """The platform ids and topics as the catalog spells them (typed in any case), repeats
    dropped, order kept; CommandError with "did you mean" and the valid values when one is
    unknown."""
    from gui.cli.catalog_cmd import load_for_command
    from gui.cli.lookup import resolve_id, resolve_platform_ids
    from gui.core.topics import topics_in

    catalog = load_for_command(args)
    found_platforms = None
    if platform_ids:
        found_platforms = list(
            resolve_platform_ids(platform_ids, [p.id for p in catalog.platforms])
        )
    found_topics = None
    if topics:
        known_topics = topics_in(catalog)
        found_topics = list(dict.fromkeys(resolve_id("topic", t, known_topics) for t in topics))
    return found_platforms, found_topics


def open_wizard(args: argparse.Namespace) -> int:
    platform_ids, topics = check_choices(args.platform_ids, args.topic_ids, args)
    args.open_wizard = True
    args.wizard_platforms = platform_ids
    args.wizard_topics = topics
    # Looked up at call time so the app (and tests) see the same function.
    from gui.desktop import app

    return app.run_gui(args)
