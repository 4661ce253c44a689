"""A privacy request as the checklist keeps it, and the person who makes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from gui.core import dates
from gui.core.requests.deadlines import RequestStatus, current_status
from gui.core.requests.laws import LAW_SHORT, Kind, Law

MAX_NAME_CHARS = 200
MAX_FREE_TEXT_CHARS = 4_000


@dataclass(frozen=True)
class Requester:
    """Who writes: the user's own name and how the platform knows them (handle or
    e-mail). Kept only in the encrypted checklist; never logged."""

    name: str = ""
    account: str = ""


@dataclass(frozen=True)
class DataRequest:
    id: int
    platform_id: str
    category_ids: tuple[str, ...]
    kind: Kind
    law: Law
    status: RequestStatus  # as stored (never OVERDUE)
    drafted_at: datetime
    sent_on: date | None = None
    answered_on: date | None = None
    extended: bool = False
    follow_up_on: date | None = None  # when the user last drafted a follow-up
    requester: Requester = field(default_factory=Requester)
    grounds: str = ""  # objection under Art. 21(1): the user's own reasons
    details: str = ""  # what to correct, which data, anything the user adds
    notes: str = ""  # the user's own notes, never in a letter

    def status_on(self, today: date) -> tuple[RequestStatus, date | None]:
        """The status to show on ``today`` (overdue when the deadline passed without an
        answer) and the deadline (None before the request is sent)."""
        return current_status(self.status, self.law, self.sent_on, today, extended=self.extended)

    def is_overdue(self, today: date) -> bool:
        return self.status_on(today)[0] is RequestStatus.OVERDUE


@dataclass(frozen=True)
class RequestEvent:
    """One change of a request, for its history (append-only, like decisions)."""

    request_id: int
    old_status: RequestStatus | None
    new_status: RequestStatus
    note: str
    at: datetime


def overdue_requests(requests: list[DataRequest], today: date) -> list[DataRequest]:
    """Requests sent (or extended) whose deadline has passed with no answer, the longest
    overdue first: for "needs attention", the checklist and the summary."""
    late = [r for r in requests if r.is_overdue(today)]
    return sorted(late, key=lambda r: (r.status_on(today)[1] or today, r.id))


def summary_line(request: DataRequest, platform_name: str, today: date) -> str:
    """One overdue request as a sentence for the summary, "needs attention" and the
    checklist (what the user typed is not in it: platform, kind, law and dates only)."""
    _, due = request.status_on(today)
    sent = dates.day(request.sent_on) if request.sent_on else "?"
    ended = dates.day(due) if due else "?"
    return (
        f"{platform_name}: {request.kind.value} request ({LAW_SHORT[request.law]}) sent {sent}, "
        f"deadline {ended} passed with no answer. Draft the follow-up: privacy-review request "
        f"follow-up {request.id}"
    )


def overdue_summary_lines(
    requests: list[DataRequest], platform_names: dict[str, str], today: date
) -> tuple[str, ...]:
    """The summary's "Requests past their legal deadline" section, longest overdue first."""
    return tuple(
        summary_line(r, platform_names.get(r.platform_id, r.platform_id), today)
        for r in overdue_requests(requests, today)
    )


def overdue_by_category(
    requests: list[DataRequest], today: date
) -> dict[tuple[str, str], tuple[DataRequest, ...]]:
    """Overdue requests by (platform id, category id), for the checklist to flag the rows
    the requests are about (a request about no category is under (platform id, ""))."""
    found: dict[tuple[str, str], list[DataRequest]] = {}
    for request in overdue_requests(requests, today):
        for category_id in request.category_ids or ("",):
            found.setdefault((request.platform_id, category_id), []).append(request)
    return {key: tuple(value) for key, value in found.items()}
