"""Opening the checklist store from the window, with the user's help when the key is not
available.

``open_store_interactively`` tries ``open_store``; when the key cannot be had
(``KeyUnavailableError``) it lets the user choose: a passphrase, keeping the checklist
unencrypted (only offered when no checklist exists yet, with the plain warning), or quit.
Any other ``StoreError`` (damaged file, newer version, read-only disk...) is shown with its
message and what to do, and nothing is created: the store itself never makes a new
checklist over an existing file, and this function never asks it to.

The questions go through a ``StorePrompts`` object, so tests answer them without any modal
dialog; the default one shows real dialogs.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gui.core.paths import AppDirs
from gui.core.store import KeyUnavailableError, Store, StoreError, WrongKeyError, open_store

log = logging.getLogger(__name__)

MAX_PASSPHRASE_TRIES = 5


class KeyChoice(Enum):
    PASSPHRASE = "passphrase"
    UNENCRYPTED = "unencrypted"
    QUIT = "quit"


class StorePrompts(Protocol):
    def choose(self, parent: QWidget | None, error: KeyUnavailableError) -> KeyChoice: ...

    def passphrase(
        self, parent: QWidget | None, *, new: bool, problem: str
    ) -> str | None: ...  # None: cancelled

    def show_error(self, parent: QWidget | None, error: StoreError) -> None: ...


def open_store_interactively(
    parent: QWidget | None, dirs: AppDirs, prompts: StorePrompts | None = None
) -> Store | None:
    """The open store, or None when the user chose to quit or it cannot be opened (the
    reason was shown)."""
    prompts = prompts or DialogPrompts()
    passphrase: str | None = None
    allow_unencrypted = False
    tries = 0
    while True:
        try:
            return open_store(dirs, passphrase=passphrase, allow_unencrypted=allow_unencrypted)
        except KeyUnavailableError as error:
            # A passphrase was tried and refused (too short, say): ask for it again.
            retry = passphrase is not None and error.can_use_passphrase
            if not retry:
                choice = prompts.choose(parent, error)
                if choice is KeyChoice.QUIT:
                    return None
                if choice is KeyChoice.UNENCRYPTED:
                    if not error.can_store_unencrypted:
                        return None  # never offered over an existing encrypted checklist
                    allow_unencrypted, passphrase = True, None
                    continue
                if not error.can_use_passphrase:
                    return None
            tries += 1
            if tries > MAX_PASSPHRASE_TRIES:
                return None
            passphrase = prompts.passphrase(
                parent, new=error.can_store_unencrypted, problem=error.message if retry else ""
            )
            if passphrase is None:
                return None
        except WrongKeyError as error:
            if passphrase is None:
                prompts.show_error(parent, error)
                return None
            tries += 1
            if tries > MAX_PASSPHRASE_TRIES:
                prompts.show_error(parent, error)
                return None
            passphrase = prompts.passphrase(
                parent, new=False, problem="That passphrase does not open the checklist."
            )
            if passphrase is None:
                return None
        except StoreError as error:
            # The kind of failure only: messages name files and may quote the user's data.
            log.warning("the checklist could not be opened: %s", type(error).__name__)
            prompts.show_error(parent, error)
            return None


class DialogPrompts:
    """The real questions, as modal dialogs (the window is not usable without a store, so
    waiting is right here)."""

    def choose(self, parent: QWidget | None, error: KeyUnavailableError) -> KeyChoice:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Privacy Review: the checklist's key")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(error.message)
        box.setInformativeText(error.recovery)
        buttons = {}
        if error.can_use_passphrase:
            buttons[box.addButton("Use a &passphrase…", QMessageBox.ButtonRole.AcceptRole)] = (
                KeyChoice.PASSPHRASE
            )
        if error.can_store_unencrypted:
            buttons[box.addButton("Store &unencrypted", QMessageBox.ButtonRole.DestructiveRole)] = (
                KeyChoice.UNENCRYPTED
            )
        quit_button = box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        buttons[quit_button] = KeyChoice.QUIT
        box.setEscapeButton(quit_button)
        box.exec()
        clicked = box.clickedButton()
        return next(
            (choice for button, choice in buttons.items() if button is clicked), KeyChoice.QUIT
        )

    def passphrase(self, parent: QWidget | None, *, new: bool, problem: str) -> str | None:
        dialog = PassphraseDialog(parent, new=new, problem=problem)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase()

    def show_error(self, parent: QWidget | None, error: StoreError) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, "Privacy Review: checklist", "", parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(error.message)
        box.setInformativeText(error.recovery)
        box.exec()


class PassphraseDialog(QDialog):
    """Asks for the passphrase; for a new checklist, twice, and OK stays off until both
    match."""

    def __init__(self, parent: QWidget | None = None, *, new: bool, problem: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Privacy Review: passphrase")
        self.new = new
        intro = QLabel(
            "Choose a passphrase to encrypt your checklist. You will need it each time the "
            "app starts; it cannot be recovered if you forget it."
            if new
            else "Enter the passphrase that protects your checklist."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel(problem)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("&Passphrase:", self.first)
        if new:
            form.addRow("&Again:", self.second)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        ok = bool(self.first.text()) and (not self.new or self.first.text() == self.second.text())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
