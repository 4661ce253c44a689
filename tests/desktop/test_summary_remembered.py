"""The summary's dialogs start as the user last left them, remembered in the real store's
settings: the options (platforms, notes, unreviewed, exports, paper) and, for "Save summary
as", the folder and the format last saved to. Only the folder and option values are kept:
never the file's name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from gui.core.catalog import Catalog
from gui.core.remembered import SUMMARY_CHOICES_KEY, Folder
from gui.core.store import Store
from gui.desktop.summary.dialogs import (
    SummaryFlow,
    SummaryOptionsDialog,
    print_summary,
    save_summary_as,
)

from support.summary_data import NOW, load_test_catalog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_test_catalog(tmp_path / "catalog")


def checked(dialog: SummaryOptionsDialog) -> dict[str, bool]:
    items = (dialog.platform_list.item(row) for row in range(dialog.platform_list.count()))
    return {
        str(item.data(Qt.ItemDataRole.UserRole)): item.checkState() == Qt.CheckState.Checked
        for item in items
    }


def options_dialog(qtbot: QtBot, flow: SummaryFlow) -> SummaryOptionsDialog:
    dialog = flow.dialog
    assert isinstance(dialog, SummaryOptionsDialog)
    qtbot.addWidget(dialog)
    return dialog


def file_dialog(qtbot: QtBot, flow: SummaryFlow) -> QFileDialog:
    dialog = flow.dialog
    assert isinstance(dialog, QFileDialog)
    qtbot.addWidget(dialog)
    return dialog


def save_once(qtbot: QtBot, catalog: Catalog, store: Store, target: Path) -> None:
    """The user saves a Markdown summary of beta only, without notes, with the exports,
    on US Letter, into ``target``."""
    flow = save_summary_as(None, catalog, store, now=NOW)
    options = options_dialog(qtbot, flow)
    item = options.platform_list.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == "alpha"
    item.setCheckState(Qt.CheckState.Unchecked)
    options.notes_box.setChecked(False)
    options.exports_box.setChecked(True)
    assert options.page_size_combo is not None
    options.page_size_combo.setCurrentIndex(options.page_size_combo.findData("letter"))
    options.accept()
    dialog = file_dialog(qtbot, flow)
    dialog.selectFile(str(target))
    dialog.accept()
    assert flow.saved == target and target.is_file()


def test_the_next_save_starts_as_the_last_one_ended(
    qtbot: QtBot, catalog: Catalog, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "kept summaries"
    folder.mkdir()
    save_once(qtbot, catalog, store, folder / "mine.md")

    flow = save_summary_as(None, catalog, store, now=NOW)
    options = options_dialog(qtbot, flow)
    assert checked(options) == {"alpha": False, "beta": True}
    assert not options.notes_box.isChecked()
    assert options.unreviewed_box.isChecked()
    assert options.exports_box.isChecked()
    assert options.page_size() == "letter"
    options.accept()
    dialog = file_dialog(qtbot, flow)
    assert Path(dialog.directory().absolutePath()) == folder
    assert dialog.selectedNameFilter() == "Markdown (*.md *.markdown)"
    assert dialog.defaultSuffix() == "md"
    dialog.reject()


def test_printing_starts_from_the_same_options(
    qtbot: QtBot, catalog: Catalog, store: Store, tmp_path: Path
) -> None:
    save_once(qtbot, catalog, store, tmp_path / "mine.md")
    flow = print_summary(None, catalog, store, now=NOW)
    options = options_dialog(qtbot, flow)
    assert checked(options) == {"alpha": False, "beta": True}
    assert not options.notes_box.isChecked() and options.exports_box.isChecked()
    # The print preview's own paper comes from the printer; printing changes nothing saved.
    options.notes_box.setChecked(True)
    options.reject()
    again = options_dialog(qtbot, print_summary(None, catalog, store, now=NOW))
    assert not again.notes_box.isChecked()


def test_only_the_folder_and_the_option_values_are_kept(
    qtbot: QtBot, catalog: Catalog, store: Store, tmp_path: Path
) -> None:
    save_once(qtbot, catalog, store, tmp_path / "private-name.md")
    assert store.get_setting(Folder.SUMMARY.key) == str(tmp_path)
    kept = store.get_setting(SUMMARY_CHOICES_KEY)
    assert kept is not None and "private-name" not in kept
    assert json.loads(kept) == {
        "file_format": "md",
        "include_exports": True,
        "include_notes": False,
        "include_unreviewed": True,
        "page_size": "letter",
        "platform_ids": ["beta"],
    }


def test_a_folder_since_removed_or_a_damaged_setting_starts_afresh(
    qtbot: QtBot, catalog: Catalog, store: Store, tmp_path: Path
) -> None:
    store.set_setting(Folder.SUMMARY.key, str(tmp_path / "gone"))
    store.set_setting(SUMMARY_CHOICES_KEY, "{not json")
    flow = save_summary_as(None, catalog, store, now=NOW)
    options = options_dialog(qtbot, flow)
    assert checked(options) == {"alpha": True, "beta": True}
    assert options.notes_box.isChecked() and not options.exports_box.isChecked()
    options.accept()
    dialog = file_dialog(qtbot, flow)
    assert Path(dialog.directory().absolutePath()) != tmp_path / "gone"
    assert dialog.defaultSuffix() == "pdf"
    dialog.reject()


def test_a_platform_no_longer_in_the_catalog_is_dropped(
    qtbot: QtBot, catalog: Catalog, store: Store
) -> None:
    store.set_setting(SUMMARY_CHOICES_KEY, json.dumps({"platform_ids": ["gone", "beta"]}))
    options = options_dialog(qtbot, print_summary(None, catalog, store, now=NOW))
    assert checked(options) == {"alpha": False, "beta": True}
    options.reject()
    store.set_setting(SUMMARY_CHOICES_KEY, json.dumps({"platform_ids": ["gone"]}))
    options = options_dialog(qtbot, print_summary(None, catalog, store, now=NOW))
    assert checked(options) == {"alpha": True, "beta": True}  # none left: every platform
    options.reject()
