"""The checklist store's everyday behaviour: decisions, history, settings, snapshots, the
derived flags, file permissions, and that an encrypted file really is encrypted."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gui.core.checklist import DEFAULT_RECHECK_DAYS, Status, build_checklist
from gui.core.paths import AppDirs
from gui.core.store import (
    LATEST_VERSION,
    RECHECK_DAYS_SETTING,
    PolicySnapshot,
    Store,
    StoreError,
    open_store,
)
from gui.core.store.keys import SERVICE, key_username

from support.keyrings import InMemoryKeyring
from support.store_helpers import CATEGORY_IDS, PLATFORM_ID, REPO_ROOT, tiny_catalog

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


class Clock:
    """A settable clock, so dates in tests are exact."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def test_new_store_is_encrypted_with_a_random_key_in_the_keyring(
    app_dirs: AppDirs, isolated_keyring: InMemoryKeyring
) -> None:
    with open_store(app_dirs) as store:
        assert store.encrypted
        assert store.created
        assert store.path == app_dirs.data / "checklist.db"
        assert store.key_backend == f"keyring: {InMemoryKeyring.name}"
        assert store.describe_location() == (
            f"Checklist: {store.path}, encrypted "
            f"(key in the system keyring: {InMemoryKeyring.name})"
        )
        assert store.schema_version() == LATEST_VERSION
    stored = isolated_keyring.passwords[(SERVICE, key_username(app_dirs.data))]
    assert len(bytes.fromhex(stored)) == 32
    with open_store(app_dirs) as again:
        assert not again.created


def test_encrypted_file_cannot_be_read_with_the_standard_sqlite3_module(
    app_dirs: AppDirs,
) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "secret note text", "fp")
        backup = store.daily_backup()
    assert backup is not None
    for path in (app_dirs.data / "checklist.db", backup):
        raw = path.read_bytes()
        assert b"secret note text" not in raw
        assert not raw.startswith(b"SQLite format 3")
        connection = sqlite3.connect(path)
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            connection.execute("SELECT * FROM sqlite_master").fetchall()
        connection.close()


def test_record_returns_the_saved_decision_and_it_survives_reopening(
    app_dirs: AppDirs,
) -> None:
    with open_store(app_dirs) as store:
        saved = store.record(PLATFORM_ID, "first-thing", Status.OPTED_OUT, "did it", "abc123")
        assert saved.decided_at.tzinfo is not None
        assert saved.decided_at.utcoffset() == timedelta(0)
        assert store.decision(PLATFORM_ID, "first-thing") == saved
        assert store.decision(PLATFORM_ID, "second-thing") is None
    with open_store(app_dirs) as store:
        assert store.decisions() == [saved]


def test_every_change_appends_history_oldest_first(app_dirs: AppDirs) -> None:
    clock = Clock(datetime(2026, 1, 1, tzinfo=UTC))
    with open_store(app_dirs, clock=clock) as store:
        store.record(PLATFORM_ID, "first-thing", Status.LATER, "", "fp1")
        clock.advance(days=1)
        store.record(PLATFORM_ID, "first-thing", Status.OPTED_OUT, "done", "fp1")
        clock.advance(days=1)
        store.record(PLATFORM_ID, "first-thing", Status.OPTED_OUT, "checked again", "fp2")
        history = store.history(PLATFORM_ID, "first-thing")
    assert [(h.old_status, h.new_status, h.note) for h in history] == [
        (None, Status.LATER, ""),
        (Status.LATER, Status.OPTED_OUT, "done"),
        (Status.OPTED_OUT, Status.OPTED_OUT, "checked again"),
    ]
    assert [h.at.day for h in history] == [1, 2, 3]


def test_history_is_never_rewritten(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
        connection = store._db.connection
        for statement in ("UPDATE history SET note = 'x'", "DELETE FROM history"):
            with pytest.raises(Exception, match="append-only"):
                connection.execute(statement)
        assert len(store.history(PLATFORM_ID, "first-thing")) == 1


@pytest.mark.parametrize(
    ("platform_id", "category_id", "status"),
    [
        ("Bad Id", "first-thing", Status.KEPT),
        (PLATFORM_ID, "../escape", Status.KEPT),
        (PLATFORM_ID, "first-thing", "maybe"),
        (PLATFORM_ID, "x" * 65, Status.KEPT),
    ],
)
def test_invalid_arguments_are_refused_and_nothing_is_saved(
    app_dirs: AppDirs, platform_id: str, category_id: str, status: Status
) -> None:
    with open_store(app_dirs) as store:
        with pytest.raises(ValueError):
            store.record(platform_id, category_id, status, "", "fp")
        assert store.decisions() == []
        assert store.all_history() == []


def test_a_note_too_long_is_a_store_error(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        with pytest.raises(StoreError, match="note is too long"):
            store.record(PLATFORM_ID, "first-thing", Status.KEPT, "n" * 10_001, "fp")
        assert store.decisions() == []


def test_settings_and_the_recheck_interval(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        assert store.get_setting("theme") is None
        assert store.get_setting("theme", "dark") == "dark"
        store.set_setting("theme", "light")
        store.set_setting("theme", "system")
        assert store.get_setting("theme") == "system"
        assert store.recheck_days() == DEFAULT_RECHECK_DAYS == 180
        store.set_recheck_days(30)
        assert store.recheck_days() == 30
        assert store.get_setting(RECHECK_DAYS_SETTING) == "30"
        for bad in ("soon", "0", "-5", "99999"):
            store.set_setting(RECHECK_DAYS_SETTING, bad)
            assert store.recheck_days() == DEFAULT_RECHECK_DAYS
        with pytest.raises(ValueError):
            store.set_recheck_days(0)
    with open_store(app_dirs) as store:
        assert store.get_setting("theme") == "system"


def test_policy_snapshots(app_dirs: AppDirs) -> None:
    checked = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    first = PolicySnapshot(PLATFORM_ID, "privacy-policy", "https://example.com/p", checked, "v1")
    other = PolicySnapshot("other", "terms", "https://other.example/t", checked, "t1")
    with open_store(app_dirs) as store:
        assert store.policy_snapshot(PLATFORM_ID, "privacy-policy") is None
        store.save_policy_snapshot(first)
        store.save_policy_snapshot(other)
        assert store.policy_snapshot(PLATFORM_ID, "privacy-policy") == first
        changed = replace(
            first,
            checked_at=checked + timedelta(days=7),
            text="v2",
            changed_at=checked + timedelta(days=7),
            previous_text="v1",
        )
        store.save_policy_snapshot(changed)
    with open_store(app_dirs) as store:
        assert store.policy_snapshot(PLATFORM_ID, "privacy-policy") == changed
        assert store.policy_snapshots() == [changed, other]
        assert store.policy_snapshots("other") == [other]
        assert store.policy_snapshots("nobody") == []


def test_derived_flags_come_from_stored_decisions(app_dirs: AppDirs, tmp_path: Path) -> None:
    catalog = tiny_catalog(tmp_path / "v1")
    platform = catalog.platforms[0]
    clock = Clock(datetime(2026, 1, 1, tzinfo=UTC))
    with open_store(app_dirs, clock=clock) as store:
        for category in platform.categories:
            store.record(PLATFORM_ID, category.id, Status.OPTED_OUT, "", category.fingerprint)
        store.set_recheck_days(90)
        clock.advance(days=30)
        rows = build_checklist(
            catalog, store.decisions(), now=clock(), recheck_days=store.recheck_days()
        )
        assert [row.flags for row in rows] == [(), (), ()]

        # The catalog changes one category and drops another; time passes.
        changed = tiny_catalog(tmp_path / "v2", first_title="A reworded title")
        retired_dir = tmp_path / "v3"
        text = (tmp_path / "v2" / f"{PLATFORM_ID}.toml").read_text(encoding="utf-8")
        retired_dir.mkdir()
        cut = text.index('[[categories]]\nid = "third-thing"')
        (retired_dir / f"{PLATFORM_ID}.toml").write_text(text[:cut], encoding="utf-8")
        from gui.core.catalog import load_catalog

        shrunk = load_catalog(bundled_dir=retired_dir)
        rows = build_checklist(changed, store.decisions(), now=clock())
        assert rows[0].flags == ("changed since you decided",)
        clock.advance(days=61)
        rows = build_checklist(
            shrunk, store.decisions(), now=clock(), recheck_days=store.recheck_days()
        )
    assert rows[0].changed and rows[0].due
    assert rows[1].flags == ("due for a re-check",)
    assert rows[2].retired and rows[2].decision is not None


@posix_only
def test_data_dir_and_files_are_private(app_dirs: AppDirs) -> None:
    previous = os.umask(0o022)  # the usual umask, which makes new files world-readable
    try:
        with open_store(app_dirs) as store:
            store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
            backup = store.daily_backup()
            assert backup is not None
            wal = app_dirs.data / "checklist.db-wal"
            shm = app_dirs.data / "checklist.db-shm"
            for path in (store.path, wal, shm, backup, app_dirs.data / "store.json"):
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        os.umask(previous)
    for directory in (app_dirs.data, app_dirs.backups):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory


def test_store_json_records_the_choice_but_never_the_key(
    app_dirs: AppDirs, isolated_keyring: InMemoryKeyring
) -> None:
    open_store(app_dirs).close()
    config = json.loads((app_dirs.data / "store.json").read_text(encoding="utf-8"))
    assert config["mode"] == "keyring"
    assert config["key_backend"] == f"keyring: {InMemoryKeyring.name}"
    key = isolated_keyring.passwords[(SERVICE, key_username(app_dirs.data))]
    assert key not in (app_dirs.data / "store.json").read_text(encoding="utf-8")


def test_two_open_stores_share_writes(app_dirs: AppDirs) -> None:
    """The window and a command may have the checklist open at once."""
    first = open_store(app_dirs)
    second = open_store(app_dirs)
    try:
        first.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
        assert second.decision(PLATFORM_ID, "first-thing") is not None

        def write_many(store: Store, prefix: str) -> None:
            for index in range(25):
                store.record(PLATFORM_ID, f"{prefix}-{index}", Status.LATER, "", "fp")

        threads = [
            threading.Thread(target=write_many, args=(first, "a")),
            threading.Thread(target=write_many, args=(second, "b")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(first.decisions()) == 51
        assert first.integrity_problems() == []
    finally:
        first.close()
        second.close()


def test_importing_the_store_loads_neither_qt_nor_keyring_nor_sqlcipher() -> None:
    code = (
        "import sys, gui.core.store, gui.cli; gui.cli.build_parser(); "
        "print(','.join(m for m in ('keyring', 'sqlcipher3') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == ""
    qt = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, gui.core.store, gui.core.store.store, gui.core.store.database, "
            "gui.core.store.keys; "
            "print(any(m.startswith('PySide6') for m in sys.modules))",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert qt.stdout.strip() == "False"


def test_categories_of_the_tiny_catalog_are_what_the_tests_expect(tmp_path: Path) -> None:
    catalog = tiny_catalog(tmp_path)
    assert tuple(c.id for c in catalog.platforms[0].categories) == CATEGORY_IDS
