"""The SQLite/SQLCipher connection: keying, the pragmas that make writes durable and safe
with several processes, and the translation of SQLite's error codes into messages a user
can act on.

``sqlcipher3`` is imported when a database is opened, not when this module is. Without it
(no wheel for Intel macOS) a checklist can still be kept unencrypted with the standard
``sqlite3`` module; an encrypted one cannot be opened.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sqlite3
import stat
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import Any

from gui.core.store.errors import DatabaseDamagedError, StorageError, StoreError
from gui.core.store.files import (
    NotAFileError,
    check_regular,
    disk_full_message,
    free_bytes,
    make_private,
    open_regular,
)
from gui.core.store.keys import KeySpec

SQLITE_HEADER = b"SQLite format 3\x00"
MIN_PAGE_SIZE = 512  # a healthy SQLite file is always a whole number of pages
# A writer waits this long for another process (the GUI and the CLI may run together)
# before giving up with "busy".
BUSY_TIMEOUT_SECONDS = 10.0

RESTORE_HINT = (
    "Restore the newest backup with `privacy-review restore-backup` (the damaged file is "
    "kept beside it, renamed), or move the file away and import an export with "
    "`privacy-review import FILE`."
)


class FileKind(StrEnum):
    ABSENT = "absent"  # no file, or an empty one left by a crash during creation
    PLAIN = "plain"  # a standard SQLite header: not encrypted
    ENCRYPTED = "encrypted"  # random bytes where the header would be: SQLCipher
    UNKNOWN = "unknown"  # an empty main file with a write-ahead log beside it
    # Zeros where the header belongs: SQLCipher's random salt is never all zeros, and an
    # unencrypted file starts "SQLite format 3", so this is a damaged file of either kind.
    ZEROED = "zeroed"


def companion_files(path: Path) -> tuple[Path, Path]:
    """SQLite's write-ahead log and shared-memory index for the database ``path``."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def unusable_file_error(path: Path, error: OSError, what: str = "The checklist file") -> StoreError:
    """A StoreError for a checklist (or backup) path that cannot be read at all: a folder
    or a special file in its place, no permission, or another disk error."""
    if isinstance(error, NotAFileError):
        return StorageError(
            f"{what} {path} cannot be used: {error.strerror}. Nothing was changed.",
            f"Move {path} out of the way (or rename it), then try again. If it holds your "
            "data, keep it: nothing was deleted.",
        )
    if isinstance(error, PermissionError):
        return StorageError(
            f"{what} {path} cannot be read: permission denied. Nothing was changed.",
            f"Give your user account read and write access to it (for example `chmod 600 "
            f"{path}`; if another account owns it, ask an administrator to change its owner).",
        )
    return StorageError(
        f"{what} {path} could not be read: {error.strerror or error}. Nothing was changed.",
        "Check the disk and try again.",
    )


def file_kind(path: Path, what: str = "The checklist file") -> FileKind:
    """What is at ``path``, from its first bytes. StorageError when something that is not
    a readable regular file is there (a folder, a pipe, no permission): such a file is
    neither opened by SQLite nor ever replaced by a new checklist."""
    try:
        if not check_regular(path):
            return FileKind.ABSENT
        with os.fdopen(open_regular(path), "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return FileKind.ABSENT
    except OSError as error:
        raise unusable_file_error(path, error, what) from None
    if head:
        if head == SQLITE_HEADER:
            return FileKind.PLAIN
        return FileKind.ZEROED if head.count(0) == len(head) else FileKind.ENCRYPTED
    wal, _ = companion_files(path)
    try:
        return FileKind.UNKNOWN if wal.stat().st_size > 0 else FileKind.ABSENT
    except OSError:
        return FileKind.ABSENT


def is_empty_file(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def match_companion_modes(path: Path) -> None:
    """Give the -wal and -shm files the owner's write permission when the database has it.
    SQLite copies the database's mode onto them when it creates them, so after a read-only
    spell (a 0400 file) they stay 0400 and keep the store unwritable even once the user
    made the database writable again."""
    if os.name != "posix":
        return
    try:
        writable = os.stat(path).st_mode & 0o200
    except OSError:
        return
    if not writable:
        return
    for companion in companion_files(path):
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(companion.stat().st_mode)
            if mode & 0o600 != 0o600:
                companion.chmod(0o600)


def has_partial_page(path: Path) -> bool:
    """A file cut off in the middle of a page was truncated (or is not a database)."""
    try:
        return path.stat().st_size % MIN_PAGE_SIZE != 0
    except OSError:
        return False


def driver(encrypted: bool) -> ModuleType | None:
    """The DB-API module: sqlcipher3, or the standard sqlite3 for an unencrypted store when
    sqlcipher3 is not installed. None when encryption is needed and unavailable."""
    try:
        from sqlcipher3 import dbapi2

        module: ModuleType = dbapi2  # untyped package: named as the module it is
        return module
    except ImportError:
        if encrypted:
            return None
        return sqlite3


def encryption_available() -> bool:
    return driver(encrypted=True) is not None


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class NotADatabase(Exception):
    """SQLITE_NOTADB on first read: for an encrypted file, a wrong key or a damaged first
    page. The caller decides which (it may try the key on a backup)."""


def error_name(error: BaseException) -> str:
    return str(getattr(error, "sqlite_errorname", "") or "")


def translate(error: BaseException, path: Path, action: str) -> StoreError:
    """A StoreError for an SQLite error that happened while the checklist was being
    ``action`` ("opened", "saved", "read", ...)."""
    name = error_name(error)
    detail = str(error) or name
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return DatabaseDamagedError(
            f"The checklist file {path} is damaged ({detail}). It was left as it is.",
            RESTORE_HINT,
        )
    if name == "SQLITE_FULL":
        return StorageError(
            f"The disk holding {path.parent} is full, so the checklist could not be {action}.",
            "Free some disk space and try again. Everything saved before is intact.",
        )
    if name.startswith("SQLITE_IOERR") and _nearly_full(path.parent):
        # A full disk often surfaces as an I/O error (a write-ahead log or shared-memory
        # file that cannot grow); "restore a backup" would be the wrong advice then.
        return StorageError(
            f"{disk_full_message(path.parent)} The checklist could not be {action}.",
            "Free some disk space and try again. Everything saved before is intact.",
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return read_only_error(path, detail)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError(
            "The checklist is busy: another Privacy Review window or command kept it locked "
            f"for more than {BUSY_TIMEOUT_SECONDS:g} seconds, so it could not be {action}.",
            "Try again. If it keeps happening, close other Privacy Review windows.",
        )
    if name.startswith("SQLITE_IOERR"):
        return StorageError(
            f"The disk reported an error while the checklist at {path} was being {action} "
            f"({detail}).",
            "Check the disk. If the checklist no longer opens: " + RESTORE_HINT,
        )
    return StoreError(f"The checklist at {path} could not be {action} ({detail}).")


# Less than this free, an I/O error is taken to be the disk being full.
NEARLY_FULL_BYTES = 1_000_000


def _nearly_full(directory: Path) -> bool:
    free = free_bytes(directory)
    return free is not None and free < NEARLY_FULL_BYTES


def read_only_error(path: Path, detail: str = "") -> StorageError:
    why = f" ({detail})" if detail else ""
    return StorageError(
        f"The checklist at {path} cannot be written: its folder or file is read-only{why}.",
        f"Make {path.parent} writable for your user account (check its permissions, and that "
        "the disk is not mounted read-only or full), or start with --data-dir pointing to a "
        "writable folder. Nothing was changed.",
    )


@dataclass
class Database:
    """One connection, used under a lock so the GUI may call in from worker threads."""

    path: Path
    connection: Any
    module: ModuleType

    def __post_init__(self) -> None:
        self._lock = threading.RLock()

    @classmethod
    def connect(cls, path: Path, key: KeySpec | None) -> Database:
        module = driver(encrypted=key is not None)
        if module is None:
            raise StoreError(
                "This installation cannot open encrypted checklists: the SQLCipher module "
                "(sqlcipher3) is missing.",
                "Install the sqlcipher3 package, or use an installer of Privacy Review that "
                "includes it.",
            )
        try:
            # isolation_level=None: no implicit transactions; each write says BEGIN
            # IMMEDIATE itself, so the write lock is taken up front and a busy database
            # waits (busy timeout) instead of failing half-way.
            connection = module.connect(
                str(path),
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
        except module.Error as error:
            raise translate(error, path, "opened") from None
        database = cls(path, connection, module)
        try:
            if module.__name__.startswith("sqlcipher3"):
                # Before keying: otherwise a wrong key prints "ERROR CORE ..." on stderr.
                connection.execute("PRAGMA cipher_log_level = NONE")
            if key is not None:
                if "\x00" in key.material:
                    # SQL text cannot carry NUL; such a passphrase can open nothing.
                    database.close()
                    raise NotADatabase("the key contains a NUL character")
                connection.execute(f"PRAGMA key = {_quote(key.material)}")
        except module.Error as error:
            database.close()
            raise translate(error, path, "opened") from None
        return database

    def probe(self) -> None:
        """Read the schema: the first read decrypts page 1, so a wrong key shows here."""
        try:
            self.connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except self.module.Error as error:
            if error_name(error) == "SQLITE_NOTADB":
                raise NotADatabase(str(error)) from None
            raise translate(error, self.path, "opened") from None

    def user_version(self) -> int:
        return int(self.query("PRAGMA user_version")[0][0])

    def check_integrity(self, *, quick: bool = True) -> list[str]:
        """Problems found by SQLite's own check (empty when the file is sound). The quick
        check reads every page, so a truncated or scribbled-on file is caught at open
        rather than half-way through the user's work."""
        pragma = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
        try:
            with self._lock:
                rows = self.connection.execute(pragma).fetchall()
        except self.module.Error as error:
            if error_name(error).startswith("SQLITE_CORRUPT") or error_name(error) in (
                "SQLITE_NOTADB",
            ):
                return [str(error)]
            raise translate(error, self.path, "checked") from None
        found = [str(row[0]) for row in rows]
        return [] if found == ["ok"] else found

    def configure_for_writing(self) -> None:
        """WAL lets the GUI read while the CLI writes; synchronous=FULL makes every
        commit reach the disk before ``record`` returns; foreign keys for integrity."""
        with self._lock:
            try:
                self.connection.execute("PRAGMA journal_mode = WAL").fetchall()
                self.connection.execute("PRAGMA synchronous = FULL")
                self.connection.execute("PRAGMA foreign_keys = ON")
            except self.module.Error as error:
                raise translate(error, self.path, "opened") from None
        for file in (self.path, *companion_files(self.path)):
            if file.exists():
                make_private(file)

    def query(
        self, sql: str, params: Sequence[object] = (), *, action: str = "read"
    ) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return list(self.connection.execute(sql, params).fetchall())
            except self.module.Error as error:
                raise translate(error, self.path, action) from None

    @contextlib.contextmanager
    def transaction(self, action: str = "saved") -> Iterator[Any]:
        """One write transaction; committed (and, with synchronous=FULL, on disk) when the
        block ends, rolled back on any error. SQLite errors become StoreErrors."""
        with self._lock:
            connection = self.connection
            try:
                connection.execute("BEGIN IMMEDIATE")
            except self.module.Error as error:
                raise translate(error, self.path, action) from None
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException as error:
                if connection.in_transaction:
                    with contextlib.suppress(self.module.Error):
                        connection.execute("ROLLBACK")
                if isinstance(error, self.module.Error):
                    raise translate(error, self.path, action) from None
                raise

    def copy_to(self, target: Path) -> None:
        """A consistent copy with the same encryption and key (VACUUM INTO writes through
        the source's codec), taken in a read transaction so writers are not blocked."""
        with self._lock:
            try:
                self.connection.execute("VACUUM INTO ?", (str(target),))
            except self.module.Error as error:
                raise translate(error, target, "backed up") from None

    def close(self) -> None:
        with self._lock, contextlib.suppress(Exception):
            self.connection.close()


def aside_target(path: Path, label: str) -> Path:
    """A name beside ``path`` that nothing has (neither the file nor its companions):
    ``checklist-<label>-<UTC time to the microsecond>-<random>.db``. Two runs in the same
    second, or a clock set back, still get different names, so a file kept aside is never
    overwritten."""
    while True:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = path.with_name(f"{path.stem}-{label}-{stamp}-{secrets.token_hex(3)}{path.suffix}")
        if not any(p.exists() for p in (target, *companion_files(target))):
            return target


def move_aside(path: Path, label: str) -> list[Path]:
    """Rename a database and its companion files out of the way, keeping them together
    (``checklist-<label>-....db`` with its ``-wal``), so SQLite can still open the pair.
    Never deletes or overwrites anything. Returns the new paths."""
    target = aside_target(path, label)
    moved = []
    for source, destination in zip(
        (path, *companion_files(path)), (target, *companion_files(target)), strict=True
    ):
        if source.exists():
            rename_no_replace(source, destination)
            moved.append(destination)
    return moved


def rename_no_replace(source: Path, destination: Path) -> None:
    """Rename, refusing (FileExistsError) to replace an existing file: ``os.replace`` would
    silently destroy whatever had that name. Callers hold the store's exclusive lock and
    use names with a random part, so nothing can take the name between check and rename."""
    if destination.exists():
        raise FileExistsError(errno.EEXIST, "a file of that name exists", str(destination))
    os.replace(source, destination)
