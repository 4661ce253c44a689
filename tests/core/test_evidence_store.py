"""What an export showed, kept in the real encrypted store: saved, replaced, forgotten;
nothing of the raw export on disk; checks against decisions raise the category in the
checklist's "needs attention"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gui.core.catalog import load_catalog
from gui.core.checklist import Status, build_checklist
from gui.core.checklist_source import ChecklistSource
from gui.core.evidence.checks import evidence_checks
from gui.core.evidence.engine import read_export
from gui.core.evidence.errors import ExportError
from gui.core.paths import AppDirs
from gui.core.store import open_store
from gui.core.store.findings import database_of, forget_reading, load_readings, save_reading
from gui.core.store.migrations import LATEST_VERSION, MIGRATIONS

from support import export_builder as eb


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_migration_adds_the_findings_table(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        assert store.schema_version() == LATEST_VERSION == len(MIGRATIONS)
        tables = {
            row[0]
            for row in database_of(store).query("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert "export_findings" in tables


def test_save_replace_and_forget(app_dirs: AppDirs, tmp_path: Path) -> None:
    first = read_export(eb.build_x(tmp_path / "a.zip", interests=5))
    second = read_export(eb.build_x(tmp_path / "b.zip", interests=7))
    linkedin = read_export(eb.build_linkedin(tmp_path / "li.zip"))
    with open_store(app_dirs) as store:
        db = database_of(store)
        save_reading(db, first)
        save_reading(db, linkedin)
        save_reading(db, second)  # replaces the first X reading
    with open_store(app_dirs) as store:
        db = database_of(store)
        kept = load_readings(db)
        assert [r.platform_id for r in kept] == ["linkedin", "x"]
        assert load_readings(db, "x") == [second]
        assert forget_reading(db, "x")
        assert not forget_reading(db, "x")
        assert [r.platform_id for r in load_readings(db)] == ["linkedin"]


def test_nothing_of_the_raw_export_lands_on_disk(app_dirs: AppDirs, tmp_path: Path) -> None:
    """Read every platform's export, keep the findings, make a backup, then look through
    every file under the data dir (the store, its backup, logs, caches) for strings that
    are only in the raw exports."""
    exports = tmp_path / "exports"
    with open_store(app_dirs) as store:
        for name, build in eb.BUILDERS.items():
            save_reading(database_of(store), read_export(build(exports / f"{name}.zip")))
        store.daily_backup()
    files = [p for p in app_dirs.data.rglob("*") if p.is_file()]
    assert any(p.name == "checklist.db" for p in files)
    for path in files:
        content = path.read_bytes()
        for marker in eb.RAW_MARKERS:
            assert marker.encode() not in content, (path, marker)
            assert marker.encode("utf-16-le") not in content, (path, marker)
    # Nor anything extracted next to the exports.
    assert sorted(p.name for p in exports.iterdir()) == sorted(f"{n}.zip" for n in eb.BUILDERS)


def test_a_refused_export_stores_nothing(app_dirs: AppDirs, tmp_path: Path) -> None:
    members = eb.x_members()
    members["data/contact.js"] = b"window.YTD.contact.part0 = [{"
    path = eb.write_zip(tmp_path / "x.zip", members)
    with open_store(app_dirs) as store:
        with pytest.raises(ExportError):
            save_reading(database_of(store), read_export(path))
        assert load_readings(database_of(store)) == []


def test_ads_after_opting_out_need_attention(app_dirs: AppDirs, tmp_path: Path) -> None:
    catalog = load_catalog()
    category = catalog.platform("x").category("personalised-ads")  # type: ignore[union-attr]
    assert category is not None
    clock = Clock(datetime(2024, 1, 11, tzinfo=UTC))  # targeted ads run 10-13 Jan 2024
    with open_store(app_dirs, clock=clock) as store:
        store.record("x", "personalised-ads", Status.OPTED_OUT, "", category.fingerprint)
        save_reading(database_of(store), read_export(eb.build_x(tmp_path / "x.zip")))
        rows = ChecklistSource(catalog, store).rows()
    row = next(r for r in rows if (r.platform_id, r.category_id) == ("x", "personalised-ads"))
    assert row.to_do and "your export shows something to check" in row.flags
    (text,) = row.evidence
    assert text.startswith("You marked personalised ads off on 11 Jan 2024, yet the export")
    assert "up to 13 Jan 2024" in text and "Worth checking" in text
    assert "proof" not in text


def test_no_check_when_the_evidence_is_older_than_the_decision(tmp_path: Path) -> None:
    from gui.core.checklist import Decision

    reading = read_export(eb.build_x(tmp_path / "x.zip"))
    later = Decision(
        "x", "personalised-ads", Status.OPTED_OUT, "", datetime(2024, 2, 1, tzinfo=UTC), "fp"
    )
    assert evidence_checks([reading], [later]) == {}
    kept = Decision("x", "personalised-ads", Status.KEPT, "", datetime(2023, 1, 1, tzinfo=UTC), "")
    assert evidence_checks([reading], [kept]) == {}


def test_contacts_marked_not_uploaded_yet_present(tmp_path: Path) -> None:
    from gui.core.checklist import Decision

    reading = read_export(eb.build_x(tmp_path / "x.zip"))  # made 1 Jun 2024
    before = datetime(2024, 5, 1, tzinfo=UTC)
    decision = Decision("x", "address-book", Status.NOT_APPLICABLE, "", before, "fp")
    checks = evidence_checks([reading], [decision])
    (text,) = checks[("x", "address-book")]
    assert "yet the export holds 2 uploaded contacts" in text
    # An export made before the decision says nothing about it.
    after = Decision(
        "x", "address-book", Status.NOT_APPLICABLE, "", before + timedelta(days=60), ""
    )
    assert evidence_checks([reading], [after]) == {}


def test_build_checklist_without_evidence_is_unchanged() -> None:
    catalog = load_catalog()
    rows = build_checklist(catalog, [])
    assert all(row.evidence == () for row in rows)
