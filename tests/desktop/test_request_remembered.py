"""Requests across uses: a letter's "Save as…" starts in the folder a letter was last saved to
(remembered in the real store, the folder only), and "Your requests" shows what the command
line changed when the user comes back to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from gui.core import dates
from gui.core.catalog import Catalog
from gui.core.paths import AppDirs
from gui.core.remembered import Folder
from gui.core.requests import Kind, Law
from gui.core.store import Store, open_store
from gui.core.store.requests_store import RequestBook
from gui.desktop.requests.dialog import RequestDialog
from gui.desktop.requests.list_dialog import RequestListDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TODAY = date(2026, 12, 2)


def file_dialog(dialog: object) -> QFileDialog:
    opened = dialog.ask_save()  # type: ignore[attr-defined]
    assert isinstance(opened, QFileDialog) and opened.isVisible()
    return opened


def test_a_letter_is_saved_where_the_last_one_was(
    qtbot: QtBot, catalog: Catalog, store: Store, tmp_path: Path
) -> None:
    platform = catalog.platform("x")
    assert platform is not None
    drafting = RequestDialog(
        platform, platform.category("grok-xai-training"), store=store, today=lambda: TODAY
    )
    qtbot.addWidget(drafting)
    drafting.kind_box.setCurrentIndex(drafting.kind_box.findData("access"))
    folder = tmp_path / "letters"
    folder.mkdir()
    chooser = file_dialog(drafting)
    chooser.selectFile(str(folder / "to-x.txt"))
    chooser.accept()
    assert (folder / "to-x.txt").is_file()
    assert drafting.status.text() == f"Saved as {folder / 'to-x.txt'}."
    assert store.get_setting(Folder.LETTER.key) == str(folder)  # the folder, not the name

    # The next letter, a reminder from "Your requests", starts there; a bare name gets the
    # chosen filter's extension.
    book = RequestBook(store)
    request = book.add("x", Kind.ACCESS, Law.GDPR)
    book.mark_sent(request.id, date(2026, 10, 1))
    requests = RequestListDialog(catalog, store, today=lambda: TODAY)
    qtbot.addWidget(requests)
    requests.select(request.id)
    requests.follow_up_button.click()
    letter = requests.letter_dialog
    assert letter is not None
    chooser = file_dialog(letter)
    assert Path(chooser.directory().absolutePath()) == folder
    chooser.selectNameFilter("Markdown (*.md)")
    chooser.filterSelected.emit("Markdown (*.md)")
    chooser.selectFile(str(folder / "reminder"))
    chooser.accept()
    assert "Reminder" in (folder / "reminder.md").read_text(encoding="utf-8")


def test_without_a_store_nothing_is_remembered(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    platform = catalog.platform("x")
    assert platform is not None
    drafting = RequestDialog(platform, platform.category("grok-xai-training"))
    qtbot.addWidget(drafting)
    drafting.save_to(tmp_path / "letter.txt")
    chooser = file_dialog(drafting)
    assert Path(chooser.directory().absolutePath()) != tmp_path
    chooser.reject()


def test_a_request_marked_from_the_command_line_shows_when_the_list_is_activated(
    qtbot: QtBot, catalog: Catalog, store: Store, app_dirs: AppDirs
) -> None:
    book = RequestBook(store)
    first = book.add("x", Kind.OBJECTION, Law.GDPR)
    second = book.add("facebook", Kind.ACCESS, Law.GDPR)
    dialog = RequestListDialog(catalog, store, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.select(first.id)

    # The user goes to a terminal and runs ``privacy-review request sent``.
    terminal = QWidget()
    qtbot.addWidget(terminal)
    terminal.show()
    terminal.activateWindow()
    qtbot.waitUntil(lambda: not dialog.isActiveWindow())
    other = open_store(app_dirs)  # what the command opens: its own connection
    try:
        RequestBook(other).mark_sent(second.id, date(2026, 11, 30))
    finally:
        other.close()
    assert dialog.rows()[0][4] == "not sent yet"  # nothing polls the store meanwhile

    dialog.activateWindow()  # back to the list
    qtbot.waitUntil(lambda: dialog.rows()[0][4] == dates.day(date(2026, 11, 30)))
    assert dialog.rows()[0][3] == "Sent, waiting for an answer"
    selected = dialog.selected()
    assert selected is not None and selected.id == first.id
