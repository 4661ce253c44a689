"""The online checks' results: a summary line over a read-only table, one row per link
or policy; a changed policy's row opens what changed. Table cells are never markup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.desktop.views.plain_text import plain_label, plain_tooltip

if TYPE_CHECKING:
    from gui.core.online.links import LinkResult
    from gui.core.online.policy_watch import PolicyCheckResult

# What the table says for each outcome, and how the summary line counts it.
LINK_OUTCOME_TEXT = {
    "reachable": "Reachable",
    "redirected": "Redirected",
    "login-required": "Sign-in needed",
    "not-found": "Not found",
    "failed": "Failed",
}
LINK_SUMMARY_WORDS = {key: text.lower() for key, text in LINK_OUTCOME_TEXT.items()}
POLICY_OUTCOME_TEXT = {
    "changed": "Changed",
    "unchanged": "Unchanged",
    "baseline": "First check",
    "failed": "Could not check",
}
POLICY_SUMMARY_WORDS = {
    "changed": "changed",
    "unchanged": "unchanged",
    "baseline": "checked for the first time",
    "failed": "could not be read",
}


def count_text(outcomes: Sequence[str], words: dict[str, str]) -> str:
    """ "3 reachable, 1 not found", in the order of ``words``."""
    counts = Counter(outcomes)
    return ", ".join(f"{counts[key]} {text}" for key, text in words.items() if counts[key])


class ResultsDialog(QDialog):
    """A summary line over a read-only table whose cells wrap rather than cut text off:
    the detail column says what the server did, which is the point of a check."""

    def __init__(
        self,
        title: str,
        summary: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 560)
        self.layout_ = QVBoxLayout(self)
        self.summary_label = plain_label(summary)
        self.layout_.addWidget(self.summary_label)

        self.table = QTableWidget(len(rows), len(columns))
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # item text is never interpreted as markup
                item.setToolTip(plain_tooltip(text))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.layout_.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, current_row: int = 0) -> None:
        self.layout_.addWidget(self.buttons)
        if self.table.rowCount():
            self.table.setCurrentCell(current_row, 0)
        self.table.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The last column takes its stretched width after this event: size rows after it.
        QTimer.singleShot(0, self, self.table.resizeRowsToContents)

    def row_texts(self) -> list[tuple[str, ...]]:
        """The rows on show, as text (what the user reads)."""
        columns = range(self.table.columnCount())
        return [
            tuple(_cell_text(self.table.item(row, column)) for column in columns)
            for row in range(self.table.rowCount())
            if not self.table.isRowHidden(row)
        ]


class LinkResultsDialog(ResultsDialog):
    def __init__(self, results: Sequence[LinkResult], parent: QWidget | None = None) -> None:
        outcomes = [str(r.outcome) for r in results]
        platforms = len({r.platform_id for r in results})
        summary = (
            f"{len(results)} {'link' if len(results) == 1 else 'links'} on {platforms} "
            f"{'platform' if platforms == 1 else 'platforms'}: "
            f"{count_text(outcomes, LINK_SUMMARY_WORDS)}."
        )
        if "login-required" in outcomes:
            summary += " Settings pages need you to be signed in, so “Sign-in needed” is fine."
        rows = [
            (r.platform_name, r.label, r.url, LINK_OUTCOME_TEXT.get(o, o), r.detail)
            for r, o in zip(results, outcomes, strict=True)
        ]
        columns = ("Platform", "Link", "URL", "Result", "Detail")
        super().__init__("Link check results", summary, columns, rows, (90, 150, 210, 110), parent)
        self._outcomes = outcomes
        self.problems_only = QCheckBox("Show only links that were not found or failed")
        self.problems_only.toggled.connect(self._filter)
        self.layout_.addWidget(self.problems_only)
        self.finish_layout()

    def _filter(self, problems_only: bool) -> None:
        for row, outcome in enumerate(self._outcomes):
            hide = problems_only and outcome not in ("not-found", "failed")
            self.table.setRowHidden(row, hide)


class PolicyResultsDialog(ResultsDialog):
    """One row per policy; "Show what changed" (or Enter) on a changed one opens the diff."""

    def __init__(self, results: Sequence[PolicyCheckResult], parent: QWidget | None = None) -> None:
        outcomes = [str(r.outcome) for r in results]
        noun = "policy" if len(results) == 1 else "policies"
        summary = f"{len(results)} {noun} checked: {count_text(outcomes, POLICY_SUMMARY_WORDS)}."
        rows = [
            (f"{r.platform_name}: {r.policy_title}", POLICY_OUTCOME_TEXT.get(o, o), r.detail)
            for r, o in zip(results, outcomes, strict=True)
        ]
        columns = ("Policy", "Result", "Detail")
        super().__init__("Policy check results", summary, columns, rows, (280, 120), parent)
        self.results = list(results)
        self.diff_dialog: QDialog | None = None
        for row, result in enumerate(results):  # the address, for whoever wants to look
            cell = self.table.item(row, 0)
            if cell is not None:
                cell.setToolTip(plain_tooltip(f"{rows[row][0]}\n{result.url}"))
        self.diff_button = QPushButton("Show what &changed")
        self.diff_button.clicked.connect(self.show_diff)
        self.buttons.addButton(self.diff_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.table.currentCellChanged.connect(lambda *_: self._update_button())
        self.table.itemActivated.connect(lambda *_: self.show_diff())
        self.finish_layout(next((i for i, r in enumerate(results) if r.diff is not None), 0))
        self._update_button()

    def current(self) -> PolicyCheckResult | None:
        row = self.table.currentRow()
        return self.results[row] if 0 <= row < len(self.results) else None

    def _update_button(self) -> None:
        current = self.current()
        self.diff_button.setEnabled(current is not None and current.diff is not None)

    def show_diff(self) -> QDialog | None:
        from gui.desktop.online.diff_view import PolicyDiffDialog

        current = self.current()
        dialog = PolicyDiffDialog.for_result(current, parent=self) if current else None
        if dialog is not None:
            self.diff_dialog = show_diff_dialog(dialog)
        return dialog


def show_diff_dialog(dialog: QDialog) -> QDialog:
    # Not modal: reading what changed next to the checklist is the point.
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def _cell_text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""
