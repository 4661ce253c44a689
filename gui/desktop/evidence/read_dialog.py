"""File > Read a data export…: choose the archive and the platform (detected from the
file), read it on a worker thread behind a progress dialog with Cancel, keep the findings
and show them. A refused export is reported in the dialog, naming the file inside the
archive; nothing is kept then."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.core.evidence.maps import bundled_maps, with_article

if TYPE_CHECKING:
    from gui.core.evidence.model import ExportReading
    from gui.desktop.evidence.worker import ExportRead

INTRO = (
    "Choose the archive a platform gave you when you asked for a copy of your data (the "
    ".zip file, as downloaded). It is read here, in place: nothing is unpacked, copied or "
    "sent. Only what it shows per category is kept, encrypted in your checklist: counts, "
    "dates and a few examples, with the file's name and date."
)
DETECT = "Detect from the file"


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def detected_text(path: Path) -> str:
    """What the archive looks like, in a sentence (cheap: only the list of files)."""
    from gui.core.evidence.engine import detect
    from gui.core.evidence.errors import ExportError
    from gui.core.evidence.safezip import SafeArchive

    try:
        with SafeArchive(path) as archive:
            found = detect(archive.names, bundled_maps())
    except ExportError as error:
        return str(error)
    if not found:
        return f"{path.name} does not look like an export the app can read."
    return f"This looks like {with_article(found[0][0].name)} export."


class ReadExportDialog(QDialog):
    """``read(ExportReading)`` is emitted once the findings are kept (by ``save``, which the
    window supplies: it owns the store)."""

    read = Signal(object)

    def __init__(
        self,
        save: Callable[[ExportReading], None],
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Read a data export")
        self.setObjectName("read-export-dialog")
        self._save = save
        self.job: ExportRead | None = None
        self.progress: QProgressDialog | None = None
        self.reading: ExportReading | None = None

        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText("The .zip file from the platform")
        self.file_edit.setAccessibleName("Export file")
        self.file_edit.textChanged.connect(self._file_changed)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.browse)
        file_line = QHBoxLayout()
        file_line.addWidget(self.file_edit, 1)
        file_line.addWidget(browse)

        self.platform_box = QComboBox()
        self.platform_box.setAccessibleName("Platform")
        self.platform_box.addItem(DETECT, None)
        for evidence_map in bundled_maps():
            self.platform_box.addItem(evidence_map.name, evidence_map.platform)
        self.detected_label = _plain()
        self.message_label = _plain()
        font = self.message_label.font()
        font.setBold(True)
        self.message_label.setFont(font)
        self.message_label.setVisible(False)

        form = QFormLayout()
        file_label = QLabel("&File:")
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, file_line)
        form.addRow("&Platform:", self.platform_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.read_button = self.buttons.addButton("&Read", QDialogButtonBox.ButtonRole.AcceptRole)
        self.read_button.setEnabled(False)
        self.read_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_plain(INTRO))
        layout.addLayout(form)
        layout.addWidget(self.detected_label)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 300)
        if path is not None:
            self.file_edit.setText(str(path))

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose your data export", "", "Data exports (*.zip);;All files (*)"
        )
        if name:
            self.file_edit.setText(name)

    def _file_changed(self, text: str) -> None:
        path = Path(text.strip()).expanduser() if text.strip() else None
        self.read_button.setEnabled(path is not None)
        self.message_label.setVisible(False)
        if path is None or not path.is_file():
            self.detected_label.setText("")
            return
        self.detected_label.setText(detected_text(path))

    def start(self) -> None:
        from gui.desktop.evidence.worker import PROGRESS_STEPS, ExportRead

        if self.job is not None:
            return
        path = Path(self.file_edit.text().strip()).expanduser()
        self.message_label.setVisible(False)
        self.read_button.setEnabled(False)
        self.job = ExportRead(path, self.platform_box.currentData(), self)
        progress = QProgressDialog(f"Reading {path.name}…", "Cancel", 0, PROGRESS_STEPS, self)
        progress.setWindowTitle("Reading your export")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.job.cancel)
        self.progress = progress
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        self.job.start()
        progress.show()

    def _on_progress(self, step: int, member: str) -> None:
        progress = self.progress
        if progress is None:
            return
        # The member's name is the export's own structure (data/ad-impressions.js), not the
        # user's content. setValue of a modal progress dialog runs the event loop, so the
        # end of the reading may arrive inside it: the label is set first.
        progress.setLabelText(f"Reading {member}…")
        progress.setValue(step)

    def _on_finished(self, reading: object, error: str, cancelled: bool) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.job = None
        self.read_button.setEnabled(True)
        if cancelled:
            self._say("Reading was cancelled; nothing was kept.")
            return
        if error or reading is None:
            self._say(f"{error} Nothing was kept.")
            return
        from gui.core.store import StoreError

        try:
            self._save(reading)  # type: ignore[arg-type]
        except StoreError as store_error:
            self._say(f"{store_error} Nothing was kept.")
            return
        self.reading = reading  # type: ignore[assignment]
        self.read.emit(reading)
        self.accept()

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(True)

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.shutdown()

    def reject(self) -> None:
        if self.job is not None:  # Esc while reading: cancel; finished() follows
            self.job.cancel()
            return
        super().reject()
