"""The restore journal: ``restore-journal.json`` names the files a restore is moving, so
that one interrupted at any point (a kill, a power cut) is completed or undone on the next
start instead of leaving no ``checklist.db`` and the data under names nobody knows.

A restore writes it after the backup's copy is verified and before anything is renamed,
and removes it once the copy is in place. So: while the copy still exists, nothing was
replaced yet, and the moves are undone (or, when there was no checklist to go back to,
the copy is put in place); once the copy is gone, it *is* ``checklist.db``, and the
restore is complete.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gui.core.store.database import companion_files
from gui.core.store.files import fsync_dir, read_limited, write_private_file
from gui.core.store.layout import DB_NAME

JOURNAL_NAME = "restore-journal.json"
JOURNAL_FORMAT = "privacy-review-restore"
TEMP_PREFIX = ".restore-"


@dataclass(frozen=True)
class Journal:
    temp: str  # the verified copy of the backup, e.g. ".restore-1a2b3c.db"
    aside: str  # where the previous checklist goes, e.g. "checklist-replaced-....db"
    source: str  # the backup, for messages

    def to_bytes(self) -> bytes:
        document = {"format": JOURNAL_FORMAT, "temp": self.temp, "aside": self.aside}
        document["source"] = self.source
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def journal_path(data: Path) -> Path:
    return data / JOURNAL_NAME


def write_journal(data: Path, journal: Journal) -> None:
    write_private_file(journal_path(data), journal.to_bytes())


def remove_journal(data: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        journal_path(data).unlink()
    fsync_dir(data)


def _plain_name(value: object, prefix: str) -> str | None:
    """A bare file name of the expected kind: the journal must not be able to point
    anywhere outside the data dir."""
    if not isinstance(value, str) or not value.startswith(prefix) or not value.endswith(".db"):
        return None
    if "/" in value or "\\" in value or value in (".", "..") or "\x00" in value:
        return None
    return value


def read_journal(data: Path) -> Journal | None | Literal[False]:
    """The journal; None when there is none; False when it exists but cannot be used."""
    path = journal_path(data)
    if not path.exists():
        return None
    try:
        document = json.loads(read_limited(path, 64_000).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    if not isinstance(document, dict) or document.get("format") != JOURNAL_FORMAT:
        return False
    temp = _plain_name(document.get("temp"), TEMP_PREFIX)
    aside = _plain_name(document.get("aside"), DB_NAME.removesuffix(".db") + "-")
    source = document.get("source")
    if temp is None or aside is None or aside == DB_NAME:
        return False
    return Journal(temp, aside, source if isinstance(source, str) else "a backup")


def pairs(data: Path, journal: Journal) -> list[tuple[Path, Path]]:
    """(original, moved-aside) for the database and its companion files, in move order."""
    original = data / DB_NAME
    aside = data / journal.aside
    return list(
        zip((original, *companion_files(original)), (aside, *companion_files(aside)), strict=True)
    )


def recover(data: Path) -> str | None:
    """Complete or undo an interrupted restore. Returns what was done, for the user, or
    None when there was nothing to do. Call with the store's exclusive lock held."""
    journal = read_journal(data)
    if journal is None:
        return None
    if journal is False:
        kept = journal_path(data).with_name(JOURNAL_NAME + ".unreadable")
        with contextlib.suppress(OSError):
            os.replace(journal_path(data), kept)
        return (
            f"An interrupted restore left a journal that cannot be read; it was kept as "
            f"{kept}. Check the checklist-replaced-*.db files in {data} if decisions are "
            "missing."
        )
    temp = data / journal.temp
    database = data / DB_NAME
    aside = data / journal.aside
    if temp.exists() and (database.exists() or aside.exists()):
        # Not yet in place: put every moved file back where it was. Nothing is deleted
        # but the copy of the backup, which the backup itself still has.
        for original, moved in pairs(data, journal):
            if moved.exists() and not original.exists():
                os.replace(moved, original)
        fsync_dir(data)
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        remove_journal(data)
        return (
            f"The restore from {journal.source} was interrupted before it finished and has "
            "been undone: your checklist is as it was before it. Run `privacy-review "
            "restore-backup` again to restore that backup."
        )
    if temp.exists():
        # There was no checklist to go back to: the verified copy is the only one, so the
        # restore is completed instead.
        os.replace(temp, database)
        fsync_dir(data)
    remove_journal(data)
    previous = f" The previous checklist is kept as {aside}." if aside.exists() else ""
    return (
        f"The restore from {journal.source} was interrupted, and has now been completed.{previous}"
    )
