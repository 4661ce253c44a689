"""Your requests: the selected request's note and history. The note is saved only with
"Save note" (which says for which request), stays on disk, encrypted, follows the
selection, and an edit not saved yet is kept for its request when the selection moves
(closing the window with one says so first). The history lists every change newest first
and picks up a change from the command line when the window is activated again. Rendered
at 1280x800 and 800x600, light and dark, into /tmp/reqnotes/."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui.core import dates
from gui.core.catalog import Catalog
from gui.core.paths import AppDirs
from gui.core.requests import Kind, Law
from gui.core.store import Store, open_store
from gui.core.store.requests_store import RequestBook
from gui.desktop.requests.list_dialog import RequestListDialog

from support.screenshots import SIZES, assert_nothing_clipped, assert_picture, palette, save

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TODAY = date.today()  # the store's clock is the real one: "sent" may not be in the future
FRESH = "Facebook, Access: a copy of your data (GDPR)"
PICTURES = Path("/tmp/reqnotes")


def two_requests(store: Store) -> tuple[int, int]:
    book = RequestBook(store)
    late = book.add("x", Kind.OBJECTION, Law.GDPR, grounds="Mine.")
    book.mark_sent(late.id, TODAY - timedelta(days=45))
    fresh = book.add("facebook", Kind.ACCESS, Law.GDPR)
    return late.id, fresh.id


def open_dialog(qtbot: QtBot, catalog: Catalog, store: Store) -> RequestListDialog:
    dialog = RequestListDialog(catalog, store, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    return dialog


def test_the_note_is_saved_only_with_save_note(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    _, fresh_id = two_requests(store)
    dialog = open_dialog(qtbot, catalog, store)
    dialog.select(fresh_id)
    notes = dialog.notes
    assert dialog.details_title.text() == FRESH
    assert notes.text() == "" and not notes.save_button.isEnabled()
    qtbot.keyClicks(notes.edit, "Phoned them on Monday")
    assert RequestBook(store).get(fresh_id).notes == ""  # typing saves nothing
    assert notes.save_button.isEnabled() and notes.state.text() == "Not saved yet."
    notes.save_button.click()
    assert RequestBook(store).get(fresh_id).notes == "Phoned them on Monday"
    assert notes.state.text() == f"Note saved for {FRESH}."
    assert not notes.save_button.isEnabled()
    assert dialog.history.texts()[0][1] == "Note changed"
    assert notes.text() == "Phoned them on Monday"


def test_the_note_survives_reopening(
    qtbot: QtBot, store: Store, catalog: Catalog, app_dirs: AppDirs
) -> None:
    _, fresh_id = two_requests(store)
    dialog = open_dialog(qtbot, catalog, store)
    dialog.select(fresh_id)
    qtbot.keyClicks(dialog.notes.edit, "Zorblax reference 4471")
    dialog.notes.save_button.click()
    dialog.close()
    assert not dialog.isVisible()
    store.close()
    for path in app_dirs.data.rglob("*"):  # encrypted like everything else
        if path.is_file():
            assert b"Zorblax" not in path.read_bytes(), path
    with open_store(app_dirs) as again:
        reopened = open_dialog(qtbot, catalog, again)
        reopened.select(fresh_id)
        assert reopened.notes.text() == "Zorblax reference 4471"
        reopened.notes.save_button.click()  # nothing to save: disabled, no history entry
        assert [t[1] for t in reopened.history.texts()].count("Note changed") == 1


def test_the_note_follows_the_selection_and_an_unsaved_edit_is_kept(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    late_id, fresh_id = two_requests(store)
    book = RequestBook(store)
    book.set_notes(late_id, "late one")
    dialog = open_dialog(qtbot, catalog, store)
    dialog.select(fresh_id)
    qtbot.keyClicks(dialog.notes.edit, "half typed")
    dialog.select(late_id)
    assert dialog.notes.text() == "late one" and not dialog.notes.save_button.isEnabled()
    assert dialog.details_title.text().startswith("X")
    assert book.get(fresh_id).notes == ""  # moving away saved nothing
    dialog.select(fresh_id)
    assert dialog.notes.text() == "half typed"  # and lost nothing
    assert dialog.notes.state.text() == "Not saved yet." and dialog.notes.save_button.isEnabled()
    dialog.notes.save_button.click()
    assert book.get(fresh_id).notes == "half typed" and book.get(late_id).notes == "late one"


def test_closing_with_an_unsaved_note_says_so_then_closes_when_asked_again(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    late_id, fresh_id = two_requests(store)
    dialog = open_dialog(qtbot, catalog, store)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select(fresh_id)
    qtbot.keyClicks(dialog.notes.edit, "not yet")
    dialog.select(late_id)
    dialog.close()  # the window's close button
    assert dialog.isVisible()
    assert dialog.status.text().startswith(f"The note for {FRESH} is not saved.")
    assert dialog.selected() is not None and dialog.selected().id == fresh_id
    qtbot.keyClicks(dialog.notes.edit, " and more")  # another edit: asked again
    dialog.select(late_id)
    qtbot.keyClicks(dialog.notes.edit, "a second one")
    dialog.reject()
    assert dialog.isVisible()
    assert dialog.status.text().startswith("The notes for 2 requests are not saved.")
    dialog.reject()  # Escape: the second time with the same notes closes
    assert not dialog.isVisible()
    assert RequestBook(store).get(fresh_id).notes == ""


def test_the_history_lists_every_change_newest_first(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    _, fresh_id = two_requests(store)
    book = RequestBook(store)
    book.mark_sent(fresh_id, TODAY)
    book.mark_extended(fresh_id)
    book.set_notes(fresh_id, "they asked for ID")
    book.mark_answered(fresh_id, TODAY)
    book.close(fresh_id)
    dialog = open_dialog(qtbot, catalog, store)
    dialog.select(fresh_id)
    events = book.history(fresh_id)
    assert dialog.history.texts() == [
        (dates.moment(e.at), change)
        for e, change in zip(
            reversed(events),
            [
                "Closed",
                "Answered",
                "Note changed",
                "Deadline extended",
                "Marked as sent",
                "Drafted",
            ],  # fmt: skip
            strict=True,
        )
    ]


def test_a_change_from_the_command_line_shows_when_the_window_is_activated(
    qtbot: QtBot, store: Store, catalog: Catalog, app_dirs: AppDirs
) -> None:
    _, fresh_id = two_requests(store)
    dialog = open_dialog(qtbot, catalog, store)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.select(fresh_id)
    qtbot.keyClicks(dialog.notes.edit, "still typing")
    assert dialog.history.texts()[0][1] == "Drafted"

    terminal = QWidget()  # the user goes to a terminal
    qtbot.addWidget(terminal)
    terminal.show()
    terminal.activateWindow()
    qtbot.waitUntil(lambda: not dialog.isActiveWindow())
    other = open_store(app_dirs)  # what `privacy-review request sent` opens
    try:
        RequestBook(other).mark_sent(fresh_id, TODAY)
    finally:
        other.close()
    assert dialog.history.texts()[0][1] == "Drafted"  # nothing polls behind the user's back

    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.history.texts()[0][1] == "Marked as sent")
    assert dialog.selected() is not None and dialog.selected().id == fresh_id
    assert dialog.notes.text() == "still typing"  # the edit survived the refresh
    assert dialog.notes.save_button.isEnabled()


def test_the_log_never_holds_the_note(
    qtbot: QtBot, store: Store, catalog: Catalog, caplog: pytest.LogCaptureFixture
) -> None:
    _, fresh_id = two_requests(store)
    caplog.set_level(logging.DEBUG)
    dialog = open_dialog(qtbot, catalog, store)
    dialog.select(fresh_id)
    qtbot.keyClicks(dialog.notes.edit, "Quixotic private words")
    dialog.notes.save_button.click()
    dialog.reload(select=fresh_id)
    assert RequestBook(store).get(fresh_id).notes == "Quixotic private words"
    assert "Quixotic" not in caplog.text


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_screenshots(qtbot: QtBot, store: Store, catalog: Catalog, size: QSize, dark: bool) -> None:
    late_id, fresh_id = two_requests(store)
    book = RequestBook(store)
    book.set_notes(late_id, "Sent through their form; reference number 88213.")
    book.mark_sent(fresh_id, TODAY)
    PICTURES.mkdir(parents=True, exist_ok=True)
    with palette(dark):
        dialog = open_dialog(qtbot, catalog, store)
        assert dialog.minimumSizeHint().width() <= 800
        assert dialog.minimumSizeHint().height() <= 600
        dialog.resize(size)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.select(late_id)
        qtbot.keyClicks(dialog.notes.edit, " Chase on Friday.")
        name = f"requests-{size.width()}x{size.height()}{'-dark' if dark else ''}.png"
        image = save(dialog, PICTURES, name)
        assert_picture(image, size, dark=dark)
        assert_nothing_clipped(dialog)
        assert dialog.history.isVisible() and dialog.notes.edit.height() > 40
        assert dialog.tree.viewport().height() > 2 * dialog.tree.sizeHintForRow(0)
