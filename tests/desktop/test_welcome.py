"""The first start and the passphrase prompts, as a new user meets them: a welcome page in
plain words (no backend names), a passphrase with a minimum length and a visible reason
when OK is off, a wrong passphrase reported as that, and no one-keypress "unencrypted"."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from gui.core.paths import AppDirs
from gui.core.store import Mode, init_store
from gui.core.store.keys import MIN_PASSPHRASE_CHARS
from gui.desktop.window.store_dialogs import (
    KeyChoice,
    PassphraseDialog,
    open_store_interactively,
    wrong_passphrase,
)
from gui.desktop.window.welcome_dialog import WelcomeDialog, confirm_unencrypted, keyring_label

from support.prompts import FakePrompts

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PHRASE = "correct horse battery"


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())


def visible_text(widget) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    parts = [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget)]
    parts += [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisibleTo(widget)]
    return "\n".join(parts).replace("&", "")


def test_first_start_shows_the_welcome_page_not_a_warning_box(app_dirs: AppDirs) -> None:
    prompts = FakePrompts(first=KeyChoice.KEYRING)
    store = open_store_interactively(None, app_dirs, prompts)
    assert store is not None and store.encrypted
    assert prompts.welcomed == [True] and prompts.asked == []
    store.close()


def test_welcome_page_says_what_the_app_does_without_backend_names(qtbot) -> None:
    dialog = WelcomeDialog(None, keyring_available=True)
    qtbot.addWidget(dialog)
    text = visible_text(dialog)
    assert "nothing is sent anywhere" in text
    assert keyring_label().replace("&", "") in text and dialog.keyring.isChecked()
    for word in ("backend", "Keyring", "SQLCipher", "fail"):
        assert word not in text


def test_without_a_keyring_the_welcome_page_offers_a_passphrase(qtbot) -> None:
    dialog = WelcomeDialog(None, keyring_available=False)
    qtbot.addWidget(dialog)
    assert not dialog.keyring.isVisibleTo(dialog)
    assert dialog.passphrase.isChecked()
    assert "password store" in visible_text(dialog)


def test_unencrypted_needs_a_confirmation(qtbot) -> None:
    answers: list[bool] = [False, True]
    asked: list[bool] = []

    def confirm(_parent) -> bool:
        asked.append(True)
        return answers.pop(0)

    dialog = WelcomeDialog(None, keyring_available=True, confirm=confirm)
    qtbot.addWidget(dialog)
    dialog.unencrypted.setChecked(True)
    dialog.buttons.buttons()[0].click()  # Continue
    assert asked and dialog.result() != dialog.DialogCode.Accepted  # "Go back"
    dialog.buttons.buttons()[0].click()
    assert dialog.choice() is KeyChoice.UNENCRYPTED


def test_confirmation_defaults_to_the_safe_choice(qtbot) -> None:
    seen: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.defaultButton().text())
            seen.append(box.informativeText())
        qtbot.keyClick(box, Qt.Key.Key_Return)  # closes whatever is open, so no hang

    QTimer.singleShot(0, press_enter)
    assert confirm_unencrypted(None) is False  # Enter keeps it encrypted
    assert "Go back" in seen[0] and "Anyone who can read your files" in seen[1]


def test_restart_with_a_passphrase_goes_straight_to_the_prompt(
    app_dirs: AppDirs, no_keyring
) -> None:
    init_store(app_dirs, Mode.PASSPHRASE, passphrase=PHRASE).close()
    prompts = FakePrompts(passphrases=[PHRASE])
    store = open_store_interactively(None, app_dirs, prompts)
    assert store is not None
    assert prompts.asked == [] and prompts.welcomed == []
    assert prompts.passphrase_requests == [(False, "")]
    store.close()


def test_wrong_passphrase_says_so_first_and_can_be_retried(app_dirs: AppDirs, no_keyring) -> None:
    init_store(app_dirs, Mode.PASSPHRASE, passphrase=PHRASE).close()
    prompts = FakePrompts(passphrases=["not the right one", PHRASE])
    store = open_store_interactively(None, app_dirs, prompts)
    assert store is not None  # the second try opened it, no restart
    problem = prompts.passphrase_requests[1][1]
    assert problem.startswith("This passphrase does not open this checklist. Try again.")
    assert problem.index("damaged") > problem.index("Try again")
    assert prompts.errors == []
    store.close()


def test_new_passphrase_needs_the_store_minimum_and_says_why_ok_is_off(qtbot) -> None:
    # The rule exists once, in the store (12 characters); the dialog says and applies it.
    dialog = PassphraseDialog(None, new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.first, "abc")
    assert not ok.isEnabled()
    assert dialog.why_not.isVisible() and "Too short" in dialog.why_not.text()
    assert f"at least {MIN_PASSPHRASE_CHARS} characters" in dialog.why_not.text()
    assert f"{MIN_PASSPHRASE_CHARS - 3} more" in dialog.why_not.text()
    long_enough = "abcdefghijklmnopqrstuvwxyz"[:MIN_PASSPHRASE_CHARS]
    qtbot.keyClicks(dialog.first, long_enough[3:])
    assert "differ" in dialog.why_not.text() and not ok.isEnabled()
    qtbot.keyClicks(dialog.second, long_enough)
    assert ok.isEnabled() and "differ" not in dialog.why_not.text()
    assert "only lock" in visible_text(dialog)


def test_prompt_for_an_existing_checklist_shows_the_problem_line(qtbot) -> None:
    dialog = PassphraseDialog(None, new=False, problem=wrong_passphrase())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.problem.isVisible() and "Try again" in dialog.problem.text()
    dialog.first.setText("x")  # the length rule is only for a new passphrase
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
