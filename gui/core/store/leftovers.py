"""What interrupted runs leave in the data dir, found at start: temporary copies to clean
up, and the user's data under other names (a checklist moved aside by a restore, a copy a
restore did not get to put in place, a write-ahead log set aside) to point to, instead of
creating an empty checklist that would hide them.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

from gui.core import dates
from gui.core.store.journal import JOURNAL_NAME, TEMP_PREFIX
from gui.core.store.layout import DB_NAME

STEM = DB_NAME.removesuffix(".db")
# Names only this app writes as temporary files: backups in progress, restore copies,
# files written atomically (files.write_private_file).
PARTIAL_GLOB = ".*.partial"
TEMP_GLOB = ".*.tmp"


def remove_strays(data: Path, backups: Path, *, keep_restore_copies: bool) -> list[Path]:
    """Delete temporary files left by killed runs. Call only with the store's exclusive
    lock: then no backup, restore or write is in progress. A restore's copy is kept when
    there is no checklist, as it may be the only copy of the data there is."""
    found: list[Path] = []
    with contextlib.suppress(OSError):
        found += backups.glob(PARTIAL_GLOB)
    with contextlib.suppress(OSError):
        found += data.glob(TEMP_GLOB)
    if not keep_restore_copies and not (data / JOURNAL_NAME).exists():
        with contextlib.suppress(OSError):
            found += data.glob(f"{TEMP_PREFIX}*.db")
    removed = []
    for path in found:
        with contextlib.suppress(OSError):
            if path.is_file():
                path.unlink()
                removed.append(path)
    return removed


def data_elsewhere(data: Path) -> list[Path]:
    """Files that may hold the user's checklist under another name, newest first."""
    found: list[Path] = []
    for pattern in (f"{STEM}-*.db", f"{TEMP_PREFIX}*.db", f"{DB_NAME}-wal.orphaned-*"):
        with contextlib.suppress(OSError):
            found += [p for p in data.glob(pattern) if p.is_file() and p.stat().st_size > 0]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def describe(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return str(path)
    when = dates.moment(datetime.fromtimestamp(info.st_mtime, UTC))
    return f"{path} ({info.st_size:,} bytes, last changed {when})"
