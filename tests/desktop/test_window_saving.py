"""Saving a decision over the checklist window touches one row: the guided review saves it,
and the window updates that row and its platform's progress in place, with no model reset
(no rebuilt checklist)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPersistentModelIndex

from gui.core.catalog import Catalog
from gui.core.checklist import Status
from gui.core.checklist_source import ChecklistSource
from gui.core.review.plan import Scope
from gui.core.store import Store
from gui.desktop.window.checklist_model import Column
from gui.desktop.window.main_window import MainWindow
from gui.desktop.window.review import open_review

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_decision_saved_in_the_review_updates_its_row_without_a_reset(
    qtbot, window: MainWindow, catalog: Catalog, store: Store
) -> None:
    panel = window.panel
    assert panel is not None
    resets: list[str] = []
    panel.model.modelReset.connect(lambda: resets.append("model"))
    panel.proxy.modelReset.connect(lambda: resets.append("proxy"))
    rebuilt: list[int] = []
    whole_checklist = panel.source.rows

    def counted_rows():  # the whole checklist re-read and rebuilt from the store
        rebuilt.append(1)
        return whole_checklist()

    panel.source.rows = counted_rows  # type: ignore[method-assign]
    platform = catalog.platforms[0]
    progress_before = panel.model.progress(platform.id)
    assert progress_before is not None

    wizard = open_review(window, catalog, store, platforms=[platform.id])
    wizard.start_page.scope_buttons[Scope.EVERYTHING].click()
    wizard.go_next()
    row = wizard.current_row()
    assert row is not None and row.platform_id == platform.id and row.decision is None
    kept = QPersistentModelIndex(panel.model.index_for(row.platform_id, row.category_id))
    wizard.category_page.editor.radio(Status.OPTED_OUT).click()
    with qtbot.waitSignal(panel.model.dataChanged):
        wizard.go_next()  # saves the decision, then turns the page

    saved = store.decision(row.platform_id, row.category_id)
    assert saved is not None and saved.status is Status.OPTED_OUT
    assert resets == []  # updated in place
    assert rebuilt == []  # one row re-read, not the whole checklist
    assert kept.isValid()
    shown = panel.model.row_for(kept)
    assert shown is not None and shown.decision == saved
    status_cell = panel.model.index(kept.row(), Column.STATUS, kept.parent())
    assert status_cell.data() == shown.status_label != "Not reviewed"
    progress = panel.model.progress(platform.id)
    assert progress is not None and progress.reviewed == progress_before.reviewed + 1
    assert panel.model.index_for(platform.id).siblingAtColumn(Column.STATUS).data() == (
        progress.line
    )
    wizard.reject()


def test_one_row_reread_matches_the_whole_checklist(catalog: Catalog, store: Store) -> None:
    source = ChecklistSource(catalog, store)
    platform = catalog.platforms[0]
    first, second = platform.categories[0], platform.categories[1]
    store.record(platform.id, first.id, Status.KEPT, "a note", first.fingerprint)
    store.record(platform.id, second.id, Status.LATER, "", "0" * 16)  # changed since
    rows = {(r.platform_id, r.category_id): r for r in source.rows()}
    for category in (first, second, platform.categories[2]):
        again = source.row(platform.id, category.id)
        assert again is not None
        whole = rows[(platform.id, category.id)]
        # The same row but for "due", which depends on the moment each was read.
        assert again == whole
    assert source.row(platform.id, "no-such-category") is None
    assert source.row("no-such-platform", first.id) is None
