"""The checklist export format: its one declaration, ``resources/schemas/export.schema.json``,
applied entry by entry, plus the checks a schema cannot express (dates that parse, carry a
time zone and are plausible; notes a database can hold; one decision per category; the
list limits). Every failure becomes a plain problem naming the field: ``decisions[3].status:
unknown status 'maybe'; expected one of: ...``.

The document is never validated whole: the reader (``export_reader``) hands each entry of
``decisions`` and ``history`` over as it is read, and the top-level fields once the lists
are walked, so memory follows the entries kept. ``jsonschema`` is imported only when a file
is checked, never at start-up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from gui.core.catalog.rules import strip_controls
from gui.core.catalog.schema import type_name
from gui.core.checklist import Decision, HistoryEntry, Status
from gui.core.resources import resource_path

SCHEMA_FILE = ("schemas", "export.schema.json")

EXPORT_FORMAT = "privacy-review-checklist"
EXPORT_VERSION = 1

MAX_EXPORT_BYTES = 50_000_000
MAX_DECISIONS = 100_000
MAX_HISTORY = 1_000_000
# Also declared in the schema (``$defs.note.maxLength``); a test keeps the two equal. The
# store checks notes against it on every save, which must not read the schema.
MAX_NOTE_CHARS = 10_000
MAX_PROBLEMS = 50  # enough to explain a bad file without drowning the user

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
# Clocks disagree a little between machines; a date further ahead is a bad file.
FUTURE_SLACK = timedelta(days=1)
MAX_MOMENT_CHARS = 40

LISTS = ("decisions", "history")
NOT_AN_EXPORT = f"expected {EXPORT_FORMAT!r}: this is not a checklist export"


@dataclass(frozen=True)
class ValidExport:
    decisions: tuple[Decision, ...]
    history: tuple[HistoryEntry, ...]


def reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def is_encodable(text: str) -> bool:
    """False for text holding lone surrogates (JSON "\\ud800", undecodable bytes in a
    command line), which UTF-8, and so the database, cannot hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean_note(text: str) -> str:
    """A note as stored: control characters (escape sequences, backspaces...) removed so
    it can never drive a terminal or hide text; tabs and newlines kept."""
    return strip_controls(text)


@cache
def export_schema() -> dict[str, Any]:
    with resource_path(*SCHEMA_FILE).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


DECISION = "#/$defs/decision"
HISTORY_ENTRY = "#/$defs/history-entry"


@dataclass(frozen=True)
class _Validators:
    top: Any
    decision: Any
    history: Any


@cache
def _validators() -> _Validators:
    import jsonschema  # only when a file is imported: ~100 ms to import

    root = export_schema()

    def part(name: str) -> Any:
        return jsonschema.Draft202012Validator({"$ref": name, "$defs": root["$defs"]})

    return _Validators(jsonschema.Draft202012Validator(root), part(DECISION), part(HISTORY_ENTRY))


def _expected(schema: dict[str, Any]) -> str:
    if "x-type" in schema:
        return str(schema["x-type"])
    kinds = {"string": "text", "integer": "a number", "array": "a list", "object": "an object"}
    return kinds.get(str(schema.get("type")), str(schema.get("type")))


def _field(where: str, parts: Iterable[object]) -> str:
    """``decisions[3].status`` for the path ``status`` inside the entry ``decisions[3]``;
    top-level fields are named on their own (``version``), the document is ``file``."""
    name = where
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += ("." if name else "") + str(part)[:80]
    return name or "file"


def _describe(error: Any, where: str) -> list[tuple[str, str]]:
    """(field, message) for one schema failure, in the words of this format."""
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    here = _field(where, error.absolute_path)
    kind = error.validator
    if kind == "required":
        return [
            (f"{here}.{key}", "missing field") for key in error.validator_value if key not in value
        ]
    if kind == "additionalProperties":
        known = set(schema.get("properties", {}))
        return [(f"{here}.{str(key)[:80]}", "unknown field") for key in value if key not in known]
    if kind == "type":
        return [(here, f"expected {_expected(schema)}, got {type_name(value, json=True)}")]
    if "x-message" in schema:
        allowed = ", ".join(str(v) for v in schema.get("enum", ()) if v is not None)
        shown = value[:80] if isinstance(value, str) else value
        return [(here, str(schema["x-message"]).format(value=shown, allowed=allowed))]
    return [(here, str(error.message))]


# --- A quick first look. jsonschema takes ~0.4 ms an entry, minutes for a large export,
# so each entry is first matched against the same schema by this small reader of the
# keywords the export schema uses; only an entry it does not pass goes to jsonschema, which
# decides and words the problems. It is never more lenient than jsonschema: a keyword it
# does not know sends the entry to jsonschema (a test compares the two on hostile entries).

_TYPES: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: type(v) is int,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}
_NOTES = frozenset(("$comment", "description", "format", "title"))


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b


Check = Callable[[object], bool]


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def run(value: object) -> bool:
        for check in checks:  # noqa: SIM110 - a loop: all() with a generator is slower here
            if not check(value):
                return False
        return True

    return run


def _fields(fields: dict[str, Check]) -> Check:
    def run(value: object) -> bool:
        if isinstance(value, dict):
            for key, item in value.items():
                check = fields.get(key)
                if check is not None and not check(item):
                    return False
        return True

    return run


def _keyword(schema: dict[str, Any], keyword: str, rule: Any) -> Check | None:
    """The check of one keyword; None for a keyword not read here."""
    if keyword == "$ref":
        return _compiled(rule)
    if keyword == "type":
        kinds = [_TYPES[kind] for kind in (rule if isinstance(rule, list) else [rule])]
        if len(kinds) == 1:
            return kinds[0]
        return lambda v: any(kind(v) for kind in kinds)
    if keyword == "enum" and all(isinstance(a, str) or a is None for a in rule):
        allowed = frozenset(rule)  # text only equals text: no True == 1 to guard against
        return lambda v: (v is None or isinstance(v, str)) and v in allowed
    if keyword == "enum":
        return lambda v: any(_same(v, allowed) for allowed in rule)
    if keyword == "const":
        return lambda v: _same(v, rule)
    if keyword == "pattern":
        search = re.compile(rule).search
        return lambda v: not isinstance(v, str) or search(v) is not None
    if keyword == "maxLength":
        return lambda v: not isinstance(v, str) or len(v) <= rule
    if keyword == "minimum":
        return lambda v: type(v) is not int or v >= rule
    if keyword == "not" and set(rule) == {"pattern"}:  # only the "no newline" form
        found = re.compile(rule["pattern"]).search
        return lambda v: isinstance(v, str) and found(v) is None
    if keyword == "required":
        return lambda v: not isinstance(v, dict) or all(key in v for key in rule)
    if keyword == "additionalProperties" and rule is False:
        known = frozenset(schema.get("properties", {}))
        return lambda v: not isinstance(v, dict) or known.issuperset(v)
    if keyword == "properties":
        return _fields({key: _compile(part) for key, part in rule.items()})
    if keyword == "items":
        each = _compile(rule)
        return lambda v: not isinstance(v, list) or all(each(item) for item in v)
    return None


def _compile(schema: dict[str, Any]) -> Check:
    checks: list[Check] = []
    for keyword, rule in schema.items():
        if keyword in _NOTES or keyword.startswith("x-"):
            continue
        check = _keyword(schema, keyword, rule)
        if check is None:
            return lambda _value: False  # a keyword not read here: jsonschema decides
        checks.append(check)
    return _all(checks)


@cache
def _compiled(ref: str) -> Check:
    return _compile(export_schema()["$defs"][ref.removeprefix("#/$defs/")])


def conforms(ref: str, value: object) -> bool:
    """True only when ``value`` certainly passes the part ``ref`` of the export schema
    (``#/$defs/decision``)."""
    return _compiled(ref)(value)


def _schema_problems(validator: Any, value: object, where: str) -> dict[str, str]:
    """One problem per field, the type first: a number where text belongs is "expected
    text", not also "not a valid id"."""
    errors = sorted(validator.iter_errors(value), key=lambda error: error.validator != "type")
    found: dict[str, str] = {}
    for error in errors:
        for field, message in _describe(error, where):
            found.setdefault(field, message)
    return found


class ExportChecker:
    """Collects the problems of one export file, entry by entry."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.problems: list[str] = []
        self.validators = _validators()
        self.seen: set[tuple[str, str]] = set()

    def problem(self, where: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {message}")

    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def _report(self, found: dict[str, str]) -> None:
        for field, message in found.items():
            self.problem(field, message)

    def top(self, top: dict[str, Any]) -> None:
        """The top-level fields, with each list already walked (an empty list stands for
        one whose entries were checked on their own)."""
        found = _schema_problems(self.validators.top, top, "")
        if top.get("format") != EXPORT_FORMAT:
            # Not an export at all: say so first, and only what else is wrong in shape.
            shape = [
                f"{field}: {message}"
                for field, message in found.items()
                if field.startswith("file.") and field != "file.format"
            ]
            earlier = [p for p in self.problems if not p.startswith(("decisions[", "history["))]
            self.problems = [f"format: {NOT_AN_EXPORT}", *earlier, *shape][:MAX_PROBLEMS]
            return
        self._report(found)
        version = top.get("version")
        if "version" not in found and isinstance(version, int) and version > EXPORT_VERSION:
            self.problem(
                "version",
                f"written by a newer version of Privacy Review (export version {version}; "
                f"this version reads up to {EXPORT_VERSION})",
            )

    def decision(self, item: object, index: int) -> Decision | None:
        where = f"decisions[{index}]"
        found = (
            {}
            if conforms(DECISION, item)
            else _schema_problems(self.validators.decision, item, where)
        )
        if found or not isinstance(item, dict):
            self._report(found)
            return None
        note = self._note(item["note"], f"{where}.note")
        decided_at = self._moment(item["decided_at"], f"{where}.decided_at")
        key = (item["platform"], item["category"])
        if key in self.seen:
            self.problem(where, f"a second decision for {key[0]}/{key[1]}")
            return None
        self.seen.add(key)
        if note is None or decided_at is None:
            return None
        return Decision(
            key[0], key[1], Status(item["status"]), note, decided_at, item["fingerprint"]
        )

    def history(self, item: object, index: int) -> HistoryEntry | None:
        where = f"history[{index}]"
        found = (
            {}
            if conforms(HISTORY_ENTRY, item)
            else _schema_problems(self.validators.history, item, where)
        )
        if found or not isinstance(item, dict):
            self._report(found)
            return None
        note = self._note(item["note"], f"{where}.note")
        at = self._moment(item["at"], f"{where}.at")
        if note is None or at is None:
            return None
        old = Status(item["old_status"]) if item["old_status"] is not None else None
        return HistoryEntry(
            item["platform"], item["category"], old, Status(item["new_status"]), note, at
        )

    def _note(self, value: str, where: str) -> str | None:
        if "\x00" in value:
            self.problem(where, "contains a NUL character")
            return None
        if not is_encodable(value):
            self.problem(where, "contains a lone surrogate, which is not valid text")
            return None
        return clean_note(value)

    def _moment(self, value: str, where: str) -> datetime | None:
        try:
            if len(value) > MAX_MOMENT_CHARS:
                raise ValueError
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.problem(where, f"malformed date and time {value[:80]!r}")
            return None
        if moment.tzinfo is None:
            self.problem(where, f"{value!r} has no time zone (write it in UTC)")
            return None
        moment = moment.astimezone(UTC)
        if moment < EARLIEST or moment > self.now + FUTURE_SLACK:
            self.problem(where, f"{value!r} is not a plausible date")
            return None
        return moment
