"""Puts reading exports into the checklist window: File > Read a data export… and Your
exports…, a ZIP dropped on the window, and the findings index every ``CategoryView`` asks.
``install_evidence(window)`` is called once the window has its catalog and store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMenu

from gui.core.store.findings import database_of, forget_reading, save_reading
from gui.desktop.evidence.findings_view import (
    FindingsIndex,
    clear_findings_index,
    set_findings_index,
)
from gui.desktop.evidence.overview import ExportOverview
from gui.desktop.evidence.read_dialog import ReadExportDialog
from gui.desktop.i18n import translate

if TYPE_CHECKING:
    from gui.core.evidence.model import ExportReading
    from gui.desktop.window.main_window import MainWindow


class EvidenceCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        assert window.store is not None
        self.index = FindingsIndex(window.store)
        set_findings_index(self.index)
        index = self.index
        window.destroyed.connect(lambda *_: clear_findings_index(index))
        self.read_action = QAction(translate("EvidenceCommands", "&Read a data export…"), window)
        self.read_action.setStatusTip(
            translate(
                "EvidenceCommands",
                "Read the copy of your data a platform gave you, on this computer",
            )
        )
        self.read_action.triggered.connect(lambda: self.open_read_dialog())
        self.overview_action = QAction(translate("EvidenceCommands", "&Your data exports…"), window)
        self.overview_action.setStatusTip(
            translate("EvidenceCommands", "What the exports you read show; forget one")
        )
        self.overview_action.triggered.connect(lambda: self.open_overview())
        # The File menu is the one holding "Save summary as…" (its title is translated).
        menus = [action.menu() for action in window.menuBar().actions()]
        file_menu = next(
            (
                m
                for m in menus
                if isinstance(m, QMenu) and window.commands.save_summary in m.actions()
            ),
            None,
        )
        if isinstance(file_menu, QMenu):
            actions = file_menu.actions()
            before = next((a for a in actions if a.isSeparator()), None)
            file_menu.insertAction(before, self.read_action)  # type: ignore[arg-type]
            file_menu.insertAction(before, self.overview_action)  # type: ignore[arg-type]
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    # -- dropping a file -------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if _dropped_zip(event) is not None:
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            path = _dropped_zip(event)
            if path is not None:
                event.acceptProposedAction()
                self.open_read_dialog(path)
                return True
        return super().eventFilter(watched, event)

    # -- commands --------------------------------------------------------------------

    def save(self, reading: ExportReading) -> None:
        store = self.window.store
        assert store is not None
        save_reading(database_of(store), reading)
        self.index.refresh()

    def forget(self, platform_id: str) -> None:
        store = self.window.store
        assert store is not None
        forget_reading(database_of(store), platform_id)
        self.index.refresh()
        self.window.reload()
        self.window.statusBar().showMessage(
            translate("EvidenceCommands", "Forgot what that export showed."), 10_000
        )

    def open_read_dialog(self, path: Path | None = None) -> Any:
        dialog = ReadExportDialog(self.save, self.window, path=path, settings=self.window.store)
        dialog.read.connect(self._after_read)
        dialog.open()
        return self.window.keep(dialog)

    def _after_read(self, reading: ExportReading) -> None:
        self.window.reload()  # checks against decisions show up as "needs attention"
        self.open_overview(reading)

    def open_overview(self, reading: ExportReading | None = None) -> Any:
        readings = self.index.readings
        if reading is None:
            if not readings:
                self.window.statusBar().showMessage(
                    translate("EvidenceCommands", "No export read yet: File > Read a data export…"),
                    10_000,
                )
                return None
            reading = max(readings, key=lambda r: r.read_at)
        dialog = ExportOverview(reading, self.window.catalog, self.forget, self.window)
        dialog.open()
        return self.window.keep(dialog)


def _dropped_zip(event: QDragEnterEvent | QDropEvent) -> Path | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    urls = [url for url in mime.urls() if url.isLocalFile()]
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() == ".zip" else None


def install_evidence(window: MainWindow) -> EvidenceCommands:
    commands: EvidenceCommands | None = getattr(window, "evidence", None)
    if commands is None:
        commands = EvidenceCommands(window)
        window.evidence = commands  # type: ignore[attr-defined]
    else:
        commands.index.refresh()
    return commands
