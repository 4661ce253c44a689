"""``privacy-review summary --output FILE``: the printed summary, written as a file
(arguments in ``gui.cli.args.summary``).

Works headless: a PDF is laid out by Qt on the offscreen platform, so scripts and servers
without a display can make one.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gui.cli.args.summary import FORMAT_NAMES
from gui.cli.catalog_cmd import load_for_command
from gui.cli.errors import CommandError
from gui.cli.lookup import resolve_platform_ids
from gui.cli.store_access import open_for_command, refuse_store_files
from gui.core import paths
from gui.core.i18n import _
from gui.core.requests.model import overdue_summary_lines
from gui.core.store import StoreError
from gui.core.store.findings import database_of, load_readings
from gui.core.store.requests_store import RequestBook
from gui.core.summary.export import write_summary
from gui.core.summary.exports import with_exports
from gui.core.summary.model import (
    SummaryOptions,
    build_summary,
    default_platform_ids,
    format_for_path,
)

if TYPE_CHECKING:
    from gui.core.catalog import Catalog
    from gui.core.summary.model import Summary

__all__ = ["FORMAT_NAMES", "write_summary_command"]  # FORMAT_NAMES: tests import it from here

_COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")


def write_summary_command(args: argparse.Namespace) -> int:
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
    refuse_store_files(output, paths.resolve(args.data_dir))

    catalog = load_for_command(args)
    decisions, recheck_days = _read_checklist(args)
    if args.platforms:
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
    summary = _with_overdue_requests(args, catalog, summary)
    if options.include_exports:
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
    try:
        with open_for_command(args, backup=False) as store:
            return store.decisions(), store.recheck_days()
    except StoreError as error:
        raise CommandError(str(error)) from None


def _with_overdue_requests(args: argparse.Namespace, catalog: Catalog, summary: Summary) -> Summary:
    """``summary`` with its "Requests past their legal deadline" section filled from the
    privacy requests in the checklist (``privacy-review request``)."""
    try:
        with open_for_command(args, backup=False) as store:
            requests = RequestBook(store).all()
    except StoreError as error:
        raise CommandError(str(error)) from None
    names = {p.id: p.name for p in catalog.platforms}
    lines = overdue_summary_lines(requests, names, date.today())
    return dataclasses.replace(summary, overdue_requests=lines)


def _read_export_findings(args: argparse.Namespace) -> list[Any]:
    """What the user's exports showed, as the checklist keeps it (read-only, no backup)."""
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
