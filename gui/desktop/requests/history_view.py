"""The history of one request in "Your requests": every change (drafted, sent, extended,
answered, closed, follow-up drafted, note changed) with when it happened, newest first as
in the checklist's history. Read-only; the store's history is append-only.

The notes themselves are not in the history, only that they changed. Item text is plain
text (QTreeWidgetItem never interprets markup)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from gui.core import dates
from gui.core.requests.model import RequestEvent
from gui.core.store.requests_store import RequestChange, change_of
from gui.desktop.i18n import translate


def change_words(change: RequestChange) -> str:
    """One change as the history column says it."""
    if change is RequestChange.DRAFTED:
        return translate("RequestHistoryView", "Drafted")
    if change is RequestChange.SENT:
        return translate("RequestHistoryView", "Marked as sent")
    if change is RequestChange.EXTENDED:
        return translate("RequestHistoryView", "Deadline extended")
    if change is RequestChange.ANSWERED:
        return translate("RequestHistoryView", "Answered")
    if change is RequestChange.CLOSED:
        return translate("RequestHistoryView", "Closed")
    if change is RequestChange.FOLLOW_UP:
        return translate("RequestHistoryView", "Follow-up drafted")
    return translate("RequestHistoryView", "Note changed")


def event_text(event: RequestEvent) -> str:
    """What changed, with the note the store kept with the change when there is one (it
    takes one with extended, answered and closed)."""
    change, note = change_of(event)
    words = change_words(change)
    if not note:
        return words
    return translate("RequestHistoryView", "{change}: {note}").format(
        change=words, note=note.replace("\n", " ")
    )


class RequestHistoryView(QTreeWidget):
    """When and what changed, one row per history entry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(
            [translate("RequestHistoryView", "When"), translate("RequestHistoryView", "Change")]
        )
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(translate("RequestHistoryView", "History of the selected request"))
        self.setWordWrap(False)

    def set_events(self, events: Sequence[RequestEvent]) -> None:
        """Show ``events`` newest first (by time, then by the order they were recorded:
        ``events`` come oldest first from the store)."""
        self.clear()
        ordered = sorted(enumerate(events), key=lambda pair: (pair[1].at, pair[0]), reverse=True)
        for _, event in ordered:
            self.addTopLevelItem(QTreeWidgetItem([dates.moment(event.at), event_text(event)]))
        self.resizeColumnToContents(0)

    def texts(self) -> list[tuple[str, str]]:
        """What is shown, row by row (for tests and the accessibility checks)."""
        return [
            (item.text(0), item.text(1))
            for item in (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
            if item is not None
        ]
