"""Help > About and Help > Where your data is. Plain text only; folders open in the
system's file manager."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
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
from gui.desktop.infra.diagnostics import log_file
from gui.desktop.window.messages import show_message


def show_about(parent: QWidget | None, catalog_version: str = "") -> QMessageBox:
    text = f"Privacy Review {__version__}"
    info = (
        "A guided, offline review of what social platforms collect about you, with a "
        "private checklist of what you did about it. Nothing leaves your computer unless "
        "you run an online check."
    )
    if catalog_version:
        info += f"\n\nCatalog version: {catalog_version}"
    return show_message(parent, "About Privacy Review", text, info)


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
    """Every folder the app writes to, each with a button that opens it."""

    def __init__(self, dirs: AppDirs, store_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Where your data is")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(store_text or "The checklist is not open."))
        grid = QGridLayout()
        places = [
            ("Checklist and backups", dirs.data),
            ("Window settings", dirs.config),
            ("Your own catalog files", dirs.user_catalogs),
            ("Log files", dirs.log),
            ("Cache", dirs.cache),
        ]
        self.folder_buttons: list[QPushButton] = []
        for row, (what, folder) in enumerate(places):
            grid.addWidget(_label(f"{what}:"), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_label(str(folder)), row, 1)
            button = QPushButton("Open folder")
            button.setAccessibleName(f"Open the folder: {what}")
            button.clicked.connect(
                lambda _c=False, f=folder: QDesktopServices.openUrl(QUrl.fromLocalFile(str(f)))
            )
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self.folder_buttons.append(button)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addWidget(_label(f"The log file is {log_file(dirs.log)}."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())
