"""A checklist whose key the system keyring does not give (locked, access denied, broken,
not starting, gone) after the first start: a plain-words dialog says what happened and
what the user can do (try again, import a saved key, a passphrase where one may protect it,
quit), names no keyring backend, and changes nothing the user saved. The keyrings are the
refusing backends of ``support.keyrings``; the dialogs are real widgets."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QWidget

from gui.core import paths
from gui.core.paths import AppDirs
from gui.core.store import KeyUnavailableError, export_key, open_store
from gui.core.store.keys import backend_label
from gui.core.store.layout import StoreLayout
from gui.desktop.window.key_problem_dialog import KeyProblem, KeyProblemDialog
from gui.desktop.window.store_dialogs import DialogPrompts, KeyChoice, open_store_interactively

from support.keyrings import (
    BrokenKeyring,
    DeniedKeyring,
    InMemoryKeyring,
    LockedKeyring,
    UnstartableKeyring,
)
from support.prompts import FakePrompts

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

REFUSING = [LockedKeyring, DeniedKeyring, BrokenKeyring, UnstartableKeyring, fail.Keyring]


def use_keyring(monkeypatch: pytest.MonkeyPatch, backend: KeyringBackend) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)


def visible_text(widget: QWidget) -> str:
    parts = [widget.windowTitle()]
    parts += [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget)]
    parts += [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisibleTo(widget)]
    return "\n".join(parts).replace("&", "")


def saved_state(dirs: AppDirs, backend: InMemoryKeyring) -> tuple[bytes, bytes, dict]:
    """What the user saved: the checklist file, its store.json, and the keyring's entries."""
    layout = StoreLayout.of(dirs)
    return layout.database.read_bytes(), layout.config.read_bytes(), dict(backend.passwords)


@pytest.fixture
def checklist(app_dirs: AppDirs, isolated_keyring: InMemoryKeyring) -> InMemoryKeyring:
    """A checklist made at an earlier start, its key in a keyring that then stopped
    working; returns that keyring (to give the key back, or to compare)."""
    app_dirs.ensure()
    open_store(app_dirs).close()
    return isolated_keyring


def refusal(app_dirs: AppDirs) -> KeyUnavailableError:
    with pytest.raises(KeyUnavailableError) as caught:
        open_store(app_dirs)
    return caught.value


@pytest.mark.parametrize("refusing", REFUSING, ids=lambda kind: kind.__name__)
def test_the_dialog_names_no_keyring_backend(
    qtbot, app_dirs: AppDirs, checklist: InMemoryKeyring, monkeypatch, refusing
) -> None:
    backend = refusing()
    use_keyring(monkeypatch, backend)
    before = saved_state(app_dirs, checklist)
    seen: list[str] = []

    def read_and_quit() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        seen.append(visible_text(dialog))
        dialog.reject()  # Escape: quit

    QTimer.singleShot(0, read_and_quit)
    assert open_store_interactively(None, app_dirs, DialogPrompts()) is None
    (text,) = seen
    for name in (backend_label(backend), "backend", "Keyring", type(backend).__name__):
        assert name not in text
    assert "the system keyring did not give the key to your checklist" in text
    assert "Unlock the keyring" in text and "was not changed" in text
    for button in ("Try again", "Import a saved key…", "Quit"):
        assert button in text
    assert "unencrypted" not in text  # never offered over an existing checklist
    assert saved_state(app_dirs, checklist) == before


def test_try_again_opens_the_checklist_once_the_keyring_gives_the_key(
    app_dirs: AppDirs, checklist: InMemoryKeyring, monkeypatch
) -> None:
    use_keyring(monkeypatch, LockedKeyring())

    class UnlocksThenRetries(FakePrompts):
        def choose(self, parent, error, *, problem: str = "") -> KeyChoice:
            use_keyring(monkeypatch, checklist)  # the user unlocked the keyring
            return super().choose(parent, error, problem=problem)

    prompts = UnlocksThenRetries(choices=[KeyChoice.RETRY])
    store = open_store_interactively(None, app_dirs, prompts)
    assert store is not None and store.encrypted
    assert len(prompts.asked) == 1 and prompts.passphrase_requests == []
    store.close()


def test_try_again_on_a_still_locked_keyring_says_so_and_changes_nothing(
    app_dirs: AppDirs, checklist: InMemoryKeyring, monkeypatch
) -> None:
    before = saved_state(app_dirs, checklist)
    use_keyring(monkeypatch, LockedKeyring())
    prompts = FakePrompts(choices=[KeyChoice.RETRY, KeyChoice.RETRY])  # then Quit
    assert open_store_interactively(None, app_dirs, prompts) is None
    assert prompts.problems == ["", *["The system keyring still did not give the key."] * 2]
    assert saved_state(app_dirs, checklist) == before


def test_a_saved_key_opens_a_checklist_whose_key_is_gone(
    app_dirs: AppDirs, checklist: InMemoryKeyring, monkeypatch, tmp_path: Path
) -> None:
    key_file = tmp_path / "checklist.key"
    export_key(app_dirs, key_file)
    use_keyring(monkeypatch, InMemoryKeyring())  # a reset keyring: no key for it
    prompts = FakePrompts(choices=[KeyChoice.KEY_FILE], key_files=[key_file])
    store = open_store_interactively(None, app_dirs, prompts)
    assert store is not None and store.encrypted
    assert len(prompts.asked) == 1
    store.close()


def test_a_key_file_that_does_not_fit_changes_nothing(
    app_dirs: AppDirs, checklist: InMemoryKeyring, monkeypatch, tmp_path: Path
) -> None:
    other_dirs = paths.resolve(tmp_path / "other")  # another checklist, and its key
    other_dirs.ensure()
    open_store(other_dirs).close()
    other_key = tmp_path / "other.key"
    export_key(other_dirs, other_key)
    not_a_key = tmp_path / "notes.txt"
    not_a_key.write_text("my shopping list", encoding="utf-8")
    empty = InMemoryKeyring()  # reset: no key for this checklist
    use_keyring(monkeypatch, empty)
    before = saved_state(app_dirs, empty)
    prompts = FakePrompts(
        choices=[KeyChoice.KEY_FILE, KeyChoice.KEY_FILE, KeyChoice.KEY_FILE],
        key_files=[other_key, not_a_key, None],  # the last: the file dialog cancelled
    )
    assert open_store_interactively(None, app_dirs, prompts) is None
    assert "does not open the checklist" in prompts.problems[1]
    assert "is not a Privacy Review key file" in prompts.problems[2]
    assert prompts.problems[3] == ""
    assert saved_state(app_dirs, empty) == before


def test_a_saved_key_into_a_locked_keyring_is_told_in_plain_words(
    app_dirs: AppDirs, checklist: InMemoryKeyring, monkeypatch, tmp_path: Path
) -> None:
    key_file = tmp_path / "checklist.key"
    export_key(app_dirs, key_file)
    before = saved_state(app_dirs, checklist)
    use_keyring(monkeypatch, LockedKeyring())
    prompts = FakePrompts(choices=[KeyChoice.KEY_FILE], key_files=[key_file])
    assert open_store_interactively(None, app_dirs, prompts) is None
    problem = prompts.problems[1]
    assert "opens your checklist, but the system keyring did not take it" in problem
    assert "backend" not in problem and "Keyring" not in problem
    assert saved_state(app_dirs, checklist) == before


def test_the_dialog_offers_what_fits_each_refusal(
    qtbot, app_dirs: AppDirs, checklist: InMemoryKeyring, monkeypatch
) -> None:
    use_keyring(monkeypatch, DeniedKeyring())
    dialog = KeyProblemDialog(None, refusal(app_dirs), problem="The key file did not fit.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind is KeyProblem.KEYRING_REFUSED
    assert set(dialog.choice_buttons) == {KeyChoice.RETRY, KeyChoice.KEY_FILE, KeyChoice.QUIT}
    assert dialog.choice_buttons[KeyChoice.RETRY].isDefault()
    assert dialog.problem.isVisible() and dialog.problem.text() == "The key file did not fit."
    dialog.choice_buttons[KeyChoice.KEY_FILE].click()
    assert dialog.choice() is KeyChoice.KEY_FILE

    # store.json lost: the checklist may be protected by a passphrase, so that is offered.
    StoreLayout.of(app_dirs).config.unlink()
    dialog = KeyProblemDialog(None, refusal(app_dirs))
    qtbot.addWidget(dialog)
    dialog.show()
    assert KeyChoice.PASSPHRASE in dialog.choice_buttons
    assert "Enter your passphrase" in visible_text(dialog)
    assert not dialog.problem.isVisible()

    # The keyring works but has no key for it (copied from another computer, say).
    use_keyring(monkeypatch, InMemoryKeyring())
    dialog = KeyProblemDialog(None, refusal(app_dirs))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind is KeyProblem.KEY_MISSING
    assert dialog.choice_buttons[KeyChoice.KEY_FILE].isDefault()
    text = visible_text(dialog)
    assert "has no key for it" in text and "InMemoryKeyring" not in text


def test_a_new_checklist_the_keyring_will_not_keep(qtbot, app_dirs: AppDirs, monkeypatch) -> None:
    use_keyring(monkeypatch, UnstartableKeyring())
    dialog = KeyProblemDialog(None, refusal(app_dirs))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind is KeyProblem.NEW_KEY_REFUSED
    assert set(dialog.choice_buttons) == {
        KeyChoice.RETRY,
        KeyChoice.PASSPHRASE,
        KeyChoice.UNENCRYPTED,
        KeyChoice.QUIT,
    }
    assert dialog.choice_buttons[KeyChoice.PASSPHRASE].isDefault()
    text = visible_text(dialog)
    assert "did not take the key" in text and "UnstartableKeyring" not in text
    assert "backend" not in text
    dialog.reject()
    assert dialog.choice() is KeyChoice.QUIT
