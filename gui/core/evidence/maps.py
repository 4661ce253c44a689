"""The evidence maps in ``resources/evidence/<platform>.toml``: which file and field of a
platform's export is evidence for which catalog category, and how it is summed up. The
schema is ``resources/schemas/evidence.schema.json``; ``jsonschema`` is imported only when a
map is validated (see ``gui.core.catalog.schema`` for the same pattern)."""

from __future__ import annotations

import json
import string
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from gui.core.resources import resource_path

SCHEMA_FILE = ("schemas", "evidence.schema.json")
PLACEHOLDERS = frozenset({"count", "first", "last", "range", "examples", "value", "group"})
CHECK_PLACEHOLDERS = PLACEHOLDERS | {"decided", "status"}


class MapError(ValueError):
    """A broken evidence map (a bundled file: the installation is damaged)."""


@dataclass(frozen=True)
class Where:
    field: str
    equals: str | bool | float | None = None
    any_of: tuple[str, ...] = ()
    not_empty: bool = False


@dataclass(frozen=True)
class Evidence:
    id: str
    platform_id: str  # catalog platform
    category_id: str
    file: str
    format: str
    summary: str
    text: str
    items: str = "item"
    columns: tuple[str, ...] = ()
    field: str | None = None
    dates: str | None = None
    where: Where | None = None
    split: str | None = None
    examples: int = 3
    per_file: bool = False


@dataclass(frozen=True)
class Check:
    evidence: str
    when: tuple[str, ...]
    kind: str
    text: str


@dataclass(frozen=True)
class EvidenceMap:
    platform: str
    name: str
    export: str
    detect: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    checks: tuple[Check, ...]
    mojibake: bool = False

    def entry(self, evidence_id: str) -> Evidence | None:
        return next((e for e in self.evidence if e.id == evidence_id), None)


@cache
def evidence_schema() -> dict[str, Any]:
    with resource_path(*SCHEMA_FILE).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def map_problems(data: dict[str, Any], shown: str) -> list[str]:
    """Every way ``data`` departs from the schema or the rules a schema cannot say, as
    lines "file: place: problem"."""
    import jsonschema  # only when a map is validated

    validator = jsonschema.Draft202012Validator(evidence_schema())
    problems = []
    for error in validator.iter_errors(data):
        place = ".".join(str(part) for part in error.absolute_path) or "(top)"
        message = error.message
        schema = error.schema if isinstance(error.schema, dict) else {}
        if "x-message" in schema and error.validator in ("pattern", "const"):
            message = str(schema["x-message"]).format(value=error.instance)
        problems.append(f"{shown}: {place}: {message}")
    if problems:
        return sorted(problems)
    ids = [entry["id"] for entry in data["evidence"]]
    for index, entry in enumerate(data["evidence"]):
        where = f"{shown}: evidence.{index}"
        if ids.count(entry["id"]) > 1:
            problems.append(f"{where}: duplicate evidence id {entry['id']!r}")
        problems.extend(f"{where}: {p}" for p in _text_problems(entry["text"], PLACEHOLDERS))
        if entry["format"] == "csv" and "columns" not in entry:
            problems.append(f"{where}: a csv entry needs columns")
        needs_field = entry["summary"] in ("distinct", "values", "examples", "value")
        if needs_field and entry["format"] == "csv" and "field" not in entry:
            problems.append(f"{where}: summary {entry['summary']!r} of a csv needs a field")
        if entry["summary"] == "date-range" and "dates" not in entry:
            problems.append(f"{where}: summary 'date-range' needs dates")
    for index, check in enumerate(data.get("check", ())):
        where = f"{shown}: check.{index}"
        if check["evidence"] not in ids:
            problems.append(f"{where}: unknown evidence {check['evidence']!r}")
        problems.extend(f"{where}: {p}" for p in _text_problems(check["text"], CHECK_PLACEHOLDERS))
    return problems


def _text_problems(text: str, allowed: frozenset[str]) -> list[str]:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        return [f"text: {error}"]
    return [f"text: unknown placeholder {{{name}}}" for name in sorted(names - allowed)]


def _build(data: dict[str, Any]) -> EvidenceMap:
    default_platform = str(data.get("catalog_platform", data["platform"]))
    entries = []
    for raw in data["evidence"]:
        platform_id, _, category_id = str(raw["category"]).rpartition("/")
        where = raw.get("where")
        entries.append(
            Evidence(
                id=raw["id"],
                platform_id=platform_id or default_platform,
                category_id=category_id,
                file=raw["file"],
                format=raw["format"],
                summary=raw["summary"],
                text=raw["text"],
                items=raw.get("items", "item"),
                columns=tuple(raw.get("columns", ())),
                field=raw.get("field"),
                dates=raw.get("dates"),
                where=Where(
                    field=where["field"],
                    equals=where.get("equals"),
                    any_of=tuple(where.get("in", ())),
                    not_empty=bool(where.get("not_empty")),
                )
                if where
                else None,
                split=raw.get("split"),
                examples=int(raw.get("examples", 3)),
                per_file=bool(raw.get("per_file", False)),
            )
        )
    checks = tuple(
        Check(c["evidence"], tuple(c["when"]), c["kind"], c["text"]) for c in data.get("check", ())
    )
    return EvidenceMap(
        platform=data["platform"],
        name=data["name"],
        export=data["export"],
        detect=tuple(data["detect"]),
        evidence=tuple(entries),
        checks=checks,
        mojibake=bool(data.get("mojibake", False)),
    )


def parse_map(path: Path) -> EvidenceMap:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise MapError(f"{path.name}: cannot be read: {error}") from None
    problems = map_problems(data, path.name)
    if problems:
        raise MapError("\n".join(problems))
    return _build(data)


def maps_dir() -> Path:
    return resource_path("evidence")


@cache
def bundled_maps() -> tuple[EvidenceMap, ...]:
    """Every bundled map, validated, in file-name order."""
    return tuple(parse_map(path) for path in sorted(maps_dir().glob("*.toml")))


def with_article(name: str) -> str:
    """ "an X export", "a LinkedIn export": the article for a platform name as said aloud."""
    return f"an {name}" if name[:1].upper() in "AEIOUX" else f"a {name}"


def find_map(platform: str) -> EvidenceMap | None:
    return next((m for m in bundled_maps() if m.platform == platform), None)
