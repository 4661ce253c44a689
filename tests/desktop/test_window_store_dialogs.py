"""Opening the store from the window: the user's choice when there is no key, and plain
messages (never a new empty checklist) for every other failure. No dialog is executed: the
questions go to a fake ``StorePrompts``."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from gui.core.paths import AppDirs
from gui.core.store import open_store
from gui.desktop.window.store_dialogs import KeyChoice, PassphraseDialog, open_store_interactively

from support.prompts import FakePrompts


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())


def test_opens_directly_when_the_keyring_works(app_dirs: AppDirs) -> None:
    prompts = FakePrompts()  # the welcome page: keep the key in the keyring
    store = open_store_interactively(None, app_dirs, prompts)
    assert store is not None and store.encrypted
    assert prompts.welcomed == [True]
    assert prompts.asked == []
    store.close()


def test_no_keyring_then_unencrypted_by_choice(app_dirs: AppDirs, no_keyring) -> None:
    prompts = FakePrompts(first=KeyChoice.UNENCRYPTED)
    store = open_store_interactively(None, app_dirs, prompts)
    assert store is not None and not store.encrypted
    assert prompts.welcomed == [False]
    assert prompts.asked == []  # no warning box on a first start
    assert "NOT encrypted" in store.describe_location()
    store.close()


def test_no_keyring_then_a_passphrase(app_dirs: AppDirs, no_keyring) -> None:
    prompts = FakePrompts(first=KeyChoice.PASSPHRASE, passphrases=["a long enough phrase"])
    store = open_store_interactively(None, app_dirs, prompts)
    assert store is not None and store.encrypted
    assert prompts.passphrase_requests == [(True, "")]
    assert prompts.asked == []
    store.close()
    # Next start: the passphrase is asked for (an existing checklist: once, not twice).
    again = FakePrompts(
        choice=KeyChoice.PASSPHRASE, passphrases=["wrong phrase here", "a long enough phrase"]
    )
    store = open_store_interactively(None, app_dirs, again)
    assert store is not None
    assert [new for new, _ in again.passphrase_requests] == [False, False]
    assert "does not open" in again.passphrase_requests[1][1]
    assert again.asked == [] and again.welcomed == []  # straight to the prompt
    store.close()


def test_quit_opens_nothing(app_dirs: AppDirs, no_keyring) -> None:
    prompts = FakePrompts(first=KeyChoice.QUIT)
    assert open_store_interactively(None, app_dirs, prompts) is None
    assert not (app_dirs.data / "checklist.db").exists()


def test_cancelled_passphrase_opens_nothing(app_dirs: AppDirs, no_keyring) -> None:
    prompts = FakePrompts(first=KeyChoice.PASSPHRASE, passphrases=[None])
    assert open_store_interactively(None, app_dirs, prompts) is None


def test_existing_encrypted_checklist_is_never_replaced(app_dirs: AppDirs, monkeypatch) -> None:
    open_store(app_dirs).close()  # encrypted, key in the (test) keyring
    database = app_dirs.data / "checklist.db"
    before = database.read_bytes()
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    prompts = FakePrompts(choice=KeyChoice.UNENCRYPTED)
    assert open_store_interactively(None, app_dirs, prompts) is None
    assert not prompts.asked[0].can_store_unencrypted
    assert database.read_bytes() == before


def test_damaged_file_is_reported_and_left_alone(app_dirs: AppDirs) -> None:
    app_dirs.ensure()
    database = app_dirs.data / "checklist.db"
    database.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    prompts = FakePrompts()
    assert open_store_interactively(None, app_dirs, prompts) is None
    assert prompts.errors and prompts.errors[0].message and prompts.errors[0].recovery
    assert database.read_bytes() == b"SQLite format 3\x00" + b"\x00" * 50


def test_passphrase_dialog_wants_both_fields_to_match_for_a_new_checklist(qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = PassphraseDialog(None, new=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.first.setText("one long phrase")
    assert not ok.isEnabled()
    dialog.second.setText("one long phrase")
    assert ok.isEnabled()
    assert dialog.passphrase() == "one long phrase"
    assert dialog.first.echoMode() == dialog.first.EchoMode.Password
