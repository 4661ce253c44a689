"""Schema versions: a database from every earlier version is brought forward (with a
backup first), a failed migration changes nothing, and a database from a newer app is
refused untouched."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.store import (
    LATEST_VERSION,
    NewerVersionError,
    PolicySnapshot,
    StoreError,
    migrations,
    open_store,
)
from gui.core.store.database import Database
from gui.core.store.keys import SERVICE, KeySpec, generate_key, key_username

from support.keyrings import InMemoryKeyring
from support.store_helpers import PLATFORM_ID, file_digest

DECIDED_AT = "2026-02-01T10:00:00.000000+00:00"
CHECKED_AT = datetime(2026, 3, 1, tzinfo=UTC)


def build_database_at(dirs: AppDirs, keyring: InMemoryKeyring, version: int) -> None:
    """An encrypted checklist as an older app left it: schema ``version``, with data when
    the version has tables."""
    key = generate_key()
    keyring.set_password(SERVICE, key_username(dirs.data), key.hex())
    dirs.data.mkdir(parents=True, exist_ok=True)
    database = Database.connect(dirs.data / "checklist.db", KeySpec.raw(key))
    connection = database.connection
    connection.execute("PRAGMA journal_mode = WAL")
    for step in migrations.MIGRATIONS[:version]:
        for statement in step:
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {version}")
    if version == 0:
        # Make sure page 1 exists: an empty-but-initialised file, not a zero-byte one.
        connection.execute("CREATE TABLE scratch (x)")
        connection.execute("DROP TABLE scratch")
    if version >= 1:
        connection.execute(
            "INSERT INTO decisions VALUES (?, ?, 'opted-out', 'from the old app', ?, 'fp')",
            (PLATFORM_ID, "first-thing", DECIDED_AT),
        )
        connection.execute(
            "INSERT INTO history (platform_id, category_id, old_status, new_status, note, at) "
            "VALUES (?, ?, NULL, 'opted-out', 'from the old app', ?)",
            (PLATFORM_ID, "first-thing", DECIDED_AT),
        )
        connection.execute("INSERT INTO settings VALUES ('recheck_days', '60')")
    database.close()


def test_a_new_checklist_has_the_latest_schema(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        assert store.schema_version() == LATEST_VERSION >= 3
        tables = {
            row[0] for row in store._db.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    assert {"decisions", "history", "settings", "policy_snapshots", "requests"} <= tables


@pytest.mark.parametrize("version", range(LATEST_VERSION))
def test_migrates_from_every_earlier_version(
    app_dirs: AppDirs, isolated_keyring: InMemoryKeyring, version: int
) -> None:
    build_database_at(app_dirs, isolated_keyring, version)
    with open_store(app_dirs) as store:
        assert not store.created
        assert store.schema_version() == LATEST_VERSION
        if version >= 1:
            decision = store.decision(PLATFORM_ID, "first-thing")
            assert decision is not None and decision.note == "from the old app"
            assert [h.note for h in store.history(PLATFORM_ID, "first-thing")] == [
                "from the old app"
            ]
            assert store.recheck_days() == 60
        else:
            assert store.decisions() == []
        # Tables of every later version work.
        store.record(PLATFORM_ID, "second-thing", Status.KEPT, "", "fp")
        snapshot = PolicySnapshot(
            PLATFORM_ID, "privacy-policy", "https://example.com/p", CHECKED_AT, "text"
        )
        store.save_policy_snapshot(snapshot)
        assert store.policy_snapshots() == [snapshot]
        assert store.integrity_problems() == []
    upgrade_backups = sorted(app_dirs.backups.glob("checklist-v*-before-upgrade-*.db"))
    if version >= 1:
        # The old data was saved before the upgrade touched it, with the same key.
        assert len(upgrade_backups) == 1
        assert upgrade_backups[0].name.startswith(f"checklist-v{version}-")
        key = bytes.fromhex(isolated_keyring.passwords[(SERVICE, key_username(app_dirs.data))])
        backup = Database.connect(upgrade_backups[0], KeySpec.raw(key))
        assert backup.user_version() == version
        backup.close()
    else:
        assert upgrade_backups == []


def test_a_failing_migration_leaves_the_old_version_intact(
    app_dirs: AppDirs, isolated_keyring: InMemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_database_at(app_dirs, isolated_keyring, 1)
    broken_v2 = (migrations.SCHEMA_V2[0], "CREATE TABLE broken (")
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", (migrations.SCHEMA_V1, broken_v2))
        with pytest.raises(StoreError, match="could not be upgraded"):
            open_store(app_dirs)
    key = bytes.fromhex(isolated_keyring.passwords[(SERVICE, key_username(app_dirs.data))])
    database = Database.connect(app_dirs.data / "checklist.db", KeySpec.raw(key))
    assert database.user_version() == 1
    tables = {row[0] for row in database.query("SELECT name FROM sqlite_master")}
    assert "policy_snapshots" not in tables
    database.close()
    with open_store(app_dirs) as store:  # the real migration still works afterwards
        assert store.schema_version() == LATEST_VERSION
        assert len(store.decisions()) == 1


def test_a_database_from_a_newer_app_is_refused_untouched(
    app_dirs: AppDirs, isolated_keyring: InMemoryKeyring
) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
    key = bytes.fromhex(isolated_keyring.passwords[(SERVICE, key_username(app_dirs.data))])
    database = Database.connect(app_dirs.data / "checklist.db", KeySpec.raw(key))
    database.connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    database.close()
    path = app_dirs.data / "checklist.db"
    before = file_digest(path)
    with pytest.raises(NewerVersionError) as caught:
        open_store(app_dirs)
    assert caught.value.message == (
        f"The checklist at {path} was written by a newer version of Privacy Review "
        f"(data version {LATEST_VERSION + 1}; this version reads up to {LATEST_VERSION}). "
        "It was not changed."
    )
    assert "restore-backup" in caught.value.recovery
    assert file_digest(path) == before
