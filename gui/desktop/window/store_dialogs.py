"""Opening the checklist store from the window, with the user's help when the key is not
available.

On the very first start (no checklist yet) the welcome page asks how to protect the new
checklist and ``init_store`` sets it up that way. Otherwise ``open_store_interactively``
tries ``open_store``; a checklist protected by a passphrase goes straight to the passphrase
prompt (no warning box first); when the key cannot be had
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
from gui.core.store import (
    KeyUnavailableError,
    Mode,
    PassphraseRequiredError,
    Store,
    StoreError,
    WrongKeyError,
    init_store,
    open_store,
)
from gui.core.store.layout import StoreLayout
from gui.desktop.window.store_choice import KeyChoice
from gui.desktop.window.welcome_dialog import WelcomeDialog, confirm_unencrypted

__all__ = ["KeyChoice", "PassphraseDialog", "StorePrompts", "open_store_interactively"]

log = logging.getLogger(__name__)

MAX_PASSPHRASE_TRIES = 5
# Stricter than the store's own floor: for a checklist without a keyring the passphrase is
# the only thing between anyone who can read the file and what the user decided.
MIN_NEW_PASSPHRASE_CHARS = 12
WRONG_PASSPHRASE = (
    "This passphrase does not open this checklist. Try again.\n"
    "If you are sure it is the right one, the file may be damaged: Help > Where your data "
    "is shows the backups."
)


def keyring_available() -> bool:
    """Whether a system password store is there to hold the key (locked or refusing ones
    are found out when the key is saved, and then the user is asked again)."""
    from gui.core.store.keys import KeyringProblem, _backend

    try:
        _backend()
    except KeyringProblem:
        return False
    return True


class StorePrompts(Protocol):
    def welcome(self, parent: QWidget | None, *, keyring_available: bool) -> KeyChoice: ...

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
    if not StoreLayout.of(dirs).database.exists():
        first = _first_start(parent, dirs, prompts)
        if first is not _ASK_AGAIN:
            return first  # type: ignore[return-value]
    passphrase: str | None = None
    allow_unencrypted = False
    tries = 0
    while True:
        try:
            return open_store(dirs, passphrase=passphrase, allow_unencrypted=allow_unencrypted)
        except KeyUnavailableError as error:
            # A passphrase was tried and refused (too short, say): ask for it again.
            retry = passphrase is not None and error.can_use_passphrase
            # An existing checklist with a passphrase: the prompt is the whole question.
            known = isinstance(error, PassphraseRequiredError) and not error.can_store_unencrypted
            if not retry and not known:
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
            passphrase = prompts.passphrase(parent, new=False, problem=WRONG_PASSPHRASE)
            if passphrase is None:
                return None
        except StoreError as error:
            # The kind of failure only: messages name files and may quote the user's data.
            log.warning("the checklist could not be opened: %s", type(error).__name__)
            prompts.show_error(parent, error)
            return None


_ASK_AGAIN = object()


def _first_start(parent: QWidget | None, dirs: AppDirs, prompts: StorePrompts) -> object:
    """The welcome page and the protection it asked for: the Store, None (quit or the
    reason was shown), or ``_ASK_AGAIN`` when the chosen way failed for want of a key (a
    locked password store, say), so the usual questions follow."""
    choice = prompts.welcome(parent, keyring_available=keyring_available())
    if choice is KeyChoice.QUIT:
        return None
    passphrase = None
    if choice is KeyChoice.PASSPHRASE:
        passphrase = prompts.passphrase(parent, new=True, problem="")
        if passphrase is None:
            return None
    mode = {
        KeyChoice.KEYRING: Mode.KEYRING,
        KeyChoice.PASSPHRASE: Mode.PASSPHRASE,
        KeyChoice.UNENCRYPTED: Mode.UNENCRYPTED,
    }[choice]
    try:
        return init_store(dirs, mode, passphrase=passphrase)
    except KeyUnavailableError:
        log.warning("the protection chosen at first start was not available")
        return _ASK_AGAIN
    except StoreError as error:
        log.warning("the checklist could not be set up: %s", type(error).__name__)
        prompts.show_error(parent, error)
        return None


class DialogPrompts:
    """The real questions, as modal dialogs (the window is not usable without a store, so
    waiting is right here)."""

    def welcome(self, parent: QWidget | None, *, keyring_available: bool) -> KeyChoice:
        dialog = WelcomeDialog(parent, keyring_available=keyring_available)
        dialog.exec()
        return dialog.choice()

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
        choice = next(
            (choice for button, choice in buttons.items() if button is clicked), KeyChoice.QUIT
        )
        if choice is KeyChoice.UNENCRYPTED and not confirm_unencrypted(parent):
            return self.choose(parent, error)  # back to the question
        return choice

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
    """Asks for the passphrase; for a new checklist, twice, and OK stays off until it is
    long enough and both match, with a line saying which of the two is missing."""

    def __init__(self, parent: QWidget | None = None, *, new: bool, problem: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Privacy Review: passphrase")
        self.new = new
        intro = QLabel(
            "Choose a passphrase to encrypt your checklist. You will need it each time the "
            "app starts; it cannot be recovered if you forget it. Use at least "
            f"{MIN_NEW_PASSPHRASE_CHARS} characters: it is the only lock on your checklist."
            if new
            else "Enter the passphrase that protects your checklist."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel(problem)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        self.problem.setStyleSheet("font-weight: bold")
        self.why_not = QLabel()  # why OK is off, for a new passphrase
        self.why_not.setTextFormat(Qt.TextFormat.PlainText)
        self.why_not.setWordWrap(True)
        self.why_not.setVisible(new)
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
        layout.addWidget(self.why_not)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        first, second = self.first.text(), self.second.text()
        reason = ""
        if self.new:
            missing = MIN_NEW_PASSPHRASE_CHARS - len(first)
            if missing > 0:
                reason = (
                    f"Too short: use at least {MIN_NEW_PASSPHRASE_CHARS} characters "
                    f"({missing} more)."
                )
            elif first != second:
                reason = "The two entries differ: type the same passphrase in both."
            else:
                reason = "Both entries match."
        self.why_not.setText(reason)
        ok = bool(first) and (
            not self.new or (first == second and len(first) >= MIN_NEW_PASSPHRASE_CHARS)
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
