"""The first-start page: what the app does, that nothing leaves the computer, and how the
checklist is to be protected, in plain words.

Backend names (which keyring, SQLCipher) are not shown here: they mean nothing to someone
who has just opened the app, and Help > Where your data is lists them for those who want
them. Choosing "unencrypted" asks once more, with what it means, and the safe answer is the
default button, so no single keypress leaves the checklist readable by anyone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui.desktop.i18n import translate
from gui.desktop.window.store_choice import KeyChoice


def welcome_text() -> str:
    return translate(
        "WelcomeDialog",
        "Privacy Review walks you through what each platform you use collects about you and "
        "where to turn it off. "
        "It keeps a checklist of what you decided, so you can pick up where you left off and "
        "print a summary. "
        "Everything stays on this computer: nothing is sent anywhere unless you ask for it.",
    )


def keyring_label() -> str:
    return translate(
        "WelcomeDialog", "&Keep the key in this computer's password store (recommended)"
    )


def passphrase_label() -> str:
    return translate(
        "WelcomeDialog", "Protect it with a &passphrase that I type each time the app starts"
    )


def unencrypted_label() -> str:
    return translate("WelcomeDialog", "Do not &encrypt it")


def no_keyring_note() -> str:
    return translate(
        "WelcomeDialog",
        "This computer has no password store the app can use, so the checklist can be "
        "protected with a passphrase instead.",
    )


def unencrypted_box(parent: QWidget | None) -> tuple[QMessageBox, QPushButton]:
    """The question before keeping the checklist unencrypted, and its safe button (the
    default and the Escape button). Not shown yet: ``confirm_unencrypted`` runs it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("UnencryptedConfirmation", "Privacy Review: no encryption"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(translate("UnencryptedConfirmation", "Keep your checklist unencrypted?"))
    box.setInformativeText(
        translate(
            "UnencryptedConfirmation",
            "Anyone who can read your files (another user of this computer, a backup, a "
            "thief) could then read what you decided for each platform. You cannot add "
            "protection later without exporting and setting up the checklist again.",
        )
    )
    go_back = box.addButton(
        translate("UnencryptedConfirmation", "&Go back and protect it"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.addButton(
        translate("UnencryptedConfirmation", "&Keep it unencrypted"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.setDefaultButton(go_back)
    box.setEscapeButton(go_back)
    return box, go_back


def confirm_unencrypted(parent: QWidget | None) -> bool:
    """True only when the user confirms; Enter and Esc both keep the checklist encrypted."""
    box, go_back = unencrypted_box(parent)
    box.exec()
    return box.clickedButton() is not go_back and box.clickedButton() is not None


class WelcomeDialog(QDialog):
    """Asks once, on the very first start. ``choice()`` after ``exec``; Cancel is Quit.
    ``confirm`` asks about "unencrypted" (replaced in tests, which never run a modal box)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        keyring_available: bool,
        confirm: Callable[[QWidget | None], bool] = confirm_unencrypted,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("WelcomeDialog", "Welcome to Privacy Review"))
        self._confirm = confirm
        title = QLabel(translate("WelcomeDialog", "Welcome to Privacy Review"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.intro = QLabel(welcome_text())
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        question = QLabel(translate("WelcomeDialog", "How should your checklist be protected?"))
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setStyleSheet("font-weight: bold")
        self.keyring = QRadioButton(keyring_label())
        self.passphrase = QRadioButton(passphrase_label())
        self.unencrypted = QRadioButton(unencrypted_label())
        self.group = QButtonGroup(self)
        for button in (self.keyring, self.passphrase, self.unencrypted):
            self.group.addButton(button)
        self.keyring.setVisible(keyring_available)
        self.note = QLabel(no_keyring_note())
        self.note.setWordWrap(True)
        self.note.setVisible(not keyring_available)
        (self.keyring if keyring_available else self.passphrase).setChecked(True)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(
            translate("WelcomeDialog", "&Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(
            translate("WelcomeDialog", "&Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self._continue)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addWidget(question)
        layout.addWidget(self.note)
        layout.addWidget(self.keyring)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.unencrypted)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def choice(self) -> KeyChoice:
        if self.result() != QDialog.DialogCode.Accepted:
            return KeyChoice.QUIT
        if self.keyring.isChecked():
            return KeyChoice.KEYRING
        if self.passphrase.isChecked():
            return KeyChoice.PASSPHRASE
        return KeyChoice.UNENCRYPTED

    def _continue(self) -> None:
        if self.unencrypted.isChecked() and not self._confirm(self):
            return  # back on the page, nothing chosen
        self.accept()
