"""The history of one decision: every change with its date, newest first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from gui.core import dates
from gui.core.checklist import HistoryEntry
from gui.core.words import status_words
from gui.desktop.i18n import translate


def change_text(entry: HistoryEntry, kind: str | None = None) -> str:
    """One change in the words the user picked for a control of ``kind`` (None: the
    generic words, for a category that left the catalog)."""
    before = status_words(entry.old_status, kind)
    after = status_words(entry.new_status, kind)
    if entry.old_status == entry.new_status:
        return translate("HistoryView", "{status} (confirmed or note changed)").format(status=after)
    return translate("HistoryView", "{before} → {after}").format(before=before, after=after)


class HistoryView(QTreeWidget):
    """Read-only list: when, what changed, the note at that time. Item text is plain text
    (QTreeWidgetItem never interprets markup)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(
            [
                translate("HistoryView", "When"),
                translate("HistoryView", "Change"),
                translate("HistoryView", "Note"),
            ]
        )
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(translate("HistoryView", "History of this decision"))
        self.setWordWrap(False)

    def set_entries(self, entries: Sequence[HistoryEntry], kind: str | None = None) -> None:
        """Show ``entries``, worded for the category's control ``kind``."""
        self.clear()
        for entry in sorted(entries, key=lambda e: e.at, reverse=True):
            item = QTreeWidgetItem(
                [dates.moment(entry.at), change_text(entry, kind), entry.note.replace("\n", " ")]
            )
            item.setToolTip(2, "")
            self.addTopLevelItem(item)
        for column in (0, 1):
            self.resizeColumnToContents(column)
        # Room for a few entries without pushing the rest of the pane away.
        rows = max(2, min(self.topLevelItemCount(), 6))
        height = self.header().sizeHint().height() + rows * (self.fontMetrics().height() + 6) + 6
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)

    def texts(self) -> list[tuple[str, str, str]]:
        """What is shown, row by row (for tests and the accessibility checks)."""
        return [
            (item.text(0), item.text(1), item.text(2))
            for item in (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
            if item is not None
        ]
