"""``privacy-review wizard``: check the platforms and topics given, then open the app with
the guided review, its start page set to them. The arguments are in ``gui.cli.args.wizard``."""

from __future__ import annotations

import argparse

from gui.cli.catalog_cmd import load_for_command
from gui.cli.lookup import resolve_id, resolve_platform_ids
from gui.core.topics import topics_in
from gui.desktop import app


def check_choices(
    platform_ids: list[str] | None, topics: list[str] | None, args: argparse.Namespace
) -> tuple[list[str] | None, list[str] | None]:
    """The platform ids and topics as the catalog spells them (typed in any case), repeats
    dropped, order kept; CommandError with "did you mean" and the valid values when one is
    unknown."""
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
    # Through the module, at call time, so the app (and tests) see the same function.
    return app.run_gui(args)
