"""Export and import: the JSON document round-trips, merging keeps the newer decision and
never duplicates history, and a malformed or hostile file changes nothing and says why."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from gui.core.checklist import Status
from gui.core.paths import AppDirs, resolve
from gui.core.store import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    ImportRejectedError,
    Store,
    exchange,
    open_store,
    parse_export_bytes,
    read_export_file,
)

from support.store_helpers import PLATFORM_ID

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def filled_store(dirs: AppDirs, clock: Clock) -> Store:
    store = open_store(dirs, clock=clock)
    store.record(PLATFORM_ID, "first-thing", Status.LATER, "look at it", "fp1")
    clock.now += timedelta(hours=1)
    store.record(PLATFORM_ID, "first-thing", Status.OPTED_OUT, "done", "fp1")
    clock.now += timedelta(hours=1)
    store.record(PLATFORM_ID, "second-thing", Status.KEPT, "I like these ads", "fp2")
    return store


def snapshot_of(store: Store) -> tuple[list[Any], list[Any]]:
    return store.decisions(), store.all_history()


def good_document(app_dirs: AppDirs) -> dict[str, Any]:
    with filled_store(app_dirs, Clock(T0)) as store:
        return json.loads(json.dumps(store.export_json()))


def test_export_document_is_open_and_versioned(app_dirs: AppDirs) -> None:
    document = good_document(app_dirs)
    assert document["format"] == EXPORT_FORMAT == "privacy-review-checklist"
    assert document["version"] == EXPORT_VERSION == 1
    assert document["decisions"] == [
        {
            "platform": PLATFORM_ID,
            "category": "first-thing",
            "status": "opted-out",
            "note": "done",
            "decided_at": "2026-03-01T10:00:00.000000+00:00",
            "fingerprint": "fp1",
        },
        {
            "platform": PLATFORM_ID,
            "category": "second-thing",
            "status": "kept",
            "note": "I like these ads",
            "decided_at": "2026-03-01T11:00:00.000000+00:00",
            "fingerprint": "fp2",
        },
    ]
    assert [(h["old_status"], h["new_status"]) for h in document["history"]] == [
        (None, "later"),
        ("later", "opted-out"),
        (None, "kept"),
    ]


def test_round_trip_into_an_empty_checklist(app_dirs: AppDirs, tmp_path: Path) -> None:
    with filled_store(app_dirs, Clock(T0)) as source:
        document = json.loads(json.dumps(source.export_json()))
        expected = snapshot_of(source)
    with open_store(resolve(tmp_path / "other")) as target:
        result = target.import_json(document)
        assert snapshot_of(target) == expected
    assert (result.decisions_added, result.decisions_updated, result.decisions_kept) == (2, 0, 0)
    assert result.history_added == 3


def test_importing_the_same_file_twice_adds_nothing(app_dirs: AppDirs, tmp_path: Path) -> None:
    document = good_document(app_dirs)
    with open_store(resolve(tmp_path / "other")) as target:
        target.import_json(document)
        before = snapshot_of(target)
        again = target.import_json(document)
        assert snapshot_of(target) == before
    assert again.decisions_added == again.decisions_updated == again.history_added == 0
    assert again.decisions_kept == 2


def test_merge_keeps_the_newer_decision_and_all_history(app_dirs: AppDirs, tmp_path: Path) -> None:
    document = good_document(app_dirs)  # first-thing decided 10:00, second-thing 11:00
    clock = Clock(T0 + timedelta(minutes=30))
    with open_store(resolve(tmp_path / "other"), clock=clock) as target:
        # Ours: first-thing older than the file's, second-thing newer.
        target.record(PLATFORM_ID, "first-thing", Status.KEPT, "mine, older", "fpA")
        clock.now = T0 + timedelta(hours=5)
        target.record(PLATFORM_ID, "second-thing", Status.OPTED_OUT, "mine, newer", "fpB")
        target.record(PLATFORM_ID, "third-thing", Status.LATER, "only mine", "fpC")
        result = target.import_json(document)
        decisions = {d.category_id: d for d in target.decisions()}
        first_history = target.history(PLATFORM_ID, "first-thing")
    assert decisions["first-thing"].note == "done"  # the file's was newer
    assert decisions["second-thing"].note == "mine, newer"
    assert decisions["third-thing"].note == "only mine"
    assert (result.decisions_added, result.decisions_updated, result.decisions_kept) == (0, 1, 1)
    # Both histories, merged in time order; nothing lost, nothing twice.
    assert [h.note for h in first_history] == ["look at it", "mine, older", "done"]


def test_a_decision_without_its_history_entry_still_gets_one(app_dirs: AppDirs) -> None:
    document = good_document(app_dirs)
    document["history"] = []
    with open_store(resolve(app_dirs.data.parent / "other")) as target:
        target.import_json(document)
        history = target.history(PLATFORM_ID, "first-thing")
    assert [(h.old_status, h.new_status, h.note) for h in history] == [
        (None, Status.OPTED_OUT, "done")
    ]


def mutate(document: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """A copy of ``document`` with the value at a dotted path (``decisions.0.status``)
    replaced; the value ``DELETE`` removes the key."""
    result = copy.deepcopy(document)
    *parents, last = path.split(".")
    target: Any = result
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value == "DELETE":
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return result


HOSTILE = [
    ("not an object", None, [1, 2, 3], "file: expected an object"),
    ("wrong format", "format", "someone-elses-format", "this is not a checklist export"),
    ("newer export version", "version", 99, "written by a newer version"),
    ("version as text", "version", "1", "version: expected a number"),
    ("version as boolean", "version", True, "version: expected a number"),
    ("decisions not a list", "decisions", {"a": 1}, "decisions: expected a list"),
    ("missing field", "decisions.0.status", "DELETE", "decisions[0].status: missing field"),
    ("unknown field", "decisions.0.evil", "x", "decisions[0].evil: unknown field"),
    ("platform as number", "decisions.0.platform", 5, "expected text, got a number"),
    ("note as list", "decisions.1.note", ["a"], "decisions[1].note: expected text"),
    ("unknown status", "decisions.0.status", "maybe", "unknown status 'maybe'"),
    ("unknown history status", "history.0.new_status", "deleted", "unknown status"),
    ("status as null", "decisions.0.status", None, "expected a status, got null"),
    ("path-like id", "decisions.0.category", "../../etc", "is not a valid id"),
    ("upper-case id", "decisions.0.platform", "X", "is not a valid id"),
    ("very long id", "decisions.0.category", "a" * 65, "is not a valid id"),
    ("words for a date", "decisions.0.decided_at", "yesterday", "malformed date"),
    ("impossible date", "decisions.0.decided_at", "2026-13-45T00:00:00+00:00", "malformed"),
    ("date without zone", "history.1.at", "2026-03-01T10:00:00", "has no time zone"),
    (
        "date far ahead",
        "decisions.0.decided_at",
        "2999-01-01T00:00:00+00:00",
        "not a plausible date",
    ),
    (
        "date long ago",
        "decisions.0.decided_at",
        "1970-01-01T00:00:00+00:00",
        "not a plausible date",
    ),
    ("date as number", "history.0.at", 1700000000, "expected a date and time"),
    ("huge note", "decisions.0.note", "n" * 10_001, "longer than 10000 characters"),
    ("NUL in note", "decisions.0.note", "a\x00b", "NUL"),
    ("bad fingerprint", "decisions.0.fingerprint", "<script>", "expected a fingerprint"),
    ("history entry not an object", "history.0", "x", "history[0]: expected an object"),
]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [pytest.param(p, v, e, id=name) for name, p, v, e in HOSTILE],
)
def test_hostile_documents_change_nothing_and_say_why(
    app_dirs: AppDirs, tmp_path: Path, path: str | None, value: object, expected: str
) -> None:
    document = good_document(app_dirs)
    bad = value if path is None else mutate(document, path, value)
    with open_store(resolve(tmp_path / "target"), clock=Clock(T0)) as target:
        target.record(PLATFORM_ID, "third-thing", Status.KEPT, "", "fp")
        before = snapshot_of(target)
        with pytest.raises(ImportRejectedError) as caught:
            target.import_json(bad)
        assert snapshot_of(target) == before
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems
    assert "nothing was changed" in caught.value.message


def test_a_duplicate_decision_is_refused(app_dirs: AppDirs) -> None:
    document = good_document(app_dirs)
    document["decisions"].append(dict(document["decisions"][0]))
    with pytest.raises(ImportRejectedError, match="a second decision"):
        exchange.validate_export(document)


def test_one_bad_entry_among_good_ones_imports_nothing(app_dirs: AppDirs, tmp_path: Path) -> None:
    document = mutate(good_document(app_dirs), "history.2.old_status", "bogus")
    with open_store(resolve(tmp_path / "target")) as target:
        with pytest.raises(ImportRejectedError):
            target.import_json(document)
        assert target.decisions() == [] and target.all_history() == []


def test_too_many_entries_are_refused(app_dirs: AppDirs, monkeypatch: pytest.MonkeyPatch) -> None:
    document = good_document(app_dirs)
    monkeypatch.setattr(exchange, "MAX_DECISIONS", 1)
    with pytest.raises(ImportRejectedError, match="more than 1 entries"):
        exchange.validate_export(document)


def test_a_long_list_of_problems_is_cut_short(app_dirs: AppDirs) -> None:
    document = good_document(app_dirs)
    document["history"] = [{"bad": index} for index in range(1000)]
    with pytest.raises(ImportRejectedError) as caught:
        exchange.validate_export(document)
    assert len(caught.value.problems) == exchange.MAX_PROBLEMS
    assert "(and 40 more)" in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"[" * 200_000 + b"]" * 200_000, "nested too deeply", id="deep-nesting"),
        pytest.param(b'{"a": ' * 50_000 + b"1" + b"}" * 50_000, "nested too deeply", id="deep"),
        pytest.param(b"\xff\xfe{}", "not UTF-8", id="not-utf8"),
        pytest.param(b"{not json", "not valid JSON", id="not-json"),
        pytest.param(b'{"version": NaN}', "not valid JSON", id="nan"),
        pytest.param(b'{"a": 1, "a": 2}', "duplicate key", id="duplicate-keys"),
        pytest.param(b'{"n": ' + b"9" * 100_000 + b"}", "not valid JSON", id="huge-number"),
        pytest.param(b"", "not valid JSON", id="empty"),
    ],
)
def test_hostile_bytes_are_refused_before_validation(raw: bytes, expected: str) -> None:
    with pytest.raises(ImportRejectedError) as caught:
        parse_export_bytes(raw, "the file")
    assert expected in str(caught.value)


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:  # sparse: 60 MB on paper, nothing on disk
        handle.truncate(60_000_000)
    with pytest.raises(ImportRejectedError, match="larger than 50 MB"):
        read_export_file(path)


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError, match="could not be read"):
        read_export_file(tmp_path / "nope.json")


def test_import_result_reads_well(app_dirs: AppDirs, tmp_path: Path) -> None:
    with open_store(resolve(tmp_path / "target")) as target:
        result = target.import_json(good_document(app_dirs))
    assert str(result) == (
        "2 decisions added, 0 updated, 0 kept (yours were as new or newer), 3 history entries added"
    )
