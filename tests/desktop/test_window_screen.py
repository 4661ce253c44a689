"""The window on the screen it has: its size and position always within the available area
(the default 1180x760 ran off an 800-pixel screen), a size saved on a larger monitor brought
back; and the help's folders: a folder that cannot be opened says so, and every path has a
Copy button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QUrl
from PySide6.QtGui import QGuiApplication

from gui.core.catalog import load_catalog
from gui.core.paths import AppDirs
from gui.core.store import Store
from gui.desktop.window.help_dialogs import DataLocationDialog
from gui.desktop.window.main_window import MainWindow
from gui.desktop.window.window_state import FRAME_ALLOWANCE, fit_to_screen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def available() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def fits(window) -> bool:
    """The window with room for a title bar and borders is on the available area."""
    frame = window.frameGeometry()
    extra_w, extra_h = FRAME_ALLOWANCE
    if not window.isVisible():  # no frame yet: allow for the one the desktop will add
        frame = frame.adjusted(0, 0, extra_w, extra_h)
    return available().contains(frame)


def test_the_first_window_fits_the_screen(qtbot, app_dirs: AppDirs) -> None:
    assert available().width() < 1180  # the offscreen screen: 800x800
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    assert fits(window)
    window.show()
    qtbot.waitExposed(window)
    assert fits(window)


def test_a_size_saved_on_a_larger_screen_is_brought_back(qtbot, app_dirs: AppDirs) -> None:
    first = MainWindow(app_dirs)
    qtbot.addWidget(first)
    first.setGeometry(2500, 1400, 2400, 1300)  # a large monitor, to the right, not here now
    first.window_state.save(first, None, None)
    second = MainWindow(app_dirs)
    qtbot.addWidget(second)
    assert fits(second)
    second.show()
    qtbot.waitExposed(second)
    assert fits(second)


def test_fit_keeps_a_window_that_already_fits(qtbot, app_dirs: AppDirs) -> None:
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.setGeometry(50, 60, 500, 400)
    fit_to_screen(window)
    assert window.geometry() == QRect(50, 60, 500, 400)


def test_a_folder_that_cannot_be_opened_says_so(qtbot, app_dirs: AppDirs, store: Store) -> None:
    opened: list[QUrl] = []

    def no_file_manager(url: QUrl) -> bool:
        opened.append(url)
        return False  # what QDesktopServices says without a file manager

    dialog = DataLocationDialog(app_dirs, store.describe_location(), opener=no_file_manager)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.message.isVisibleTo(dialog)
    dialog.folder_buttons[0].click()
    assert opened and opened[0].toLocalFile() == str(app_dirs.data)
    assert dialog.message.isVisibleTo(dialog)
    assert "could not be opened" in dialog.message.text()
    assert "Copy" in dialog.message.text()


def test_the_window_dialog_reports_a_real_failure(
    qtbot, app_dirs: AppDirs, store: Store, monkeypatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(load_catalog(), store)
    dialog = window.show_data_location()
    dialog.folder_buttons[0].click()
    assert "could not be opened" in dialog.message.text()
    dialog.close()


def test_every_folder_can_be_copied(qtbot, app_dirs: AppDirs, store: Store) -> None:
    dialog = DataLocationDialog(app_dirs, store.describe_location())
    qtbot.addWidget(dialog)
    assert len(dialog.copy_buttons) == len(dialog.folder_buttons) == 5
    dialog.copy_buttons[3].click()
    assert QGuiApplication.clipboard().text() == str(app_dirs.log)
    assert str(app_dirs.log) in dialog.message.text()


def test_a_settings_address_that_cannot_be_opened_can_be_copied(
    qtbot, app_dirs: AppDirs, store: Store, monkeypatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    asked: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url) or False)
    catalog = load_catalog()
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    window.show()
    qtbot.waitExposed(window)
    platform, category = next(
        (p, c) for p in catalog.platforms for c in p.categories if c.control_for(None).links
    )
    window.panel.select(platform.id, category.id)
    view = window.panel.detail.category_view
    row = view.link_rows[0]
    assert not row.copy_button.isVisibleTo(window)
    row.button.click()
    assert asked  # the browser was asked, and said no
    assert "could not be started" in row.message.text()
    assert row.copy_button.isVisibleTo(window)
    row.copy_button.click()
    assert QGuiApplication.clipboard().text() == category.control_for(None).links[0].url
    assert "copied" in row.message.text()
