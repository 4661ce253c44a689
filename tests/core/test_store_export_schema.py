"""The export format's one declaration (resources/schemas/export.schema.json): it agrees with
the code's own names for the same facts, describes what the app writes, and the quick
first look at each entry is never more lenient than jsonschema itself."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import jsonschema
import pytest

from gui.core.catalog.rules import is_id
from gui.core.checklist import Decision, HistoryEntry, Status
from gui.core.store import exchange, export_format
from gui.core.store.errors import ImportRejectedError
from gui.core.store.export_format import DECISION, HISTORY_ENTRY, conforms, export_schema

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DEFS = export_schema()["$defs"]

GOOD_DECISION: dict[str, Any] = {
    "platform": "x",
    "category": "ads-on-activity",
    "status": "kept",
    "note": "fine",
    "decided_at": "2026-03-01T09:00:00.000000+00:00",
    "fingerprint": "abc_123-Z",
}
GOOD_HISTORY: dict[str, Any] = {
    "platform": "x",
    "category": "ads-on-activity",
    "old_status": None,
    "new_status": "kept",
    "note": "",
    "at": "2026-03-01T09:00:00.000000+00:00",
}
# Values that are wrong somewhere, or right somewhere: every field gets each of them.
ODD_VALUES: list[object] = [
    None, True, False, 0, 1, 1.0, -5, "", " ", "x", "X", "a-", "-a", "a--b", "a\n", "\n",
    "a" * 64, "a" * 65, "kept", "later", "maybe", "<script>", "f" * 128, "f" * 129,
    "n" * 10_000, "n" * 10_001, "2026-03-01T09:00:00+00:00", [], ["kept"], {}, {"a": 1},
]  # fmt: skip


def entry_variants(good: dict[str, Any]) -> list[object]:
    variants: list[object] = [good, [], "x", None, 5, {}]
    for field in good:
        missing = copy.deepcopy(good)
        del missing[field]
        variants.append(missing)
        for value in ODD_VALUES:
            changed = copy.deepcopy(good)
            changed[field] = value
            variants.append(changed)
    variants.append({**good, "extra": 1})
    return variants


def jsonschema_validator(ref: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({"$ref": ref, "$defs": DEFS})


@pytest.mark.parametrize(
    ("ref", "good"), [(DECISION, GOOD_DECISION), (HISTORY_ENTRY, GOOD_HISTORY)]
)
def test_the_quick_look_never_passes_what_jsonschema_refuses(
    ref: str, good: dict[str, Any]
) -> None:
    validator = jsonschema_validator(ref)
    disagreements = [
        variant
        for variant in entry_variants(good)
        if conforms(ref, variant) and not validator.is_valid(variant)
    ]
    assert disagreements == []
    # ...and it is not simply refusing everything: good entries pass both.
    assert conforms(ref, good) and validator.is_valid(good)
    passed = sum(conforms(ref, v) for v in entry_variants(good))
    assert passed > len(good)  # e.g. other ids, notes and fingerprints that are fine


def test_the_schema_names_the_statuses_limits_and_format_the_code_uses() -> None:
    schema = export_schema()
    assert DEFS["status"]["enum"] == [status.value for status in Status]
    assert DEFS["status-or-null"]["enum"] == [*(status.value for status in Status), None]
    assert DEFS["note"]["maxLength"] == export_format.MAX_NOTE_CHARS
    assert schema["properties"]["format"]["const"] == export_format.EXPORT_FORMAT
    assert schema["properties"]["version"]["minimum"] == 1


@pytest.mark.parametrize(
    "text", ["x", "ads-on-activity", "a1-b2", "", "A", "a-", "-a", "a--b", "a\n", "a b", "a" * 65]
)
def test_the_schema_id_is_the_catalog_id_rule(text: str) -> None:
    assert jsonschema_validator("#/$defs/id").is_valid(text) == is_id(text)


def test_what_the_app_writes_is_what_the_schema_declares() -> None:
    decision = Decision("x", "ads-on-activity", Status.LATER, "note", T0, "fp")
    history = HistoryEntry("x", "ads-on-activity", None, Status.LATER, "note", T0)
    document = exchange.build_export([decision], [history], app_version="1.0", now=T0)
    errors = list(jsonschema.Draft202012Validator(export_schema()).iter_errors(document))
    assert errors == []


def test_each_bad_entry_is_named_with_its_place_once_per_field() -> None:
    document = json.loads(
        json.dumps(exchange.build_export([], [], app_version="1", now=T0)), object_hook=dict
    )
    document["decisions"] = [GOOD_DECISION, {**GOOD_DECISION, "category": 7, "status": 7}]
    with pytest.raises(ImportRejectedError) as caught:
        exchange.load_export_bytes(json.dumps(document).encode(), now=T0)
    assert list(caught.value.problems) == [
        "decisions[1].category: expected text, got a number",
        "decisions[1].status: expected a status, got a number",
    ]


def test_importing_the_store_does_not_import_jsonschema() -> None:
    code = "import sys, gui.core.store; print('jsonschema' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
