"""The keys people expect on a desktop: F1 opens the help, F10 the menu bar, Esc empties the
search field; and the help says how the review goes, what each status means and where the
data is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from gui.core import words
from gui.core.catalog import Catalog, load_catalog
from gui.core.paths import AppDirs
from gui.core.store import Store
from gui.desktop.window.main_window import MainWindow

# What the offscreen platform says when a window is shown or raised, or a menu grabs the
# keyboard: its limits, not our warnings.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


@pytest.fixture
def window(qtbot, app_dirs: AppDirs, store: Store) -> MainWindow:
    catalog: Catalog = load_catalog()
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.panel.tree.setFocus()
    qtbot.waitUntil(window.panel.tree.hasFocus)
    return window


def help_windows() -> list:
    from gui.desktop.window.help_contents import HelpWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow)]


def test_f1_opens_the_help(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in help_windows()))
    (shown,) = [w for w in help_windows() if w.isVisible()]
    text = shown.text()
    assert "How a review goes" in text
    for status_words in (*words.GENERIC_WORDS.values(), words.UNREVIEWED_WORDS):
        assert status_words in text
    assert "changed since you decided" in text and "due for a re-check" in text
    assert str(window.dirs.data) in text and str(window.store.path) in text
    qtbot.keyClick(window, Qt.Key.Key_F1)  # again: the same window, not a second one
    assert len([w for w in help_windows() if w.isVisible()]) == 1
    assert window.commands.help_contents.text() == "&Contents"
    shown.close()


def test_f10_opens_the_menu_bar(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    bar = window.menuBar()
    assert bar.activeAction() is bar.actions()[0]
    assert QApplication.activePopupWidget() is bar.actions()[0].menu()
    QApplication.activePopupWidget().close()


def test_escape_empties_the_search(qtbot, window: MainWindow) -> None:
    search = window.panel.filter_bar.search
    window.commands.find.trigger()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "location")
    assert window.panel.proxy.active
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    assert not window.panel.proxy.active
    assert search.hasFocus()
