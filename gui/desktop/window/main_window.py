"""The checklist window's frame: menus, toolbar, status bar, and the commands.

Built in two steps so that it paints fast: the constructor makes the shell (menus, toolbar,
status bar and an "Opening your checklist" placeholder), and ``set_data`` puts the checklist
panel in once the catalog and the store are open. The imports at the top are what the shell
needs and nothing more. The window's other parts are imported where they are first used:
the checklist panel with the data, the commands' modules (import/export, the guided review,
help, summaries, requests, online checks) when chosen. Between them they bring in
``gui.core``'s catalog, checklist and store and PySide's ``Qt`` namespace, about half a second
that the first paint does not wait for (``LATE_IMPORTS`` in tests/test_import_boundaries.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMessageBox, QToolBar, QWidget

from gui.core.paths import AppDirs
from gui.desktop.i18n import translate
from gui.desktop.online.check_kind import CheckKind
from gui.desktop.window.actions import (
    WindowActions,
    apply_shortcuts,
    build_menus,
    build_toolbar,
    create_actions,
)
from gui.desktop.window.window_state import DEFAULT_SIZE, WindowState, fit_to_screen

if TYPE_CHECKING:
    from gui.core.catalog import Catalog
    from gui.core.checklist import ChecklistRow
    from gui.core.checklist_source import ChecklistSource
    from gui.core.store import Store
    from gui.desktop.window.checklist_panel import ChecklistPanel
    from gui.desktop.window.online_controller import OnlineChecks

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    dataShown = Signal()  # the checklist is loaded and on screen

    def __init__(self, dirs: AppDirs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dirs = dirs
        self.source: ChecklistSource | None = None
        self.panel: ChecklistPanel | None = None
        self._kept: list[Any] = []  # non-modal dialogs and flows kept alive while open
        self.online: OnlineChecks | None = None  # made with the data
        self._shell_finished = False
        self._menu_key_added = False
        self._fitted_with_frame = False
        self.setWindowTitle(translate("MainWindow", "Privacy Review"))
        self.setObjectName("main-window")

        # Centred by stretches rather than an alignment flag: touching PySide's ``Qt``
        # namespace costs ~25 ms, so the shell leaves it for after the first paint.
        placeholder = QWidget()
        placeholder_layout = QHBoxLayout(placeholder)
        placeholder_layout.addStretch(1)
        placeholder_layout.addWidget(QLabel(translate("MainWindow", "Opening your checklist…")))
        placeholder_layout.addStretch(1)
        self.setCentralWidget(placeholder)

        self.commands = create_actions(self)
        build_menus(self.menuBar(), self.commands)
        self.toolbar = QToolBar(translate("MainWindow", "Main toolbar"), self)
        build_toolbar(self.toolbar, self.commands)
        self.addToolBar(self.toolbar)
        self._connect(self.commands)
        for action in self.commands.needing_data():
            action.setEnabled(False)

        self.location_label = QLabel(translate("MainWindow", "Opening your checklist…"))
        self.shown_label = QLabel()
        # A long path must not make the window wider than the screen: the label is cut at
        # the end (the protection comes first, the path last; the tooltip has all of it).
        self.location_label.setMinimumWidth(1)
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.shown_label)

        self.window_state = WindowState(dirs.config)
        if not self.window_state.restore_window(self):
            self.resize(*DEFAULT_SIZE)
        fit_to_screen(self)  # a size saved on a larger screen, or the default on a small one

    def finish_shell(self) -> None:
        """What the first paint can do without (see ``apply_shortcuts``); called right after
        it, and by ``set_data`` in case it was not."""
        if self._shell_finished:
            return
        self._shell_finished = True
        apply_shortcuts(self.commands)
        if not self._menu_key_added:
            self._menu_key_added = True
            self.addAction(self.commands.menu_bar)  # F10 works wherever the focus is

    def _connect(self, commands: WindowActions) -> None:
        commands.print_summary.triggered.connect(self.print_summary)
        commands.save_summary.triggered.connect(self.save_summary)
        commands.export_checklist.triggered.connect(self.export_checklist)
        commands.import_checklist.triggered.connect(self.import_checklist)
        commands.quit.triggered.connect(self.close)
        commands.find.triggered.connect(self.focus_search)
        commands.clear_filters.triggered.connect(self.clear_filters)
        commands.show_attention.triggered.connect(self.show_attention)
        commands.your_requests.triggered.connect(self.show_requests)
        commands.start_review.triggered.connect(lambda: self.start_review())
        commands.review_attention.triggered.connect(lambda: self.start_review(attention=True))
        commands.check_links.triggered.connect(lambda: self.run_online_check(CheckKind.LINKS))
        commands.check_policies.triggered.connect(lambda: self.run_online_check(CheckKind.POLICIES))
        commands.weekly_check.triggered.connect(self.set_weekly_check)
        commands.data_location.triggered.connect(self.show_data_location)
        commands.about.triggered.connect(self.show_about)
        commands.help_contents.triggered.connect(self.show_help)
        commands.menu_bar.triggered.connect(self.open_menu_bar)

    # -- data --------------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog | None:
        return self.source.catalog if self.source else None

    @property
    def store(self) -> Store | None:
        return self.source.store if self.source else None

    def set_data(self, catalog: Catalog, store: Store) -> None:
        """Show the checklist of ``store`` against ``catalog``."""
        from PySide6.QtCore import Qt

        from gui.desktop.window.checklist_panel import ChecklistPanel
        from gui.desktop.window.location_text import location_line, location_tooltip
        from gui.desktop.window.saving import ReportingSource

        self.finish_shell()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.location_label.setTextFormat(Qt.TextFormat.PlainText)  # paths are not markup

        self.source = ReportingSource(catalog, store, self._decision_saved)
        self.panel = ChecklistPanel(self.source, self._show_store_error)
        self.panel.detail.set_focus_home(self.panel.tree)
        restored = self.window_state.restore_panel(self.panel, self.panel.tree.header())
        self.panel.tree.keep_widths()  # the note and flags widths from last time, if any
        if not restored:
            # A narrow window leaves the tree a little more: its titles need the room.
            tree_share = 0.6 if self.width() < 1000 else 0.62
            tree_width = int(self.width() * tree_share)
            self.panel.setSizes([tree_width, self.width() - tree_width])
        if self.online is None:
            from gui.desktop.window.online_controller import OnlineChecks

            self.online = OnlineChecks(catalog, store, parent=self, status_bar=self.statusBar())
            self.online.weeklySettingRead.connect(self.commands.weekly_check.setChecked)
        # The policy-change notices above the tree.
        self.setCentralWidget(self.online.wrap(self.panel))
        self.panel.filter_bar.changed.connect(self._filter_changed)
        self.location_label.setText(location_line(store))
        self.location_label.setToolTip(location_tooltip(store))
        if not store.encrypted:
            self.location_label.setStyleSheet("font-weight: bold")
        for action in self.commands.needing_data():
            action.setEnabled(True)
        self.panel.tree.setFocus()
        self.online.data_shown()
        from gui.desktop.evidence.menu import install_evidence

        install_evidence(self)  # File > Read a data export…, and findings in the views
        self.dataShown.emit()

    def reload(self, platform_id: str | None = None, category_id: str | None = None) -> None:
        """Re-read the store (changes from the command line or the wizard); with a
        category, only that category's decision (the guided review saved it): its row and
        its platform's progress are updated in place."""
        if self.panel is None:
            return
        if platform_id is not None and category_id is not None:
            if not self.panel.reload_row(platform_id, category_id):
                self.statusBar().showMessage(self.panel.status_message, 30_000)
            self._update_shown_count()
            return
        if not self.panel.reload():
            self.statusBar().showMessage(self.panel.status_message, 30_000)
        elif self.online is not None:
            self.online.refresh_notices()
        self._update_shown_count()

    def _show_store_error(self, title: str, error: Exception) -> object:
        from gui.desktop.window.messages import show_store_error

        return show_store_error(self, title, error)

    def _filter_changed(self) -> None:
        if self.panel is None:
            return
        # A platform filtered out and back in comes back collapsed; one pass re-opens all.
        # Only here: a reload (each time the window is activated) keeps what the user folded.
        self.panel.tree.expandToDepth(0)
        self._update_shown_count()
        self._keep_detail_in_filter()

    def _update_shown_count(self) -> None:
        if self.panel is None:
            return
        if not self.panel.proxy.active:
            self.shown_label.clear()
            return
        shown, total = self.panel.shown_count()
        self.shown_label.setText(
            translate("MainWindow", "Showing {shown} of %n categories", "", total).format(
                shown=shown
            )
        )

    def _decision_saved(self, row: ChecklistRow) -> None:
        """Every save says which category it saved, also when the row has just left the
        filter and the pane shows another one."""
        title = row.title or row.category_id
        if self.panel is not None and not self.panel.filter_accepts(row):
            message = translate(
                "MainWindow",
                "Saved: {category} (it no longer matches the filter, so the list hides it)",
            )
        else:
            message = translate("MainWindow", "Saved: {category}")
        self.statusBar().showMessage(message.format(category=title), 15_000)

    def _keep_detail_in_filter(self) -> None:
        """The pane never shows a category the filter hides: when the filter takes the
        current row away, the first row still shown is selected (the focus stays where it
        is, in the search field or the filters), or the pane says nothing matches."""
        panel = self.panel
        if panel is None:
            return
        current = panel.tree.currentIndex()
        key = panel.current_key()
        if current.isValid() and key is not None:
            shown = panel.proxy.mapFromSource(panel.model.index_for(key[0], key[1] or None))
            if shown.isValid():
                return
        first = panel.proxy.index(0, 0)
        if not first.isValid():
            panel.tree.selectionModel().clearCurrentIndex()
            panel.detail.show_nothing(
                translate("MainWindow", "Nothing in the checklist matches the search and filters.")
            )
            return
        child = panel.proxy.index(0, 0, first)
        target = child if child.isValid() else first
        panel.tree.selectionModel().setCurrentIndex(
            target,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    # -- window events -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted_with_frame:
            # Shown, the window knows its real title bar and borders: fit again with them.
            self._fitted_with_frame = True
            fit_to_screen(self)

    def changeEvent(self, event: QEvent) -> None:
        # Coming back to the window: pick up what the command line changed meanwhile.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.reload()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.panel is not None:
            self.panel.detail.flush()  # a note still being typed
            self.panel.tree.show_preferred_widths()  # saved as the user set them
        self.window_state.save(self, self.panel, self.panel.tree.header() if self.panel else None)
        if self.online is not None:
            self.online.shutdown()  # a check still running is cancelled and its thread ended
        for kept in list(self._kept):
            shutdown = getattr(kept, "shutdown", None)
            if callable(shutdown):
                shutdown()
        super().closeEvent(event)

    # -- commands ----------------------------------------------------------------------

    def keep(self, obj: Any) -> Any:
        """Keep a non-modal dialog or flow alive until it is destroyed."""
        self._kept.append(obj)
        if hasattr(obj, "destroyed"):
            obj.destroyed.connect(lambda *_: self._forget(obj))
        return obj

    def _forget(self, obj: Any) -> None:
        if obj in self._kept:
            self._kept.remove(obj)

    def focus_search(self) -> None:  # not "find": that would shadow QWidget.find
        if self.panel is not None:
            self.panel.filter_bar.focus_search()

    def clear_filters(self) -> None:
        if self.panel is not None:
            self.panel.filter_bar.clear()

    def show_attention(self) -> None:
        if self.panel is not None:
            self.panel.filter_bar.show_needs_attention()
            self.panel.tree.setFocus()

    def show_requests(self) -> Any:
        """Review > Your requests…: every privacy request, non-modal."""
        if self.source is None:
            return None
        from PySide6.QtCore import Qt

        from gui.desktop.requests.list_dialog import RequestListDialog

        region = self.panel.detail.region if self.panel is not None else None
        dialog = RequestListDialog(
            self.source.catalog, self.source.store, region=region, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return self.keep(dialog)

    def print_summary(self) -> Any:
        if self.source is None:
            return None
        from gui.desktop.summary.dialogs import print_summary  # loads QtPrintSupport: only now

        return self.keep(print_summary(self, self.source.catalog, self.source.store))

    def save_summary(self) -> Any:
        if self.source is None:
            return None
        from gui.desktop.summary.dialogs import save_summary_as

        def saved(path: Path) -> None:
            self.statusBar().showMessage(
                translate("MainWindow", "Summary saved to {path}").format(path=path), 10_000
            )

        return self.keep(
            save_summary_as(self, self.source.catalog, self.source.store, on_saved=saved)
        )

    def export_checklist(self) -> Any:
        if self.source is None:
            return None
        from gui.desktop.window.transfer import choose_export_file, export_to

        store = self.source.store
        return choose_export_file(self, lambda path: export_to(self, store, path))

    def import_checklist(self) -> Any:
        if self.source is None:
            return None
        from gui.desktop.window.transfer import choose_import_file

        return choose_import_file(self, self.import_file)

    def import_file(self, path: Path) -> None:
        if self.source is None:
            return
        from gui.desktop.window.transfer import import_from

        if import_from(self, self.source.store, path) is not None:
            self.reload()

    def start_review(
        self,
        *,
        platforms: list[str] | None = None,
        topics: list[str] | None = None,
        attention: bool = False,
    ) -> Any:
        if self.source is None:
            return None
        from gui.desktop.window.review import open_review

        if self.panel is not None:
            self.panel.detail.flush()  # a note being typed goes in before the wizard reads
        return self.keep(
            open_review(
                self,
                self.source.catalog,
                self.source.store,
                platforms=platforms,
                topics=topics,
                attention=attention,
            )
        )

    def review_closed(self) -> None:
        """The wizard closed: its decisions are in the store; show them."""
        self.reload()

    def show_platform(self, platform_id: str) -> None:
        """Select a platform's row, opened, with the keys in the tree (after a review of it)."""
        panel = self.panel
        if panel is None or not panel.select(platform_id):
            return
        panel.tree.expand(panel.tree.currentIndex())
        panel.tree.setFocus()

    def run_online_check(self, kind: CheckKind | str) -> Any:
        """Tools > Check links… (``CheckKind.LINKS``, or "links") or Check for policy
        changes… (``CheckKind.POLICIES``, or "policies")."""
        if self.online is None:
            return None
        return self.online.run(kind)

    def set_weekly_check(self, enabled: bool) -> None:
        if self.online is not None:
            self.online.set_weekly(enabled)

    def show_data_location(self) -> Any:
        from gui.desktop.window.help_dialogs import DataLocationDialog

        store = self.store
        dialog = DataLocationDialog(self.dirs, store.describe_location() if store else "", self)
        dialog.open()
        return dialog

    def show_help(self, section: str = "") -> Any:
        """Help > Contents (F1): the offline help, one window kept while open."""
        from gui.desktop.window.help_contents import HelpWindow

        existing = next((k for k in self._kept if isinstance(k, HelpWindow)), None)
        if existing is None:
            store = self.store
            existing = self.keep(
                HelpWindow(self.dirs, store.describe_location() if store else "", self)
            )
            existing.show()
        else:
            existing.raise_()  # already open, perhaps behind the window: bring it forward
        existing.show_section(section)
        existing.activateWindow()
        return existing

    def open_menu_bar(self) -> None:
        """F10: the menu bar with its first menu open, as on other desktops."""
        bar = self.menuBar()
        menus = [a for a in bar.actions() if a.menu() is not None and a.isVisible()]
        if menus:
            bar.setActiveAction(menus[0])

    def show_about(self) -> Any:
        from gui.desktop.window.help_dialogs import show_about

        return show_about(self, self.catalog.version if self.catalog else "")

    def show_warning(self, title: str, text: str, informative: str = "") -> QMessageBox:
        from gui.desktop.window.messages import show_message

        return show_message(self, title, text, informative, icon=QMessageBox.Icon.Warning)
