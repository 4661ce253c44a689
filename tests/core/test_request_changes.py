"""A request's history as a person reads it: each entry says what changed (drafted, sent,
extended, answered, closed, follow-up drafted, notes changed), and a note the user gave
with a change is told apart from the app's own marks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gui.core.paths import AppDirs
from gui.core.requests import Kind, Law, RequestStatus
from gui.core.requests.model import RequestEvent
from gui.core.store import open_store
from gui.core.store.requests_store import (
    NOTES_CHANGED,
    RequestBook,
    RequestChange,
    change_of,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_every_change_of_a_request_reads_as_what_it_was(app_dirs: AppDirs) -> None:
    with open_store(app_dirs, clock=lambda: NOW) as store:
        book = RequestBook(store)
        request = book.add("x", Kind.OBJECTION, Law.GDPR)
        book.set_notes(request.id, "called them")
        book.mark_sent(request.id, NOW.date() - timedelta(days=40))
        book.followed_up(request.id, NOW.date())
        book.mark_extended(request.id, "they wrote")
        book.mark_answered(request.id, NOW.date())
        book.close(request.id)
        changes = [change_of(event) for event in book.history(request.id)]
        assert book.get(request.id).notes == "called them"
    assert changes == [
        (RequestChange.DRAFTED, ""),
        (RequestChange.NOTES, ""),  # the notes themselves are not in the history
        (RequestChange.SENT, ""),
        (RequestChange.FOLLOW_UP, ""),
        (RequestChange.EXTENDED, "they wrote"),
        (RequestChange.ANSWERED, ""),
        (RequestChange.CLOSED, ""),
    ]


def test_the_apps_words_are_a_mark_only_when_the_status_stayed() -> None:
    # A user who closes a request with the words "notes changed" closed it.
    closed = RequestEvent(1, RequestStatus.ANSWERED, RequestStatus.CLOSED, NOTES_CHANGED, NOW)
    assert change_of(closed) == (RequestChange.CLOSED, NOTES_CHANGED)
    sent_again = RequestEvent(1, RequestStatus.SENT, RequestStatus.SENT, "", NOW)
    assert change_of(sent_again) == (RequestChange.SENT, "")
