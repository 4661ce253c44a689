"""Help > About and Help > Where your data is. Plain text only; folders open in the
system's file manager, and when none answers the dialog says so and offers to copy the path."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import __version__
from gui.core.paths import AppDirs
from gui.desktop.i18n import translate
from gui.desktop.infra.diagnostics import log_file
from gui.desktop.views.browser import Opener, copy_text, open_folder
from gui.desktop.window.messages import show_message
from gui.desktop.window.window_state import fit_to_screen


def show_about(parent: QWidget | None, catalog_version: str = "") -> QMessageBox:
    text = translate("AboutBox", "Privacy Review {version}").format(version=__version__)
    info = translate(
        "AboutBox",
        "A guided, offline review of what social platforms collect about you, with a "
        "private checklist of what you did about it. Nothing leaves your computer unless "
        "you run an online check.",
    )
    if catalog_version:
        catalog = translate("AboutBox", "Catalog version: {version}")
        info += "\n\n" + catalog.format(version=catalog_version)
    return show_message(parent, translate("AboutBox", "About Privacy Review"), text, info)


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setWordWrap(True)
    return label


class DataLocationDialog(QDialog):
    """Every folder the app writes to, each with a button that opens it and one that copies
    its path (the way out when no file manager answers: the dialog then says so)."""

    def __init__(
        self,
        dirs: AppDirs,
        store_text: str,
        parent: QWidget | None = None,
        *,
        opener: Opener | None = None,
    ) -> None:
        super().__init__(parent)
        self._opener = opener
        self.setWindowTitle(translate("DataLocationDialog", "Where your data is"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(store_text or translate("DataLocationDialog", "The checklist is not open."))
        )
        grid = QGridLayout()
        places = [
            (translate("DataLocationDialog", "Checklist and backups"), dirs.data),
            (translate("DataLocationDialog", "Window settings"), dirs.config),
            (translate("DataLocationDialog", "Your own catalog files"), dirs.user_catalogs),
            (translate("DataLocationDialog", "Log files"), dirs.log),
            (translate("DataLocationDialog", "Cache"), dirs.cache),
        ]
        self.folder_buttons: list[QPushButton] = []
        self.copy_buttons: list[QPushButton] = []
        for row, (what, folder) in enumerate(places):
            place = translate("DataLocationDialog", "{place}:").format(place=what)
            grid.addWidget(_label(place), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_label(str(folder)), row, 1)
            button = QPushButton(translate("DataLocationDialog", "Open folder"))
            button.setAccessibleName(
                translate("DataLocationDialog", "Open the folder: {place}").format(place=what)
            )
            button.clicked.connect(lambda _c=False, w=what, f=folder: self.open_folder(w, f))
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self.folder_buttons.append(button)
            copy = QPushButton(translate("DataLocationDialog", "Copy"))
            copy.setAccessibleName(
                translate("DataLocationDialog", "Copy the folder's path: {place}").format(
                    place=what
                )
            )
            copy.setToolTip(
                translate(
                    "DataLocationDialog",
                    "Copy the path to paste it into a file manager or terminal",
                )
            )
            copy.clicked.connect(lambda _c=False, w=what, f=folder: self.copy_path(w, f))
            grid.addWidget(copy, row, 3, Qt.AlignmentFlag.AlignTop)
            self.copy_buttons.append(copy)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        log_text = translate("DataLocationDialog", "The log file is {file}.")
        layout.addWidget(_label(log_text.format(file=log_file(dirs.log))))
        self.message = _label("")
        font = self.message.font()
        font.setBold(True)
        self.message.setFont(font)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, self.sizeHint().height())
        fit_to_screen(self)

    def open_folder(self, what: str, folder: Path) -> bool:
        if not folder.is_dir():
            self._say(
                translate(
                    "DataLocationDialog",
                    "{place}: the folder {folder} does not exist yet (nothing was saved there).",
                ).format(place=what, folder=folder)
            )
            return False
        if open_folder(str(folder), self._opener):
            self._say("")
            return True
        self._say(
            translate(
                "DataLocationDialog",
                "The folder could not be opened: no file manager answered. Press Copy next to "
                "\u201c{place}\u201d and paste the path into a file manager or terminal.",
            ).format(place=what)
        )
        return False

    def copy_path(self, what: str, folder: Path) -> None:
        copy_text(str(folder))
        self._say(
            translate(
                "DataLocationDialog", "Copied the path of \u201c{place}\u201d: {folder}"
            ).format(place=what, folder=folder)
        )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
