"""Recovery while no store is open: saving or restoring the encryption key. Putting a
backup back is in ``gui.core.store.restoring`` (re-exported here)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from gui.core.paths import AppDirs
from gui.core.store.backups import list_backups
from gui.core.store.config import Mode, StoreConfig, read_config, write_config
from gui.core.store.database import Database, FileKind, NotADatabase, file_kind
from gui.core.store.errors import StoreError
from gui.core.store.identity import find_key, save_new_key
from gui.core.store.keys import (
    KeyringProblem,
    KeySpec,
    read_key_file,
    write_key_file,
)
from gui.core.store.layout import StoreLayout
from gui.core.store.opening import keyring_message
from gui.core.store.restoring import RestorePlan, RestoreResult, plan_restore, restore_backup

__all__ = [
    "RestorePlan",
    "RestoreResult",
    "export_key",
    "import_key",
    "plan_restore",
    "restore_backup",
]


def export_key(dirs: AppDirs, target: Path) -> str:
    """Write the checklist's keyring key to ``target`` (0600, never over an existing
    file). Returns the keyring backend it came from."""
    layout = StoreLayout.of(dirs)
    config = read_config(layout.config)
    kind = file_kind(layout.database)
    if kind is FileKind.PLAIN or (config is not None and config.mode is Mode.UNENCRYPTED):
        raise StoreError(
            "The checklist is not encrypted, so there is no key to export.",
            "To encrypt it: export the checklist, move the file away, run `privacy-review "
            "store init` and import the export.",
        )
    if config is not None and config.mode is Mode.PASSPHRASE:
        raise StoreError(
            "The checklist is protected by your passphrase; there is no stored key to export.",
            "Keep the passphrase itself somewhere safe: it is the key.",
        )
    try:
        found = find_key(layout, config)
    except KeyringProblem as problem:
        raise StoreError(
            f"The key could not be read from the system keyring: {keyring_message(problem)}.",
            "Unlock the system keyring and try again.",
        ) from None
    key, label = found.key, found.label
    if key is None:
        raise StoreError(
            f"There is no key for the checklist at {layout.database} in the system keyring "
            f"({label}).",
            "If you have a key export, restore it with `privacy-review key import FILE`.",
        )
    write_key_file(Path(target), key, layout.database)
    return label


def import_key(dirs: AppDirs, source: Path) -> str:
    """Put a key from a key export back into the keyring, after checking that it opens the
    checklist (or, when there is none, a backup). Returns the keyring backend name."""
    layout = StoreLayout.of(dirs)
    key = read_key_file(Path(source))
    spec = KeySpec.raw(key)
    kind = file_kind(layout.database)
    if kind is FileKind.PLAIN:
        raise StoreError(
            f"The checklist at {layout.database} is not encrypted; it needs no key.",
            "Nothing was changed.",
        )
    targets = [layout.database] if kind is FileKind.ENCRYPTED else []
    targets += [b for b in list_backups(layout.backups) if file_kind(b) is FileKind.ENCRYPTED]
    if targets and not any(_key_opens(target, spec) for target in targets[:4]):
        raise StoreError(
            f"The key in {source} does not open the checklist at {layout.database}"
            + (" or its backups" if len(targets) > 1 else "")
            + "; the keyring was not changed.",
            "Use the key export made for this checklist.",
        )
    config = read_config(layout.config)
    try:
        label, checklist_id = save_new_key(layout, config, key)
    except KeyringProblem as problem:
        raise StoreError(
            f"The key could not be stored in the system keyring: {keyring_message(problem)}.",
            "Unlock the system keyring, or make one available, and try again.",
        ) from None
    recorded = StoreConfig(Mode.KEYRING, f"keyring: {label}")
    with contextlib.suppress(OSError):
        write_config(layout.config, recorded.with_identity(checklist_id, str(layout.data)))
    return label


def _key_opens(path: Path, key: KeySpec) -> bool:
    try:
        database = Database.connect(path, key)
    except (NotADatabase, StoreError):
        return False
    try:
        database.probe()
        return True
    except (NotADatabase, StoreError):
        return False
    finally:
        database.close()
