"""Bad states and the way out of them: a corrupt or truncated file, a read-only folder, a
full disk; daily backups and restoring one. The damaged file is never overwritten or
deleted."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest

from gui.core.checklist import Status
from gui.core.paths import AppDirs, resolve
from gui.core.store import (
    LATEST_VERSION,
    BackupError,
    DatabaseDamagedError,
    Mode,
    NewerVersionError,
    StorageError,
    WrongKeyError,
    init_store,
    open_store,
    restore_backup,
)
from gui.core.store.database import Database

from support.keyrings import KEYRING_FILE_ENV, FileKeyring
from support.store_helpers import PLATFORM_ID, REPO_ROOT, TESTS_DIR, file_digest

PASSPHRASE = "correct horse battery staple"
DAY_ONE = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def fill(dirs: AppDirs, count: int = 60, **kwargs: object) -> None:
    """A checklist big enough to span several pages, with today's backup of it."""
    with open_store(dirs, **kwargs) as store:  # type: ignore[arg-type]
        for index in range(count):
            store.record(PLATFORM_ID, f"c-{index}", Status.OPTED_OUT, "note " * 40, "fp")
        assert store.daily_backup() is not None


def scribble(path: Path, offset: int, length: int = 64) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(b"\xa5" * length)


def database_path(dirs: AppDirs) -> Path:
    return dirs.data / "checklist.db"


# --- damaged files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: scribble(p, 4096 * 3 + 100), id="corrupt-page"),
        pytest.param(lambda p: os.truncate(p, p.stat().st_size // 2), id="truncated-half"),
        pytest.param(lambda p: os.truncate(p, p.stat().st_size - 1000), id="truncated-mid-page"),
        pytest.param(lambda p: os.truncate(p, 5000), id="truncated-short"),
        pytest.param(lambda p: scribble(p, 200), id="corrupt-first-page"),
    ],
)
def test_a_damaged_checklist_is_reported_kept_and_restorable(app_dirs: AppDirs, damage) -> None:  # noqa: ANN001
    fill(app_dirs)
    path = database_path(app_dirs)
    damage(path)
    damaged = file_digest(path)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_store(app_dirs)
    error = caught.value
    assert error.message.startswith(f"The checklist file {path} is damaged (")
    assert error.message.endswith("It was left as it is.")
    assert "privacy-review restore-backup" in error.recovery
    assert "privacy-review import FILE" in error.recovery
    assert file_digest(path) == damaged

    result = restore_backup(app_dirs)
    assert result.restored_from.parent == app_dirs.backups
    kept = [p for p in result.moved_aside if p.suffix == ".db"]
    assert len(kept) == 1 and kept[0].name.startswith("checklist-replaced-")
    assert file_digest(kept[0]) == damaged  # the damaged file is kept, byte for byte
    with open_store(app_dirs) as store:
        assert len(store.decisions()) == 60
        assert store.integrity_problems() == []


def test_first_page_damage_without_backups_cannot_be_told_from_a_wrong_key(
    app_dirs: AppDirs,
) -> None:
    fill(app_dirs)
    shutil.rmtree(app_dirs.backups)
    scribble(database_path(app_dirs), 200)
    with pytest.raises(WrongKeyError) as caught:
        open_store(app_dirs)
    assert "If the key is right, the file is damaged." in caught.value.recovery


def test_an_unencrypted_checklist_that_is_damaged(app_dirs: AppDirs) -> None:
    with init_store(app_dirs, Mode.UNENCRYPTED) as store:
        for index in range(60):
            store.record(PLATFORM_ID, f"c-{index}", Status.KEPT, "note " * 40, "fp")
    scribble(database_path(app_dirs), 4096 * 2 + 10, 2000)
    before = file_digest(database_path(app_dirs))
    with pytest.raises(DatabaseDamagedError):
        open_store(app_dirs)
    assert file_digest(database_path(app_dirs)) == before


def test_a_write_ahead_log_without_its_database_is_set_aside(app_dirs: AppDirs) -> None:
    app_dirs.data.mkdir(parents=True)
    orphan = app_dirs.data / "checklist.db-wal"
    orphan.write_bytes(b"whatever was there")
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
    kept = list(app_dirs.data.glob("checklist.db-wal.orphaned-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"whatever was there"


# --- disks that refuse ------------------------------------------------------------------


def test_a_full_disk_is_reported_and_loses_nothing(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
        pages = store._db.query("PRAGMA page_count")[0][0]
        # SQLite reports exactly what a full disk reports (SQLITE_FULL) at this size.
        store._db.connection.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StorageError) as caught:
            for index in range(100):
                store.record(PLATFORM_ID, f"c-{index}", Status.KEPT, "n" * 5000, "fp")
        assert caught.value.message == (
            f"The disk holding {app_dirs.data} is full, so the checklist could not be saved."
        )
        assert caught.value.recovery == (
            "Free some disk space and try again. Everything saved before is intact."
        )
        assert store.decision(PLATFORM_ID, "first-thing") is not None
        store._db.connection.execute("PRAGMA max_page_count = 1073741823")
        store.record(PLATFORM_ID, "second-thing", Status.KEPT, "", "fp")  # space again
    with open_store(app_dirs) as store:
        assert store.integrity_problems() == []
        assert store.decision(PLATFORM_ID, "second-thing") is not None


CHILD = textwrap.dedent(
    """
    import sys
    from gui.core.checklist import Status
    from gui.core.paths import resolve
    from gui.core.store import StoreError, open_store

    try:
        store = open_store(resolve(sys.argv[1]))
        store.record("example", "new-thing", Status.KEPT, "", "fp")
    except StoreError as error:
        print(error.message)
        print(error.recovery)
        sys.exit(3)
    print("saved")
    """
)


def run_without_root_powers(data_dir: Path, keyring_file: Path) -> subprocess.CompletedProcess[str]:
    """Run CHILD as the user would: root ignores file permissions, so as root the
    permission-bypassing capabilities are dropped first (setpriv, util-linux)."""
    command = [sys.executable, "-c", CHILD, str(data_dir)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), str(TESTS_DIR)])
    env["PYTHON_KEYRING_BACKEND"] = "support.keyrings.FileKeyring"
    env[KEYRING_FILE_ENV] = str(keyring_file)
    return subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def file_keyring(tmp_path: Path) -> Path:
    path = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(path))
    return path


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_folder_or_file_is_reported_and_nothing_changes(
    app_dirs: AppDirs, file_keyring: Path, what: str
) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
    path = database_path(app_dirs)
    before = file_digest(path)
    target = app_dirs.data if what == "folder" else path
    mode = target.stat().st_mode
    target.chmod(0o500 if what == "folder" else 0o400)
    try:
        result = run_without_root_powers(app_dirs.data, file_keyring)
    finally:
        target.chmod(mode)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message, recovery = result.stdout.splitlines()[:2]
    assert message.startswith(f"The checklist at {path} cannot be written: ")
    assert "read-only" in message
    assert recovery.startswith(f"Make {app_dirs.data} writable for your user account")
    assert recovery.endswith("Nothing was changed.")
    assert file_digest(path) == before
    with open_store(app_dirs) as store:
        assert [d.category_id for d in store.decisions()] == ["first-thing"]


# --- backups ----------------------------------------------------------------------------


def test_one_backup_a_day_and_the_last_seven_kept(app_dirs: AppDirs) -> None:
    clock = Clock(DAY_ONE)
    app_dirs.backups.mkdir(parents=True)
    (app_dirs.backups / "checklist-v1-before-upgrade-20260101T000000.db").write_bytes(b"x")
    (app_dirs.backups / "my-own-copy.db").write_bytes(b"y")
    with open_store(app_dirs, clock=clock) as store:
        for day in range(10):
            store.record(PLATFORM_ID, f"day-{day}", Status.KEPT, "", "fp")
            first = store.daily_backup()
            assert first == app_dirs.backups / f"checklist-{clock.now.date().isoformat()}.db"
            assert store.daily_backup() is None  # once a day
            clock.now += timedelta(days=1)
    daily = sorted(p.name for p in app_dirs.backups.glob("checklist-2026-*.db"))
    assert daily == [f"checklist-2026-05-{day:02d}.db" for day in range(4, 11)]
    # Backups of other kinds are never pruned.
    assert (app_dirs.backups / "checklist-v1-before-upgrade-20260101T000000.db").exists()
    assert (app_dirs.backups / "my-own-copy.db").exists()


def test_a_backup_has_the_same_encryption_and_key(app_dirs: AppDirs, tmp_path: Path) -> None:
    fill(app_dirs, count=3)
    backup = next(app_dirs.backups.glob("checklist-*.db"))
    assert not backup.read_bytes().startswith(b"SQLite format 3")
    plain = resolve(tmp_path / "plain")
    with init_store(plain, Mode.UNENCRYPTED) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
        plain_backup = store.daily_backup()
    assert plain_backup is not None
    connection = sqlite3.connect(plain_backup)
    assert connection.execute("SELECT count(*) FROM decisions").fetchone() == (1,)
    connection.close()


def test_backups_of_a_passphrase_checklist_open_with_the_passphrase(
    app_dirs: AppDirs, tmp_path: Path
) -> None:
    fill(app_dirs, count=2, passphrase=PASSPHRASE)
    backup = next(app_dirs.backups.glob("checklist-*.db"))
    from gui.core.store.keys import KeySpec

    database = Database.connect(backup, KeySpec.passphrase(PASSPHRASE))
    assert database.query("SELECT count(*) FROM decisions") == [(2,)]
    database.close()
    os.truncate(database_path(app_dirs), 5000)
    restore_backup(app_dirs, passphrase=PASSPHRASE)
    with open_store(app_dirs, passphrase=PASSPHRASE) as store:
        assert len(store.decisions()) == 2


def test_a_backup_that_cannot_be_written_is_a_warning_not_a_failure(
    app_dirs: AppDirs,
) -> None:
    app_dirs.data.mkdir(parents=True)
    app_dirs.backups.write_text("a file where the folder should be")
    with open_store(app_dirs) as store:
        with pytest.raises(BackupError):
            store.daily_backup()
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")  # still works


def test_restoring_with_no_backups_says_what_else_to_do(app_dirs: AppDirs) -> None:
    with pytest.raises(BackupError) as caught:
        restore_backup(app_dirs)
    assert caught.value.message == f"There is no backup in {app_dirs.backups}."
    assert "privacy-review import FILE" in caught.value.recovery


def test_restoring_a_backup_made_with_another_key_changes_nothing(
    app_dirs: AppDirs, tmp_path: Path
) -> None:
    fill(app_dirs, count=2)
    other = resolve(tmp_path / "other")
    fill(other, count=1)
    foreign = next(other.backups.glob("checklist-*.db"))
    before = file_digest(database_path(app_dirs))
    with pytest.raises(WrongKeyError, match="does not open the backup"):
        restore_backup(app_dirs, foreign)
    assert file_digest(database_path(app_dirs)) == before
    assert not list(app_dirs.data.glob("checklist-replaced-*"))


def test_restoring_an_older_backup_gets_past_a_newer_version(app_dirs: AppDirs) -> None:
    fill(app_dirs, count=2)
    with open_store(app_dirs) as store:
        store._db.connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(NewerVersionError):
        open_store(app_dirs)
    newer = file_digest(database_path(app_dirs))
    backup = next(app_dirs.backups.glob("checklist-*.db"))
    result = restore_backup(app_dirs, backup)
    assert result.restored_from == backup
    assert backup.exists()  # the backup itself stays
    assert [file_digest(p) for p in result.moved_aside if p.suffix == ".db"] == [newer]
    with open_store(app_dirs) as store:
        assert len(store.decisions()) == 2
