"""The summary's print preview: the pages as they will print, with Print, Page setup, zoom
and page buttons that are ordinary labelled push buttons, so each is reached by Tab and has
its own Alt letter (Qt's own preview dialog has icon-only toolbar buttons that the keyboard
cannot reach and opens at a fixed size taller than small screens).

The dialog never blocks: the print and page setup dialogs are opened with ``open()``. It is
sized to the available screen (the whole frame on it) and remembers nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QShortcut, QShowEvent
from PySide6.QtPrintSupport import (
    QPageSetupDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.desktop.i18n import translate
from gui.desktop.summary.pdf import PAGE_SIZES, apply_page_setup, page_size_label
from gui.desktop.window.window_state import fit_to_screen

PREFERRED_SIZE = (900, 1000)  # an A4 page at a readable size, where the screen has room
ZOOM_STEP = 1.25
_QT_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


class PrintPreviewDialog(QDialog):
    """``paint(printer)`` paints the document onto a printer; it is called for the preview,
    after every page setup change, and for the real print."""

    def __init__(
        self, printer: QPrinter, paint: Callable[[QPrinter], object], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PrintPreviewDialog", "Print summary"))
        self.printer = printer
        self._paint = paint
        self.printed = False
        self.preview = QPrintPreviewWidget(printer, self)
        self.preview.setAccessibleName(
            translate("PrintPreviewDialog", "Preview of the printed pages")
        )
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # scrolls with the keys
        self.preview.paintRequested.connect(self._paint_pages)
        self.preview.previewChanged.connect(self._update_page_label)

        self.print_button = QPushButton(translate("PrintPreviewDialog", "&Print…"), self)
        self.print_button.setToolTip(
            translate("PrintPreviewDialog", "Choose a printer (or a PDF file) and print (Ctrl+P)")
        )
        self.print_button.clicked.connect(self.open_print_dialog)
        self.setup_button = QPushButton(translate("PrintPreviewDialog", "Page &setup…"), self)
        self.setup_button.setToolTip(
            translate("PrintPreviewDialog", "Paper size, orientation and margins")
        )
        self.setup_button.clicked.connect(self.open_page_setup)
        self.previous_button = QPushButton(translate("PrintPreviewDialog", "Pre&vious page"), self)
        self.previous_button.clicked.connect(lambda: self._go(-1))
        self.next_button = QPushButton(translate("PrintPreviewDialog", "&Next page"), self)
        self.next_button.clicked.connect(lambda: self._go(1))
        self.page_label = QLabel(self)
        self.zoom_out_button = QPushButton(translate("PrintPreviewDialog", "Zoom &out"), self)
        self.zoom_out_button.clicked.connect(lambda: self._zoom(1 / ZOOM_STEP))
        self.zoom_in_button = QPushButton(translate("PrintPreviewDialog", "Zoom &in"), self)
        self.zoom_in_button.clicked.connect(lambda: self._zoom(ZOOM_STEP))
        self.fit_button = QPushButton(translate("PrintPreviewDialog", "Fit &width"), self)
        self.fit_button.clicked.connect(self.preview.fitToWidth)
        self.close_button = QPushButton(translate("PrintPreviewDialog", "&Close"), self)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.open_print_dialog)

        # Two rows: at 800 pixels one row of eight buttons would be wider than the screen.
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.setup_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        moving = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.page_label):
            moving.addWidget(widget)
        moving.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            moving.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(moving)
        layout.addWidget(self.preview, 1)
        # Tab order: the buttons in reading order, then the pages.
        chain = [
            self.print_button,
            self.setup_button,
            self.close_button,
            self.previous_button,
            self.next_button,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.preview,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.print_button.setDefault(True)
        self.print_button.setFocus()

        self.resize(*PREFERRED_SIZE)
        fit_to_screen(self)
        self._fitted_with_frame = False
        self.dialog: QDialog | None = None  # the print or page setup dialog open now

    # -- showing -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._fitted_with_frame:
            self._fitted_with_frame = True
            fit_to_screen(self)

    def _paint_pages(self, printer: QPrinter) -> None:
        self._paint(printer)

    def _update_page_label(self) -> None:
        count = self.preview.pageCount()
        current = self.preview.currentPage()
        self.page_label.setText(
            translate("PrintPreviewDialog", "Page {page} of {count}").format(
                page=current, count=count
            )
            if count
            else ""
        )
        self.previous_button.setEnabled(current > 1)
        self.next_button.setEnabled(current < count)

    def _go(self, step: int) -> None:
        self.preview.setCurrentPage(self.preview.currentPage() + step)
        self._update_page_label()

    def _zoom(self, factor: float) -> None:
        self.preview.setZoomMode(QPrintPreviewWidget.ZoomMode.CustomZoom)
        self.preview.setZoomFactor(self.preview.zoomFactor() * factor)

    # -- printing ------------------------------------------------------------------------

    def open_print_dialog(self) -> QDialog:
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(translate("PrintPreviewDialog", "Print summary"))
        dialog.accepted.connect(self.print_now)
        return self._open(dialog)

    def open_page_setup(self) -> QDialog:
        """The system's page setup for a real printer; for PDF output (no printer set up,
        where Qt has no page setup dialog) the paper sizes the summary is laid out for."""
        dialog: QDialog
        if self.printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            dialog = QPageSetupDialog(self.printer, self)
        else:
            dialog = PaperDialog(self.printer, self)
        dialog.accepted.connect(self.preview.updatePreview)  # new paper, new pages
        return self._open(dialog)

    def print_now(self) -> None:
        """Paint onto the printer as it is set up now (the print dialog's choices)."""
        self._paint(self.printer)
        self.printed = True

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        # PySide offers only open(receiver, member) on these two: the same, by hand.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog


class PaperDialog(QDialog):
    """Paper size and orientation, for printing to a PDF file."""

    def __init__(self, printer: QPrinter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PaperDialog", "Page setup"))
        self.printer = printer
        layout = QFormLayout(self)
        self.size_combo = QComboBox(self)
        current = printer.pageLayout().pageSize().id()
        for size in PAGE_SIZES:
            self.size_combo.addItem(page_size_label(size), size)
            if _QT_SIZES[size] == current:
                self.size_combo.setCurrentIndex(self.size_combo.count() - 1)
        self.orientation_combo = QComboBox(self)
        self.orientation_combo.addItem(
            translate("PaperDialog", "Portrait"), QPageLayout.Orientation.Portrait
        )
        self.orientation_combo.addItem(
            translate("PaperDialog", "Landscape"), QPageLayout.Orientation.Landscape
        )
        if printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape:
            self.orientation_combo.setCurrentIndex(1)
        layout.addRow(translate("PaperDialog", "&Paper size:"), self.size_combo)
        layout.addRow(translate("PaperDialog", "&Orientation:"), self.orientation_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def accept(self) -> None:
        apply_page_setup(self.printer, str(self.size_combo.currentData()))
        self.printer.setPageOrientation(self.orientation_combo.currentData())
        super().accept()
