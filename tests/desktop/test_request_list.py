"""Review > Your requests…: every request with its platform, kind, law, status in words,
sent date and deadline; overdue ones say so and are red; the buttons record what happened
and draft the follow-up, then the complaint. Rendered at 800x600 and 1280x800."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from gui.core import dates
from gui.core.catalog import Catalog, load_catalog
from gui.core.requests import Kind, Law
from gui.core.store import Store
from gui.core.store.requests_store import RequestBook
from gui.desktop.requests.list_dialog import OVERDUE_COLOUR, RequestListDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TODAY = date(2026, 12, 2)


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


def two_requests(store: Store) -> tuple[int, int]:
    book = RequestBook(store)
    late = book.add("x", Kind.OBJECTION, Law.GDPR, category_ids=("grok-xai-training",),
                    grounds="Mine.")  # fmt: skip
    book.mark_sent(late.id, TODAY - timedelta(days=45))
    fresh = book.add("facebook", Kind.ACCESS, Law.GDPR)
    return late.id, fresh.id


def test_the_list_shows_every_request_and_marks_the_overdue_one(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    late_id, fresh_id = two_requests(store)
    dialog = RequestListDialog(catalog, store, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert len(rows) == 2
    fresh, late = rows  # newest first
    assert fresh[0] == "Facebook" and fresh[2] == "GDPR"
    assert fresh[3] == "Drafted, not sent yet" and fresh[4] == "not sent yet"
    assert late[0].startswith("X") and late[3].startswith("Overdue")
    assert late[4] == dates.day(TODAY - timedelta(days=45))
    due = RequestBook(store).get(late_id).status_on(TODAY)[1]
    assert due is not None and due < TODAY and late[5] == dates.day(due)
    late_item = dialog.tree.topLevelItem(1)
    assert late_item.foreground(3).color() == OVERDUE_COLOUR
    assert dialog.tree.topLevelItem(0).foreground(3).color() != OVERDUE_COLOUR
    assert "1 past the legal deadline" in dialog.summary.text()


def test_the_buttons_record_what_happened(qtbot: QtBot, store: Store, catalog: Catalog) -> None:
    late_id, fresh_id = two_requests(store)
    dialog = RequestListDialog(catalog, store, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    book = RequestBook(store)
    dialog.select(fresh_id)
    assert not dialog.answered_button.isEnabled()  # not sent yet
    dialog.sent_date.setDate(QDate(2026, 11, 30))
    dialog.sent_button.click()
    assert book.get(fresh_id).sent_on == date(2026, 11, 30)
    assert dialog.selected() is not None and dialog.selected().id == fresh_id
    assert dialog.rows()[0][3] == "Sent, waiting for an answer"
    dialog.extended_button.click()
    assert book.get(fresh_id).extended
    dialog.answered_button.click()
    assert book.get(fresh_id).answered_on == TODAY
    dialog.close_button.click()
    assert dialog.rows()[0][3] == "Closed"
    assert not dialog.close_button.isEnabled()


def test_follow_up_then_complaint(
    qtbot: QtBot, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    late_id, _ = two_requests(store)
    dialog = RequestListDialog(catalog, store, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.select(late_id)
    assert dialog.follow_up_button.text() == "Draft &follow-up…"
    dialog.follow_up_button.click()
    letter = dialog.letter_dialog
    assert letter is not None and "Reminder" in letter.preview.toPlainText()
    assert RequestBook(store).get(late_id).follow_up_on == TODAY
    target = tmp_path / "reminder.md"
    letter.save_to(target)
    assert "Reminder" in target.read_text(encoding="utf-8")
    letter.close()
    assert dialog.follow_up_button.text() == "Draft &complaint…"
    dialog.follow_up_button.click()
    assert dialog.letter_dialog is not letter
    assert "complaint" in dialog.letter_dialog.preview.toPlainText().lower()


def test_empty_list_says_how_to_start(qtbot: QtBot, store: Store, catalog: Catalog) -> None:
    dialog = RequestListDialog(catalog, store, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.rows() == [] and dialog.empty.isVisible() and not dialog.tree.isVisible()
    assert not dialog.sent_button.isEnabled()


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_screenshots(qtbot: QtBot, store: Store, catalog: Catalog, size: tuple[int, int]) -> None:
    _, fresh_id = two_requests(store)
    dialog = RequestListDialog(catalog, store, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.resize(*size)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select(fresh_id)  # the overdue row unselected: its red shows
    assert dialog.grab().save(f"/tmp/request-list-{size[0]}x{size[1]}.png")


def test_the_overdue_red_is_light_on_a_dark_palette(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from gui.desktop.requests.list_dialog import OVERDUE_COLOUR_ON_DARK
    from gui.desktop.views.style import dark_palette

    two_requests(store)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QPalette(app.palette())
    app.setPalette(dark_palette())
    try:
        dialog = RequestListDialog(catalog, store, today=lambda: TODAY)
        qtbot.addWidget(dialog)
        assert dialog.tree.topLevelItem(1).foreground(3).color() == OVERDUE_COLOUR_ON_DARK
    finally:
        app.setPalette(original)
