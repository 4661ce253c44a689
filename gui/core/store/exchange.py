"""The export file: an open, versioned JSON document with every decision and its history,
so a checklist can be moved, kept outside the app, or rebuilt after a lost key.

Import trusts nothing: the whole document is validated (size, nesting, types, ids,
statuses, dates, duplicates) before the store changes anything, and a refused file is
explained problem by problem.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

# Export ids follow the catalog's id rule: they name catalog entries.
from gui.core.catalog.rules import is_id
from gui.core.checklist import Decision, HistoryEntry, Status
from gui.core.store.errors import ImportRejectedError
from gui.core.store.files import read_limited

EXPORT_FORMAT = "privacy-review-checklist"
EXPORT_VERSION = 1

MAX_EXPORT_BYTES = 50_000_000
MAX_DECISIONS = 100_000
MAX_HISTORY = 1_000_000
MAX_NOTE_CHARS = 10_000
MAX_PROBLEMS = 50  # enough to explain a bad file without drowning the user

FINGERPRINT_RE = re.compile(r"^[0-9A-Za-z_-]{0,128}$")
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
# Clocks disagree a little between machines; a date further ahead is a bad file.
FUTURE_SLACK = timedelta(days=1)

TOP_FIELDS = ("format", "version", "exported_at", "app_version", "decisions", "history")
OPTIONAL_TOP_FIELDS = ("exported_at", "app_version")
DECISION_FIELDS = ("platform", "category", "status", "note", "decided_at", "fingerprint")
HISTORY_FIELDS = ("platform", "category", "old_status", "new_status", "note", "at")


def format_time(moment: datetime) -> str:
    """The one timestamp format of the store and the export: ISO 8601 in UTC with
    microseconds, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    """A stored timestamp back as an aware UTC datetime."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class ImportResult:
    decisions_added: int
    decisions_updated: int
    decisions_kept: int  # the file's decision was not newer than the one already stored
    history_added: int

    def __str__(self) -> str:
        return (
            f"{self.decisions_added} decisions added, {self.decisions_updated} updated, "
            f"{self.decisions_kept} kept (yours were as new or newer), "
            f"{self.history_added} history entries added"
        )


@dataclass(frozen=True)
class ValidExport:
    decisions: tuple[Decision, ...]
    history: tuple[HistoryEntry, ...]


def build_export(
    decisions: Iterable[Decision],
    history: Iterable[HistoryEntry],
    *,
    app_version: str,
    now: datetime,
) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": format_time(now),
        "app_version": app_version,
        "decisions": [
            {
                "platform": d.platform_id,
                "category": d.category_id,
                "status": d.status.value,
                "note": d.note,
                "decided_at": format_time(d.decided_at),
                "fingerprint": d.fingerprint,
            }
            for d in decisions
        ],
        "history": [
            {
                "platform": h.platform_id,
                "category": h.category_id,
                "old_status": h.old_status.value if h.old_status else None,
                "new_status": h.new_status.value,
                "note": h.note,
                "at": format_time(h.at),
            }
            for h in history
        ],
    }


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def parse_export_bytes(raw: bytes, name: str = "the file") -> object:
    """Parsed JSON, or ImportRejectedError. Size is capped before parsing; nesting too deep
    for the parser, huge numbers, NaN and duplicate keys are refused."""
    if len(raw) > MAX_EXPORT_BYTES:
        raise ImportRejectedError([f"{name} is larger than {MAX_EXPORT_BYTES // 1_000_000} MB"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportRejectedError([f"{name} is not UTF-8 text (byte {error.start})"]) from None
    try:
        return json.loads(
            text,
            object_pairs_hook=_reject_duplicate_keys,
            parse_constant=_reject_constant,
        )
    except RecursionError:
        raise ImportRejectedError([f"{name} is nested too deeply"]) from None
    except ValueError as error:  # JSONDecodeError, too many digits, duplicates, NaN
        raise ImportRejectedError([f"{name} is not valid JSON: {error}"]) from None


def read_export_file(path: Path) -> object:
    """The parsed JSON of an export file, or ImportRejectedError saying why not."""
    try:
        raw = read_limited(path, MAX_EXPORT_BYTES)
    except ValueError:
        raise ImportRejectedError(
            [f"{path} is larger than {MAX_EXPORT_BYTES // 1_000_000} MB"]
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ImportRejectedError([f"{path} could not be read: {reason}"]) from None
    return parse_export_bytes(raw, str(path))


def _type_name(value: object) -> str:
    return {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)


class _Checker:
    """Collects problems while reading typed values out of untrusted JSON."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {message}")

    def fields(
        self,
        value: object,
        where: str,
        names: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(where, f"expected an object, got {_type_name(value)}")
            return None
        for key in value:
            if key not in names:
                self.problem(f"{where}.{str(key)[:80]}", "unknown field")
        for key in names:
            if key not in value and key not in optional:
                self.problem(f"{where}.{key}", "missing field")
        return value

    def identifier(self, table: dict[str, Any], key: str, where: str) -> str | None:
        value = table.get(key)
        if not isinstance(value, str):
            if key in table:
                self.problem(f"{where}.{key}", f"expected text, got {_type_name(value)}")
            return None
        if not is_id(value):
            self.problem(
                f"{where}.{key}",
                f"{value[:80]!r} is not a valid id (lowercase letters, digits, hyphens)",
            )
            return None
        return value

    def status(
        self, table: dict[str, Any], key: str, where: str, *, nullable: bool = False
    ) -> Status | None | bool:
        """The status, None for an allowed null, or False when invalid."""
        value = table.get(key)
        if value is None and nullable and key in table:
            return None
        if not isinstance(value, str):
            if key in table:
                self.problem(f"{where}.{key}", f"expected a status, got {_type_name(value)}")
            return False
        try:
            return Status(value)
        except ValueError:
            allowed = ", ".join(s.value for s in Status)
            self.problem(
                f"{where}.{key}", f"unknown status {value[:80]!r}; expected one of: {allowed}"
            )
            return False

    def note(self, table: dict[str, Any], key: str, where: str) -> str | None:
        value = table.get(key)
        if not isinstance(value, str):
            if key in table:
                self.problem(f"{where}.{key}", f"expected text, got {_type_name(value)}")
            return None
        if len(value) > MAX_NOTE_CHARS:
            self.problem(f"{where}.{key}", f"longer than {MAX_NOTE_CHARS} characters")
            return None
        if "\x00" in value:
            self.problem(f"{where}.{key}", "contains a NUL character")
            return None
        return value

    def moment(self, table: dict[str, Any], key: str, where: str) -> datetime | None:
        value = table.get(key)
        if not isinstance(value, str):
            if key in table:
                self.problem(f"{where}.{key}", f"expected a date and time, got {_type_name(value)}")
            return None
        try:
            if len(value) > 40:
                raise ValueError
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.problem(f"{where}.{key}", f"malformed date and time {value[:80]!r}")
            return None
        if moment.tzinfo is None:
            self.problem(f"{where}.{key}", f"{value!r} has no time zone (write it in UTC)")
            return None
        moment = moment.astimezone(UTC)
        if moment < EARLIEST or moment > self.now + FUTURE_SLACK:
            self.problem(f"{where}.{key}", f"{value!r} is not a plausible date")
            return None
        return moment

    def fingerprint(self, table: dict[str, Any], key: str, where: str) -> str | None:
        value = table.get(key)
        if not isinstance(value, str) or not FINGERPRINT_RE.match(value):
            if key in table:
                self.problem(f"{where}.{key}", "expected a fingerprint (up to 128 letters/digits)")
            return None
        return value

    def items(self, data: dict[str, Any], key: str, limit: int) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list):
            if key in data:
                self.problem(key, f"expected a list, got {_type_name(value)}")
            return []
        if len(value) > limit:
            self.problem(key, f"more than {limit} entries")
            return []
        return value


def validate_export(data: object, *, now: datetime | None = None) -> ValidExport:
    """Check an export document completely; ImportRejectedError lists every problem."""
    checker = _Checker(now or datetime.now(UTC))
    top = checker.fields(data, "file", TOP_FIELDS, OPTIONAL_TOP_FIELDS)
    if top is None:
        raise ImportRejectedError(checker.problems)
    if top.get("format") != EXPORT_FORMAT:
        checker.problem("format", f"expected {EXPORT_FORMAT!r}: this is not a checklist export")
        raise ImportRejectedError(checker.problems)
    version = top.get("version")
    if type(version) is not int:
        checker.problem("version", f"expected a number, got {_type_name(version)}")
    elif version > EXPORT_VERSION:
        checker.problem(
            "version",
            f"written by a newer version of Privacy Review (export version {version}; "
            f"this version reads up to {EXPORT_VERSION})",
        )
    elif version < 1:
        checker.problem("version", f"unknown export version {version}")
    for key in ("exported_at", "app_version"):
        if key in top and not isinstance(top[key], str):
            checker.problem(key, f"expected text, got {_type_name(top[key])}")
    decisions = _decisions(checker, checker.items(top, "decisions", MAX_DECISIONS))
    history = _history(checker, checker.items(top, "history", MAX_HISTORY))
    if checker.problems:
        raise ImportRejectedError(checker.problems)
    return ValidExport(tuple(decisions), tuple(history))


def _decisions(checker: _Checker, items: list[Any]) -> list[Decision]:
    found: list[Decision] = []
    seen: set[tuple[str, str]] = set()
    for index, item in enumerate(items):
        where = f"decisions[{index}]"
        table = checker.fields(item, where, DECISION_FIELDS)
        if table is None:
            continue
        platform = checker.identifier(table, "platform", where)
        category = checker.identifier(table, "category", where)
        status = checker.status(table, "status", where)
        note = checker.note(table, "note", where)
        decided_at = checker.moment(table, "decided_at", where)
        fingerprint = checker.fingerprint(table, "fingerprint", where)
        if platform and category:
            if (platform, category) in seen:
                checker.problem(where, f"a second decision for {platform}/{category}")
            seen.add((platform, category))
        if (
            platform
            and category
            and isinstance(status, Status)
            and note is not None
            and decided_at is not None
            and fingerprint is not None
        ):
            found.append(Decision(platform, category, status, note, decided_at, fingerprint))
    return found


def _history(checker: _Checker, items: list[Any]) -> list[HistoryEntry]:
    found: list[HistoryEntry] = []
    for index, item in enumerate(items):
        where = f"history[{index}]"
        table = checker.fields(item, where, HISTORY_FIELDS)
        if table is None:
            continue
        platform = checker.identifier(table, "platform", where)
        category = checker.identifier(table, "category", where)
        old_status = checker.status(table, "old_status", where, nullable=True)
        new_status = checker.status(table, "new_status", where)
        note = checker.note(table, "note", where)
        at = checker.moment(table, "at", where)
        if (
            platform
            and category
            and old_status is not False
            and isinstance(new_status, Status)
            and note is not None
            and at is not None
        ):
            old = old_status if isinstance(old_status, Status) else None
            found.append(HistoryEntry(platform, category, old, new_status, note, at))
    return found
