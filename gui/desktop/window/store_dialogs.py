"""Opening the checklist store from the window, with the user's help when the key is not
available.

On the very first start (no checklist yet) the welcome page asks how to protect the new
checklist and ``init_store`` sets it up that way. Otherwise ``open_store_interactively``
tries ``open_store``; a checklist protected by a passphrase goes straight to the passphrase
prompt (no warning box first); when the key cannot be had (``KeyUnavailableError``) the
key problem dialog says so in plain words and lets the user choose: try again (after
unlocking the keyring), import a saved key (checked against the checklist before it is
put in the keyring), a passphrase, keeping the checklist unencrypted (only offered when no
checklist exists yet, with the plain warning), or quit.
Any other ``StoreError`` (damaged file, newer version, read-only disk...) is shown with its
message and what to do, and nothing is created: the store itself never makes a new
checklist over an existing file, and this function never asks it to.

The questions go through a ``StorePrompts`` object, so tests answer them without any modal
dialog; the default one shows real dialogs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
    import_key,
    init_store,
    open_store,
)
from gui.core.store import keys as store_keys
from gui.core.store.keys import MIN_PASSPHRASE_CHARS, KeyringProblem
from gui.core.store.layout import StoreLayout
from gui.desktop.i18n import translate
from gui.desktop.window.key_problem_dialog import KeyProblemDialog, retry_problem
from gui.desktop.window.store_choice import KeyChoice
from gui.desktop.window.welcome_dialog import WelcomeDialog, confirm_unencrypted

__all__ = ["KeyChoice", "PassphraseDialog", "StorePrompts", "open_store_interactively"]

log = logging.getLogger(__name__)

MAX_PASSPHRASE_TRIES = 5


def wrong_passphrase() -> str:
    return translate(
        "PassphraseDialog",
        "This passphrase does not open this checklist. Try again.\n"
        "If you are sure it is the right one, the file may be damaged: Help > Where your data "
        "is shows the backups.",
    )


def keyring_available() -> bool:
    """Whether a system password store is there to hold the key (locked or refusing ones
    are found out when the key is saved, and then the user is asked again)."""
    try:
        store_keys._backend()
    except KeyringProblem:
        return False
    return True


class StorePrompts(Protocol):
    def welcome(self, parent: QWidget | None, *, keyring_available: bool) -> KeyChoice: ...

    def choose(
        self, parent: QWidget | None, error: KeyUnavailableError, *, problem: str = ""
    ) -> KeyChoice: ...

    def key_file(self, parent: QWidget | None) -> Path | None: ...  # None: cancelled

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
    problem = ""  # why the last "Try again" or key file did not open it
    while True:
        try:
            return open_store(dirs, passphrase=passphrase, allow_unencrypted=allow_unencrypted)
        except KeyUnavailableError as error:
            # A passphrase was tried and refused (too short, say): ask for it again.
            retry = passphrase is not None and error.can_use_passphrase
            # An existing checklist with a passphrase: the prompt is the whole question.
            known = isinstance(error, PassphraseRequiredError) and not error.can_store_unencrypted
            if not retry and not known:
                choice = prompts.choose(parent, error, problem=problem)
                problem = ""
                if choice is KeyChoice.QUIT:
                    return None
                if choice is KeyChoice.RETRY:
                    problem = retry_problem(error)
                    continue
                if choice is KeyChoice.KEY_FILE:
                    source = prompts.key_file(parent)
                    if source is not None:
                        problem = _import_key(dirs, source)
                    continue
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
            passphrase = prompts.passphrase(parent, new=False, problem=wrong_passphrase())
            if passphrase is None:
                return None
        except StoreError as error:
            # The kind of failure only: messages name files and may quote the user's data.
            log.warning("the checklist could not be opened: %s", type(error).__name__)
            prompts.show_error(parent, error)
            return None


def _import_key(dirs: AppDirs, source: Path) -> str:
    """Put the key saved in ``source`` in the keyring; ``import_key`` first checks that it
    opens this checklist (or its backups) and changes nothing otherwise. "" when it is
    in, else why not, for the key problem dialog."""
    try:
        import_key(dirs, source)
    except StoreError as error:
        log.warning("a saved key was not imported: %s", type(error).__name__)
        # The store's message then names the keyring backend; the reason is the
        # KeyringProblem it was raised from (``from None`` keeps it as the context).
        if isinstance(error.__context__, KeyringProblem):
            return translate(
                "KeyProblemDialog",
                "The key in that file opens your checklist, but the system keyring did not "
                "take it. Unlock the keyring, then import the key again.",
            )
        return error.message
    log.info("a saved key was imported into the keyring")
    return ""


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

    def choose(
        self, parent: QWidget | None, error: KeyUnavailableError, *, problem: str = ""
    ) -> KeyChoice:
        dialog = KeyProblemDialog(parent, error, problem=problem)
        dialog.exec()
        choice = dialog.choice()
        if choice is KeyChoice.UNENCRYPTED and not confirm_unencrypted(parent):
            return self.choose(parent, error, problem=problem)  # back to the question
        return choice

    def key_file(self, parent: QWidget | None) -> Path | None:
        dialog = QFileDialog(
            parent, translate("KeyProblemDialog", "Import a saved key"), str(Path.home())
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [
                translate("KeyProblemDialog", "Key files (*.json *.key)"),
                translate("KeyProblemDialog", "All files (*)"),
            ]
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def passphrase(self, parent: QWidget | None, *, new: bool, problem: str) -> str | None:
        dialog = PassphraseDialog(parent, new=new, problem=problem)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase()

    def show_error(self, parent: QWidget | None, error: StoreError) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            translate("StoreDialogs", "Privacy Review: checklist"),
            "",
            parent=parent,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(error.message)
        box.setInformativeText(error.recovery)
        box.exec()


class PassphraseDialog(QDialog):
    """Asks for the passphrase; for a new checklist, twice, and OK stays off until it is
    long enough and both match, with a line saying which of the two is missing."""

    def __init__(self, parent: QWidget | None = None, *, new: bool, problem: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PassphraseDialog", "Privacy Review: passphrase"))
        self.new = new
        intro = QLabel(
            translate(
                "PassphraseDialog",
                "Choose a passphrase to encrypt your checklist. You will need it each time "
                "the app starts; it cannot be recovered if you forget it. Use at least "
                "%n characters: it is the only lock on your checklist.",
                "",
                MIN_PASSPHRASE_CHARS,
            )
            if new
            else translate("PassphraseDialog", "Enter the passphrase that protects your checklist.")
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
        form.addRow(translate("PassphraseDialog", "&Passphrase:"), self.first)
        if new:
            form.addRow(translate("PassphraseDialog", "&Again:"), self.second)
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
            missing = MIN_PASSPHRASE_CHARS - len(first)
            if missing > 0:
                reason = translate(
                    "PassphraseDialog",
                    "Too short: use at least {minimum} characters (%n more).",
                    "",
                    missing,
                ).format(minimum=MIN_PASSPHRASE_CHARS)
            elif first != second:
                reason = translate(
                    "PassphraseDialog", "The two entries differ: type the same passphrase in both."
                )
            else:
                reason = translate("PassphraseDialog", "Both entries match.")
        self.why_not.setText(reason)
        ok = bool(first) and (
            not self.new or (first == second and len(first) >= MIN_PASSPHRASE_CHARS)
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
