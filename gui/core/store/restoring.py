"""Putting a backup in place of the checklist, so that no step can lose data.

The steps, each named for the test hook ``checkpoint`` (tests kill the process at each):
the store's exclusive lock is taken (refused while the window or a command has it open),
the backup is copied beside the checklist and verified, a journal is written, the current
checklist and its companion files are renamed aside under names nothing else has, the copy
is renamed into place, and the journal is removed. A run interrupted anywhere is completed
or undone by the next start (``gui.core.store.journal``).

``plan_restore`` says beforehand what would be replaced with what; ``restore_backup``
refuses a backup with fewer decisions than the checklist unless ``allow_fewer``.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from gui.core import dates
from gui.core.paths import AppDirs
from gui.core.store.backups import list_backups, verify_copy
from gui.core.store.config import Mode, read_config
from gui.core.store.database import (
    Database,
    FileKind,
    NotADatabase,
    aside_target,
    companion_files,
    file_kind,
    is_empty_file,
    rename_no_replace,
)
from gui.core.store.errors import (
    BackupError,
    DatabaseDamagedError,
    NewerVersionError,
    StoreError,
    WrongKeyError,
)
from gui.core.store.files import (
    create_private_empty,
    disk_full_message,
    fsync_dir,
    fsync_file,
    is_disk_full,
    make_private,
    open_regular,
)
from gui.core.store.journal import TEMP_PREFIX, Journal, recover, remove_journal, write_journal
from gui.core.store.keys import KeySpec
from gui.core.store.layout import Protection, StoreLayout, prepare_dir
from gui.core.store.locking import hold_exclusive, release
from gui.core.store.migrations import LATEST_VERSION
from gui.core.store.opening import protection_for_existing

Checkpoint = Callable[[str], None]
# In order; ``checkpoint(step)`` is called once each step is done.
RESTORE_STEPS = (
    "locked",
    "copied",
    "verified",
    "journal-written",
    "moved-database",
    "moved-wal",
    "moved-shm",
    "placed",
    "journal-removed",
)


def decisions(count: int) -> str:
    return f"{count} decision" if count == 1 else f"{count} decisions"


@dataclass(frozen=True)
class Facts:
    """What a checklist file holds, for the question before a restore."""

    path: Path
    decisions: int | None  # None: it could not be read (``problem`` says why)
    newest: datetime | None  # the newest decision's date
    changed: datetime | None  # the file's modification time
    problem: str = ""

    def describe(self) -> str:
        when = f", file changed {dates.moment(self.changed)}" if self.changed else ""
        if self.decisions is None:
            return f"{self.path}: cannot be read ({self.problem}){when}"
        newest = f", newest decided {dates.day(self.newest)}" if self.newest else ""
        return f"{self.path}: {decisions(self.decisions)}{newest}{when}"


@dataclass(frozen=True)
class RestorePlan:
    source: Facts
    current: Facts | None  # None: there is no checklist file

    @property
    def loses_decisions(self) -> bool:
        """The backup has fewer decisions than the checklist it would replace."""
        current = self.current.decisions if self.current else None
        return current is not None and (self.source.decisions or 0) < current

    def describe(self) -> str:
        current = self.current.describe() if self.current else "(no checklist file)"
        return f"Replace the checklist\n  {current}\nwith the backup\n  {self.source.describe()}"


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    moved_aside: tuple[Path, ...]  # the previous checklist files, renamed, never deleted
    plan: RestorePlan | None = None


def _modified(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None


def read_facts(path: Path, key: KeySpec | None) -> Facts:
    """Count the decisions in ``path`` without changing it (no migration, no writes)."""
    changed = _modified(path)
    if is_empty_file(path):
        return Facts(path, None, None, changed, "the file is empty")
    try:
        database = Database.connect(path, key)
    except (NotADatabase, StoreError) as error:
        return Facts(path, None, None, changed, _why(error))
    try:
        database.probe()
        rows = database.query("SELECT count(*), max(decided_at) FROM decisions")
    except (NotADatabase, StoreError) as error:
        return Facts(path, None, None, changed, _why(error))
    finally:
        database.close()
    count, newest = rows[0]
    moment = None
    with contextlib.suppress(TypeError, ValueError):
        moment = datetime.fromisoformat(str(newest)).astimezone(UTC) if newest else None
    return Facts(path, int(count), moment, changed)


def _why(error: BaseException) -> str:
    """A short reason, to follow "cannot be read"."""
    if isinstance(error, NotADatabase):
        return "the key does not open it, or it is damaged"
    if isinstance(error, DatabaseDamagedError):
        return "it is damaged"
    if isinstance(error, NewerVersionError):
        return "it was written by a newer version of Privacy Review"
    if isinstance(error, StoreError):
        return error.message.rstrip(".")
    return str(error)


def _choose_source(layout: StoreLayout, backup: Path | None) -> Path:
    if backup is not None:
        return Path(backup)
    candidates = list_backups(layout.backups)
    if not candidates:
        raise BackupError(
            f"There is no backup in {layout.backups}.",
            "Import an export with `privacy-review import FILE` instead (move a damaged "
            "checklist file away first).",
        )
    return candidates[0]


def _source_protection(
    layout: StoreLayout, source: Path, passphrase: str | None
) -> tuple[Protection, FileKind]:
    kind = file_kind(source, "The backup")
    if kind in (FileKind.ABSENT, FileKind.UNKNOWN, FileKind.ZEROED):
        what = "missing" if not source.exists() else "empty or damaged"
        raise BackupError(
            f"{source} is not a checklist backup ({what}). Nothing was changed.",
            "Choose another backup: `privacy-review restore-backup FILE`.",
        )
    with contextlib.suppress(OSError):
        if source.resolve() == layout.database.resolve():
            raise BackupError(
                f"{source} is the checklist itself, not a backup. Nothing was changed.",
                f"Choose a backup from {layout.backups}.",
            )
    config = read_config(layout.config)
    return protection_for_existing(layout, config, kind, passphrase, subject=source), kind


def plan_restore(
    dirs: AppDirs, backup: Path | None = None, *, passphrase: str | None = None
) -> RestorePlan:
    """What a restore would replace with what, read without changing anything."""
    layout = StoreLayout.of(dirs)
    source = _choose_source(layout, backup)
    protection, _ = _source_protection(layout, source, passphrase)
    facts = read_facts(source, protection.key)
    if facts.decisions is None:
        raise _unusable_backup(source, protection, facts.problem)
    current = None
    if file_kind(layout.database) is not FileKind.ABSENT or is_empty_file(layout.database):
        current = read_facts(layout.database, protection.key)
    return RestorePlan(facts, current)


def _unusable_backup(source: Path, protection: Protection, problem: str) -> StoreError:
    if "key" in problem:
        what = "passphrase" if protection.mode is Mode.PASSPHRASE else "key"
        return WrongKeyError(
            f"The checklist's {what} does not open the backup {source}.",
            f"Use the {what} the backup was made with. Nothing was changed.",
        )
    return BackupError(
        f"The backup {source} cannot be used: {problem}. Nothing was changed.",
        "Choose another backup.",
    )


def restore_backup(
    dirs: AppDirs,
    backup: Path | None = None,
    *,
    passphrase: str | None = None,
    allow_fewer: bool = False,
    checkpoint: Checkpoint | None = None,
) -> RestoreResult:
    """Put a backup (default: the newest) in place of the checklist. The current file, if
    any, is renamed beside it, never deleted or overwritten. Refused while the checklist
    is open anywhere (StoreInUseError), and when the backup has fewer decisions than the
    checklist unless ``allow_fewer``."""
    step = checkpoint or (lambda _name: None)
    layout = StoreLayout.of(dirs)
    source = _choose_source(layout, backup)
    protection, _ = _source_protection(layout, source, passphrase)
    prepare_dir(layout.data)
    lock = hold_exclusive(layout.data)
    try:
        recover(layout.data)  # an earlier interrupted restore is settled first
        step("locked")
        plan = plan_restore(dirs, source, passphrase=passphrase)
        if plan.loses_decisions and not allow_fewer:
            assert plan.current is not None
            raise BackupError(
                f"The backup {source} holds {decisions(plan.source.decisions or 0)}, fewer than "
                f"the {plan.current.decisions} in your checklist, so it was not restored. "
                "Nothing was changed.",
                "Choose a newer backup, or confirm that you want the older one: run "
                "`privacy-review restore-backup` in a terminal and answer the question, or "
                "add --yes.",
            )
        temp = _copy_in(layout, source, step)
        _verify(temp, source, protection)
        step("verified")
        moved = _swap(layout, temp, source, step)
    finally:
        release(lock)
    return RestoreResult(source, tuple(moved), plan)


def _copy_in(layout: StoreLayout, source: Path, step: Checkpoint) -> Path:
    temp = layout.data / f"{TEMP_PREFIX}{secrets.token_hex(6)}.db"
    try:
        create_private_empty(temp)
        with open(open_regular(source), "rb") as reader, open(temp, "wb") as writer:
            while chunk := reader.read(1 << 20):
                writer.write(chunk)
        fsync_file(temp)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _copy_error(layout, source, error) from None
    step("copied")
    return temp


def _copy_error(layout: StoreLayout, source: Path, error: OSError) -> BackupError:
    if is_disk_full(error):
        return BackupError(
            f"{disk_full_message(layout.data)} The backup {source} could not be copied into "
            "place. Nothing was changed.",
            "Free some disk space and try again.",
        )
    return BackupError(
        f"The backup {source} could not be copied into place: {error.strerror or error}.",
        f"Check that {layout.data} is writable (not a read-only disk or folder) and has "
        "space. Nothing was changed.",
    )


def _verify(temp: Path, source: Path, protection: Protection) -> None:
    try:
        verify_copy(temp, protection.key, LATEST_VERSION)
    except (NotADatabase, StoreError) as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, NotADatabase):
            raise _unusable_backup(source, protection, "the key does not open it") from None
        raise BackupError(
            f"{error.message} Nothing was changed.", "Choose another backup."
        ) from None


def _swap(layout: StoreLayout, temp: Path, source: Path, step: Checkpoint) -> list[Path]:
    database = layout.database
    aside = aside_target(database, "replaced")
    moved: list[Path] = []
    try:
        write_journal(layout.data, Journal(temp.name, aside.name, str(source)))
        step("journal-written")
        for original, target, name in zip(
            (database, *companion_files(database)),
            (aside, *companion_files(aside)),
            ("moved-database", "moved-wal", "moved-shm"),
            strict=True,
        ):
            if original.exists():
                rename_no_replace(original, target)
                moved.append(target)
            step(name)
        rename_no_replace(temp, database)
        make_private(database)
        fsync_dir(layout.data)
        step("placed")
        remove_journal(layout.data)
        step("journal-removed")
    except OSError as error:
        # Put back what was moved, so the checklist is as it was; the journal does the
        # same on the next start if even this fails.
        with contextlib.suppress(OSError):
            recover(layout.data)
        with contextlib.suppress(OSError):
            temp.unlink()
        raise BackupError(
            f"The backup could not be put in place: {error.strerror or error}. The checklist "
            "was left as it was.",
            f"Check that {layout.data} is writable and has space, then try again.",
        ) from None
    return moved
