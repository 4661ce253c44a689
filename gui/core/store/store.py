"""The open checklist: the user's decisions, their history, settings and policy
snapshots, in one SQLite/SQLCipher file. Qt-free; the GUI and the command line both use it.
How a file is opened (and refused) is in ``gui.core.store.opening``; recovery without an open
store in ``gui.core.store.recovery``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from gui import __version__
from gui.core.catalog.rules import is_id
from gui.core.checklist import DEFAULT_RECHECK_DAYS, Decision, HistoryEntry, Status
from gui.core.store.backups import daily_backup_path, make_backup, prune_daily
from gui.core.store.config import Mode
from gui.core.store.database import Database
from gui.core.store.errors import BackupError, StorageError, StoreError
from gui.core.store.exchange import (
    MAX_NOTE_CHARS,
    ImportResult,
    build_export,
    clean_note,
    format_time,
    is_encodable,
    parse_time,
    validate_export,
)
from gui.core.store.layout import Protection, StoreLayout, prepare_dir
from gui.core.store.locking import release
from gui.core.store.migrations import LATEST_VERSION
from gui.core.store.snapshots import PolicySnapshot

RECHECK_DAYS_SETTING = "recheck_days"
MAX_RECHECK_DAYS = 3650
MAX_SETTING_CHARS = 10_000

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """An open checklist. Every write is its own committed transaction: when a method
    returns, the change is on disk."""

    def __init__(
        self,
        layout: StoreLayout,
        database: Database,
        protection: Protection,
        *,
        created: bool,
        clock: Clock = utc_now,
    ) -> None:
        self._layout = layout
        self._db = database
        self._protection = protection
        self._clock = clock
        self.path: Path = layout.database
        self.encrypted: bool = protection.key is not None
        self.key_backend: str = protection.backend
        self.mode: Mode = protection.mode
        self.created: bool = created  # True when this open made a new, empty checklist
        # What opening found and settled (an interrupted restore), for the user to read.
        self.notices: list[str] = []
        self._in_use: int | None = None

    def attach(self, in_use: int | None, notices: list[str]) -> None:
        """Keep the shared in-use lock (see ``locking``) until ``close``."""
        self._in_use = in_use
        self.notices = list(notices)

    # --- where and how ------------------------------------------------------------------

    @property
    def backups_dir(self) -> Path:
        return self._layout.backups

    def describe_location(self) -> str:
        if self.mode is Mode.KEYRING:
            label = self.key_backend.removeprefix("keyring: ")
            return f"Checklist: {self.path}, encrypted (key in the system keyring: {label})"
        if self.mode is Mode.PASSPHRASE:
            return f"Checklist: {self.path}, encrypted (key from your passphrase)"
        return (
            f"Checklist: {self.path}, NOT encrypted: anyone who can read this file can read "
            "your checklist"
        )

    def schema_version(self) -> int:
        return self._db.user_version()

    # --- decisions ----------------------------------------------------------------------

    def decisions(self) -> list[Decision]:
        rows = self._db.query(
            "SELECT platform_id, category_id, status, note, decided_at, fingerprint "
            "FROM decisions ORDER BY platform_id, category_id"
        )
        return [_decision(row) for row in rows]

    def decision(self, platform_id: str, category_id: str) -> Decision | None:
        rows = self._db.query(
            "SELECT platform_id, category_id, status, note, decided_at, fingerprint "
            "FROM decisions WHERE platform_id = ? AND category_id = ?",
            (platform_id, category_id),
        )
        return _decision(rows[0]) if rows else None

    def record(
        self, platform_id: str, category_id: str, status: Status, note: str, fingerprint: str
    ) -> Decision:
        """Save a decision and append it to the history, in one transaction committed
        before returning. Recording the same status again is how a re-check is confirmed:
        it renews ``decided_at`` and the fingerprint."""
        _check_id(platform_id, "platform id")
        _check_id(category_id, "category id")
        status = Status(status)
        if not isinstance(note, str) or not isinstance(fingerprint, str):
            raise TypeError("note and fingerprint must be text")
        if not is_encodable(note):
            raise StoreError(
                "The note holds characters that are not valid text (lone surrogates, as from "
                "bytes that are not UTF-8); it was not saved.",
                "Type the note again, or pass it with --note-file in UTF-8.",
            )
        note = clean_note(note)
        if len(note) > MAX_NOTE_CHARS:
            raise StoreError(
                f"The note is too long ({len(note)} characters; at most {MAX_NOTE_CHARS}).",
                "Shorten the note and save again.",
            )
        decision = Decision(platform_id, category_id, status, note, self._clock(), fingerprint)
        at = format_time(decision.decided_at)
        with self._db.transaction("saved") as connection:
            row = connection.execute(
                "SELECT status FROM decisions WHERE platform_id = ? AND category_id = ?",
                (platform_id, category_id),
            ).fetchone()
            connection.execute(
                "INSERT INTO decisions (platform_id, category_id, status, note, decided_at, "
                "fingerprint) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (platform_id, category_id) DO UPDATE SET status = excluded.status, "
                "note = excluded.note, decided_at = excluded.decided_at, "
                "fingerprint = excluded.fingerprint",
                (platform_id, category_id, status.value, note, at, fingerprint),
            )
            connection.execute(
                "INSERT INTO history (platform_id, category_id, old_status, new_status, note, "
                "at) VALUES (?, ?, ?, ?, ?, ?)",
                (platform_id, category_id, row[0] if row else None, status.value, note, at),
            )
        return decision

    def history(self, platform_id: str, category_id: str) -> list[HistoryEntry]:
        """Every change of one decision, oldest first."""
        rows = self._db.query(
            "SELECT platform_id, category_id, old_status, new_status, note, at FROM history "
            "WHERE platform_id = ? AND category_id = ? ORDER BY at, id",
            (platform_id, category_id),
        )
        return [_history_entry(row) for row in rows]

    def all_history(self) -> list[HistoryEntry]:
        rows = self._db.query(
            "SELECT platform_id, category_id, old_status, new_status, note, at FROM history "
            "ORDER BY at, id"
        )
        return [_history_entry(row) for row in rows]

    # --- settings -----------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        rows = self._db.query("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else default

    def set_setting(self, key: str, value: str) -> None:
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("settings are text")
        if len(value) > MAX_SETTING_CHARS:
            raise ValueError(f"a setting holds at most {MAX_SETTING_CHARS} characters")
        with self._db.transaction("saved") as connection:
            connection.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def recheck_days(self) -> int:
        """Days after which a decision is due for a re-check (setting ``recheck_days``;
        a missing or unusable value means the default)."""
        value = self.get_setting(RECHECK_DAYS_SETTING)
        try:
            days = int(value) if value is not None else DEFAULT_RECHECK_DAYS
        except ValueError:
            return DEFAULT_RECHECK_DAYS
        return days if 1 <= days <= MAX_RECHECK_DAYS else DEFAULT_RECHECK_DAYS

    def set_recheck_days(self, days: int) -> None:
        if isinstance(days, bool) or not isinstance(days, int):
            raise TypeError("days must be a whole number")
        if not 1 <= days <= MAX_RECHECK_DAYS:
            raise ValueError(f"the re-check interval is 1 to {MAX_RECHECK_DAYS} days")
        self.set_setting(RECHECK_DAYS_SETTING, str(days))

    # --- policy snapshots (the policy-change watch) -------------------------------------

    def policy_snapshot(self, platform_id: str, policy_id: str) -> PolicySnapshot | None:
        rows = self._db.query(
            "SELECT platform_id, policy_id, url, checked_at, text, changed_at, previous_text "
            "FROM policy_snapshots WHERE platform_id = ? AND policy_id = ?",
            (platform_id, policy_id),
        )
        return _snapshot(rows[0]) if rows else None

    def save_policy_snapshot(self, snapshot: PolicySnapshot) -> None:
        changed_at = format_time(snapshot.changed_at) if snapshot.changed_at else None
        with self._db.transaction("saved") as connection:
            connection.execute(
                "INSERT INTO policy_snapshots (platform_id, policy_id, url, checked_at, text, "
                "changed_at, previous_text) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (platform_id, policy_id) DO UPDATE SET url = excluded.url, "
                "checked_at = excluded.checked_at, text = excluded.text, "
                "changed_at = excluded.changed_at, previous_text = excluded.previous_text",
                (
                    snapshot.platform_id,
                    snapshot.policy_id,
                    snapshot.url,
                    format_time(snapshot.checked_at),
                    snapshot.text,
                    changed_at,
                    snapshot.previous_text,
                ),
            )

    def policy_snapshots(self, platform_id: str | None = None) -> list[PolicySnapshot]:
        sql = (
            "SELECT platform_id, policy_id, url, checked_at, text, changed_at, previous_text "
            "FROM policy_snapshots"
        )
        if platform_id is None:
            rows = self._db.query(sql + " ORDER BY platform_id, policy_id")
        else:
            rows = self._db.query(sql + " WHERE platform_id = ? ORDER BY policy_id", (platform_id,))
        return [_snapshot(row) for row in rows]

    # --- backups ------------------------------------------------------------------------

    def daily_backup(self) -> Path | None:
        """Today's backup (UTC date), unless one exists: returns its path, or None when
        there already was one. Keeps the newest seven. Raises BackupError (the checklist
        itself is fine then; show it as a warning)."""
        target = daily_backup_path(self._layout.backups, self._clock().date())
        if target.exists():
            return None
        try:
            prepare_dir(self._layout.backups)
        except StorageError as error:
            raise BackupError(error.message, error.recovery) from None
        make_backup(self._db, target, self._protection.key, LATEST_VERSION)
        prune_daily(self._layout.backups)
        return target

    # --- export and import --------------------------------------------------------------

    def export_json(self) -> dict[str, object]:
        return build_export(
            self.decisions(), self.all_history(), app_version=__version__, now=self._clock()
        )

    def import_json(self, data: object) -> ImportResult:
        """Validate ``data`` completely, then merge it in one transaction: a decision from
        the file replaces ours only when it is newer; history entries are added unless
        already present. Raises ImportRejectedError, changing nothing, on any problem."""
        valid = validate_export(data, now=self._clock())
        added = updated = kept = history_added = 0
        with self._db.transaction("imported") as connection:
            current = {
                (row[0], row[1]): row
                for row in connection.execute(
                    "SELECT platform_id, category_id, status, decided_at FROM decisions"
                )
            }
            entries = {
                tuple(row)
                for row in connection.execute(
                    "SELECT platform_id, category_id, old_status, new_status, note, at FROM history"
                )
            }
            changes = {(e[0], e[1], e[3], e[4], e[5]) for e in entries}

            def append(p: str, c: str, old: str | None, new: str, note: str, at: str) -> None:
                nonlocal history_added
                connection.execute(
                    "INSERT INTO history (platform_id, category_id, old_status, new_status, "
                    "note, at) VALUES (?, ?, ?, ?, ?, ?)",
                    (p, c, old, new, note, at),
                )
                entries.add((p, c, old, new, note, at))
                changes.add((p, c, new, note, at))
                history_added += 1

            for entry in sorted(valid.history, key=lambda e: e.at):
                old = entry.old_status.value if entry.old_status else None
                row = (
                    entry.platform_id,
                    entry.category_id,
                    old,
                    entry.new_status.value,
                    entry.note,
                    format_time(entry.at),
                )
                if row not in entries:
                    append(*row)
            for decision in valid.decisions:
                key = (decision.platform_id, decision.category_id)
                mine = current.get(key)
                if mine is not None and decision.decided_at <= parse_time(mine[3]):
                    kept += 1
                    continue
                at = format_time(decision.decided_at)
                connection.execute(
                    "INSERT INTO decisions (platform_id, category_id, status, note, "
                    "decided_at, fingerprint) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (platform_id, category_id) DO UPDATE SET "
                    "status = excluded.status, note = excluded.note, "
                    "decided_at = excluded.decided_at, fingerprint = excluded.fingerprint",
                    (*key, decision.status.value, decision.note, at, decision.fingerprint),
                )
                if mine is None:
                    added += 1
                else:
                    updated += 1
                # Every change of a decision is in the history, even when the file
                # (hand-written, or trimmed) left its entry out.
                new = decision.status.value
                if (*key, new, decision.note, at) not in changes:
                    append(*key, mine[2] if mine else None, new, decision.note, at)
        return ImportResult(added, updated, kept, history_added)

    def integrity_problems(self) -> list[str]:
        """SQLite's full integrity check (empty when sound)."""
        return self._db.check_integrity(quick=False)

    def close(self) -> None:
        self._db.close()
        fd, self._in_use = self._in_use, None
        release(fd)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --- rows -------------------------------------------------------------------------------


def _decision(row: tuple[object, ...]) -> Decision:
    return Decision(
        platform_id=str(row[0]),
        category_id=str(row[1]),
        status=Status(str(row[2])),
        note=str(row[3]),
        decided_at=parse_time(str(row[4])),
        fingerprint=str(row[5]),
    )


def _history_entry(row: tuple[object, ...]) -> HistoryEntry:
    return HistoryEntry(
        platform_id=str(row[0]),
        category_id=str(row[1]),
        old_status=Status(str(row[2])) if row[2] is not None else None,
        new_status=Status(str(row[3])),
        note=str(row[4]),
        at=parse_time(str(row[5])),
    )


def _snapshot(row: tuple[object, ...]) -> PolicySnapshot:
    return PolicySnapshot(
        platform_id=str(row[0]),
        policy_id=str(row[1]),
        url=str(row[2]),
        checked_at=parse_time(str(row[3])),
        text=str(row[4]),
        changed_at=parse_time(str(row[5])) if row[5] is not None else None,
        previous_text=str(row[6]) if row[6] is not None else None,
    )


def _check_id(value: object, what: str) -> None:
    if not is_id(value):
        raise ValueError(f"invalid {what}: {value!r}")
