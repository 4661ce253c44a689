"""``privacy-review summary --output FILE``: the printed summary, written as a file.

Works headless: a PDF is laid out by Qt on the offscreen platform, so scripts and servers
without a display can make one.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

from gui.cli.i18n import _

# The same names as gui.core.summary.model.FORMATS (a test keeps them equal); repeated here so
# that registering the command imports nothing but argparse.
FORMAT_NAMES = ("pdf", "html", "md", "txt")
PAGE_SIZES = ("a4", "letter")
_COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "summary",
        help=_("write a summary of your checklist (PDF, HTML, Markdown or text)"),
        description=_(
            "Write the summary of your checklist: what is still to do, then each "
            "platform's categories with what you decided, when, and your notes."
        ),
    )
    parser.add_argument("--output", "-o", required=True, metavar="FILE", help=_("file to write"))
    parser.add_argument(
        "--format",
        choices=FORMAT_NAMES,
        help=_("output format (default: from the extension of FILE)"),
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--platform",
        dest="platforms",
        action="extend",
        nargs="+",
        metavar="ID",
        help=_(
            "only these platforms (default: the ones you reviewed, or all when you have "
            "reviewed none); repeat or list several"
        ),
    )
    which.add_argument(
        "--all-platforms",
        action="store_true",
        help=_("every platform in the catalog, also the ones you have not reviewed"),
    )
    parser.add_argument(
        "--no-notes",
        dest="include_notes",
        action="store_false",
        help=_("leave your notes out"),
    )
    unreviewed = parser.add_mutually_exclusive_group()
    unreviewed.add_argument(
        "--include-unreviewed",
        dest="include_unreviewed",
        action="store_true",
        default=True,
        help=_("include categories you have not reviewed yet (the default)"),
    )
    unreviewed.add_argument(
        "--no-unreviewed",
        dest="include_unreviewed",
        action="store_false",
        help=_("leave categories you have not reviewed yet out"),
    )
    parser.add_argument(
        "--page-size",
        choices=PAGE_SIZES,
        help=_("paper size of a PDF (default: Letter in the US and Canada, else A4, by locale)"),
    )
    parser.add_argument(
        "--country",
        metavar="CODE",
        help=_("two-letter country code; controls not offered there are listed as unavailable"),
    )
    parser.add_argument(
        "--with-exports",
        dest="include_exports",
        action="store_true",
        help=_(
            "add what your data exports showed (from `privacy-review evidence`; off by "
            "default, as an export can say more about you than the checklist does)"
        ),
    )
    parser.set_defaults(handler=write_summary_command)


def write_summary_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from gui.cli import CommandError
    from gui.cli.catalog_cmd import load_for_command
    from gui.cli.store_cmd import _refuse_store_files
    from gui.core import paths
    from gui.core.summary.export import write_summary
    from gui.core.summary.model import (
        SummaryOptions,
        build_summary,
        default_platform_ids,
        format_for_path,
    )

    output = Path(args.output)
    try:
        fmt = format_for_path(output, args.format)
    except ValueError as error:
        raise CommandError(_("{error} (with --format)").format(error=error)) from None
    country = args.country
    if country is not None and not _COUNTRY_RE.match(country):
        raise CommandError(
            _("--country takes a two-letter code such as DE or US, not {country}").format(
                country=repr(country)
            )
        )
    if output.is_dir():
        raise CommandError(_("{output} is a folder; give a file name").format(output=output))
    # The store's own guard: a summary must never be written over the checklist itself.
    _refuse_store_files(output, paths.resolve(args.data_dir))

    catalog = load_for_command(args)
    decisions, recheck_days = _read_checklist(args)
    if args.platforms:
        from gui.cli.lookup import resolve_platform_ids

        known = [p.id for p in catalog.platforms]
        known += sorted({d.platform_id for d in decisions} - set(known))
        platform_ids = resolve_platform_ids(args.platforms, known)
    elif args.all_platforms:
        platform_ids = None
    else:
        # What the user reviewed, not a 7-page summary of every platform in the catalog.
        platform_ids = default_platform_ids(catalog, decisions)

    options = SummaryOptions(
        platform_ids=platform_ids,
        include_notes=args.include_notes,
        include_unreviewed=args.include_unreviewed,
        country=country.upper() if country else None,
        recheck_days=recheck_days,
        include_exports=args.include_exports,
    )
    summary = build_summary(catalog, decisions, options)
    from gui.cli.request_cmd import with_overdue_requests  # privacy requests past deadline

    summary = with_overdue_requests(args, catalog, summary)
    if options.include_exports:
        from gui.core.summary.exports import with_exports

        summary = with_exports(summary, _read_export_findings(args))
    try:
        write_summary(summary, output, fmt, page_size=args.page_size, pdf=_pdf_renderer(fmt))
    except OSError as error:
        raise CommandError(
            _("cannot write {output}: {reason}").format(
                output=output, reason=error.strerror or error
            )
        ) from None
    print(_("Wrote {output} ({format})").format(output=output, format=fmt))
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


def _read_export_findings(args: argparse.Namespace) -> list[Any]:
    """What the user's exports showed, as the checklist keeps it (read-only, no backup)."""
    from gui.cli import CommandError
    from gui.cli.store_cmd import open_for_command
    from gui.core.store import StoreError
    from gui.core.store.findings import database_of, load_readings

    try:
        with open_for_command(args, backup=False) as store:
            return load_readings(database_of(store))
    except StoreError as error:
        raise CommandError(str(error)) from None


def _pdf_renderer(fmt: str) -> Callable[..., bytes] | None:
    """The desktop layer's PDF renderer, imported only when a PDF is written (it loads Qt)."""
    if fmt != "pdf":
        return None
    from gui.desktop.summary.pdf import render_pdf

    return render_pdf
