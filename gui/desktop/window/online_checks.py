"""Tools > Check links… and Check for policy changes…: the online checks in the window.

``OnlineChecks`` is made by the window once its data is loaded. It asks once per session
before contacting anything (unless told not to ask again), runs the check on the worker
thread of ``gui.desktop.online.worker`` with a cancellable progress dialog, and shows the results.
It also keeps the policy-change notices above the checklist, and runs the opt-in weekly
policy check at start-up in the background, with its progress in the status bar.

Every text that comes from a catalog file or a web page is shown as plain text: labels are
set to ``PlainText`` and item views never interpret markup. ``gui.core.online`` is imported only
when needed, so building the window does not pay for it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core.store import StoreError
from gui.desktop.views.plain_text import plain_label, plain_tooltip
from gui.desktop.window.messages import show_message, show_store_error

if TYPE_CHECKING:
    from gui.core.catalog import Platform
    from gui.core.online.links import LinkResult
    from gui.core.online.policy_watch import PolicyCheckResult, PolicyNotice
    from gui.desktop.online.worker import OnlineCheck
    from gui.desktop.window.main_window import MainWindow

log = logging.getLogger(__name__)

LINKS = "links"
POLICIES = "policies"
TITLES = {LINKS: "Checking links", POLICIES: "Checking for policy changes"}
# "off" once the user ticked "Don't ask again"; anything else means ask (once a session).
CONFIRM_SETTING = "online.confirm_before_contacting"
HOSTS_SHOWN = 8  # more than this and the text says "and N more", the details list all
NOTICE_ROWS_SHOWN = 3  # more notices wait behind a "Show N more" button


def hosts_of(urls: Sequence[str]) -> list[str]:
    """The host names ``urls`` name, each once, in order."""
    hosts: list[str] = []
    for url in urls:
        host = (urlsplit(url).hostname or "").lower()
        if host and host not in hosts:
            hosts.append(host)
    return hosts


def confirmation_text(hosts: Sequence[str], pages: int) -> str:
    shown = ", ".join(hosts[:HOSTS_SHOWN])
    if len(hosts) > HOSTS_SHOWN:
        shown += f" and {len(hosts) - HOSTS_SHOWN} more"
    noun = "page" if pages == 1 else "pages"
    return f"This contacts {shown} to fetch {pages} {noun}. Nothing about your checklist is sent."


class ContactConfirmation(QMessageBox):
    """The one question before the first check of a session: exactly which hosts."""

    def __init__(self, kind: str, urls: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hosts = hosts_of(urls)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle("Contact the platforms' sites?")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(confirmation_text(hosts, len(urls)))
        self.setInformativeText(
            "A redirect is followed only to the same platform's own domains. The requests "
            "name this app and carry no cookies or sign-in."
        )
        if len(hosts) > HOSTS_SHOWN:
            self.setDetailedText("\n".join(hosts))
        go_text = "Check links" if kind == LINKS else "Check policies"
        self.go_button = self.addButton(go_text, QMessageBox.ButtonRole.AcceptRole)
        self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.go_button)
        # Kept here too: PySide does not keep the box's checkbox alive on its own.
        self.dont_ask = QCheckBox("Don't ask again", self)
        self.setCheckBox(self.dont_ask)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.go_button


class CheckProgressDialog(QDialog):
    """Which platform, how many pages of how many; Cancel and Escape stop the check."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLES[kind])
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.label = plain_label("Starting…")
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)  # the label says it in words
        self.bar.setRange(0, 0)  # busy until the first progress report
        layout.addWidget(self.bar)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)  # Escape and closing the dialog go there too
        layout.addWidget(buttons)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)

    def show_progress(self, text: str, done: int, total: int) -> None:
        self.label.setText(text)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)


class StatusProgress(QWidget):
    """The weekly check's progress, small, at the right of the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = plain_label("Weekly policy check…", wrap=False)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setRange(0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)

    def show_progress(self, text: str, done: int, total: int) -> None:
        self.label.setText(f"Weekly policy check: {text}")
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)


def progress_text(platform_name: str, done: int, total: int) -> str:
    if done >= total:
        return f"Finishing: {total} of {total} pages checked"
    return f"{platform_name}: page {done + 1} of {total}"


# -- results -------------------------------------------------------------------------------

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
            self.diff_dialog = _show_diff(dialog)
        return dialog


def _show_diff(dialog: QDialog) -> QDialog:
    # Not modal: reading what changed next to the checklist is the point.
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


# -- the notices above the checklist -------------------------------------------------------


class PolicyNoticeBar(QFrame):
    """One line per changed policy not yet reviewed again, each with "Show what changed".
    "Dismiss" hides the bar until a new change comes in; a change stays flagged in the
    store until the user records a decision for that platform."""

    diffRequested = Signal(object)  # a PolicyNotice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("policy-notices")
        self.setAccessibleName("Privacy policy changes")
        # Light background with dark text set together, readable in a dark theme too.
        self.setStyleSheet(
            "QFrame#policy-notices { background: #fff6d5; border: 1px solid #d9b84a;"
            " border-radius: 4px; }"
            " QFrame#policy-notices QLabel { color: #3a2e00; background: transparent;"
            " border: none; }"
        )
        self.notices: list[PolicyNotice] = []
        self.dismissed: set[str] = set()
        self.labels: list[QLabel] = []
        self.diff_buttons: list[QPushButton] = []
        self._expanded = False
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(10, 6, 6, 6)
        self._grid.setColumnStretch(0, 1)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setToolTip("Hide these notices until a policy changes again")
        self.dismiss_button.clicked.connect(self.dismiss)
        self.more_button = QPushButton()
        self.more_button.clicked.connect(self._expand)
        self.hide()

    def texts(self) -> list[str]:
        """The notice lines on show."""
        return [label.text() for label in self.labels if not label.isHidden()]

    def set_notices(self, notices: Sequence[PolicyNotice]) -> None:
        same_lines = [n.text for n in notices] == [n.text for n in self.notices]
        self.notices = list(notices)
        if not same_lines:
            # Rebuilt only when the lines change: reload runs on every window activation,
            # and rebuilding would take the keyboard focus away from a button.
            self._rebuild()
        fresh = any(n.text not in self.dismissed for n in self.notices)
        self.setVisible(bool(self.notices) and fresh)

    def dismiss(self) -> None:
        self.dismissed.update(n.text for n in self.notices)
        self.hide()

    def _rebuild(self) -> None:
        for widget in (*self.labels, *self.diff_buttons):
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.labels, self.diff_buttons = [], []
        for row, notice in enumerate(self.notices):
            label = plain_label(notice.text)
            button = QPushButton("Show what changed")
            button.setAccessibleDescription(notice.text)
            button.clicked.connect(lambda _=False, n=notice: self._request(n))
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(button, row, 1)
            self.labels.append(label)
            self.diff_buttons.append(button)
        self._grid.addWidget(self.dismiss_button, 0, 2)
        hidden = len(self.notices) - NOTICE_ROWS_SHOWN
        self._grid.addWidget(self.more_button, len(self.notices), 1)
        self.more_button.setText(f"Show {hidden} more")
        self._show_rows(self._expanded or hidden <= 0)
        # Tab goes down the lines, then to Dismiss (on the first line, but it is for all).
        for first, second in pairwise([*self.diff_buttons, self.more_button, self.dismiss_button]):
            QWidget.setTabOrder(first, second)

    def _show_rows(self, all_rows: bool) -> None:
        for row, (label, button) in enumerate(zip(self.labels, self.diff_buttons, strict=True)):
            shown = all_rows or row < NOTICE_ROWS_SHOWN
            label.setVisible(shown)
            button.setVisible(shown)
        self.more_button.setVisible(not all_rows)

    def _expand(self) -> None:
        self._expanded = True
        self._show_rows(True)
        if len(self.diff_buttons) > NOTICE_ROWS_SHOWN:
            self.diff_buttons[NOTICE_ROWS_SHOWN].setFocus()

    def _request(self, notice: PolicyNotice) -> None:
        # Look the notice up again by its line: the list may have been refreshed since.
        current = next((n for n in self.notices if n.text == notice.text), notice)
        self.diffRequested.emit(current)


# -- the controller ------------------------------------------------------------------------


class OnlineChecks(QObject):
    """The window's online checks: one at a time, asked for or weekly."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.notice_bar = PolicyNoticeBar()
        self.notice_bar.diffRequested.connect(self.show_notice_diff)
        self.check: OnlineCheck | None = None
        self.kind = ""
        self.results: list[Any] = []
        self.last_progress: tuple[str, int, int] | None = None  # for a dialog opened late
        self.weekly = False  # the running check is the weekly one (recorded when it ends)
        self.weekly_now: datetime | None = None
        self.progress_dialog: CheckProgressDialog | None = None
        self.status_progress: StatusProgress | None = None
        self.confirmation: ContactConfirmation | None = None
        self.results_dialog: QDialog | None = None
        self.diff_dialog: QDialog | None = None
        self._confirmed = False  # asked and said yes once this session
        self._closing = False
        # Decisions recorded in the tree or the detail pane can clear a notice; several
        # edits in a row need one look at the store.
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(200)
        self._notice_timer.timeout.connect(self.refresh_notices)

    def wrap(self, panel: QWidget) -> QWidget:
        """The window's central widget: the notices above the checklist panel."""
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.notice_bar)
        layout.addWidget(panel, 1)
        model = getattr(panel, "model", None)
        if model is not None:
            model.dataChanged.connect(lambda *_: self._notice_timer.start())
        return central

    def data_shown(self) -> None:
        """After the checklist is on screen: the notices, the weekly setting, and the
        weekly check when it is due. Deferred so the first view of the checklist does not
        wait for the online modules."""
        QTimer.singleShot(0, self, self._after_data_shown)

    def _after_data_shown(self) -> None:
        if self._closing:
            return
        self.refresh_notices()
        self.sync_weekly_action()
        self.start_weekly_check_if_due()

    # -- running a check -----------------------------------------------------------------

    def run(self, kind: str) -> QWidget | None:
        """What the menu action does: ask (once), then check with a progress dialog."""
        if self.window.source is None or self._closing:
            return None
        if self.check is not None:
            if kind == self.kind and self.progress_dialog is None:
                # The weekly check is already doing this: show its progress and results.
                self._drop_status_progress()
                self._open_progress_dialog()
                return self.progress_dialog
            return self._tell(
                "A check is already running",
                "Wait for the check that is running to finish, or cancel it, then try again.",
            )
        try:
            platforms = self._platforms(kind)
        except StoreError as error:  # the checklist could not be read
            return show_store_error(self.window, "The check did not start", error)
        if not platforms:
            return self._tell(
                "Nothing to check yet",
                "The policy check looks at the platforms you have reviewed, and you have "
                "not reviewed any yet.",
            )
        if self._should_ask():
            return self._ask(kind, platforms)
        self._start(kind, platforms)
        return self.progress_dialog

    def start_weekly_check_if_due(self, now: datetime | None = None) -> bool:
        """The opt-in weekly check, in the background. True if it started."""
        from gui.core.online.settings import weekly_check_due

        store = self.window.store
        if store is None or self.check is not None or self._closing:
            return False
        try:
            due = weekly_check_due(store, now)
            platforms = self._platforms(POLICIES) if due else []
        except StoreError as error:
            log.warning("weekly policy check not started: %s", error.message)
            return False
        if not platforms:
            return False
        self._start(POLICIES, platforms, weekly=True, now=now)
        return True

    def _platforms(self, kind: str) -> list[Platform]:
        catalog = self.window.catalog
        store = self.window.store
        if catalog is None or store is None:
            return []
        if kind == LINKS:
            return list(catalog.platforms)
        from gui.core.online.policy_watch import reviewed_platform_ids

        # The policies of the platforms the user reviewed: the ones they care about.
        found = (catalog.platform(pid) for pid in reviewed_platform_ids(store))
        return [p for p in found if p is not None and p.policies]

    def _should_ask(self) -> bool:
        if self._confirmed:
            return False
        store = self.window.store
        try:
            return store is None or store.get_setting(CONFIRM_SETTING) != "off"
        except StoreError:
            return True

    def _ask(self, kind: str, platforms: list[Platform]) -> ContactConfirmation:
        urls = self._urls(kind, platforms)
        box = ContactConfirmation(kind, urls, self.window)

        def answered(_result: int) -> None:
            self.confirmation = None
            if not box.confirmed() or self._closing:
                return
            self._confirmed = True
            if box.dont_ask.isChecked():
                self._save_setting(CONFIRM_SETTING, "off")
            self._start(kind, platforms)

        box.finished.connect(answered)
        self.confirmation = box
        box.open()
        return box

    @staticmethod
    def _urls(kind: str, platforms: Sequence[Platform]) -> list[str]:
        from gui.core.online.checks import link_check_tasks, policy_fetch_tasks

        tasks = link_check_tasks(platforms) if kind == LINKS else policy_fetch_tasks(platforms)
        return [task.url for task in tasks]

    def _start(
        self,
        kind: str,
        platforms: list[Platform],
        *,
        weekly: bool = False,
        now: datetime | None = None,
    ) -> None:
        from gui.desktop.online.worker import link_check, policy_check

        store = self.window.store
        assert store is not None
        check = (
            link_check(platforms, parent=self)
            if kind == LINKS
            else policy_check(store, platforms, parent=self)
        )
        self.check, self.kind, self.results, self.last_progress = check, kind, [], None
        self.weekly, self.weekly_now = weekly, now
        check.progress.connect(self._on_progress)
        check.result.connect(self.results.append)
        check.failed.connect(self._on_failed)
        check.finished.connect(self._on_finished)
        if weekly:
            self.status_progress = StatusProgress()
            self.window.statusBar().addPermanentWidget(self.status_progress)
        else:
            self._open_progress_dialog()
        check.start()

    def _open_progress_dialog(self) -> None:
        dialog = CheckProgressDialog(self.kind, self.window)
        dialog.rejected.connect(self.cancel)
        self.progress_dialog = dialog
        if self.last_progress is not None:
            dialog.show_progress(progress_text(*self.last_progress), *self.last_progress[1:])
        dialog.open()  # window-modal: one check at a time, and the checklist stays put

    def _drop_status_progress(self) -> None:
        if self.status_progress is not None:
            self.window.statusBar().removeWidget(self.status_progress)
            self.status_progress.deleteLater()
            self.status_progress = None

    def cancel(self) -> None:
        if self.check is not None:
            self.check.cancel()

    def _on_progress(self, platform_name: str, done: int, total: int) -> None:
        self.last_progress = (platform_name, done, total)
        text = progress_text(platform_name, done, total)
        if self.progress_dialog is not None:
            self.progress_dialog.show_progress(text, done, total)
        if self.status_progress is not None:
            self.status_progress.show_progress(text, done, total)

    def _on_failed(self, message: str) -> None:
        if not self._closing:
            self._tell("The check stopped", message, icon=QMessageBox.Icon.Warning)

    def _on_finished(self, cancelled: bool) -> None:
        check, kind, results = self.check, self.kind, self.results
        weekly, shown = self.weekly, self.progress_dialog is not None
        self.check, self.kind, self.results, self.weekly = None, "", [], False
        if self.progress_dialog is not None:
            self.progress_dialog.rejected.disconnect(self.cancel)
            self.progress_dialog.accept()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self._drop_status_progress()
        if check is not None:
            check.deleteLater()
        if self._closing:
            return
        if kind == POLICIES:
            self.refresh_notices()
        if weekly and not cancelled:
            self._record_weekly(results)
        total = check.total if check is not None else len(results)
        self.window.statusBar().showMessage(
            self._finished_message(kind, results, total, cancelled, weekly), 15_000
        )
        if shown and not cancelled and results:
            self._show_results(kind, results)

    @staticmethod
    def _finished_message(
        kind: str, results: list[Any], total: int, cancelled: bool, weekly: bool
    ) -> str:
        name = "Link check" if kind == LINKS else "Policy check"
        if weekly:
            name = "Weekly policy check"
        if cancelled:
            pages = "page" if total == 1 else "pages"
            return f"{name} cancelled after {len(results)} of {total} {pages}."
        words = LINK_SUMMARY_WORDS if kind == LINKS else POLICY_SUMMARY_WORDS
        counts = count_text([str(r.outcome) for r in results], words)
        return f"{name} done: {counts or 'nothing checked'}."

    def _record_weekly(self, results: list[Any]) -> None:
        from gui.core.online.settings import record_weekly_check

        try:
            record_weekly_check(self.window.store, results, self.weekly_now)  # type: ignore[arg-type]
        except StoreError as error:
            log.warning("weekly policy check not recorded: %s", error.message)

    def _show_results(self, kind: str, results: list[Any]) -> None:
        dialog: QDialog = (
            LinkResultsDialog(results, self.window)
            if kind == LINKS
            else PolicyResultsDialog(results, self.window)
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.results_dialog = dialog
        dialog.show()  # not modal: the results can stay open next to the checklist

    # -- notices and the weekly setting ----------------------------------------------------

    def refresh_notices(self) -> None:
        from gui.core.online.policy_watch import pending_policy_changes

        store, catalog = self.window.store, self.window.catalog
        if store is None or catalog is None or self._closing:
            return
        try:
            notices = pending_policy_changes(store, catalog)
        except StoreError as error:  # the checklist is unreadable: the window says so
            log.warning("policy notices not read: %s", error.message)
            return
        self.notice_bar.set_notices(notices)

    def show_notice_diff(self, notice: PolicyNotice) -> QDialog:
        from gui.desktop.online.diff_view import PolicyDiffDialog

        self.diff_dialog = _show_diff(PolicyDiffDialog.for_notice(notice, self.window))
        return self.diff_dialog

    def sync_weekly_action(self) -> None:
        from gui.core.online.settings import weekly_check_enabled

        store = self.window.store
        if store is None:
            return
        try:
            enabled = weekly_check_enabled(store)
        except StoreError:
            enabled = False
        self.window.commands.weekly_check.setChecked(enabled)

    def set_weekly(self, enabled: bool) -> None:
        from gui.core.online.settings import set_weekly_check

        store = self.window.store
        if store is None:
            return
        try:
            set_weekly_check(store, enabled)
        except StoreError as error:
            self.sync_weekly_action()  # the menu shows what is really stored
            show_store_error(self.window, "The setting was not saved", error)
            return
        self.window.statusBar().showMessage(
            "The policy check will run when the app starts, once a week."
            if enabled
            else "The weekly policy check is off.",
            10_000,
        )

    def _save_setting(self, key: str, value: str) -> None:
        store = self.window.store
        try:
            if store is not None:
                store.set_setting(key, value)
        except StoreError as error:
            log.warning("setting %s not saved: %s", key, error.message)

    def _tell(
        self, title: str, text: str, *, icon: QMessageBox.Icon = QMessageBox.Icon.Information
    ) -> QMessageBox:
        return show_message(self.window, title, text, icon=icon)

    # -- closing ---------------------------------------------------------------------------

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """The window is closing: stop the check and wait for its thread, so Qt never
        destroys a running thread and no dialog opens afterwards."""
        self._closing = True
        self._notice_timer.stop()
        if self.confirmation is not None:
            self.confirmation.close()
        if self.check is None:
            return True
        return self.check.shutdown(timeout_ms)


def _cell_text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""
