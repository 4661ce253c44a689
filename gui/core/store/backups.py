"""Backups of the checklist: one a day when the app starts, the last seven kept, plus one
before each schema upgrade. A backup is a full SQLite copy with the same encryption and key
as the checklist, so restoring is copying it back.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import date, datetime
from pathlib import Path

from gui.core.store.database import Database, NotADatabase
from gui.core.store.errors import BackupError, StoreError
from gui.core.store.files import fsync_dir, fsync_file, make_private
from gui.core.store.keys import KeySpec

KEEP_DAILY = 7
DAILY_RE = re.compile(r"^checklist-(\d{4}-\d{2}-\d{2})\.db$")


def daily_backup_path(backups: Path, day: date) -> Path:
    return backups / f"checklist-{day.isoformat()}.db"


def upgrade_backup_path(backups: Path, from_version: int, now: datetime) -> Path:
    return backups / f"checklist-v{from_version}-before-upgrade-{now:%Y%m%dT%H%M%S}.db"


def list_backups(backups: Path) -> list[Path]:
    """Every backup, newest first (by modification time: daily and pre-upgrade ones mix)."""
    try:
        found = [p for p in backups.glob("checklist-*.db") if p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def verify_copy(path: Path, key: KeySpec | None, latest_version: int) -> int:
    """Open a copy with ``key`` and check every page. Returns its schema version; raises
    NotADatabase (wrong key) or StoreError (damaged, too new)."""
    database = Database.connect(path, key)
    try:
        database.probe()
        version = database.user_version()
        problems = database.check_integrity(quick=True)
    finally:
        database.close()
    if problems:
        raise StoreError(f"{path} is damaged ({problems[0]}).")
    if version > latest_version:
        raise StoreError(f"{path} was written by a newer version of Privacy Review.")
    return version


def make_backup(database: Database, target: Path, key: KeySpec | None, latest: int) -> Path:
    """Copy the open database to ``target`` (same key), verified before it gets its final
    name, so a backup that exists under a backup name is always a sound one."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()  # our own leftover; VACUUM INTO refuses an existing file
    try:
        database.copy_to(temp)
        make_private(temp)
        fsync_file(temp)
        verify_copy(temp, key, latest)
        os.replace(temp, target)
        fsync_dir(target.parent)
    except (StoreError, NotADatabase, OSError) as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _backup_error(target, error) from None
    return target


def _backup_error(target: Path, error: BaseException) -> BackupError:
    if isinstance(error, StoreError):
        detail = error.message
    elif isinstance(error, OSError):
        detail = error.strerror or str(error)
    else:
        detail = "the copy could not be read back"
    return BackupError(
        f"The backup {target.name} could not be made: {detail}",
        f"Check that {target.parent} is writable and the disk has space. The checklist "
        "itself is unaffected.",
    )


def prune_daily(backups: Path, keep: int = KEEP_DAILY) -> list[Path]:
    """Delete all but the newest ``keep`` daily backups (names sort by date). Pre-upgrade
    backups and files the user put there are never touched."""
    try:
        daily = sorted(p for p in backups.iterdir() if DAILY_RE.match(p.name) and p.is_file())
    except OSError:
        return []
    removed = []
    for old in daily[: max(0, len(daily) - keep)]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return removed
