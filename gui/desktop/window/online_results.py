"""The online checks' results: a summary line over a read-only table, one row per link
or policy; a changed policy's row opens what changed. Table cells are never markup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
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

from gui.desktop.i18n import translate
from gui.desktop.views.plain_text import plain_label, plain_tooltip

if TYPE_CHECKING:
    from gui.core.online.links import LinkResult
    from gui.core.online.policy_watch import PolicyCheckResult

# The outcomes in the order the summary line counts them.
LINK_OUTCOMES = ("reachable", "redirected", "login-required", "not-found", "failed")
POLICY_OUTCOMES = ("changed", "unchanged", "baseline", "failed")


def link_outcome_text(outcome: str) -> str:
    """What the table says for a link's outcome."""
    texts = {
        "reachable": translate("LinkResultsDialog", "Reachable"),
        "redirected": translate("LinkResultsDialog", "Redirected"),
        "login-required": translate("LinkResultsDialog", "Sign-in needed"),
        "not-found": translate("LinkResultsDialog", "Not found"),
        "failed": translate("LinkResultsDialog", "Failed"),
    }
    return texts.get(outcome, outcome)


def policy_outcome_text(outcome: str) -> str:
    """What the table says for a policy's outcome."""
    texts = {
        "changed": translate("PolicyResultsDialog", "Changed"),
        "unchanged": translate("PolicyResultsDialog", "Unchanged"),
        "baseline": translate("PolicyResultsDialog", "First check"),
        "failed": translate("PolicyResultsDialog", "Could not check"),
    }
    return texts.get(outcome, outcome)


def _link_count(outcome: str, n: int) -> str:
    texts = {
        "reachable": translate("OnlineResults", "%n reachable", "", n),
        "redirected": translate("OnlineResults", "%n redirected", "", n),
        "login-required": translate("OnlineResults", "%n sign-in needed", "", n),
        "not-found": translate("OnlineResults", "%n not found", "", n),
        "failed": translate("OnlineResults", "%n failed", "", n),
    }
    return texts[outcome]


def _policy_count(outcome: str, n: int) -> str:
    texts = {
        "changed": translate("OnlineResults", "%n changed", "", n),
        "unchanged": translate("OnlineResults", "%n unchanged", "", n),
        "baseline": translate("OnlineResults", "%n checked for the first time", "", n),
        "failed": translate("OnlineResults", "%n could not be read", "", n),
    }
    return texts[outcome]


def count_text(
    outcomes: Sequence[str], order: Sequence[str], count: Callable[[str, int], str]
) -> str:
    """ "3 reachable, 1 not found", in the order of ``order``."""
    counts = Counter(outcomes)
    return ", ".join(count(key, counts[key]) for key in order if counts[key])


def link_counts(outcomes: Sequence[str]) -> str:
    """The link check's outcomes counted: "3 reachable, 1 not found"."""
    return count_text(outcomes, LINK_OUTCOMES, _link_count)


def policy_counts(outcomes: Sequence[str]) -> str:
    """The policy check's outcomes counted: "1 changed, 2 unchanged"."""
    return count_text(outcomes, POLICY_OUTCOMES, _policy_count)


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
        count = len(results)  # a name, not a call: lupdate reads only those as the count
        links = (
            translate("LinkResultsDialog", "%n link", "", count)
            if count == 1
            else translate("LinkResultsDialog", "%n links", "", count)
        )
        summary = (
            translate("LinkResultsDialog", "{links} on %n platform: {counts}.", "", platforms)
            if platforms == 1
            else translate("LinkResultsDialog", "{links} on %n platforms: {counts}.", "", platforms)
        ).format(links=links, counts=link_counts(outcomes))
        if "login-required" in outcomes:
            summary += translate(
                "LinkResultsDialog",
                " Settings pages need you to be signed in, so “Sign-in needed” is fine.",
            )
        rows = [
            (r.platform_name, r.label, r.url, link_outcome_text(o), r.detail)
            for r, o in zip(results, outcomes, strict=True)
        ]
        columns = (
            translate("LinkResultsDialog", "Platform"),
            translate("LinkResultsDialog", "Link"),
            translate("LinkResultsDialog", "URL"),
            translate("LinkResultsDialog", "Result"),
            translate("LinkResultsDialog", "Detail"),
        )
        super().__init__(
            translate("LinkResultsDialog", "Link check results"),
            summary,
            columns,
            rows,
            (90, 150, 210, 110),
            parent,
        )
        self._outcomes = outcomes
        self.problems_only = QCheckBox(
            translate("LinkResultsDialog", "Show only links that were not found or failed")
        )
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
        count = len(results)
        summary = (
            translate("PolicyResultsDialog", "%n policy checked: {counts}.", "", count)
            if count == 1
            else translate("PolicyResultsDialog", "%n policies checked: {counts}.", "", count)
        ).format(counts=policy_counts(outcomes))
        rows = [
            (
                translate("PolicyResultsDialog", "{platform}: {policy}").format(
                    platform=r.platform_name, policy=r.policy_title
                ),
                policy_outcome_text(o),
                r.detail,
            )
            for r, o in zip(results, outcomes, strict=True)
        ]
        columns = (
            translate("PolicyResultsDialog", "Policy"),
            translate("PolicyResultsDialog", "Result"),
            translate("PolicyResultsDialog", "Detail"),
        )
        super().__init__(
            translate("PolicyResultsDialog", "Policy check results"),
            summary,
            columns,
            rows,
            (280, 120),
            parent,
        )
        self.results = list(results)
        self.diff_dialog: QDialog | None = None
        for row, result in enumerate(results):  # the address, for whoever wants to look
            cell = self.table.item(row, 0)
            if cell is not None:
                cell.setToolTip(plain_tooltip(f"{rows[row][0]}\n{result.url}"))
        self.diff_button = QPushButton(translate("PolicyResultsDialog", "Show what &changed"))
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
