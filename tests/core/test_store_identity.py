"""Keys that survive a move: the keyring entry is found by the checklist's id (kept in the
data dir), not by its path; entries older versions keyed by path are migrated; and a key
that is still missing gets a message naming the likely cause and the way out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gui.core.checklist import Status
from gui.core.paths import AppDirs, resolve
from gui.core.store import KeyNotFoundError, open_store
from gui.core.store.keys import SERVICE, id_key_name, key_username, path_key_name

from support.keyrings import InMemoryKeyring
from support.store_helpers import PLATFORM_ID


def make(dirs: AppDirs) -> None:
    with open_store(dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")


def test_a_moved_data_dir_keeps_its_key(
    app_dirs: AppDirs, tmp_path: Path, isolated_keyring: InMemoryKeyring
) -> None:
    make(app_dirs)
    moved = tmp_path / "usb-stick" / "privacy-review"
    shutil.move(app_dirs.data, moved)
    with open_store(resolve(moved)) as store:
        assert [d.category_id for d in store.decisions()] == ["first-thing"]
    names = [u for (s, u) in isolated_keyring.passwords if s == SERVICE]
    assert len(names) == 1 and names[0].startswith("checklist-key id:")


def test_a_copied_data_dir_opens_with_the_same_key(app_dirs: AppDirs, tmp_path: Path) -> None:
    make(app_dirs)
    copy = tmp_path / "copy"
    shutil.copytree(app_dirs.data, copy)
    with open_store(resolve(copy)) as store:
        assert len(store.decisions()) == 1


def test_an_entry_keyed_by_path_is_migrated(
    app_dirs: AppDirs, tmp_path: Path, isolated_keyring: InMemoryKeyring
) -> None:
    make(app_dirs)
    # Make it look like an older version's checklist: no id, the key under the path.
    checklist_id = (app_dirs.data / "checklist.id").read_text().strip()
    key = isolated_keyring.passwords.pop((SERVICE, id_key_name(checklist_id)))
    isolated_keyring.passwords[(SERVICE, path_key_name(app_dirs.data))] = key
    (app_dirs.data / "checklist.id").unlink()
    (app_dirs.data / "store.json").unlink()
    with open_store(app_dirs) as store:
        assert len(store.decisions()) == 1
    assert key_username(app_dirs.data).startswith("checklist-key id:")
    assert isolated_keyring.passwords[(SERVICE, key_username(app_dirs.data))] == key
    # Migrated, so a move now keeps the key too.
    moved = tmp_path / "moved"
    shutil.move(app_dirs.data, moved)
    with open_store(resolve(moved)) as store:
        assert len(store.decisions()) == 1


def test_a_missing_key_after_a_move_names_the_move_and_the_recovery(
    app_dirs: AppDirs, tmp_path: Path, isolated_keyring: InMemoryKeyring
) -> None:
    make(app_dirs)
    moved = tmp_path / "other-computer"
    shutil.copytree(app_dirs.data, moved)
    isolated_keyring.passwords.clear()  # the keyring of another computer
    with pytest.raises(KeyNotFoundError) as caught:
        open_store(resolve(moved))
    message = caught.value.message
    assert f"It was last opened at {app_dirs.data}" in message
    assert "moved or copied here" in message
    assert "privacy-review key export FILE" in caught.value.recovery
    assert "privacy-review key import FILE" in caught.value.recovery
