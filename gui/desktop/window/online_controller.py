"""Tools > Check links… and Check for policy changes…: the controller of the online checks.

``OnlineChecks`` is made by the window once its data is loaded, and is given what it uses:
the catalog, the store, the widget its dialogs belong to and the status bar. It tells the
window the weekly setting through ``weeklySettingRead``. It asks once per session before
contacting anything (unless told not to ask again), runs the check on the worker thread of
``gui.desktop.online.worker`` with a cancellable progress dialog, and shows the results. It
also keeps the policy-change notices above the checklist, and runs the opt-in weekly policy
check at start-up in the background, with its progress in the status bar.

The window makes this controller once the checklist is loaded (never for the first paint);
the network code itself (``gui.desktop.online.worker``, ``requests``) is imported only when a
check runs.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QStatusBar, QVBoxLayout, QWidget

from gui.core.online.checks import link_check_tasks, policy_fetch_tasks
from gui.core.online.links import LinkResult
from gui.core.online.policy_watch import (
    PolicyCheckResult,
    pending_policy_changes,
    reviewed_platform_ids,
)
from gui.core.online.settings import (
    record_weekly_check,
    set_weekly_check,
    weekly_check_due,
    weekly_check_enabled,
)
from gui.core.store import StoreError
from gui.desktop.i18n import translate
from gui.desktop.online.check_kind import CheckKind
from gui.desktop.window.messages import show_message, show_store_error
from gui.desktop.window.online_dialogs import (
    CheckProgressDialog,
    ContactConfirmation,
    StatusProgress,
    progress_text,
)
from gui.desktop.window.online_results import (
    LinkResultsDialog,
    PolicyResultsDialog,
    link_counts,
    policy_counts,
    show_diff_dialog,
)
from gui.desktop.window.policy_notices import PolicyNoticeBar

if TYPE_CHECKING:
    from gui.core.catalog import Catalog, Platform
    from gui.core.online.policy_watch import PolicyNotice
    from gui.core.store import Store
    from gui.desktop.online.check_kind import CheckResult
    from gui.desktop.online.worker import OnlineCheck

log = logging.getLogger(__name__)

# "off" once the user ticked "Don't ask again"; anything else means ask (once a session).
CONFIRM_SETTING = "online.confirm_before_contacting"


class OnlineChecks(QObject):
    """The window's online checks: one at a time, asked for or weekly."""

    # The weekly setting as stored, read after the data is shown or after a failed save:
    # the window ticks its menu item to match.
    weeklySettingRead = Signal(bool)

    def __init__(
        self, catalog: Catalog, store: Store, *, parent: QWidget, status_bar: QStatusBar
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.store = store
        self.parent_widget = parent  # dialogs and messages belong to it
        self.status_bar = status_bar
        self.notice_bar = PolicyNoticeBar()
        self.notice_bar.diffRequested.connect(self.show_notice_diff)
        self.check: OnlineCheck | None = None
        self.kind: CheckKind | None = None
        self.results: list[CheckResult] = []
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

    def run(self, kind: CheckKind | str) -> QWidget | None:
        """What the menu action does: ask (once), then check with a progress dialog."""
        kind = CheckKind(kind)
        if self._closing:
            return None
        if self.check is not None:
            if kind == self.kind and self.progress_dialog is None:
                # The weekly check is already doing this: show its progress and results.
                self._drop_status_progress()
                self._open_progress_dialog()
                return self.progress_dialog
            return self._tell(
                translate("OnlineChecks", "A check is already running"),
                translate(
                    "OnlineChecks",
                    "Wait for the check that is running to finish, or cancel it, then try again.",
                ),
            )
        try:
            platforms = self._platforms(kind)
        except StoreError as error:  # the checklist could not be read
            return show_store_error(
                self.parent_widget, translate("OnlineChecks", "The check did not start"), error
            )
        if not platforms:
            return self._tell(
                translate("OnlineChecks", "Nothing to check yet"),
                translate(
                    "OnlineChecks",
                    "The policy check looks at the platforms you have reviewed, and you have "
                    "not reviewed any yet.",
                ),
            )
        if self._should_ask():
            return self._ask(kind, platforms)
        self._start(kind, platforms)
        return self.progress_dialog

    def start_weekly_check_if_due(self, now: datetime | None = None) -> bool:
        """The opt-in weekly check, in the background. True if it started."""
        store = self.store
        if self.check is not None or self._closing:
            return False
        try:
            due = weekly_check_due(store, now)
            platforms = self._platforms(CheckKind.POLICIES) if due else []
        except StoreError as error:
            log.warning("weekly policy check not started: %s", error.message)
            return False
        if not platforms:
            return False
        self._start(CheckKind.POLICIES, platforms, weekly=True, now=now)
        return True

    def _platforms(self, kind: CheckKind) -> list[Platform]:
        catalog, store = self.catalog, self.store
        if kind is CheckKind.LINKS:
            return list(catalog.platforms)
        # The policies of the platforms the user reviewed: the ones they care about.
        found = (catalog.platform(pid) for pid in reviewed_platform_ids(store))
        return [p for p in found if p is not None and p.policies]

    def _should_ask(self) -> bool:
        if self._confirmed:
            return False
        try:
            return self.store.get_setting(CONFIRM_SETTING) != "off"
        except StoreError:
            return True

    def _ask(self, kind: CheckKind, platforms: list[Platform]) -> ContactConfirmation:
        urls = self._urls(kind, platforms)
        box = ContactConfirmation(kind, urls, self.parent_widget)

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
    def _urls(kind: CheckKind, platforms: Sequence[Platform]) -> list[str]:
        tasks = (
            link_check_tasks(platforms)
            if kind is CheckKind.LINKS
            else policy_fetch_tasks(platforms)
        )
        return [task.url for task in tasks]

    def _start(
        self,
        kind: CheckKind,
        platforms: list[Platform],
        *,
        weekly: bool = False,
        now: datetime | None = None,
    ) -> None:
        from gui.desktop.online.worker import link_check, policy_check

        check = (
            link_check(platforms, parent=self)
            if kind is CheckKind.LINKS
            else policy_check(self.store, platforms, parent=self)
        )
        self.check, self.kind, self.results, self.last_progress = check, kind, [], None
        self.weekly, self.weekly_now = weekly, now
        check.progress.connect(self._on_progress)
        check.result.connect(self.results.append)
        check.failed.connect(self._on_failed)
        check.finished.connect(self._on_finished)
        if weekly:
            self.status_progress = StatusProgress()
            self.status_bar.addPermanentWidget(self.status_progress)
        else:
            self._open_progress_dialog()
        check.start()

    def _open_progress_dialog(self) -> None:
        assert self.kind is not None  # only while a check runs
        dialog = CheckProgressDialog(self.kind, self.parent_widget)
        dialog.rejected.connect(self.cancel)
        self.progress_dialog = dialog
        if self.last_progress is not None:
            dialog.show_progress(progress_text(*self.last_progress), *self.last_progress[1:])
        dialog.open()  # window-modal: one check at a time, and the checklist stays put

    def _drop_status_progress(self) -> None:
        if self.status_progress is not None:
            self.status_bar.removeWidget(self.status_progress)
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
            self._tell(
                translate("OnlineChecks", "The check stopped"),
                message,
                icon=QMessageBox.Icon.Warning,
            )

    def _on_finished(self, cancelled: bool) -> None:
        check, kind, results = self.check, self.kind, self.results
        weekly, shown = self.weekly, self.progress_dialog is not None
        self.check, self.kind, self.results, self.weekly = None, None, [], False
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
        if kind is None:  # no check was running
            return
        if kind is CheckKind.POLICIES:
            self.refresh_notices()
        if weekly and not cancelled:
            self._record_weekly(results)
        total = check.total if check is not None else len(results)
        self.status_bar.showMessage(
            self._finished_message(kind, results, total, cancelled, weekly), 15_000
        )
        if shown and not cancelled and results:
            self._show_results(kind, results)

    @staticmethod
    def _finished_message(
        kind: CheckKind, results: Sequence[CheckResult], total: int, cancelled: bool, weekly: bool
    ) -> str:
        name = translate("OnlineChecks", "Weekly policy check") if weekly else kind.check_name
        if cancelled:
            stopped = (
                translate("OnlineChecks", "{check} cancelled after {done} of %n page.", "", total)
                if total == 1
                else translate(
                    "OnlineChecks", "{check} cancelled after {done} of %n pages.", "", total
                )
            )
            return stopped.format(check=name, done=len(results))
        outcomes = [str(r.outcome) for r in results]
        counts = link_counts(outcomes) if kind is CheckKind.LINKS else policy_counts(outcomes)
        return translate("OnlineChecks", "{check} done: {counts}.").format(
            check=name, counts=counts or translate("OnlineChecks", "nothing checked")
        )

    def _record_weekly(self, results: Sequence[CheckResult]) -> None:
        # The weekly check is a policy check: every result is a PolicyCheckResult.
        policies = [r for r in results if isinstance(r, PolicyCheckResult)]
        try:
            record_weekly_check(self.store, policies, self.weekly_now)
        except StoreError as error:
            log.warning("weekly policy check not recorded: %s", error.message)

    def _show_results(self, kind: CheckKind, results: Sequence[CheckResult]) -> None:
        # A check yields results of its own kind only; the filters narrow the type.
        dialog: QDialog
        if kind is CheckKind.LINKS:
            links = [r for r in results if isinstance(r, LinkResult)]
            dialog = LinkResultsDialog(links, self.parent_widget)
        else:
            policies = [r for r in results if isinstance(r, PolicyCheckResult)]
            dialog = PolicyResultsDialog(policies, self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.results_dialog = dialog
        dialog.show()  # not modal: the results can stay open next to the checklist

    # -- notices and the weekly setting ----------------------------------------------------

    def refresh_notices(self) -> None:
        if self._closing:
            return
        try:
            notices = pending_policy_changes(self.store, self.catalog)
        except StoreError as error:  # the checklist is unreadable: the window says so
            log.warning("policy notices not read: %s", error.message)
            return
        self.notice_bar.set_notices(notices)

    def show_notice_diff(self, notice: PolicyNotice) -> QDialog:
        from gui.desktop.online.diff_view import PolicyDiffDialog

        self.diff_dialog = show_diff_dialog(PolicyDiffDialog.for_notice(notice, self.parent_widget))
        return self.diff_dialog

    def sync_weekly_action(self) -> None:
        try:
            enabled = weekly_check_enabled(self.store)
        except StoreError:
            enabled = False
        self.weeklySettingRead.emit(enabled)

    def set_weekly(self, enabled: bool) -> None:
        try:
            set_weekly_check(self.store, enabled)
        except StoreError as error:
            self.sync_weekly_action()  # the menu shows what is really stored
            show_store_error(
                self.parent_widget, translate("OnlineChecks", "The setting was not saved"), error
            )
            return
        self.status_bar.showMessage(
            translate("OnlineChecks", "The policy check will run when the app starts, once a week.")
            if enabled
            else translate("OnlineChecks", "The weekly policy check is off."),
            10_000,
        )

    def _save_setting(self, key: str, value: str) -> None:
        try:
            self.store.set_setting(key, value)
        except StoreError as error:
            log.warning("setting %s not saved: %s", key, error.message)

    def _tell(
        self, title: str, text: str, *, icon: QMessageBox.Icon = QMessageBox.Icon.Information
    ) -> QMessageBox:
        return show_message(self.parent_widget, title, text, icon=icon)

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
