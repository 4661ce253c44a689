"""Opening the checklist: deciding how the file is protected (a key in the keyring, a
passphrase, or none) and refusing, with a message and a way out, every state that cannot be
used safely: no key, a wrong key, a damaged file, a file from a newer app, a read-only
disk. It never creates a new checklist over an existing file and never writes to a damaged
one.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path

from gui.core.paths import AppDirs
from gui.core.store.backups import list_backups, make_backup, upgrade_backup_path, verify_copy
from gui.core.store.config import Mode, StoreConfig, read_config, write_config
from gui.core.store.database import (
    RESTORE_HINT,
    Database,
    FileKind,
    NotADatabase,
    companion_files,
    encryption_available,
    file_kind,
    has_partial_page,
    is_empty_file,
    match_companion_modes,
    read_only_error,
)
from gui.core.store.errors import (
    BackupError,
    DatabaseDamagedError,
    KeyNotFoundError,
    KeyUnavailableError,
    NewerVersionError,
    PassphraseRequiredError,
    StoreError,
    WrongKeyError,
)
from gui.core.store.files import create_private_empty, exclusive_lock
from gui.core.store.identity import find_key, read_identity, save_new_key
from gui.core.store.journal import recover as recover_restore
from gui.core.store.keys import KeyringProblem, check_new_passphrase, generate_key
from gui.core.store.layout import (
    LOCK_NAME,
    NOT_ENCRYPTED,
    Protection,
    StoreLayout,
    prepare_dir,
)
from gui.core.store.leftovers import data_elsewhere, describe, remove_strays
from gui.core.store.locking import hold_shared, release, try_exclusive
from gui.core.store.migrations import LATEST_VERSION, migrate
from gui.core.store.store import Clock, Store, utc_now

PASSPHRASE_HOW = "Enter the passphrase to open it. Nothing was changed."


def open_store(
    dirs: AppDirs,
    *,
    passphrase: str | None = None,
    allow_unencrypted: bool = False,
    clock: Clock | None = None,
) -> Store:
    """Open the checklist in ``dirs.data``, creating it when there is none.

    A new checklist is encrypted with a random key kept in the system keyring; when the
    keyring cannot be used, KeyUnavailableError lets the caller offer the two other
    choices: call again with ``passphrase``, or with ``allow_unencrypted=True``. An existing
    file is opened as it was created; it is never replaced.
    """
    layout = StoreLayout.of(dirs)
    prepare_dir(layout.data)
    if not os.access(layout.data, os.W_OK):
        raise read_only_error(layout.database)
    notices = _settle_leftovers(layout)
    in_use = hold_shared(layout.data)
    try:
        store = _open(layout, passphrase, allow_unencrypted, clock)
    except BaseException:
        release(in_use)
        raise
    store.attach(in_use, notices)
    return store


def _settle_leftovers(layout: StoreLayout) -> list[str]:
    """Finish or undo an interrupted restore and remove temporary files of killed runs:
    only when nobody else has the checklist open (then none of it is in progress)."""
    lock = try_exclusive(layout.data)
    if lock is None:
        return []
    try:
        notice = recover_restore(layout.data)
        remove_strays(layout.data, layout.backups, keep_restore_copies=not layout.database.exists())
    except OSError as error:
        return [f"An interrupted restore could not be settled: {error.strerror or error}."]
    finally:
        release(lock)
    return [notice] if notice else []


def _open(
    layout: StoreLayout, passphrase: str | None, allow_unencrypted: bool, clock: Clock | None
) -> Store:
    config = read_config(layout.config)
    kind = file_kind(layout.database)
    if kind is FileKind.ABSENT:
        _refuse_to_hide_data(layout)
        try:
            with exclusive_lock(layout.data / LOCK_NAME):
                # Checked again under the lock: another process may have just created it.
                if file_kind(layout.database) is FileKind.ABSENT:
                    protection = _protection_for_new(layout, config, passphrase, allow_unencrypted)
                    store = _open_with(layout, protection, created=True, clock=clock)
                    _remember(layout, protection)
                    return store
        except OSError as error:
            raise read_only_error(layout.database, error.strerror or "") from None
        kind = file_kind(layout.database)
        config = read_config(layout.config)  # as the process that created it left it
    _refuse_damaged_header(layout, config, kind)
    protection = protection_for_existing(layout, config, kind, passphrase)
    store = _open_with(layout, protection, created=False, clock=clock)
    _remember(layout, protection)
    return store


def _refuse_to_hide_data(layout: StoreLayout) -> None:
    """No checklist: before a new, empty one is created, make sure the user's data is not
    somewhere else: in an empty file whose contents were lost while backups exist, or in
    files an interrupted restore or a crash left under other names."""
    path = layout.database
    backups = list_backups(layout.backups)
    if is_empty_file(path) and backups:
        newest = backups[0]
        raise DatabaseDamagedError(
            f"The checklist file {path} is empty (0 bytes): its contents were lost, perhaps "
            "in a crash or on a full disk. It was left as it is; no new checklist was "
            "created over it.",
            f"Restore the newest backup, {describe(newest)}, with `privacy-review "
            "restore-backup` (the empty file is kept beside it, renamed). To start a new, "
            "empty checklist instead, delete the empty file.",
        )
    if path.exists() and not is_empty_file(path):
        return
    elsewhere = data_elsewhere(layout.data)
    if not elsewhere:
        return
    listed = "\n".join(f"  {describe(p)}" for p in elsewhere[:5])
    raise StoreError(
        f"There is no checklist file {path}, but earlier checklist data is in {layout.data}:"
        f"\n{listed}\nNo new, empty checklist was created, so that nothing hides them.",
        f"To use the newest: `privacy-review restore-backup {elsewhere[0]}` (it is checked "
        "and copied into place; the file itself stays). To start an empty checklist "
        "instead, move these files to another folder first.",
    )


def _refuse_damaged_header(layout: StoreLayout, config: StoreConfig | None, kind: FileKind) -> None:
    path = layout.database
    if kind is FileKind.ZEROED:
        raise _damaged(
            path,
            "its first bytes, where every checklist file has its header, are zeros; it is "
            "neither a readable unencrypted file nor an encrypted one",
        )
    if kind is FileKind.ENCRYPTED and config is not None and config.mode is Mode.UNENCRYPTED:
        raise _damaged(
            path,
            "it was set up unencrypted (see store.json), but its first bytes are not an "
            "SQLite header",
        )


def _remember(layout: StoreLayout, protection: Protection) -> None:
    """Record the protection, the checklist's id and where it is in store.json: a hint for
    the next start and for `store info`; the database is safe without it, so a failure to
    write it is not an error."""
    current = read_config(layout.config)
    checklist_id = read_identity(layout.data, current)
    wanted = StoreConfig(protection.mode, protection.backend, checklist_id, str(layout.data))
    if current != wanted:
        with contextlib.suppress(OSError):
            write_config(layout.config, wanted)


def init_store(dirs: AppDirs, mode: Mode, *, passphrase: str | None = None) -> Store:
    """Set up a new checklist with the protection the user chose explicitly (e.g.
    ``privacy-review store init --unencrypted``). StoreError when one exists already."""
    layout = StoreLayout.of(dirs)
    if file_kind(layout.database) is not FileKind.ABSENT:
        raise StoreError(
            f"A checklist already exists at {layout.database}; nothing was changed.",
            "Its protection cannot be changed in place: export it, move the file away, set "
            "up a new one and import the export.",
        )
    if mode is Mode.PASSPHRASE and passphrase is None:
        raise ValueError("a passphrase is needed")
    prepare_dir(layout.data)
    if mode is Mode.UNENCRYPTED:
        # Recorded first so that later runs, with or without a keyring, keep the choice.
        try:
            write_config(layout.config, StoreConfig(Mode.UNENCRYPTED, NOT_ENCRYPTED))
        except OSError as error:
            raise read_only_error(layout.config, error.strerror or "") from None
        return open_store(dirs, allow_unencrypted=True)
    if mode is Mode.PASSPHRASE:
        return open_store(dirs, passphrase=passphrase)
    # The keyring: drop any earlier explicit choice so the default applies.
    with contextlib.suppress(OSError):
        layout.config.unlink()
    return open_store(dirs)


def keyring_message(problem: KeyringProblem) -> str:
    return f"{problem.reason} (keyring backend: {problem.backend})"


def _protection_for_new(
    layout: StoreLayout,
    config: StoreConfig | None,
    passphrase: str | None,
    allow_unencrypted: bool,
) -> Protection:
    if passphrase is not None:
        problem = check_new_passphrase(passphrase)
        if problem:
            raise PassphraseRequiredError(
                f"The passphrase cannot be used: {problem}.",
                "Choose another passphrase.",
                reason=problem,
                can_use_passphrase=True,
                can_store_unencrypted=True,
            )
        _require_encryption(allow_unencrypted)
        return Protection.from_passphrase(passphrase)
    if config is not None and config.mode is Mode.UNENCRYPTED:
        return Protection.unencrypted()  # chosen explicitly before (store init)
    if not encryption_available():
        if allow_unencrypted:
            return Protection.unencrypted()
        _require_encryption(allow_unencrypted)
    if config is not None and config.mode is Mode.PASSPHRASE:
        if allow_unencrypted:
            return Protection.unencrypted()
        raise PassphraseRequiredError(
            "This checklist was set up to be protected by a passphrase; a new, empty one "
            f"is about to be created at {layout.database}.",
            "Choose a passphrase (or store the checklist unencrypted).",
            reason="a passphrase is needed",
            can_use_passphrase=True,
            can_store_unencrypted=True,
        )
    try:
        found = find_key(layout, config)
        key, label = found.key, found.label
        if key is None:
            key = generate_key()
            label, _ = save_new_key(layout, config, key)
    except KeyringProblem as problem:
        if allow_unencrypted:
            return Protection.unencrypted()
        raise KeyUnavailableError(
            "The checklist's encryption key cannot be kept in the system keyring: "
            f"{keyring_message(problem)}.",
            "Choose a passphrase to encrypt the checklist (you will need it each time), or "
            "choose to store the checklist unencrypted (anyone who can read your files could "
            "then read it).",
            reason=problem.reason,
            can_use_passphrase=True,
            can_store_unencrypted=True,
        ) from None
    return Protection.from_keyring(key, label)


def _require_encryption(allow_unencrypted: bool) -> None:
    if not encryption_available():
        raise KeyUnavailableError(
            "This installation cannot encrypt the checklist: the SQLCipher module "
            "(sqlcipher3) is missing.",
            "Store the checklist unencrypted, or install the sqlcipher3 package.",
            reason="SQLCipher is not available",
            can_use_passphrase=False,
            can_store_unencrypted=True,
        )


def protection_for_existing(
    layout: StoreLayout,
    config: StoreConfig | None,
    kind: FileKind,
    passphrase: str | None,
    subject: Path | None = None,
) -> Protection:
    """How to open an existing file (the checklist, or a backup: ``subject``)."""
    subject = subject or layout.database
    if kind is FileKind.PLAIN:
        return Protection.unencrypted()
    mode = config.mode if config is not None else None
    if kind is FileKind.UNKNOWN and mode is Mode.UNENCRYPTED:
        return Protection.unencrypted()
    if mode is Mode.UNENCRYPTED:
        mode = None  # the file is encrypted whatever the hint says
    if mode is Mode.PASSPHRASE:
        if passphrase is None:
            raise PassphraseRequiredError(
                f"The checklist at {subject} is protected by a passphrase.",
                PASSPHRASE_HOW,
                reason="a passphrase is needed",
                can_use_passphrase=True,
                can_store_unencrypted=False,
            )
        return Protection.from_passphrase(passphrase)
    # Keyring mode, or unknown (store.json lost): the keyring first, then a passphrase.
    try:
        found = find_key(layout, config)
        key, label = found.key, found.label
    except KeyringProblem as problem:
        if mode is None and passphrase is not None:
            return Protection.from_passphrase(passphrase)
        extra = " If you protected it with a passphrase, enter it." if mode is None else ""
        raise KeyUnavailableError(
            f"The checklist at {subject} is encrypted, but its key could not be read: "
            f"{keyring_message(problem)}.",
            "Unlock the system keyring (or log in to your desktop session) and try again. "
            f"Nothing was changed.{extra}",
            reason=problem.reason,
            can_use_passphrase=mode is None,
            can_store_unencrypted=False,
        ) from None
    if key is None:
        if mode is None and passphrase is not None:
            return Protection.from_passphrase(passphrase)
        extra = "enter the passphrase if you set one; " if mode is None else ""
        raise KeyNotFoundError(
            f"The checklist at {subject} is encrypted, but its key is not in the system "
            f"keyring ({label}). The file was left as it is: no new checklist was created "
            f"over it. {_likely_cause(layout, config)}",
            "To recover: restore the key from a key export with `privacy-review key import "
            f"FILE`; {extra}or move the file away and import an export with "
            "`privacy-review import FILE`. Where the checklist still opens (the computer or "
            "user account it came from), `privacy-review key export FILE` writes that key "
            "export.",
            reason="the key is not in the system keyring",
            can_use_passphrase=mode is None,
            can_store_unencrypted=False,
        )
    return Protection.from_keyring(key, label)


def _likely_cause(layout: StoreLayout, config: StoreConfig | None) -> str:
    """Why a key is missing, as far as store.json can tell."""
    moved_from = config.location if config is not None else ""
    if moved_from and moved_from != str(layout.data):
        return (
            f"It was last opened at {moved_from}: it was moved or copied here, probably from "
            "another computer or user account, and its key stays in the keyring where it was "
            "made."
        )
    return (
        "Likely causes: the folder was copied here from another computer or user account "
        "(a key stays in the keyring where it was made), or the keyring was reset or "
        "replaced."
    )


def _damaged(path: Path, detail: str) -> DatabaseDamagedError:
    return DatabaseDamagedError(
        f"The checklist file {path} is damaged ({detail}). It was left as it is.", RESTORE_HINT
    )


def _open_with(
    layout: StoreLayout, protection: Protection, *, created: bool, clock: Clock | None
) -> Store:
    path = layout.database
    if created:
        _set_aside_orphans(path)
        if not path.exists():
            try:
                create_private_empty(path)
            except OSError as error:
                raise read_only_error(path, error.strerror or "") from None
    elif has_partial_page(path):
        raise _damaged(path, "it ends in the middle of a page: it was probably cut short")
    else:
        match_companion_modes(path)
    try:
        database = Database.connect(path, protection.key)
    except NotADatabase as error:
        raise _not_a_database(layout, protection, str(error)) from None
    try:
        try:
            database.probe()
        except NotADatabase as error:
            raise _not_a_database(layout, protection, str(error)) from None
        version = database.user_version()
        if version > LATEST_VERSION:
            raise NewerVersionError(
                f"The checklist at {path} was written by a newer version of Privacy Review "
                f"(data version {version}; this version reads up to {LATEST_VERSION}). It "
                "was not changed.",
                "Install the newer version of Privacy Review again. To use this version "
                "instead, restore a backup it made with `privacy-review restore-backup` (the "
                "newer file is kept beside it, renamed).",
            )
        problems = database.check_integrity(quick=True)
        if problems:
            raise _damaged(path, problems[0])
        database.configure_for_writing()
        store = Store(layout, database, protection, created=created, clock=clock or utc_now)

        def backup_before_upgrade(old_version: int) -> None:
            prepare_dir(layout.backups)
            target = upgrade_backup_path(layout.backups, old_version, (clock or utc_now)())
            try:
                make_backup(database, target, protection.key, LATEST_VERSION)
            except BackupError as error:
                raise BackupError(
                    f"The checklist needs an upgrade to this version's data format, and a "
                    f"backup is made first, but it failed: {error.message}",
                    f"The checklist was not changed. {error.recovery}",
                ) from None

        migrate(database, before_upgrade=backup_before_upgrade)
    except BaseException:
        database.close()
        raise
    return store


def _set_aside_orphans(path: Path) -> None:
    """A write-ahead log left beside a missing database would be replayed into the new
    one. It may hold the user's data, so it is renamed, not deleted."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for companion in companion_files(path):
        if companion.exists():
            with contextlib.suppress(OSError):
                os.replace(companion, companion.with_name(f"{companion.name}.orphaned-{stamp}"))


def _not_a_database(layout: StoreLayout, protection: Protection, detail: str) -> StoreError:
    """SQLite cannot read page 1: a wrong key, or a damaged file. When the same key opens
    a backup, the key is right and the file is damaged."""
    path = layout.database
    if protection.key is None:
        return _damaged(path, detail)
    for backup in list_backups(layout.backups)[:3]:
        with contextlib.suppress(NotADatabase, StoreError):
            verify_copy(backup, protection.key, LATEST_VERSION)
            return _damaged(path, f"{detail}; the key itself is right: it opens {backup.name}")
    if protection.mode is Mode.PASSPHRASE:
        return WrongKeyError(
            f"The passphrase does not open the checklist at {path}.",
            "Check the passphrase and try again. Nothing was changed. If the passphrase is "
            "right, the file is damaged. " + RESTORE_HINT,
        )
    return WrongKeyError(
        # No backend name: which keyring it is belongs in Help > Where your data is and
        # `store info`, not in a message a non-expert has to act on.
        f"The key in the system keyring does not open the checklist at {path}. The file "
        "was left as it is.",
        "Restore the right key from a key export with `privacy-review key import FILE`. If "
        "the key is right, the file is damaged. " + RESTORE_HINT,
    )
