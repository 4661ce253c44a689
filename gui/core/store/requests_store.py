"""Privacy requests kept in the checklist: what was asked of which platform under which
law, when it was drafted and sent, its status, and an append-only history like the
decisions'. The rows live in the same encrypted database (``requests`` and
``request_history``, see ``migrations``); the requester's name and account are kept there
and nowhere else, and never logged.

``RequestBook(store)`` works on an open ``Store``; every change is one committed
transaction that also appends to the history.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from gui.core import dates
from gui.core.catalog.rules import is_id, strip_controls
from gui.core.requests.deadlines import STORED_STATUSES, RequestStatus
from gui.core.requests.laws import Kind, Law, right_for
from gui.core.requests.model import (
    MAX_FREE_TEXT_CHARS,
    MAX_NAME_CHARS,
    DataRequest,
    Requester,
    RequestEvent,
    overdue_requests,
)
from gui.core.store.errors import StoreError
from gui.core.store.exchange import format_time, is_encodable, parse_time

if TYPE_CHECKING:
    from gui.core.store.store import Store

# The name and account the user last wrote with, prefilled in the next letter.
NAME_SETTING = "requests.name"
ACCOUNT_SETTING = "requests.account"

# The history's note for a change that keeps the status: the app's own words, not the
# user's (``change_of`` tells them apart).
NOTES_CHANGED = "notes changed"
FOLLOW_UP_DRAFTED = "follow-up drafted"

_COLUMNS = (
    "id, platform_id, category_ids, kind, law, status, drafted_at, sent_on, answered_on, "
    "extended, follow_up_on, requester_name, requester_account, grounds, details, notes"
)


class UnknownRequestError(StoreError):
    pass


class RequestChange(StrEnum):
    """What one history entry recorded, for the history a person reads."""

    DRAFTED = "drafted"
    SENT = "sent"
    EXTENDED = "extended"
    ANSWERED = "answered"
    CLOSED = "closed"
    FOLLOW_UP = "follow-up"
    NOTES = "notes"


def change_of(event: RequestEvent) -> tuple[RequestChange, str]:
    """What ``event`` changed, and the note the user gave with it ("" when none, or when
    the note is the app's own mark of a follow-up or of changed notes). A status recorded
    again (a new day sent on) reads as that status."""
    if event.old_status is None:
        return RequestChange.DRAFTED, event.note
    if event.old_status == event.new_status:
        if event.note == NOTES_CHANGED:
            return RequestChange.NOTES, ""
        if event.note == FOLLOW_UP_DRAFTED:
            return RequestChange.FOLLOW_UP, ""
    return RequestChange(event.new_status.value), event.note


def _text(value: str, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text")
    if not is_encodable(value):
        raise StoreError(
            f"The {what} holds characters that are not valid text; nothing was saved.",
            "Type it again in plain text.",
        )
    # Stored without control characters, as notes are; markup stays (renderers show it
    # literally).
    value = strip_controls(value.replace("\r\n", "\n"))
    if len(value) > limit:
        raise StoreError(
            f"The {what} is too long ({len(value)} characters; at most {limit}).",
            "Shorten it and save again.",
        )
    return value


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value is not None else None


def _row(row: tuple[Any, ...]) -> DataRequest:
    return DataRequest(
        id=int(row[0]),
        platform_id=str(row[1]),
        category_ids=tuple(str(c) for c in json.loads(str(row[2]))),
        kind=Kind(str(row[3])),
        law=Law(str(row[4])),
        status=RequestStatus(str(row[5])),
        drafted_at=parse_time(str(row[6])),
        sent_on=_day(row[7]),
        answered_on=_day(row[8]),
        extended=bool(row[9]),
        follow_up_on=_day(row[10]),
        requester=Requester(str(row[11]), str(row[12])),
        grounds=str(row[13]),
        details=str(row[14]),
        notes=str(row[15]),
    )


class RequestBook:
    def __init__(self, store: Store) -> None:
        # The store's own connection: requests share its encryption, locking and backups.
        self._store = store
        self._db = store._db

    def _now(self) -> datetime:
        return self._store._clock()

    # --- reading ------------------------------------------------------------------------

    def all(self) -> list[DataRequest]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM requests ORDER BY id")
        return [_row(row) for row in rows]

    def get(self, request_id: int) -> DataRequest:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM requests WHERE id = ?", (request_id,))
        if not rows:
            raise UnknownRequestError(
                f"There is no request {request_id}.",
                "`privacy-review request list` shows the requests and their numbers.",
            )
        return _row(rows[0])

    def history(self, request_id: int) -> list[RequestEvent]:
        rows = self._db.query(
            "SELECT request_id, old_status, new_status, note, at FROM request_history "
            "WHERE request_id = ? ORDER BY at, id",
            (request_id,),
        )
        return [
            RequestEvent(
                int(r[0]),
                RequestStatus(str(r[1])) if r[1] is not None else None,
                RequestStatus(str(r[2])),
                str(r[3]),
                parse_time(str(r[4])),
            )
            for r in rows
        ]

    def overdue(self, today: date) -> list[DataRequest]:
        return overdue_requests(self.all(), today)

    def last_requester(self) -> Requester:
        return Requester(
            self._store.get_setting(NAME_SETTING, "") or "",
            self._store.get_setting(ACCOUNT_SETTING, "") or "",
        )

    # --- writing ------------------------------------------------------------------------

    def add(
        self,
        platform_id: str,
        kind: Kind | str,
        law: Law | str,
        *,
        category_ids: tuple[str, ...] = (),
        requester: Requester = Requester(),  # noqa: B008 - frozen, never mutated
        grounds: str = "",
        details: str = "",
        notes: str = "",
    ) -> DataRequest:
        """Record a drafted request; the requester is remembered for the next letter."""
        if not is_id(platform_id) or not all(is_id(c) for c in category_ids):
            raise ValueError("invalid platform or category id")
        law = Law(law)
        right = right_for(law, str(kind))
        name = _text(requester.name, "name", MAX_NAME_CHARS)
        account = _text(requester.account, "account", MAX_NAME_CHARS)
        grounds = _text(grounds, "grounds", MAX_FREE_TEXT_CHARS)
        details = _text(details, "details", MAX_FREE_TEXT_CHARS)
        notes = _text(notes, "notes", MAX_FREE_TEXT_CHARS)
        at = format_time(self._now())
        with self._db.transaction("saved") as connection:
            cursor = connection.execute(
                "INSERT INTO requests (platform_id, category_ids, kind, law, status, drafted_at, "
                "requester_name, requester_account, grounds, details, notes) "
                "VALUES (?, ?, ?, ?, 'drafted', ?, ?, ?, ?, ?, ?)",
                (
                    platform_id,
                    json.dumps(list(category_ids)),
                    right.kind.value,
                    law.value,
                    at,
                    name,
                    account,
                    grounds,
                    details,
                    notes,
                ),
            )
            request_id = int(cursor.lastrowid)
            connection.execute(
                "INSERT INTO request_history (request_id, old_status, new_status, note, at) "
                "VALUES (?, NULL, 'drafted', '', ?)",
                (request_id, at),
            )
            for key, value in ((NAME_SETTING, name), (ACCOUNT_SETTING, account)):
                connection.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
        return self.get(request_id)

    def _change(
        self, request_id: int, status: RequestStatus, note: str, **columns: object
    ) -> DataRequest:
        if status not in STORED_STATUSES:
            raise ValueError(f"{status} is not a status to record")
        current = self.get(request_id)
        note = _text(note, "note", MAX_FREE_TEXT_CHARS)
        at = format_time(self._now())
        sets = ", ".join(f"{name} = ?" for name in ("status", *columns))
        with self._db.transaction("saved") as connection:
            connection.execute(
                f"UPDATE requests SET {sets} WHERE id = ?",
                (status.value, *columns.values(), request_id),
            )
            connection.execute(
                "INSERT INTO request_history (request_id, old_status, new_status, note, at) "
                "VALUES (?, ?, ?, ?, ?)",
                (request_id, current.status.value, status.value, note, at),
            )
        return self.get(request_id)

    def mark_sent(self, request_id: int, on: date) -> DataRequest:
        """The user confirms they sent it on ``on``: the deadline runs from that day."""
        if on > self._now().date():
            raise StoreError(
                f"{dates.day(on)} is in the future.", "Give the day you sent the request."
            )
        return self._change(request_id, RequestStatus.SENT, "", sent_on=on.isoformat())

    def mark_extended(self, request_id: int, note: str = "") -> DataRequest:
        """The platform said it needs the extension the law allows."""
        current = self.get(request_id)
        if current.sent_on is None:
            raise StoreError(
                f"Request {request_id} is not marked as sent, so it has no deadline to extend.",
                f"Say when you sent it first: `privacy-review request sent {request_id}`.",
            )
        return self._change(request_id, RequestStatus.EXTENDED, note, extended=1)

    def mark_answered(self, request_id: int, on: date, note: str = "") -> DataRequest:
        return self._change(request_id, RequestStatus.ANSWERED, note, answered_on=on.isoformat())

    def close(self, request_id: int, note: str = "") -> DataRequest:
        return self._change(request_id, RequestStatus.CLOSED, note)

    def followed_up(self, request_id: int, on: date) -> DataRequest:
        """Remember that a follow-up was drafted (the status stays what it was)."""
        current = self.get(request_id)
        return self._change(
            request_id, current.status, FOLLOW_UP_DRAFTED, follow_up_on=on.isoformat()
        )

    def set_notes(self, request_id: int, notes: str) -> DataRequest:
        current = self.get(request_id)
        return self._change(
            request_id,
            current.status,
            NOTES_CHANGED,
            notes=_text(notes, "notes", MAX_FREE_TEXT_CHARS),
        )
