"""Read a data export: Browse… starts in the folder the last export was read from, kept in
the real store's settings (the folder, never the file's name)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from gui.core.remembered import Folder
from gui.core.store import Store
from gui.desktop.evidence.read_dialog import ReadExportDialog

from support import export_builder as eb

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def browse(dialog: ReadExportDialog) -> QFileDialog:
    chooser = dialog.browse()
    assert chooser is dialog.file_dialog and chooser.isVisible()
    return chooser


def test_browse_starts_where_the_last_export_was_read(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    archive = eb.build_x(folder / "twitter-2024-06-01.zip")

    first = ReadExportDialog(lambda _reading: None, settings=store)
    qtbot.addWidget(first)
    chooser = browse(first)
    assert Path(chooser.directory().absolutePath()) != folder  # nothing remembered yet
    chooser.selectFile(str(archive))
    chooser.accept()
    assert first.file_edit.text() == str(archive)
    with qtbot.waitSignal(first.read, timeout=20_000):
        first.read_button.click()
    assert store.get_setting(Folder.EXPORT.key) == str(folder)  # the folder, not the name

    second = ReadExportDialog(lambda _reading: None, settings=store)
    qtbot.addWidget(second)
    chooser = browse(second)
    assert Path(chooser.directory().absolutePath()) == folder
    chooser.reject()


def test_a_file_that_is_not_there_is_not_remembered(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    dialog = ReadExportDialog(lambda _reading: None, settings=store)
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(tmp_path / "missing" / "export.zip"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert dialog.message_label.text().endswith("Nothing was kept.")
    assert store.get_setting(Folder.EXPORT.key) is None
