"""Recovery while no store is open: putting a backup back, and saving or restoring the
encryption key. Nothing here deletes a checklist file; what is replaced is renamed.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from gui.core.paths import AppDirs
from gui.core.store.backups import list_backups, verify_copy
from gui.core.store.config import Mode, StoreConfig, read_config, write_config
from gui.core.store.database import Database, FileKind, NotADatabase, file_kind, move_aside
from gui.core.store.errors import BackupError, StoreError, WrongKeyError
from gui.core.store.files import create_private_empty, fsync_dir, fsync_file, make_private
from gui.core.store.keys import (
    KeyringProblem,
    KeySpec,
    load_key,
    read_key_file,
    save_key,
    write_key_file,
)
from gui.core.store.layout import DB_NAME, StoreLayout, prepare_dir
from gui.core.store.migrations import LATEST_VERSION
from gui.core.store.opening import keyring_message, protection_for_existing


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    moved_aside: tuple[Path, ...]  # the previous checklist files, renamed, never deleted


def restore_backup(
    dirs: AppDirs, backup: Path | None = None, *, passphrase: str | None = None
) -> RestoreResult:
    """Put a backup (default: the newest) in place of the checklist. The current file, if
    any, is renamed beside it, never deleted. Close every open Store first."""
    layout = StoreLayout.of(dirs)
    candidates = list_backups(layout.backups)
    source = Path(backup) if backup is not None else (candidates[0] if candidates else None)
    if source is None:
        raise BackupError(
            f"There is no backup in {layout.backups}.",
            "Import an export with `privacy-review import FILE` instead (move a damaged "
            "checklist file away first).",
        )
    kind = file_kind(source)
    if kind is FileKind.ABSENT or kind is FileKind.UNKNOWN or not source.is_file():
        raise BackupError(f"{source} is not a checklist backup (missing or empty).")
    protection = protection_for_existing(
        layout, read_config(layout.config), kind, passphrase, subject=source
    )
    prepare_dir(layout.data)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    temp = layout.data / f".restore-{os.getpid()}.db"
    try:
        temp.unlink(missing_ok=True)
        create_private_empty(temp)
        with open(source, "rb") as reader, open(temp, "wb") as writer:
            while chunk := reader.read(1 << 20):
                writer.write(chunk)
        fsync_file(temp)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise BackupError(
            f"The backup {source} could not be copied into place: {error.strerror or error}.",
            f"Check that {layout.data} is writable and the disk has space. Nothing was changed.",
        ) from None
    try:
        verify_copy(temp, protection.key, LATEST_VERSION)
    except NotADatabase:
        temp.unlink(missing_ok=True)
        what = "passphrase" if protection.mode is Mode.PASSPHRASE else "key"
        raise WrongKeyError(
            f"The checklist's {what} does not open the backup {source}.",
            f"Use the {what} the backup was made with. Nothing was changed.",
        ) from None
    except StoreError as error:
        temp.unlink(missing_ok=True)
        raise BackupError(
            f"{error.message} Nothing was changed.", "Choose another backup."
        ) from None
    try:
        moved = move_aside(layout.database, f"replaced-{stamp}")
        os.replace(temp, layout.database)
        make_private(layout.database)
        fsync_dir(layout.data)
    except OSError as error:
        raise BackupError(
            f"The backup could not be put in place: {error.strerror or error}.",
            f"Check {layout.data}: the previous checklist, if any, is there renamed "
            f"'{DB_NAME.removesuffix('.db')}-replaced-{stamp}.db'.",
        ) from None
    return RestoreResult(source, tuple(moved))


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
        key, label = load_key(layout.key_name)
    except KeyringProblem as problem:
        raise StoreError(
            f"The key could not be read from the system keyring: {keyring_message(problem)}.",
            "Unlock the system keyring and try again.",
        ) from None
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
    try:
        label = save_key(layout.key_name, key)
    except KeyringProblem as problem:
        raise StoreError(
            f"The key could not be stored in the system keyring: {keyring_message(problem)}.",
            "Unlock the system keyring, or make one available, and try again.",
        ) from None
    with contextlib.suppress(OSError):
        write_config(layout.config, StoreConfig(Mode.KEYRING, f"keyring: {label}"))
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
