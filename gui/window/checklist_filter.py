"""Find and filter for the checklist tree: search text, status, topic and "needs attention".

Filtering must stay instant with a thousand rows, so ``filterAcceptsRow`` reads the row and
its precomputed lowercase search text straight from ``ChecklistModel.entry`` instead of
going through ``data()`` and QVariant for every row and keystroke. Filtering is recursive:
a platform stays visible while any of its categories matches.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from gui.checklist import ChecklistRow, Status
from gui.window.checklist_model import ChecklistModel, Column

AnyIndex = QModelIndex | QPersistentModelIndex

# Status filter values besides the Status members themselves.
ANY_STATUS = "any"
UNREVIEWED = "unreviewed"

# Sort order of statuses in the Status column: what needs doing first.
_STATUS_ORDER = {None: 0, Status.LATER: 1, Status.KEPT: 2, Status.OPTED_OUT: 3}


def _sort_key(row: ChecklistRow, column: int) -> tuple[Any, ...]:
    if column == Column.STATUS:
        return (_STATUS_ORDER.get(row.status, 4), row.title.casefold())
    if column == Column.DECIDED:
        return (row.decision.decided_at.isoformat() if row.decision else "", row.title.casefold())
    if column == Column.NOTE:
        return ((row.decision.note if row.decision else "").casefold(), row.title.casefold())
    if column == Column.FLAGS:
        return (len(row.flags), row.title.casefold())
    return (row.title.casefold(),)


class ChecklistFilter(QSortFilterProxyModel):
    """A proxy over ``ChecklistModel``; each setter re-filters at once."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._status: str = ANY_STATUS
        self._topic: str | None = None
        self._needs_attention = False
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(True)

    # -- criteria ----------------------------------------------------------------------

    def set_search_text(self, text: str) -> None:
        """Every word must appear (in the title, the note, what is collected, or the
        platform's name), in any order."""
        words = text.casefold().split()
        if words != self._words:
            self._refilter(lambda: setattr(self, "_words", words))

    def set_status(self, status: str) -> None:
        """``ANY_STATUS``, ``UNREVIEWED`` or a ``Status`` value."""
        if status not in (ANY_STATUS, UNREVIEWED):
            status = Status(status).value
        if status != self._status:
            self._refilter(lambda: setattr(self, "_status", status))

    def set_topic(self, topic: str | None) -> None:
        if topic != self._topic:
            self._refilter(lambda: setattr(self, "_topic", topic))

    def set_needs_attention(self, on: bool) -> None:
        """Only what is still to do: unreviewed, later, changed since decided, or due."""
        if on != self._needs_attention:
            self._refilter(lambda: setattr(self, "_needs_attention", on))

    def clear(self) -> None:
        def reset() -> None:
            self._words, self._status, self._topic = [], ANY_STATUS, None
            self._needs_attention = False

        self._refilter(reset)

    @property
    def active(self) -> bool:
        return bool(
            self._words or self._status != ANY_STATUS or self._topic or self._needs_attention
        )

    def _refilter(self, change: Any) -> None:
        # One layout change for the whole view instead of a remove/insert signal per range
        # of rows: with a thousand rows, the view's relayout per signal is what costs.
        change()
        self.invalidate()

    def accepts(self, row: ChecklistRow, blob: str) -> bool:
        """Whether one category row passes every criterion."""
        if self._words and not all(word in blob for word in self._words):
            return False
        if self._status == UNREVIEWED:
            if row.decision is not None:
                return False
        elif self._status != ANY_STATUS and (
            row.status is None or row.status.value != self._status
        ):
            return False
        if self._topic and (row.category is None or self._topic not in row.category.topics):
            return False
        return not (self._needs_attention and not row.to_do)

    # -- QSortFilterProxyModel ---------------------------------------------------------

    def source_checklist(self) -> ChecklistModel:
        model = self.sourceModel()
        assert isinstance(model, ChecklistModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not source_parent.isValid():
            # A platform row stands on its own only when nothing is filtered; otherwise
            # recursive filtering keeps it while one of its categories matches.
            return not self.active
        row, blob = self.source_checklist().entry(source_parent.row(), source_row)
        return self.accepts(row, blob)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        if not left.parent().isValid():
            # Platforms keep catalog order whichever way the categories are sorted.
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return left.row() < right.row() if ascending else left.row() > right.row()
        model = self.source_checklist()
        left_row, right_row = model.row_for(left), model.row_for(right)
        if left_row is None or right_row is None:
            return left.row() < right.row()
        column = left.column()
        return _sort_key(left_row, column) < _sort_key(right_row, column)
