"""``privacy-review request ...``: draft a GDPR, UK GDPR or CCPA request where no switch
exists, record that it was sent, follow its legal deadline, and draft the follow-up and
the complaint. Nothing is sent by the app: the user sends the letter."""

from __future__ import annotations

import argparse
import sys
from typing import Any

LAW_NAMES = ("gdpr", "uk-gdpr", "ccpa")  # gui.core.requests.laws.Law, kept cheap here


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "request",
        help="draft a data-protection request (GDPR, UK GDPR, CCPA) and track its deadline",
        description="Draft a letter using your legal rights where no setting exists, and "
        "track the legal deadline. The app never sends it: you do, then say so with "
        "`request sent`. This is not legal advice.",
    )
    actions = parser.add_subparsers(dest="request_action", metavar="ACTION")

    draft = actions.add_parser("draft", help="draft a request letter and keep it in the checklist")
    draft.add_argument("platform", metavar="PLATFORM")
    draft.add_argument(
        "kind",
        metavar="KIND",
        help="GDPR / UK GDPR: access, correction, erasure, restriction, objection, "
        "objection-marketing, withdraw-consent; CCPA: know, delete, correct, opt-out, "
        "limit-sensitive",
    )
    draft.add_argument("--category", dest="categories", action="append", default=[], metavar="ID")
    draft.add_argument(
        "--law", metavar="LAW", help="gdpr, uk-gdpr or ccpa (default: from your region)"
    )
    draft.add_argument("--name", default=None, help="your name, as the letter is signed")
    draft.add_argument(
        "--account", default=None, help="your account handle or e-mail on the platform"
    )
    draft.add_argument("--grounds", default="", help="your reasons (needed for objection)")
    draft.add_argument("--details", default="", help="anything to add (what to correct, ...)")
    draft.add_argument("--country", metavar="CC", help="your country (default: your region)")
    draft.add_argument("--output", "-o", metavar="FILE", help="write .txt, .md or .pdf")
    draft.set_defaults(handler=draft_command)

    for name, help_text in (
        ("sent", "say you sent request ID (the deadline runs from that day)"),
        ("answered", "say request ID was answered"),
    ):
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("id", type=int, metavar="ID")
        sub.add_argument("--on", metavar="DATE", help="YYYY-MM-DD (default: today)")
        sub.set_defaults(handler=status_command, status_action=name)
    for name, help_text in (
        ("extended", "say the platform extended the deadline, as the law allows"),
        ("close", "close request ID"),
    ):
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("id", type=int, metavar="ID")
        sub.set_defaults(handler=status_command, status_action=name)

    listing = actions.add_parser("list", help="your requests with status and deadline")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=list_command)

    follow = actions.add_parser(
        "follow-up",
        help="draft the reminder for an overdue request (then, with --complaint, the "
        "complaint to the supervisory authority)",
    )
    follow.add_argument("id", type=int, metavar="ID")
    follow.add_argument("--complaint", action="store_true", help="draft the complaint")
    follow.add_argument("--output", "-o", metavar="FILE", help="write .txt, .md or .pdf")
    follow.set_defaults(handler=follow_up_command)

    cal = actions.add_parser("calendar", help="save request ID's deadline as a .ics event")
    cal.add_argument("id", type=int, metavar="ID")
    cal.add_argument("--output", "-o", required=True, metavar="FILE")
    cal.set_defaults(handler=calendar_command)


# --- shared -----------------------------------------------------------------------------


def _today() -> Any:
    from datetime import date

    return date.today()


def _parse_day(value: str | None) -> Any:
    from datetime import date

    from gui.cli import CommandError

    if value is None:
        return _today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date: {value!r}; expected YYYY-MM-DD") from None


def _write_letter(letter: Any, output: str | None, args: argparse.Namespace) -> None:
    from pathlib import Path

    from gui.cli import CommandError
    from gui.core.requests.laws import NOT_LEGAL_ADVICE
    from gui.core.requests.render import letter_markdown, letter_text

    if letter.notice:
        print(f"privacy-review: {letter.notice}", file=sys.stderr)
    print(f"privacy-review: {NOT_LEGAL_ADVICE}", file=sys.stderr)
    if output is None:
        sys.stdout.write(letter_text(letter))
        return
    target = Path(output)
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        from gui.desktop.requests.pdf import write_letter_pdf

        data = write_letter_pdf(letter)
    elif suffix in (".md", ".markdown"):
        data = letter_markdown(letter).encode("utf-8")
    elif suffix in (".txt", ""):
        data = letter_text(letter).encode("utf-8")
    else:
        raise CommandError(f"cannot write {suffix!r}; use .txt, .md or .pdf")
    try:
        target.write_bytes(data)
    except OSError as error:
        raise CommandError(f"cannot write {target}: {error.strerror or error}") from None
    print(f"Wrote {target}")


def _open_book(args: argparse.Namespace) -> Any:
    from gui.cli.store_cmd import open_for_command

    return open_for_command(args)


def _reports_errors(handler: Any) -> Any:
    import functools

    @functools.wraps(handler)
    def wrapper(args: argparse.Namespace) -> int:
        from gui.cli import CommandError
        from gui.core.requests.laws import RequestInputError
        from gui.core.store import StoreError

        try:
            return int(handler(args))
        except RequestInputError as error:
            raise CommandError(str(error)) from None
        except StoreError as error:
            raise CommandError(str(error)) from None

    return wrapper


# --- commands ---------------------------------------------------------------------------


@_reports_errors
def draft_command(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.cli.catalog_cmd import find_platform, load_for_command
    from gui.core.requests.laws import LAW_SHORT, law_for_region, parse_law, right_for
    from gui.core.requests.letters import draft_request
    from gui.core.requests.model import Requester
    from gui.core.review.session import load_region
    from gui.core.store.requests_store import RequestBook

    platform = find_platform(load_for_command(args), args.platform)
    categories = []
    for category_id in args.categories:
        category = platform.category(category_id)
        if category is None:
            known = ", ".join(c.id for c in platform.categories)
            raise CommandError(
                f"unknown category {category_id!r} for platform {platform.id}; "
                f"known categories: {known}"
            )
        categories.append(category)
    with _open_book(args) as store:
        _, region = load_region(store)
        country = (args.country or region or "").upper() or None
        if args.law is not None:
            law = parse_law(args.law)
        else:
            found = law_for_region(country)
            if found is None:
                where = f"your region ({country})" if country else "no region chosen"
                raise CommandError(
                    f"no law follows from {where}; pass --law with one of: "
                    f"{', '.join(LAW_NAMES)} (these rights apply in the EU and EEA, the UK "
                    "and California)"
                )
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
    _write_letter(letter, args.output, args)
    print(
        f"privacy-review: kept as request {request.id} ({LAW_SHORT[law]}). When you have sent "
        f"it: privacy-review request sent {request.id}",
        file=sys.stderr,
    )
    return 0


@_reports_errors
def status_command(args: argparse.Namespace) -> int:
    from gui.core.requests.deadlines import STATUS_LABELS
    from gui.core.store.requests_store import RequestBook

    with _open_book(args) as store:
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
    deadline = f"; deadline {due.isoformat()}" if due else ""
    print(f"Request {request.id}: {STATUS_LABELS[status]}{deadline}")
    return 0


def _request_json(request: Any, today: Any, names: dict[str, str]) -> dict[str, object]:
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
    import json

    from gui.cli.catalog_cmd import load_for_command
    from gui.core.catalog.rules import terminal_safe
    from gui.core.requests.deadlines import STATUS_LABELS, RequestStatus
    from gui.core.requests.laws import LAW_SHORT
    from gui.core.store.requests_store import RequestBook

    names = {p.id: p.name for p in load_for_command(args).platforms}
    with _open_book(args) as store:
        requests = RequestBook(store).all()
    today = _today()
    if args.json:
        rows = [_request_json(r, today, names) for r in requests]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not requests:
        print("No requests yet. Draft one with: privacy-review request draft PLATFORM KIND")
        return 0
    for request in requests:
        status, due = request.status_on(today)
        deadline = f", deadline {due.isoformat()}" if due else ""
        mark = "! " if status is RequestStatus.OVERDUE else "  "
        name = terminal_safe(names.get(request.platform_id, request.platform_id))
        print(
            f"{mark}{request.id:>4}  {name}: {request.kind.value} ({LAW_SHORT[request.law]}): "
            f"{STATUS_LABELS[status]}{deadline}"
        )
    return 0


@_reports_errors
def follow_up_command(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.cli.catalog_cmd import find_platform, load_for_command
    from gui.core.requests.letters import draft_complaint, draft_follow_up
    from gui.core.review.session import load_region
    from gui.core.store.requests_store import RequestBook

    catalog = load_for_command(args)
    today = _today()
    with _open_book(args) as store:
        book = RequestBook(store)
        request = book.get(args.id)
        _, region = load_region(store)
        if request.sent_on is None:
            raise CommandError(
                f"request {request.id} is not marked as sent; a follow-up needs the day it "
                f"was sent: privacy-review request sent {request.id} --on YYYY-MM-DD"
            )
        platform = find_platform(catalog, request.platform_id)
        categories = [c for c in map(platform.category, request.category_ids) if c is not None]
        if args.complaint:
            letter = draft_complaint(request, platform, categories=categories, today=today)
        else:
            if not request.is_overdue(today):
                _, due = request.status_on(today)
                print(
                    f"privacy-review: note: request {request.id} is not overdue "
                    f"(deadline {due.isoformat() if due else 'unknown'}).",
                    file=sys.stderr,
                )
            letter = draft_follow_up(
                request, platform, categories=categories, country=region, today=today
            )
            book.followed_up(request.id, today)
    _write_letter(letter, args.output, args)
    return 0


@_reports_errors
def calendar_command(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime
    from pathlib import Path

    from gui.cli import CommandError
    from gui.cli.catalog_cmd import load_for_command
    from gui.core.requests.calendar import deadline_event
    from gui.core.store.requests_store import RequestBook

    names = {p.id: p.name for p in load_for_command(args).platforms}
    with _open_book(args) as store:
        request = RequestBook(store).get(args.id)
    try:
        data = deadline_event(
            request,
            names.get(request.platform_id, request.platform_id),
            now=datetime.now(UTC),
            today=_today(),
        )
    except ValueError as error:
        raise CommandError(f"request {request.id}: {error}") from None
    target = Path(args.output)
    try:
        target.write_bytes(data)
    except OSError as error:
        raise CommandError(f"cannot write {target}: {error.strerror or error}") from None
    print(f"Wrote {target}")
    return 0


def with_overdue_requests(args: argparse.Namespace, catalog: Any, summary: Any) -> Any:
    """``summary`` with its "Requests past their legal deadline" section filled from the
    checklist (used by ``privacy-review summary``)."""
    import dataclasses

    from gui.cli import CommandError
    from gui.cli.store_cmd import open_for_command
    from gui.core.requests.model import overdue_summary_lines
    from gui.core.store import StoreError
    from gui.core.store.requests_store import RequestBook

    try:
        with open_for_command(args, backup=False) as store:
            requests = RequestBook(store).all()
    except StoreError as error:
        raise CommandError(str(error)) from None
    names = {p.id: p.name for p in catalog.platforms}
    lines = overdue_summary_lines(requests, names, _today())
    return dataclasses.replace(summary, overdue_requests=lines)
