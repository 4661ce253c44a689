"""The print and save dialogs, driven without blocking: every dialog is opened with
``open()``, so the test reads ``flow.dialog`` and acts on it as a user would."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from gui.core.catalog import Catalog
from gui.core.checklist import Decision
from gui.core.summary.model import SummaryOptions, build_summary
from gui.desktop.summary.dialogs import SummaryOptionsDialog, print_summary, save_summary_as
from gui.desktop.summary.pdf import render_pdf
from gui.desktop.window.print_preview import PrintPreviewDialog

from support.summary_data import NOW, decisions_for, load_test_catalog, long_catalog

# The offscreen platform cannot pass size hints to a window system and says so when a
# dialog is shown; that is the test platform talking, not the code under test.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_test_catalog(tmp_path / "catalog")


@pytest.fixture
def decisions(catalog: Catalog) -> list[Decision]:
    return decisions_for(catalog)


class FakeStore:
    """What the dialogs need of the checklist store."""

    def __init__(self, decisions: list[Decision], recheck: int) -> None:
        self._decisions = decisions
        self._recheck = recheck

    def decisions(self) -> list[Decision]:
        return list(self._decisions)

    def recheck_days(self) -> int:
        return self._recheck


def _check(dialog: SummaryOptionsDialog, platform_id: str, checked: bool) -> None:
    for row in range(dialog.platform_list.count()):
        item = dialog.platform_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == platform_id:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def test_options_dialog_reads_back_the_choices(qtbot: QtBot, catalog: Catalog) -> None:
    dialog = SummaryOptionsDialog(catalog, SummaryOptions(recheck_days=30), page_size="a4")
    qtbot.addWidget(dialog)
    assert dialog.options() == SummaryOptions(recheck_days=30)  # all platforms: None
    _check(dialog, "alpha", False)
    dialog.notes_box.setChecked(False)
    dialog.unreviewed_box.setChecked(False)
    assert dialog.page_size_combo is not None
    dialog.page_size_combo.setCurrentIndex(1)
    options = dialog.options()
    assert options.platform_ids == ("beta",)
    assert not options.include_notes and not options.include_unreviewed
    assert options.recheck_days == 30
    assert dialog.page_size() == "letter"


def test_options_dialog_needs_a_platform(qtbot: QtBot, catalog: Catalog) -> None:
    dialog = SummaryOptionsDialog(catalog, SummaryOptions(platform_ids=("alpha",)))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    assert dialog.page_size_combo is None  # printing: the print dialog has the paper
    _check(dialog, "alpha", False)
    assert not ok.isEnabled()
    _check(dialog, "beta", True)
    assert ok.isEnabled()


def _preview_pages(qtbot: QtBot, dialog: PrintPreviewDialog) -> int:
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() > 0, timeout=10_000)
    return preview.pageCount()


def test_print_preview_paints_every_page(qtbot: QtBot) -> None:
    catalog, decisions = long_catalog(60)
    options = SummaryOptions()
    flow = print_summary(None, catalog, decisions, options, now=NOW)
    dialog = flow.dialog
    assert isinstance(dialog, PrintPreviewDialog)
    qtbot.addWidget(dialog)
    pages = _preview_pages(qtbot, dialog)
    expected = render_pdf(build_summary(catalog, decisions, options, now=NOW), page_size="a4")
    assert pages == flow.pages_painted == len(pypdf.PdfReader(io.BytesIO(expected)).pages)
    assert pages > 1
    dialog.reject()
    assert flow.dialog is None


def test_print_asks_for_options_first(
    qtbot: QtBot, catalog: Catalog, decisions: list[Decision]
) -> None:
    flow = print_summary(None, catalog, FakeStore(decisions, recheck=7), now=NOW)
    options_dialog = flow.dialog
    assert isinstance(options_dialog, SummaryOptionsDialog)
    assert options_dialog.options().recheck_days == 7  # taken from the store
    options_dialog.notes_box.setChecked(False)
    options_dialog.accept()
    preview = flow.dialog
    assert isinstance(preview, PrintPreviewDialog)
    qtbot.addWidget(preview)
    assert _preview_pages(qtbot, preview) >= 1
    assert flow.options is not None and not flow.options.include_notes
    assert all(line.note == "" for s in flow.summary().platforms for line in s.lines)
    preview.reject()


def test_cancelling_the_options_prints_nothing(qtbot: QtBot, catalog: Catalog) -> None:
    flow = print_summary(None, catalog, [], now=NOW)
    assert isinstance(flow.dialog, SummaryOptionsDialog)
    flow.dialog.reject()
    assert flow.dialog is None and flow.printer is None


def _file_dialog(flow: object) -> QFileDialog:
    dialog = flow.dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, QFileDialog)
    return dialog


def test_save_as_writes_the_format_of_the_extension(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, decisions: list[Decision]
) -> None:
    saved: list[Path] = []
    flow = save_summary_as(
        None, catalog, decisions, SummaryOptions(), now=NOW, directory=tmp_path,
        on_saved=saved.append,
    )  # fmt: skip
    dialog = _file_dialog(flow)
    qtbot.addWidget(dialog)
    target = tmp_path / "mine.md"
    dialog.selectFile(str(target))
    dialog.accept()
    assert saved == [target]
    assert target.read_text(encoding="utf-8").startswith("# Privacy Review summary")


def test_save_as_adds_the_chosen_filters_extension(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, decisions: list[Decision]
) -> None:
    flow = save_summary_as(None, catalog, decisions, SummaryOptions(), now=NOW, directory=tmp_path)
    dialog = _file_dialog(flow)
    qtbot.addWidget(dialog)
    # What the dialog does when the user picks a filter from its list.
    dialog.selectNameFilter("Plain text (*.txt)")
    dialog.filterSelected.emit("Plain text (*.txt)")
    assert dialog.defaultSuffix() == "txt"
    dialog.selectFile(str(tmp_path / "plain"))
    dialog.accept()
    assert flow.saved == tmp_path / "plain.txt"
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8").startswith("PRIVACY REVIEW")


def test_save_as_pdf_uses_the_paper_chosen_in_the_options(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, decisions: list[Decision]
) -> None:
    flow = save_summary_as(None, catalog, decisions, now=NOW, directory=tmp_path)
    options_dialog = flow.dialog
    assert isinstance(options_dialog, SummaryOptionsDialog)
    assert options_dialog.page_size_combo is not None
    options_dialog.page_size_combo.setCurrentIndex(1)  # US Letter
    options_dialog.accept()
    dialog = _file_dialog(flow)
    qtbot.addWidget(dialog)
    dialog.selectFile(str(tmp_path / "summary.pdf"))
    dialog.accept()
    page = pypdf.PdfReader(tmp_path / "summary.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing-folder/summary.pdf", "No such file or directory"), ("summary.docx", "format")],
)
def test_save_failure_is_shown_not_raised(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, name: str, reason: str
) -> None:
    flow = save_summary_as(None, catalog, [], SummaryOptions(), now=NOW, directory=tmp_path)
    file_dialog = _file_dialog(flow)
    qtbot.addWidget(file_dialog)
    assert flow.save_to(tmp_path / name) is False
    message = flow.dialog
    assert isinstance(message, QMessageBox)
    qtbot.addWidget(message)
    assert reason in message.text() and name.split("/")[-1] in message.text()
    assert flow.saved is None
    assert [p.name for p in tmp_path.iterdir()] == ["catalog"]  # nothing written
    message.accept()
