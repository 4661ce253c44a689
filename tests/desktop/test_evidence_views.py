"""Reading an export from the window: the read dialog on a real worker thread, the
findings in the detail pane and the wizard's category page ("What your export shows"),
checks against decisions, the overview and forgetting. Screenshots at 1280x800 and 800x600
go to PRIVACY_REVIEW_SCREENSHOTS (default: the test's temporary folder)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from gui.core.catalog import Catalog
from gui.core.checklist import Status
from gui.core.evidence.engine import read_export
from gui.core.paths import AppDirs
from gui.core.store import Store, open_store
from gui.core.store.findings import database_of, load_readings, save_reading
from gui.desktop.evidence.findings_view import FindingsIndex, heading_text, set_findings_index
from gui.desktop.evidence.read_dialog import ReadExportDialog
from gui.desktop.evidence.worker import ExportRead
from gui.desktop.window.main_window import MainWindow

from support import export_builder as eb
from support.qt_settle import settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 1, 11, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(app_dirs: AppDirs) -> Iterator[Store]:
    app_dirs.ensure()
    store = open_store(app_dirs, clock=Clock())
    yield store
    set_findings_index(None)
    store.close()


def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("PRIVACY_REVIEW_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def opt_out_of_ads(store: Store, catalog: Catalog) -> None:
    category = catalog.platform("x").category("personalised-ads")  # type: ignore[union-attr]
    store.record("x", "personalised-ads", Status.OPTED_OUT, "", category.fingerprint)


def test_file_menu_has_the_command(window: MainWindow) -> None:
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    texts = [a.text() for a in file_menu.actions()]
    assert "&Read a data export…" in texts and "&Your data exports…" in texts


def test_read_dialog_reads_saves_and_shows(
    qtbot, window: MainWindow, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    opt_out_of_ads(store, catalog)
    archive = eb.build_x(tmp_path / "twitter-2024-06-01.zip", interests=312, disabled=14)
    dialog = window.evidence.open_read_dialog(archive)  # type: ignore[attr-defined]
    qtbot.waitExposed(dialog)
    assert dialog.detected_label.text() == "This looks like an X export."
    settle()
    assert dialog.grab().save(str(screenshots(tmp_path) / "read-dialog.png"))
    with qtbot.waitSignal(dialog.read, timeout=20_000) as blocker:
        dialog.read_button.click()
    reading = blocker.args[0]
    assert reading.platform_id == "x"
    assert load_readings(database_of(store)) == [reading]
    overview = next(k for k in window._kept if type(k).__name__ == "ExportOverview")
    qtbot.waitExposed(overview)
    settle()
    assert overview.grab().save(str(screenshots(tmp_path) / "export-overview.png"))

    # The detail pane shows it, with the check against the decision...
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.panel.select("x", "personalised-ads")
    view = window.panel.detail.category_view.findings_view
    settle()
    assert view.isVisible() and view.heading.text() == heading_text()
    assert "You are in 120 advertiser audiences." in view.body.text()
    assert view.checks.isVisible()
    assert view.checks.text().startswith("To check: You marked personalised ads off on")
    assert "twitter-2024-06-01.zip" in view.source.text()
    for size in (QSize(1280, 800), QSize(800, 600)):
        window.resize(size)
        settle()
        name = f"detail-pane-findings-{size.width()}.png"
        assert window.grab().save(str(screenshots(tmp_path) / name))
    # ...and the row needs attention.
    rows = window.source.rows()
    row = next(r for r in rows if (r.platform_id, r.category_id) == ("x", "personalised-ads"))
    assert row.to_do and row.evidence

    # A category without findings shows none.
    assert window.panel.select("x", "biometrics")
    assert not view.isVisible()

    # Forgetting removes them everywhere.
    overview.forget_now()
    assert load_readings(database_of(store)) == []
    assert window.panel.select("x", "personalised-ads")
    assert not view.isVisible()


def test_refused_export_is_named_and_nothing_kept(
    qtbot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    members = eb.x_members()
    members["data/ip-audit.js"] = b"window.YTD.ip_audit.part0 = [{"
    archive = eb.write_zip(tmp_path / "x.zip", members)
    dialog = ReadExportDialog(window.evidence.save, window, path=archive)  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert dialog.message_label.isVisible()
    assert dialog.message_label.text().startswith("data/ip-audit.js is not valid JSON")
    assert dialog.message_label.text().endswith("Nothing was kept.")
    assert load_readings(database_of(store)) == []
    assert dialog.isVisible()  # stays open to choose another file


def test_another_platform_is_named(qtbot, window: MainWindow, tmp_path: Path) -> None:
    archive = eb.build_linkedin(tmp_path / "export.zip")
    dialog = ReadExportDialog(window.evidence.save, window, path=archive)  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    assert dialog.detected_label.text() == "This looks like a LinkedIn export."
    dialog.platform_box.setCurrentIndex(dialog.platform_box.findData("x"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert "looks like a LinkedIn export" in dialog.message_label.text()


def test_not_a_zip_is_said_before_reading(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "notes.zip"
    path.write_text("hello", encoding="utf-8")
    dialog = ReadExportDialog(lambda _r: None, path=path)
    qtbot.addWidget(dialog)
    assert "notes.zip is not a ZIP archive" in dialog.detected_label.text()


def test_cancelled_read_reports_cancelled(qtbot, tmp_path: Path) -> None:
    job = ExportRead(eb.build_x(tmp_path / "x.zip"), None)
    job.cancel()  # before it starts: the worker stops at its first look
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        job.start()
    assert blocker.args == [None, "", True]
    assert not job.is_running()


def test_wizard_category_page_shows_findings(
    qtbot, catalog: Catalog, store: Store, tmp_path: Path
) -> None:
    from gui.core.review.plan import Scope
    from gui.desktop.wizard import ReviewWizard

    save_reading(database_of(store), read_export(eb.build_x(tmp_path / "x.zip")))
    set_findings_index(FindingsIndex(store))
    wizard = ReviewWizard(catalog, store, platforms=["x"], opener=lambda _url: True)
    qtbot.addWidget(wizard)
    wizard.start_page.scope_buttons[Scope.EVERYTHING].setChecked(True)
    for size in (QSize(800, 600), QSize(1280, 800)):
        wizard.resize(size)
        wizard.show()
        qtbot.waitExposed(wizard)
        if wizard.on_start_page():
            wizard.go_next()
        for index, step in enumerate(wizard.steps):
            if step.key[1] == "inferred-interests":
                while wizard.index < index:
                    wizard.skip()
        settle()
        view = wizard.category_page.view.findings_view
        assert view.isVisible()
        assert view.body.text().startswith("X lists 12 interests it inferred about you")
        assert "You switched off 3 of them." in view.body.text()
        assert not view.checks.isVisible()
        name = f"wizard-findings-{size.width()}.png"
        assert wizard.grab().save(str(screenshots(tmp_path) / name))


def test_dropping_a_zip_on_the_window_opens_the_read_dialog(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    archive = eb.build_x(tmp_path / "dropped.zip")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(archive))])
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(5, 5), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPoint(5, 5), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    dialog = next(k for k in window._kept if isinstance(k, ReadExportDialog))
    assert dialog.file_edit.text() == str(archive)
    assert dialog.detected_label.text() == "This looks like an X export."
    dialog.reject()

    text = QMimeData()
    text.setText("not a file")
    other = QDragEnterEvent(
        QPoint(5, 5), action, text, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    other.setAccepted(False)
    QApplication.sendEvent(window, other)
    assert not other.isAccepted()
