"""The catalog format's one declaration, ``resources/schemas/catalog.schema.json``, applied
to a parsed file, with every failure turned into a plain problem: file, entry and field.

``jsonschema`` is imported only here and only when a file is validated; start-up reads the
validated catalog from the cache (``gui.core.catalog.cache``) and never gets this far.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from functools import cache
from typing import Any

from gui.core.catalog.problems import Problem
from gui.core.resources import resource_path

SCHEMA_FILE = ("schemas", "catalog.schema.json")
# Lists of single values whose problems are named after the list ("topics: ..."), not the item.
SCALAR_LISTS = ("topics", "regions", "domains", "see_also")


@cache
def catalog_schema() -> dict[str, Any]:
    with resource_path(*SCHEMA_FILE).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def schema_enum(name: str) -> tuple[str, ...]:
    """The allowed values of one enumerated definition in the schema (``topic``, ...)."""
    return tuple(catalog_schema()["$defs"][name]["enum"])


def type_name(value: object, *, json: bool = False) -> str:
    """A value's type in plain words; ``json`` names tables and null as a JSON file's
    reader knows them (the checklist export, ``gui.core.store.export_format``)."""
    if json and isinstance(value, dict):
        return "an object"
    if json and value is None:
        return "null"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time"
    return {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


def _expected(schema: dict[str, Any]) -> str:
    if "x-type" in schema:
        return str(schema["x-type"])
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        item_kind = _resolve(items).get("type")
        if item_kind == "object":
            return "a list of tables"
        if item_kind == "string" or "enum" in _resolve(items):
            return "a list of text"
        return "a list"
    return {
        "string": "text",
        "object": "a table",
        "integer": "a number",
        "boolean": "true/false",
    }.get(str(kind), str(kind))


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: dict[str, Any] = catalog_schema()["$defs"][ref.removeprefix("#/$defs/")]
        return resolved
    return schema


# The fields that hold dates. TOML has a date type and JSON has not: the schema describes a
# date as ISO text, so TOML dates in these fields are handed to it as such.
DATE_FIELDS = ("effective", "policy_date", "verified", "read")


def _for_schema(value: Any, key: str = "") -> Any:
    """The parsed file as the schema sees it: TOML dates in date fields as ISO text. Dates
    elsewhere, and date-times anywhere, stay objects, so that they fail as "a date" or "a
    date and time" rather than pass as text."""
    if isinstance(value, dict):
        return {name: _for_schema(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_for_schema(item) for item in value]
    if key in DATE_FIELDS and isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return value


def _place(data: dict[str, Any], path: list[str | int]) -> tuple[str, str]:
    """(entry, field) for a path into the file, as the loader names them: the entry is the
    platform or ``platform/category``; the field is relative to it (``quote.text``,
    ``links[0].url``, ``steps[1]``)."""
    raw_id = data.get("id")
    platform_id = raw_id if isinstance(raw_id, str) else ""
    entry = platform_id
    parts = list(path)
    if len(parts) >= 2 and parts[0] == "categories" and isinstance(parts[1], int):
        categories = data.get("categories")
        category = categories[parts[1]] if isinstance(categories, list) else None
        category_id = category.get("id") if isinstance(category, dict) else None
        if len(parts) == 3 and parts[2] == "id" or not isinstance(category_id, str):
            entry = platform_id
            parts = [f"categories[{parts[1]}]", *parts[2:]]
        else:
            entry = f"{platform_id}/{category_id}"
            parts = parts[2:]
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += ("." if name else "") + part
    return entry, name


def schema_problems(data: dict[str, Any], shown: str) -> list[Problem]:
    """Every way ``data`` departs from the schema, as plain problems."""
    import jsonschema  # only when a file is validated: ~100 ms to import

    validator = jsonschema.Draft202012Validator(catalog_schema())
    problems: list[Problem] = []
    for error in validator.iter_errors(_for_schema(data)):
        problems.extend(_problems(error, data, shown))
    return sorted(set(problems), key=lambda p: (p.entry, p.field, p.message))


def _problems(error: Any, data: dict[str, Any], shown: str) -> list[Problem]:
    path = list(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = [key for key in error.validator_value if key not in value]
        return [
            Problem(shown, *_place(data, [*path, key]), "missing required field") for key in missing
        ]
    if kind == "additionalProperties":
        known = set(schema.get("properties", {}))
        extra = [key for key in value if key not in known]
        return [Problem(shown, *_place(data, [*path, key]), "unknown field") for key in extra]
    if kind in ("enum", "pattern", "const") and "x-message" in schema:
        allowed = ", ".join(str(v) for v in schema.get("enum", ()))
        message = str(schema["x-message"]).format(value=value, allowed=allowed)
        if len(path) >= 2 and isinstance(path[-1], int) and path[-2] in SCALAR_LISTS:
            path = path[:-1]  # "topics: unknown topic 'x'", not "topics[2]"
        return [Problem(shown, *_place(data, path), message)]
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        message = f"unknown value {value!r}; expected one of: {allowed}"
    elif kind == "type":
        message = f"expected {_expected(schema)}, got {type_name(value)}"
        if "x-message" in schema and schema.get("type") == "array":
            message = str(schema["x-message"])
    elif kind == "minItems":
        message = str(schema.get("x-empty", "must not be empty"))
    elif kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        message = "must not be empty"
    elif kind == "maxLength":
        message = f"is {len(value)} characters; the limit is {error.validator_value}"
    elif kind == "maxItems":
        message = f"has {len(value)} entries; the limit is {error.validator_value}"
    elif kind == "uniqueItems":
        message = "duplicate entry"
    else:
        message = error.message
    return [Problem(shown, *_place(data, path), message)]
