"""The export file: an open, versioned JSON document with every decision and its history,
so a checklist can be moved, kept outside the app, or rebuilt after a lost key.

Import trusts nothing: the whole document is validated (size, nesting, then each entry
against the format's declaration in ``export_format``) before the store changes anything,
and a refused file is explained problem by problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gui.core.catalog.schema import type_name
from gui.core.checklist import Decision, HistoryEntry
from gui.core.store.errors import ImportRejectedError
from gui.core.store.export_format import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    LISTS,
    MAX_DECISIONS,
    MAX_EXPORT_BYTES,
    MAX_HISTORY,
    MAX_NOTE_CHARS,
    MAX_PROBLEMS,
    ExportChecker,
    ValidExport,
    clean_note,
    is_encodable,
    reject_constant,
    reject_duplicate_keys,
)
from gui.core.store.export_reader import load_export_text
from gui.core.store.files import read_limited

# The format's names are kept here too: the store, the commands and the tests use them
# from this module. MAX_DECISIONS and MAX_HISTORY are read from here when a file is checked.
__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "MAX_DECISIONS",
    "MAX_EXPORT_BYTES",
    "MAX_HISTORY",
    "MAX_NOTE_CHARS",
    "MAX_PROBLEMS",
    "ImportResult",
    "ValidExport",
    "build_export",
    "clean_note",
    "format_time",
    "is_encodable",
    "load_export_bytes",
    "parse_export_bytes",
    "parse_time",
    "read_export_file",
    "validate_export",
]


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
            object_pairs_hook=reject_duplicate_keys,
            parse_constant=reject_constant,
        )
    except RecursionError:
        raise ImportRejectedError([f"{name} is nested too deeply"]) from None
    except ValueError as error:  # JSONDecodeError, too many digits, duplicates, NaN
        raise ImportRejectedError([f"{name} is not valid JSON: {error}"]) from None


def load_export_bytes(
    raw: bytes, name: str = "the file", now: datetime | None = None
) -> ValidExport:
    """The checked content of an export file (a ValidExport), read entry by entry so that
    memory follows what is kept (``export_reader``); ImportRejectedError otherwise."""
    if len(raw) > MAX_EXPORT_BYTES:
        raise ImportRejectedError([f"{name} is larger than {MAX_EXPORT_BYTES // 1_000_000} MB"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportRejectedError([f"{name} is not UTF-8 text (byte {error.start})"]) from None
    del raw
    found = load_export_text(text, name, now, limits=(MAX_DECISIONS, MAX_HISTORY))
    if found is not None:
        return found
    if len(text) > 1_000_000:  # not an object, and large: no need to parse it to say so
        raise ImportRejectedError(["file: expected an object (a checklist export)"])
    return validate_export(parse_export_bytes(text.encode("utf-8"), name), now=now)


def read_export_file(path: Path) -> ValidExport:
    """The checked content of an export file (a ValidExport, accepted by ``import_json``
    and ``validate_export``), or ImportRejectedError saying why not. Only a regular file is
    read (a pipe or device would hang or never end), after its size is checked."""
    try:
        raw = read_limited(path, MAX_EXPORT_BYTES)
    except ValueError:
        raise ImportRejectedError(
            [f"{path} is larger than {MAX_EXPORT_BYTES // 1_000_000} MB"]
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ImportRejectedError([f"{path} could not be read: {reason}"]) from None
    return load_export_bytes(raw, str(path))


def validate_export(data: object, *, now: datetime | None = None) -> ValidExport:
    """Check an export document completely; ImportRejectedError lists every problem. An
    already checked one (from ``read_export_file``) is returned as it is."""
    if isinstance(data, ValidExport):
        return data
    if not isinstance(data, dict):
        raise ImportRejectedError([f"file: expected an object, got {type_name(data, json=True)}"])
    checker = ExportChecker(now or datetime.now(UTC))
    top = dict(data)
    entries: dict[str, list[Any]] = {}
    for key in LISTS:
        if isinstance(top.get(key), list):
            entries[key], top[key] = top[key], []  # the entries are checked one by one
    checker.top(top)
    if top.get("format") != EXPORT_FORMAT:
        raise ImportRejectedError(checker.problems)
    decisions: list[Decision] = []
    history: list[HistoryEntry] = []
    for key, limit in (("decisions", MAX_DECISIONS), ("history", MAX_HISTORY)):
        items = entries.get(key, [])
        if len(items) > limit:
            checker.problem(key, f"more than {limit} entries")
            continue
        for index, item in enumerate(items):
            if key == "decisions":
                if (decision := checker.decision(item, index)) is not None:
                    decisions.append(decision)
            elif (entry := checker.history(item, index)) is not None:
                history.append(entry)
    if checker.problems:
        raise ImportRejectedError(checker.problems)
    return ValidExport(tuple(decisions), tuple(history))
