"""``privacy-review request ...``: draft a GDPR, UK GDPR or CCPA request where no switch
exists, record that it was sent, follow its legal deadline, and draft the follow-up and
the complaint. Nothing is sent by the app: the user sends the letter. The arguments are in
``gui.cli.args.request``."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from gui.cli.args import Handler
from gui.cli.catalog_cmd import load_for_command
from gui.cli.errors import CommandError
from gui.cli.lookup import find_category, find_platform
from gui.cli.store_access import open_for_command
from gui.core import dates
from gui.core.catalog.rules import terminal_safe
from gui.core.i18n import _
from gui.core.requests.calendar import deadline_event
from gui.core.requests.deadlines import STATUS_LABELS, RequestStatus
from gui.core.requests.laws import (
    LAW_SHORT,
    NOT_LEGAL_ADVICE,
    Law,
    RequestInputError,
    law_for_region,
    parse_law,
    right_for,
)
from gui.core.requests.letters import draft_complaint, draft_follow_up, draft_request
from gui.core.requests.model import Requester
from gui.core.requests.render import letter_markdown, letter_text
from gui.core.review.session import load_region
from gui.core.store import StoreError
from gui.core.store.requests_store import RequestBook

if TYPE_CHECKING:
    from gui.core.requests.letters import Letter
    from gui.core.requests.model import DataRequest

LAW_NAMES = tuple(law.value for law in Law)


# --- shared -----------------------------------------------------------------------------


def _today() -> date:
    return date.today()


def _parse_day(value: str | None) -> date:
    if value is None:
        return _today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("not a date: {value}; expected YYYY-MM-DD").format(value=repr(value))
        ) from None


def _write_letter(letter: Letter, output: str | None) -> None:
    if letter.notice:
        print(_("privacy-review: {notice}").format(notice=letter.notice), file=sys.stderr)
    print(_("privacy-review: {notice}").format(notice=NOT_LEGAL_ADVICE), file=sys.stderr)
    if output is None:
        sys.stdout.write(letter_text(letter))
        return
    target = Path(output)
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        from gui.desktop.requests.pdf import write_letter_pdf  # Qt, only for a PDF

        data = write_letter_pdf(letter)
    elif suffix in (".md", ".markdown"):
        data = letter_markdown(letter).encode("utf-8")
    elif suffix in (".txt", ""):
        data = letter_text(letter).encode("utf-8")
    else:
        raise CommandError(
            _("cannot write {suffix}; use .txt, .md or .pdf").format(suffix=repr(suffix))
        )
    _write_file(target, data)


def _write_file(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as error:
        raise CommandError(
            _("cannot write {output}: {reason}").format(
                output=target, reason=error.strerror or error
            )
        ) from None
    print(_("Wrote {output}").format(output=target))


def _reports_errors(handler: Handler) -> Handler:
    @functools.wraps(handler)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return int(handler(args))
        except RequestInputError as error:
            raise CommandError(str(error)) from None
        except StoreError as error:
            raise CommandError(str(error)) from None

    return wrapper


def _no_law_message(country: str | None) -> str:
    if country:
        message = _(
            "no law follows from your region ({country}); pass --law with one of: {laws} "
            "(these rights apply in the EU and EEA, the UK and California)"
        )
    else:
        message = _(
            "no law follows from no region chosen; pass --law with one of: {laws} "
            "(these rights apply in the EU and EEA, the UK and California)"
        )
    return message.format(country=country, laws=", ".join(LAW_NAMES))


# --- commands ---------------------------------------------------------------------------


@_reports_errors
def draft_command(args: argparse.Namespace) -> int:
    platform = find_platform(load_for_command(args), args.platform)
    categories = [find_category(platform, category_id) for category_id in args.categories]
    with open_for_command(args) as store:
        _chosen, region = load_region(store)
        country = (args.country or region or "").upper() or None
        if args.law is not None:
            law = parse_law(args.law)
        else:
            found = law_for_region(country)
            if found is None:
                raise CommandError(_no_law_message(country))
            law = found
        right_for(law, args.kind)  # a clear message before anything is kept
        book = RequestBook(store)
        last = book.last_requester()
        requester = Requester(
            args.name if args.name is not None else last.name,
            args.account if args.account is not None else last.account,
        )
        letter = draft_request(
            platform,
            args.kind,
            law,
            categories=categories,
            requester=requester,
            grounds=args.grounds,
            details=args.details,
            country=country,
            today=_today(),
        )
        request = book.add(
            platform.id,
            args.kind,
            law,
            category_ids=tuple(c.id for c in categories),
            requester=requester,
            grounds=args.grounds,
            details=args.details,
        )
    _write_letter(letter, args.output)
    print(
        _(
            "privacy-review: kept as request {id} ({law}). When you have sent it: "
            "privacy-review request sent {id}"
        ).format(id=request.id, law=LAW_SHORT[law]),
        file=sys.stderr,
    )
    return 0


@_reports_errors
def status_command(args: argparse.Namespace) -> int:
    with open_for_command(args) as store:
        book = RequestBook(store)
        action = args.status_action
        if action == "sent":
            request = book.mark_sent(args.id, _parse_day(args.on))
        elif action == "answered":
            request = book.mark_answered(args.id, _parse_day(args.on))
        elif action == "extended":
            request = book.mark_extended(args.id)
        else:
            request = book.close(args.id)
    status, due = request.status_on(_today())
    if due:
        message = _("Request {id}: {status}; deadline {deadline}")
    else:
        message = _("Request {id}: {status}")
    print(message.format(id=request.id, status=STATUS_LABELS[status], deadline=dates.day(due)))
    return 0


def _request_json(request: DataRequest, today: date, names: dict[str, str]) -> dict[str, object]:
    # A file format for scripts: the days stay ISO 8601.
    status, due = request.status_on(today)
    return {
        "id": request.id,
        "platform": request.platform_id,
        "platform_name": names.get(request.platform_id, request.platform_id),
        "categories": list(request.category_ids),
        "kind": request.kind.value,
        "law": request.law.value,
        "status": status.value,
        "drafted": request.drafted_at.date().isoformat(),
        "sent": request.sent_on.isoformat() if request.sent_on else None,
        "deadline": due.isoformat() if due else None,
        "extended": request.extended,
        "answered": request.answered_on.isoformat() if request.answered_on else None,
        "follow_up": request.follow_up_on.isoformat() if request.follow_up_on else None,
    }


@_reports_errors
def list_command(args: argparse.Namespace) -> int:
    names = {p.id: p.name for p in load_for_command(args).platforms}
    with open_for_command(args) as store:
        requests = RequestBook(store).all()
    today = _today()
    if args.json:
        rows = [_request_json(r, today, names) for r in requests]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not requests:
        print(_("No requests yet. Draft one with: privacy-review request draft PLATFORM KIND"))
        return 0
    for request in requests:
        status, due = request.status_on(today)
        if due:
            message = _("{platform}: {kind} ({law}): {status}, deadline {deadline}")
        else:
            message = _("{platform}: {kind} ({law}): {status}")
        line = message.format(
            platform=terminal_safe(names.get(request.platform_id, request.platform_id)),
            kind=request.kind.value,
            law=LAW_SHORT[request.law],
            status=STATUS_LABELS[status],
            deadline=dates.day(due),
        )
        mark = "! " if status is RequestStatus.OVERDUE else "  "
        print(f"{mark}{request.id:>4}  {line}")
    return 0


@_reports_errors
def follow_up_command(args: argparse.Namespace) -> int:
    catalog = load_for_command(args)
    today = _today()
    with open_for_command(args) as store:
        book = RequestBook(store)
        request = book.get(args.id)
        _chosen, region = load_region(store)
        if request.sent_on is None:
            raise CommandError(
                _(
                    "request {id} is not marked as sent; a follow-up needs the day it was "
                    "sent: privacy-review request sent {id} --on YYYY-MM-DD"
                ).format(id=request.id)
            )
        platform = find_platform(catalog, request.platform_id)
        categories = [c for c in map(platform.category, request.category_ids) if c is not None]
        if args.complaint:
            letter = draft_complaint(request, platform, categories=categories, today=today)
        else:
            if not request.is_overdue(today):
                _status, due = request.status_on(today)
                if due:
                    note = _("privacy-review: note: request {id} is not overdue (deadline {day}).")
                else:
                    note = _(
                        "privacy-review: note: request {id} is not overdue (deadline unknown)."
                    )
                print(note.format(id=request.id, day=dates.day(due)), file=sys.stderr)
            letter = draft_follow_up(
                request, platform, categories=categories, country=region, today=today
            )
            book.followed_up(request.id, today)
    _write_letter(letter, args.output)
    return 0


@_reports_errors
def calendar_command(args: argparse.Namespace) -> int:
    names = {p.id: p.name for p in load_for_command(args).platforms}
    with open_for_command(args) as store:
        request = RequestBook(store).get(args.id)
    try:
        data = deadline_event(
            request,
            names.get(request.platform_id, request.platform_id),
            now=datetime.now(UTC),
            today=_today(),
        )
    except ValueError as error:
        raise CommandError(_("request {id}: {error}").format(id=request.id, error=error)) from None
    _write_file(Path(args.output), data)
    return 0
