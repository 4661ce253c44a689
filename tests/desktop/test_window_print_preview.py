"""The summary's print preview from the checklist window: it fits the available screen, and
Print and Page setup are labelled buttons reached with Tab and their Alt letters (Qt's own
preview was 900x1000 on an 800-pixel screen, with icon buttons the keyboard never reached)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication

from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.store import Store, open_store
from gui.core.summary.model import SummaryOptions
from gui.desktop.window.main_window import MainWindow
from gui.desktop.window.print_preview import PaperDialog, PrintPreviewDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def store(app_dirs: AppDirs) -> Iterator[Store]:
    app_dirs.ensure()
    store = open_store(app_dirs)
    catalog = load_catalog()
    for category in catalog.platforms[0].categories[:4]:
        store.record(catalog.platforms[0].id, category.id, Status.KEPT, "", category.fingerprint)
    yield store
    store.close()


@pytest.fixture
def preview(qtbot, app_dirs: AppDirs, store: Store) -> Iterator[PrintPreviewDialog]:
    catalog: Catalog = load_catalog()
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    window.show()
    qtbot.waitExposed(window)
    from gui.desktop.summary.dialogs import print_summary

    flow = window.keep(print_summary(window, catalog, store, SummaryOptions()))
    dialog = flow.dialog
    assert isinstance(dialog, PrintPreviewDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: dialog.preview.pageCount() > 0)
    yield dialog
    dialog.close()


def test_the_preview_fits_the_available_screen(preview: PrintPreviewDialog) -> None:
    area = preview.screen().availableGeometry()
    assert area.contains(preview.frameGeometry())
    assert preview.height() < 1000  # the offscreen screen is 800 pixels high


def tab_chain(start, steps: int = 20) -> list:
    reached = []
    start.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(steps):
        focused = QApplication.focusWidget()
        reached.append(focused)
        focused.focusNextChild()  # what Tab does
    return reached


def test_print_and_page_setup_are_reached_with_tab(qtbot, preview: PrintPreviewDialog) -> None:
    reached = tab_chain(preview.close_button)
    assert preview.print_button in reached
    assert preview.setup_button in reached
    assert preview.print_button.text() == "&Print…"
    assert preview.setup_button.text() == "Page &setup…"


def test_page_setup_by_keyboard_opens_and_repaints(qtbot, preview: PrintPreviewDialog) -> None:
    preview.setup_button.setFocus()
    qtbot.waitUntil(preview.setup_button.hasFocus)
    qtbot.keyClick(preview.setup_button, Qt.Key.Key_Space)
    # No printer is set up here: printing goes to PDF, and the paper choice is ours.
    qtbot.waitUntil(lambda: isinstance(preview.dialog, (QPageSetupDialog, PaperDialog)))
    dialog = preview.dialog
    assert isinstance(dialog, PaperDialog)
    dialog.size_combo.setCurrentIndex(dialog.size_combo.findData("letter"))
    with qtbot.waitSignal(preview.preview.previewChanged):
        dialog.accept()
    assert preview.dialog is None
    assert preview.printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter


def test_print_by_keyboard_prints(qtbot, preview: PrintPreviewDialog, tmp_path: Path) -> None:
    target = tmp_path / "printed.pdf"
    preview.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    preview.printer.setOutputFileName(str(target))
    qtbot.keyClick(preview, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(preview.dialog, QPrintDialog))
    preview.dialog.accept()
    assert preview.printed
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")
