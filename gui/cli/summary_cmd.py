"""``privacy-review summary --output FILE``: the printed summary, written as a file.

Works headless: a PDF is laid out by Qt on the offscreen platform, so scripts and servers
without a display can make one.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

# The same names as gui.core.summary.model.FORMATS (a test keeps them equal); repeated here so
# that registering the command imports nothing but argparse.
FORMAT_NAMES = ("pdf", "html", "md", "txt")
PAGE_SIZES = ("a4", "letter")
_COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "summary",
        help="write a summary of your checklist (PDF, HTML, Markdown or text)",
        description="Write the summary of your checklist: what is still to do, then each "
        "platform's categories with what you decided, when, and your notes.",
    )
    parser.add_argument("--output", "-o", required=True, metavar="FILE", help="file to write")
    parser.add_argument(
        "--format",
        choices=FORMAT_NAMES,
        help="output format (default: from the extension of FILE)",
    )
    parser.add_argument(
        "--platform",
        dest="platforms",
        action="extend",
        nargs="+",
        metavar="ID",
        help="only these platforms (default: all); repeat or list several",
    )
    parser.add_argument(
        "--no-notes",
        dest="include_notes",
        action="store_false",
        help="leave your notes out",
    )
    unreviewed = parser.add_mutually_exclusive_group()
    unreviewed.add_argument(
        "--include-unreviewed",
        dest="include_unreviewed",
        action="store_true",
        default=True,
        help="include categories you have not reviewed yet (the default)",
    )
    unreviewed.add_argument(
        "--no-unreviewed",
        dest="include_unreviewed",
        action="store_false",
        help="leave categories you have not reviewed yet out",
    )
    parser.add_argument(
        "--page-size",
        choices=PAGE_SIZES,
        help="paper size of a PDF (default: Letter in the US and Canada, else A4, by locale)",
    )
    parser.add_argument(
        "--country",
        metavar="CODE",
        help="two-letter country code; controls not offered there are listed as unavailable",
    )
    parser.set_defaults(handler=write_summary_command)


def write_summary_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from gui.cli import CommandError
    from gui.cli.catalog_cmd import load_for_command
    from gui.cli.store_cmd import _refuse_store_files
    from gui.core import paths
    from gui.core.summary.export import write_summary
    from gui.core.summary.model import SummaryOptions, build_summary, format_for_path

    output = Path(args.output)
    try:
        fmt = format_for_path(output, args.format)
    except ValueError as error:
        raise CommandError(f"{error} (with --format)") from None
    country = args.country
    if country is not None and not _COUNTRY_RE.match(country):
        raise CommandError(f"--country takes a two-letter code such as DE or US, not {country!r}")
    if output.is_dir():
        raise CommandError(f"{output} is a folder; give a file name")
    # The store's own guard: a summary must never be written over the checklist itself.
    _refuse_store_files(output, paths.resolve(args.data_dir))

    catalog = load_for_command(args)
    decisions, recheck_days = _read_checklist(args)
    platform_ids = None
    if args.platforms:
        known = [p.id for p in catalog.platforms]
        known += sorted({d.platform_id for d in decisions} - set(known))
        unknown = [pid for pid in args.platforms if pid not in known]
        if unknown:
            raise CommandError(
                f"unknown platform {unknown[0]!r}; known platforms: {', '.join(known)}"
            )
        platform_ids = tuple(dict.fromkeys(args.platforms))  # keep order, drop repeats

    options = SummaryOptions(
        platform_ids=platform_ids,
        include_notes=args.include_notes,
        include_unreviewed=args.include_unreviewed,
        country=country.upper() if country else None,
        recheck_days=recheck_days,
    )
    summary = build_summary(catalog, decisions, options)
    try:
        write_summary(summary, output, fmt, page_size=args.page_size)
    except OSError as error:
        raise CommandError(f"cannot write {output}: {error.strerror or error}") from None
    print(f"Wrote {output} ({fmt})")
    return 0


def _read_checklist(args: argparse.Namespace) -> tuple[list[Any], int]:
    """Every decision in the user's checklist and its re-check interval. The store is
    opened the way every checklist command opens it (passphrase from the environment or
    the terminal, each failure one line and exit 1); a summary only reads, so no backup."""
    from gui.cli import CommandError
    from gui.cli.store_cmd import open_for_command
    from gui.core.store import StoreError

    try:
        with open_for_command(args, backup=False) as store:
            return store.decisions(), store.recheck_days()
    except StoreError as error:
        raise CommandError(str(error)) from None
