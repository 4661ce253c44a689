"""Find and filter for the checklist tree: search text, status, topic and "needs attention".

Filtering must stay instant with ten thousand rows. Each change of the criteria works out,
in one pass over the model's rows and their precomputed lowercase search text
(``ChecklistModel.group_entries``), whether each category passes and whether each platform
has one that does; then one ``invalidate()``, one layout change for the view. Qt still asks
``filterAcceptsRow`` row by row (the model's values live in Python, so its own role-based
filtering would call into Python per row just the same); the answer is a list lookup. A
saved row changes only its platform's answers (``ChecklistModel.rowsReplaced``). A platform
stays visible while any of its categories matches: answered from those lists (Qt's
recursive filtering would ask the model for each category's index and children too).
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
from gui.desktop.window.checklist_model import ChecklistModel, sort_key

AnyIndex = QModelIndex | QPersistentModelIndex

# Status filter values besides the Status members themselves.
ANY_STATUS = "any"
UNREVIEWED = "unreviewed"


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
        # The answers for the current criteria and rows, worked out once per change (see
        # _work_out): per platform, whether each category passes; and whether any does.
        self._answers: list[list[bool]] | None = None
        self._platforms: list[bool] = []
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
        self._answers = None
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

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if self._source is not None:
            self._source.modelAboutToBeReset.disconnect(self._forget)
            self._source.rowsReplaced.disconnect(self._rework)
        self._answers = None
        super().setSourceModel(model)
        self._source = model if isinstance(model, ChecklistModel) else None
        if self._source is not None:
            # Direct connections: they run before the model's items announce the change,
            # so the proxy, re-asking about those rows, gets the new answers.
            self._source.modelAboutToBeReset.connect(self._forget)
            self._source.rowsReplaced.connect(self._rework)

    def source_checklist(self) -> ChecklistModel:
        if self._source is not None and self._source is self.sourceModel():
            return self._source
        model = self.sourceModel()
        assert isinstance(model, ChecklistModel)
        self._source = model
        return model

    def _forget(self) -> None:
        self._answers = None

    def _work_out(self) -> list[list[bool]]:
        """Whether each category passes, for every platform: once per change of the
        criteria (or reset of the rows), in one pass, so that Qt's question per row is a
        list lookup."""
        model = self.source_checklist()
        accepts = self.accepts
        answers = [
            [accepts(row, blob) for row, blob in model.group_entries(platform_row)]
            for platform_row in range(model.platform_count())
        ]
        self._platforms = [any(platform) for platform in answers]
        self._answers = answers
        return answers

    def _rework(self, platform_row: int) -> None:
        """Some rows of one platform changed: only its answers are worked out again."""
        if self._answers is None:
            return
        model = self.source_checklist()
        accepts = self.accepts
        platform = [accepts(row, blob) for row, blob in model.group_entries(platform_row)]
        self._answers[platform_row] = platform
        self._platforms[platform_row] = any(platform)

    def accepted(self, platform_row: int) -> list[bool]:
        """Whether each category of one platform passes the criteria."""
        answers = self._answers if self._answers is not None else self._work_out()
        return answers[platform_row]

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        # Qt asks this for every row after each change: kept to a lookup.
        if not self._filtering:
            return True  # nothing filtered: every row passes
        answers = self._answers if self._answers is not None else self._work_out()
        platform_row = source_parent.row()  # -1 for the root: one call instead of two
        if platform_row >= 0:
            return answers[platform_row][source_row]
        # A platform row stays while one of its categories matches. (The model announces
        # a platform row whenever one of its categories changes, so this is asked again.)
        return self._platforms[source_row]

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
        return sort_key(left_row, column) < sort_key(right_row, column)
