"""``privacy-review evidence``: read a platform's data export on this computer and keep what
it shows (counts, dates, a few examples; never the export's content), list it, forget it.

Registering imports nothing but argparse; the readers load when a command runs.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "evidence",
        help="read a data export you downloaded from a platform, and what it shows",
        description="Read the data export a platform gave you (the ZIP, read in place: "
        "nothing is extracted, copied or sent) and keep only what it shows per category: "
        "counts, dates and a few examples, in your encrypted checklist.",
    )
    commands = parser.add_subparsers(dest="evidence_command", metavar="COMMAND")
    read = commands.add_parser("read", help="read an export and keep what it shows")
    read.add_argument("file", metavar="FILE", help="the export archive (.zip) as downloaded")
    read.add_argument(
        "--platform", metavar="ID", help="the platform it is from (default: detected)"
    )
    read.set_defaults(handler=read_command)
    show = commands.add_parser("show", help="what the exports you read show")
    show.add_argument("--platform", metavar="ID", help="only this platform's export")
    show.add_argument("--json", action="store_true", help="as JSON")
    show.set_defaults(handler=show_command)
    forget = commands.add_parser("forget", help="forget what a platform's export showed")
    forget.add_argument("platform", metavar="PLATFORM", help="the platform id (x, linkedin...)")
    forget.set_defaults(handler=forget_command)


def _print_reading(reading: Any) -> None:
    from gui.core.catalog.rules import terminal_safe

    made = f", made {reading.export_date:%Y-%m-%d}" if reading.export_date else ""
    print(
        terminal_safe(
            f"{reading.platform_name} export {reading.export_name}{made} "
            f"(read {reading.read_at:%Y-%m-%d}):"
        )
    )
    current = None
    for finding in reading.findings:
        key = f"{finding.platform_id}/{finding.category_id}"
        if key != current:
            current = key
            print(f"  {key}")
        # Examples come from the export: escape sequences must not reach the terminal.
        print(f"    {terminal_safe(finding.text)}")


def read_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from gui.cli import CommandError
    from gui.cli.store_cmd import open_for_command
    from gui.core.evidence.engine import read_export
    from gui.core.evidence.errors import ExportError
    from gui.core.store import StoreError
    from gui.core.store.findings import database_of, save_reading

    try:
        reading = read_export(Path(args.file).expanduser(), args.platform)
    except ExportError as error:
        raise CommandError(f"{error} Nothing was kept.") from None
    try:
        with open_for_command(args) as store:
            save_reading(database_of(store), reading)
    except StoreError as error:
        raise CommandError(str(error)) from None
    _print_reading(reading)
    print(
        f"\nKept {len(reading.findings)} findings (counts, dates, a few examples) in your "
        f"checklist. `privacy-review evidence forget {reading.platform_id}` removes them."
    )
    return 0


def show_command(args: argparse.Namespace) -> int:
    import json

    from gui.cli import CommandError
    from gui.cli.store_cmd import open_for_command
    from gui.core.store import StoreError
    from gui.core.store.findings import database_of, load_readings

    try:
        with open_for_command(args, backup=False) as store:
            readings = load_readings(database_of(store), args.platform)
    except StoreError as error:
        raise CommandError(str(error)) from None
    if args.json:
        print(json.dumps([r.to_json() for r in readings], indent=2, ensure_ascii=False))
        return 0
    if not readings:
        which = f" from {args.platform}" if args.platform else ""
        print(f"No export{which} read yet. `privacy-review evidence read FILE` reads one.")
        return 0
    for number, reading in enumerate(readings):
        if number:
            print()
        _print_reading(reading)
    return 0


def forget_command(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.cli.store_cmd import open_for_command
    from gui.core.store import StoreError
    from gui.core.store.findings import database_of, forget_reading

    try:
        with open_for_command(args) as store:
            removed = forget_reading(database_of(store), args.platform)
    except StoreError as error:
        raise CommandError(str(error)) from None
    if not removed:
        raise CommandError(f"no export from {args.platform!r} is kept; nothing to forget")
    print(f"Forgot what the {args.platform} export showed.")
    return 0
