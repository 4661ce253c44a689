"""Find and filter for the checklist tree: search text, status, topic and "needs attention".

Filtering must stay instant with a thousand rows, so ``filterAcceptsRow`` reads the row and
its precomputed lowercase search text straight from ``ChecklistModel.entry`` instead of
going through ``data()`` and QVariant for every row and keystroke. A platform stays visible
while any of its categories matches: the filter answers that itself from the platform's rows
(Qt's recursive filtering would ask the model for each category's index and children too,
three calls into Python per category where one will do).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from gui.core.checklist import ChecklistRow, Status
from gui.desktop.window.checklist_model import ChecklistModel, Column

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
        self._source: ChecklistModel | None = None  # the source model, kept at hand
        self._filtering = False  # self.active, kept at hand
        # platform row -> (its version, whether each category passes): the answers for
        # the current criteria, computed a platform at a time in Python (see accepted).
        self._answers: dict[int, tuple[int, list[bool]]] = {}
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
        self._filtering = self.active
        self._answers.clear()
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

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:  # type: ignore[override]
        self._answers.clear()
        super().setSourceModel(model)
        self._source = model if isinstance(model, ChecklistModel) else None

    def source_checklist(self) -> ChecklistModel:
        model = self._source
        if model is None or model is not self.sourceModel():
            model = self.sourceModel()
            assert isinstance(model, ChecklistModel)
            self._source = model
        return model

    def accepted(self, platform_row: int) -> list[bool]:
        """Whether each category of one platform passes the criteria. Qt asks row by row
        (a call into Python per row, a thousand per change); the answers for a platform
        are worked out together and kept until the criteria or its rows change."""
        model = self._source or self.source_checklist()
        version = model.group_version(platform_row)
        kept = self._answers.get(platform_row)
        if kept is None or kept[0] != version:
            accepts = self.accepts
            answers = [accepts(row, blob) for row, blob in model.group_entries(platform_row)]
            kept = self._answers[platform_row] = (version, answers)
        return kept[1]

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._filtering:
            return True  # nothing filtered: every row passes
        if not source_parent.isValid():
            # A platform row stays while one of its categories matches. (The model
            # re-announces a platform row whenever one of its categories changes, so this
            # is asked again then.)
            return any(self.accepted(source_row))
        return self.accepted(source_parent.row())[source_row]

    def multiData(self, index: AnyIndex, roleDataSpan: Any) -> None:  # noqa: N803
        """What a delegate paints, every role in one call to the source model (the proxy's
        own ``multiData`` would map the index and call ``data`` again for each role)."""
        model = self._source or self.source_checklist()
        model.multiData(self.mapToSource(index), roleDataSpan)

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
