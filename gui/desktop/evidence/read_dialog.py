"""File > Read a data export…: choose the archive and the platform (detected from the
file), read it on a worker thread behind a progress dialog with Cancel, keep the findings
and show them. A refused export is reported in the dialog, naming the file inside the
archive; nothing is kept then. Browse… starts in the folder an export was last read from
(remembered in the store: the folder only), else the user's Downloads."""

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

from gui.core import remembered
from gui.core.evidence.engine import detect
from gui.core.evidence.errors import ExportError
from gui.core.evidence.maps import bundled_maps, with_article
from gui.core.evidence.safezip import SafeArchive
from gui.core.remembered import Folder, SettingsStore
from gui.core.store import StoreError
from gui.desktop.evidence.worker import PROGRESS_STEPS, ExportRead
from gui.desktop.i18n import translate
from gui.desktop.start_folder import Location, start_folder

if TYPE_CHECKING:
    from gui.core.evidence.model import ExportReading


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def detected_text(path: Path) -> str:
    """What the archive looks like, in a sentence (cheap: only the list of files)."""
    try:
        with SafeArchive(path) as archive:
            found = detect(archive.names, bundled_maps())
    except ExportError as error:
        return str(error)
    if not found:
        return translate(
            "ReadExportDialog", "{name} does not look like an export the app can read."
        ).format(name=path.name)
    return translate("ReadExportDialog", "This looks like {platform} export.").format(
        platform=with_article(found[0][0].name)
    )


def not_kept(reason: str) -> str:
    return translate("ReadExportDialog", "{reason} Nothing was kept.").format(reason=reason)


class ReadExportDialog(QDialog):
    """``read(ExportReading)`` is emitted once the findings are kept (by ``save``, which the
    window supplies: it owns the store). ``settings`` (the store) remembers the folder;
    ``file_dialog`` is the Browse… dialog while it is open."""

    read = Signal(object)

    def __init__(
        self,
        save: Callable[[ExportReading], None],
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
        settings: SettingsStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ReadExportDialog", "Read a data export"))
        self.setObjectName("read-export-dialog")
        self._save = save
        self._settings = settings
        self.file_dialog: QFileDialog | None = None
        self.job: ExportRead | None = None
        self.progress: QProgressDialog | None = None
        self.reading: ExportReading | None = None

        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(
            translate("ReadExportDialog", "The .zip file from the platform")
        )
        self.file_edit.setAccessibleName(translate("ReadExportDialog", "Export file"))
        self.file_edit.textChanged.connect(self._file_changed)
        browse = QPushButton(translate("ReadExportDialog", "&Browse…"))
        browse.clicked.connect(self.browse)
        file_line = QHBoxLayout()
        file_line.addWidget(self.file_edit, 1)
        file_line.addWidget(browse)

        self.platform_box = QComboBox()
        self.platform_box.setAccessibleName(translate("ReadExportDialog", "Platform"))
        self.platform_box.addItem(translate("ReadExportDialog", "Detect from the file"), None)
        for evidence_map in bundled_maps():
            self.platform_box.addItem(evidence_map.name, evidence_map.platform)
        self.detected_label = _plain()
        self.message_label = _plain()
        font = self.message_label.font()
        font.setBold(True)
        self.message_label.setFont(font)
        self.message_label.setVisible(False)

        form = QFormLayout()
        file_label = QLabel(translate("ReadExportDialog", "&File:"))
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, file_line)
        form.addRow(translate("ReadExportDialog", "&Platform:"), self.platform_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.read_button = self.buttons.addButton(
            translate("ReadExportDialog", "&Read"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.read_button.setEnabled(False)
        self.read_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                translate(
                    "ReadExportDialog",
                    "Choose the archive a platform gave you when you asked for a copy of your "
                    "data (the .zip file, as downloaded). It is read here, in place: nothing is "
                    "unpacked, copied or sent. Only what it shows per category is kept, "
                    "encrypted in your checklist: counts, dates and a few examples, with the "
                    "file's name and date.",
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.detected_label)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 300)
        if path is not None:
            self.file_edit.setText(str(path))

    def browse(self) -> QFileDialog:
        """Browse…: opened with ``open()``, in the folder an export was last read from."""
        folder = start_folder(self._settings, Folder.EXPORT, Location.DownloadLocation)
        dialog = QFileDialog(
            self, translate("ReadExportDialog", "Choose your data export"), str(folder)
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [
                translate("ReadExportDialog", "Data exports (*.zip)"),
                translate("ReadExportDialog", "All files (*)"),
            ]
        )
        dialog.fileSelected.connect(self.file_edit.setText)
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(self._file_dialog_closed)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _file_dialog_closed(self) -> None:
        self.file_dialog = None

    def _file_changed(self, text: str) -> None:
        path = Path(text.strip()).expanduser() if text.strip() else None
        self.read_button.setEnabled(path is not None)
        self.message_label.setVisible(False)
        if path is None or not path.is_file():
            self.detected_label.setText("")
            return
        self.detected_label.setText(detected_text(path))

    def start(self) -> None:
        if self.job is not None:
            return
        path = Path(self.file_edit.text().strip()).expanduser()
        if path.is_file():
            # The next Browse… starts here (the folder, never the file's name).
            remembered.remember_folder(self._settings, Folder.EXPORT, path.parent)
        self.message_label.setVisible(False)
        self.read_button.setEnabled(False)
        self.job = ExportRead(path, self.platform_box.currentData(), self)
        progress = QProgressDialog(
            translate("ReadExportDialog", "Reading {name}…").format(name=path.name),
            translate("ReadExportDialog", "Cancel"),
            0,
            PROGRESS_STEPS,
            self,
        )
        progress.setWindowTitle(translate("ReadExportDialog", "Reading your export"))
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
        progress.setLabelText(translate("ReadExportDialog", "Reading {name}…").format(name=member))
        progress.setValue(step)

    def _on_finished(self, reading: object, error: str, cancelled: bool) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.job = None
        self.read_button.setEnabled(True)
        if cancelled:
            self._say(translate("ReadExportDialog", "Reading was cancelled; nothing was kept."))
            return
        if error or reading is None:
            self._say(not_kept(error))
            return
        try:
            self._save(reading)  # type: ignore[arg-type]
        except StoreError as store_error:
            self._say(not_kept(str(store_error)))
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
