"""Nothing changes without an explicit act: in the checklist window, moving the focus or the
selection never records a decision, a save that takes a row out of the filter does not drop
the keyboard into another category's choices, the detail pane never shows what the filter
hides, and every save says which category it saved. Driven by keys on a shown window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton

from gui.core.catalog import Catalog
from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.store import Store
from gui.desktop.window.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, app_dirs: AppDirs) -> Iterator[MainWindow]:
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    yield window


def show(qtbot, window: MainWindow, catalog: Catalog, store: Store) -> MainWindow:
    window.set_data(catalog, store)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def statuses(store: Store) -> dict[tuple[str, str], Status]:
    return {(d.platform_id, d.category_id): d.status for d in store.decisions()}


def keep_first_three(store: Store, catalog: Catalog) -> list[str]:
    platform = catalog.platforms[0]
    ids = []
    for category in platform.categories[:3]:
        store.record(platform.id, category.id, Status.KEPT, "", category.fingerprint)
        ids.append(category.id)
    return ids


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def test_arrow_key_in_a_filtered_list_does_not_decide_the_next_category(
    qtbot, window: MainWindow, catalog: Catalog, store: Store
) -> None:
    platform = catalog.platforms[0]
    first, second, third = keep_first_three(store, catalog)
    show(qtbot, window, catalog, store)
    bar = window.panel.filter_bar
    bar.status.setCurrentIndex(bar.status.findData(Status.KEPT.value))
    assert window.panel.select(platform.id, first)
    detail = window.panel.detail
    focus(qtbot, detail.editor.radio(Status.KEPT))

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # the user's explicit choice
    after_one = statuses(store)
    assert after_one[(platform.id, first)] is not Status.KEPT  # it was saved
    assert after_one[(platform.id, second)] is Status.KEPT

    # The row left the filter; whatever the pane shows now, the keys are not in its choices.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.panel.tree)
    focused = QApplication.focusWidget()
    assert not (isinstance(focused, QRadioButton) and detail.isAncestorOf(focused))
    assert detail.row is not None and detail.row.category_id != first
    assert "Saved" not in detail.saved_label.text()  # not under another category
    assert (
        window.statusBar().currentMessage().startswith(f"Saved: {platform.category(first).title}")
    )

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # moves in the list only
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert statuses(store) == after_one
    assert statuses(store)[(platform.id, third)] is Status.KEPT


def test_tabbing_and_moving_the_selection_record_nothing(
    qtbot, window: MainWindow, catalog: Catalog, store: Store
) -> None:
    show(qtbot, window, catalog, store)
    tree = window.panel.tree
    focus(qtbot, tree)
    for _ in range(6):
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    for _ in range(12):  # through the filters, the pane's buttons, choices and note
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert store.decisions() == []


def test_filtering_away_the_current_row_moves_the_pane_with_the_selection(
    qtbot, window: MainWindow, catalog: Catalog, store: Store
) -> None:
    platform = catalog.platforms[0]
    first, second, _third = keep_first_three(store, catalog)
    show(qtbot, window, catalog, store)
    panel = window.panel
    panel.select(platform.id, platform.categories[5].id)  # not reviewed
    search = panel.filter_bar.search
    focus(qtbot, search)
    bar = panel.filter_bar
    bar.status.setCurrentIndex(bar.status.findData(Status.KEPT.value))
    # The pane follows the selection to a row the filter shows; focus stays in the bar.
    assert panel.current_key() in {(platform.id, c) for c in (first, second, _third)}
    assert panel.detail.row is not None
    assert panel.detail.row.status is Status.KEPT
    assert panel.current_key() == (panel.detail.row.platform_id, panel.detail.row.category_id)
    assert search.hasFocus()
    qtbot.keyClicks(search, "no such thing anywhere")
    assert panel.detail.row is None
    assert "Nothing" in panel.detail.hint.text()
    assert store.decisions() and len(store.decisions()) == 3


def test_a_new_selection_starts_at_the_top_of_the_pane(
    qtbot, window: MainWindow, catalog: Catalog, store: Store
) -> None:
    show(qtbot, window, catalog, store)
    window.resize(800, 560)
    platform = catalog.platforms[0]
    panel = window.panel
    panel.select(platform.id, platform.categories[0].id)
    area = panel.detail.about_area
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    panel.select(platform.id, platform.categories[1].id)
    assert area.verticalScrollBar().value() == 0


def test_a_save_in_the_pane_names_the_category(
    qtbot, window: MainWindow, catalog: Catalog, store: Store
) -> None:
    show(qtbot, window, catalog, store)
    platform = catalog.platforms[1]
    category = platform.categories[0]
    window.panel.select(platform.id, category.id)
    detail = window.panel.detail
    detail.editor.radio(Status.LATER).click()
    assert detail.saved_label.text() == f"Saved: {category.title}."
    assert window.statusBar().currentMessage() == f"Saved: {category.title}"
    window.panel.select(platform.id, platform.categories[1].id)
    assert detail.saved_label.text() == ""


def test_a_save_in_the_tree_names_the_category(
    qtbot, window: MainWindow, catalog: Catalog, store: Store
) -> None:
    from gui.desktop.window.checklist_model import Column

    show(qtbot, window, catalog, store)
    platform = catalog.platforms[2]
    category = platform.categories[1]
    panel = window.panel
    index = panel.proxy.mapFromSource(
        panel.model.index_for(platform.id, category.id).siblingAtColumn(Column.STATUS)
    )
    assert panel.proxy.setData(index, Status.NOT_APPLICABLE.value)
    assert window.statusBar().currentMessage() == f"Saved: {category.title}"
