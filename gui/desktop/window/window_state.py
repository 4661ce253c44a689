"""Window size, splitter position and column widths, kept between runs in an INI file in
the config dir, so a ``--data-dir`` run (tests, portable installs) never touches the user's
real settings and nothing lands in the Windows registry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:  # each PySide class costs a little on first touch: not before first paint
    from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

SETTINGS_FILE_NAME = "window.ini"


class WindowState:
    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / SETTINGS_FILE_NAME
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def restore_window(self, window: QMainWindow) -> bool:
        """Size, position and toolbar; False on the first run (keep the defaults). A damaged
        value is ignored by Qt's restore functions, never fatal."""
        geometry = self._bytes("window/geometry")
        if geometry is None or not window.restoreGeometry(geometry):
            return False
        if (state := self._bytes("window/state")) is not None:
            window.restoreState(state)
        return True

    def restore_panel(self, splitter: QSplitter, header: QHeaderView) -> bool:
        """Splitter position and column widths (the panel is built after the window)."""
        sizes = self._bytes("window/splitter")
        restored = sizes is not None and splitter.restoreState(sizes)
        if (columns := self._bytes("checklist/header")) is not None:
            header.restoreState(columns)
        return restored

    def save(
        self, window: QMainWindow, splitter: QSplitter | None, header: QHeaderView | None
    ) -> None:
        self._settings.setValue("window/geometry", window.saveGeometry())
        self._settings.setValue("window/state", window.saveState())
        if splitter is not None:
            self._settings.setValue("window/splitter", splitter.saveState())
        if header is not None:
            self._settings.setValue("checklist/header", header.saveState())
        self._settings.sync()
