"""When the checklist's key cannot be had: what happened and what the user can do, in plain
words, in the style of the welcome page.

The store's own messages name the keyring backend ("keyring backend: fail Keyring"); those
words mean nothing to most people, and Help > Where your data is lists them for those who
want them. So for the keyring's refusals this dialog says in its own words what happened
(the system keyring did not give the key, or has none for this checklist, or did not take
a new one) and offers what can help: try again after unlocking the keyring, import a saved
key, a passphrase where one may protect the checklist, or quit. Other reasons (a passphrase
is needed, no SQLCipher) are told in the store's words, which name no backend.

The dialog only asks: it changes nothing. What the answer leads to (opening again,
importing a key after checking that it opens the checklist) is ``open_store_interactively``'s.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from gui.core.store import KeyNotFoundError, PassphraseRequiredError
from gui.desktop.i18n import translate
from gui.desktop.window.store_choice import KeyChoice

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.core.store import KeyUnavailableError


class KeyProblem(Enum):
    KEYRING_REFUSED = "keyring-refused"  # an existing checklist: the keyring gave no key
    KEY_MISSING = "key-missing"  # the keyring works but holds no key for this checklist
    NEW_KEY_REFUSED = "new-key-refused"  # a new checklist: the keyring did not keep its key
    OTHER = "other"  # a passphrase is needed, or no SQLCipher: the store's own words


def key_problem(error: KeyUnavailableError) -> KeyProblem:
    if isinstance(error, KeyNotFoundError):
        return KeyProblem.KEY_MISSING
    if isinstance(error, PassphraseRequiredError):
        return KeyProblem.OTHER
    if not error.can_store_unencrypted:  # a checklist exists, and its key is in the keyring
        return KeyProblem.KEYRING_REFUSED
    if error.can_use_passphrase:
        return KeyProblem.NEW_KEY_REFUSED
    return KeyProblem.OTHER  # no SQLCipher: neither a key nor a passphrase can encrypt


def retry_problem(error: KeyUnavailableError) -> str:
    """The line shown when "Try again" met the same refusal."""
    if key_problem(error) is KeyProblem.KEY_MISSING:
        return translate("KeyProblemDialog", "The system keyring still has no key for it.")
    return translate("KeyProblemDialog", "The system keyring still did not give the key.")


def _texts(error: KeyUnavailableError, kind: KeyProblem) -> tuple[str, str, list[str]]:
    """(heading, what happened, what the user can do: one line each)."""
    passphrase = translate(
        "KeyProblemDialog",
        "Enter your passphrase, if you protected the checklist with one.",
    )
    if kind is KeyProblem.KEYRING_REFUSED:
        heading = translate("KeyProblemDialog", "The system keyring did not give the key")
        what = translate(
            "KeyProblemDialog",
            "Your checklist is encrypted with a key kept in the system keyring, this "
            "computer's password store, and the system keyring did not give the key to your "
            "checklist. It may be locked, or not started yet. Your checklist was not changed.",
        )
        can = [
            translate(
                "KeyProblemDialog",
                "Unlock the keyring (or log in to your desktop session), then choose Try again.",
            ),
            translate(
                "KeyProblemDialog",
                "Import the key you saved with \u201cprivacy-review key export\u201d.",
            ),
        ]
        if error.can_use_passphrase:
            can.append(passphrase)
        can.append(
            translate(
                "KeyProblemDialog",
                "Quit: nothing is changed, and the checklist opens once the keyring gives the key.",
            )
        )
    elif kind is KeyProblem.KEY_MISSING:
        heading = translate("KeyProblemDialog", "The key to your checklist is missing")
        what = translate(
            "KeyProblemDialog",
            "Your checklist is encrypted, but the system keyring has no key for it. This "
            "happens when the folder was copied here from another computer or user account, "
            "or when the keyring was reset. Your checklist was not changed.",
        )
        can = [
            translate(
                "KeyProblemDialog",
                "Import the key saved with \u201cprivacy-review key export\u201d (run it where "
                "the checklist still opens: on the computer or account it came from).",
            )
        ]
        if error.can_use_passphrase:
            can.append(passphrase)
        can.append(translate("KeyProblemDialog", "Quit: nothing is changed."))
    elif kind is KeyProblem.NEW_KEY_REFUSED:
        heading = translate("KeyProblemDialog", "The system keyring did not take the key")
        what = translate(
            "KeyProblemDialog",
            "Your new checklist needs a key, and the system keyring did not keep the one the "
            "app made for it. Nothing was saved yet.",
        )
        can = [
            translate(
                "KeyProblemDialog",
                "Protect the checklist with a passphrase instead, typed each time the app starts.",
            ),
            translate("KeyProblemDialog", "Unlock the keyring, then choose Try again."),
            translate(
                "KeyProblemDialog",
                "Keep it unencrypted: anyone who can read your files could then read it.",
            ),
            translate("KeyProblemDialog", "Quit."),
        ]
    else:
        heading = translate("KeyProblemDialog", "Your checklist needs a key")
        what, can = error.message, [error.recovery] if error.recovery else []
    return heading, what, can


def _plain(text: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        label.setStyleSheet("font-weight: bold")
    return label


class KeyProblemDialog(QDialog):
    """Asks what to do when the checklist's key cannot be had; ``choice()`` after ``exec``.
    Escape and closing the dialog are Quit. ``problem`` says why the last try failed (a
    key file that did not fit, say)."""

    def __init__(
        self, parent: QWidget | None, error: KeyUnavailableError, *, problem: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("KeyProblemDialog", "Privacy Review: the checklist's key"))
        self.setMinimumWidth(460)
        self.kind = key_problem(error)
        self._choice = KeyChoice.QUIT
        heading, what, can = _texts(error, self.kind)
        self.heading = _plain(heading)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.what = _plain(what)
        self.can_intro = _plain(translate("KeyProblemDialog", "What you can do:"), bold=True)
        self.can_intro.setVisible(bool(can))
        self.can_lines = [_plain(line) for line in can]
        can_grid = QGridLayout()
        can_grid.setColumnStretch(1, 1)
        can_grid.setHorizontalSpacing(6)
        for row, line in enumerate(self.can_lines):
            bullet = QLabel("\u2022")
            can_grid.addWidget(bullet, row, 0, Qt.AlignmentFlag.AlignTop)
            can_grid.addWidget(line, row, 1)
        self.problem = _plain(problem, bold=True)
        self.problem.setVisible(bool(problem))

        self.buttons = QDialogButtonBox()
        self.choice_buttons: dict[KeyChoice, QPushButton] = {}
        keyring = self.kind is not KeyProblem.OTHER
        if keyring:
            self._add(
                KeyChoice.RETRY,
                translate("KeyProblemDialog", "&Try again"),
                QDialogButtonBox.ButtonRole.AcceptRole,
            )
        if self.kind in (KeyProblem.KEYRING_REFUSED, KeyProblem.KEY_MISSING):
            self._add(
                KeyChoice.KEY_FILE,
                translate("KeyProblemDialog", "&Import a saved key\u2026"),
                QDialogButtonBox.ButtonRole.ActionRole,
            )
        if error.can_use_passphrase:
            self._add(
                KeyChoice.PASSPHRASE,
                translate("KeyProblemDialog", "Use a &passphrase\u2026"),
                QDialogButtonBox.ButtonRole.ActionRole,
            )
        if error.can_store_unencrypted:
            self._add(
                KeyChoice.UNENCRYPTED,
                translate("KeyProblemDialog", "Store &unencrypted\u2026"),
                QDialogButtonBox.ButtonRole.DestructiveRole,
            )
        self._add(
            KeyChoice.QUIT,
            translate("KeyProblemDialog", "&Quit"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.buttons.rejected.connect(self.reject)
        first = {
            KeyProblem.KEYRING_REFUSED: KeyChoice.RETRY,
            KeyProblem.KEY_MISSING: KeyChoice.KEY_FILE,
        }.get(self.kind, KeyChoice.PASSPHRASE)
        default = self.choice_buttons.get(first) or self.choice_buttons[KeyChoice.QUIT]
        default.setDefault(True)
        default.setFocus()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.what)
        layout.addSpacing(6)
        layout.addWidget(self.can_intro)
        layout.addLayout(can_grid)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _add(self, choice: KeyChoice, text: str, role: QDialogButtonBox.ButtonRole) -> None:
        button = self.buttons.addButton(text, role)
        button.setAutoDefault(False)
        if choice is not KeyChoice.QUIT:
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
        self.choice_buttons[choice] = button

    def _choose(self, choice: KeyChoice) -> None:
        self._choice = choice
        self.accept()

    def choice(self) -> KeyChoice:
        if self.result() != QDialog.DialogCode.Accepted:
            return KeyChoice.QUIT
        return self._choice
