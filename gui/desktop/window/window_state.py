"""Window size, splitter position and column widths, kept between runs in an INI file in
the config dir, so a ``--data-dir`` run (tests, portable installs) never touches the user's
real settings and nothing lands in the Windows registry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:  # each PySide class costs a little on first touch: not before first paint
    from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

SETTINGS_FILE_NAME = "window.ini"
DEFAULT_SIZE = (1180, 760)
# Room kept for a title bar and borders the window manager adds around a window that has
# not been shown yet (once shown, the real frame is measured).
FRAME_ALLOWANCE = (16, 40)


def fit_to_screen(window: QWidget) -> None:
    """Keep the whole window, title bar included, on the available part of its screen (the
    desktop without panels and task bars): shrink it when it is too large (a default of
    1180x760 on a 1024x768 or 800x600 screen, a size saved on a larger monitor) and move it
    back when it sticks out (a monitor that is no longer there)."""
    screen = window.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    inner = window.geometry()
    extra_w = frame.width() - inner.width()
    extra_h = frame.height() - inner.height()
    if not window.isVisible():
        extra_w, extra_h = FRAME_ALLOWANCE
    # Shown, the frame is measured: none at all is a frameless window (or the offscreen
    # platform), which may fill the whole area.
    width = min(inner.width(), area.width() - extra_w)
    height = min(inner.height(), area.height() - extra_h)
    width = max(width, min(window.minimumWidth(), area.width()))
    height = max(height, min(window.minimumHeight(), area.height()))
    if (width, height) != (inner.width(), inner.height()):
        window.resize(width, height)
    # Where the frame's top-left corner may go for the whole frame to be on the screen.
    frame_w, frame_h = width + extra_w, height + extra_h
    x = min(max(frame.x(), area.left()), area.left() + max(area.width() - frame_w, 0))
    y = min(max(frame.y(), area.top()), area.top() + max(area.height() - frame_h, 0))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


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
