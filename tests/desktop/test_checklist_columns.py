"""The checklist tree's columns in the window's real sizes: the category title gets the room
in a narrow window (issue 19: "elide the note, not the title"), the note and flags columns
give way and come back, and a width the user set is what is kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from gui.core.paths import AppDirs
from gui.desktop.window.checklist_model import Column
from gui.desktop.window.checklist_view import NARROW_WIDTH
from gui.desktop.window.main_window import MainWindow

from support.qt_settle import settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def shown_at(qtbot, window: MainWindow, size: QSize) -> dict[Column, int]:
    """The window at ``size`` (the offscreen screen is 800 pixels high: resized again once
    shown, as the screenshots are), and the width of each column it shows."""
    window.resize(size)
    if not window.isVisible():
        window.show()
        qtbot.waitExposed(window)
    window.resize(size)
    settle()
    tree = window.panel.tree
    return {
        column: tree.columnWidth(column) for column in Column if not tree.isColumnHidden(column)
    }


def test_at_800x600_the_category_column_is_the_widest(qtbot, window: MainWindow) -> None:
    widths = shown_at(qtbot, window, QSize(800, 600))
    category = widths.pop(Column.CATEGORY)
    assert category >= max(widths.values()), widths
    # The date and the flags are left out (the detail pane and the tooltip have them); the
    # note is elided, not the title, which gets at least half the tree.
    assert set(widths) == {Column.STATUS, Column.NOTE}
    assert widths[Column.NOTE] == NARROW_WIDTH
    assert category >= window.panel.tree.viewport().width() // 2


def test_note_and_flags_come_back_when_the_window_widens(qtbot, window: MainWindow) -> None:
    narrow = shown_at(qtbot, window, QSize(800, 600))
    assert Column.FLAGS not in narrow  # no room for it beside a readable title
    wide = shown_at(qtbot, window, QSize(1280, 800))
    assert Column.FLAGS in wide and Column.DECIDED in wide
    assert wide[Column.NOTE] > narrow[Column.NOTE]
    tree = window.panel.tree
    assert wide[Column.CATEGORY] >= tree.viewport().width() // 2
    widest = shown_at(qtbot, window, QSize(2000, 800))
    assert (widest[Column.NOTE], widest[Column.FLAGS]) == (140, 175)  # their own widths


def test_a_width_the_user_set_is_kept_and_remembered(
    qtbot, window: MainWindow, app_dirs: AppDirs, catalog, store
) -> None:
    shown_at(qtbot, window, QSize(2000, 800))
    window.panel.tree.header().resizeSection(Column.NOTE, 200)  # as if dragged
    assert shown_at(qtbot, window, QSize(800, 600))[Column.NOTE] == NARROW_WIDTH
    assert shown_at(qtbot, window, QSize(2000, 800))[Column.NOTE] == 200
    shown_at(qtbot, window, QSize(800, 600))
    window.close()  # saved narrow: what is remembered is the user's width

    later = MainWindow(app_dirs)
    qtbot.addWidget(later)
    later.set_data(catalog, store)
    assert later.panel.tree.columnWidth(Column.NOTE) == 200
