"""``privacy-review evidence``: read a platform's data export on this computer and keep what
it shows (counts, dates, a few examples; never the export's content), list it, forget it.
The arguments are in ``gui.cli.args.evidence``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from gui.cli.errors import CommandError
from gui.cli.store_access import open_for_command
from gui.core import dates
from gui.core.catalog.rules import terminal_safe
from gui.core.evidence.engine import read_export
from gui.core.evidence.errors import ExportError
from gui.core.i18n import _, ngettext
from gui.core.store import StoreError
from gui.core.store.findings import database_of, forget_reading, load_readings, save_reading

if TYPE_CHECKING:
    from gui.core.evidence.model import ExportReading


def _print_reading(reading: ExportReading) -> None:
    if reading.export_date:
        heading = _("{platform} export {name}, made {made} (read {read}):")
    else:
        heading = _("{platform} export {name} (read {read}):")
    shown = heading.format(
        platform=reading.platform_name,
        name=reading.export_name,
        made=dates.day(reading.export_date),
        read=dates.day(reading.read_at),
    )
    print(terminal_safe(shown))
    current = None
    for finding in reading.findings:
        key = f"{finding.platform_id}/{finding.category_id}"
        if key != current:
            current = key
            print(f"  {key}")
        # Examples come from the export: escape sequences must not reach the terminal.
        print(f"    {terminal_safe(finding.text)}")


def read_command(args: argparse.Namespace) -> int:
    try:
        reading = read_export(Path(args.file).expanduser(), args.platform)
    except ExportError as error:
        raise CommandError(_("{error} Nothing was kept.").format(error=error)) from None
    try:
        with open_for_command(args) as store:
            save_reading(database_of(store), reading)
    except StoreError as error:
        raise CommandError(str(error)) from None
    _print_reading(reading)
    count = len(reading.findings)
    print()
    print(
        ngettext(
            "Kept {count} finding (counts, dates, a few examples) in your checklist. "
            "`privacy-review evidence forget {platform}` removes it.",
            "Kept {count} findings (counts, dates, a few examples) in your checklist. "
            "`privacy-review evidence forget {platform}` removes them.",
            count,
        ).format(count=count, platform=reading.platform_id)
    )
    return 0


def show_command(args: argparse.Namespace) -> int:
    try:
        with open_for_command(args, backup=False) as store:
            readings = load_readings(database_of(store), args.platform)
    except StoreError as error:
        raise CommandError(str(error)) from None
    if args.json:
        print(json.dumps([r.to_json() for r in readings], indent=2, ensure_ascii=False))
        return 0
    if not readings:
        if args.platform:
            message = _(
                "No export from {platform} read yet. `privacy-review evidence read FILE` reads one."
            )
        else:
            message = _("No export read yet. `privacy-review evidence read FILE` reads one.")
        print(message.format(platform=args.platform))
        return 0
    for number, reading in enumerate(readings):
        if number:
            print()
        _print_reading(reading)
    return 0


def forget_command(args: argparse.Namespace) -> int:
    try:
        with open_for_command(args) as store:
            removed = forget_reading(database_of(store), args.platform)
    except StoreError as error:
        raise CommandError(str(error)) from None
    if not removed:
        raise CommandError(
            _("no export from {platform} is kept; nothing to forget").format(
                platform=repr(args.platform)
            )
        )
    print(_("Forgot what the {platform} export showed.").format(platform=args.platform))
    return 0
