"""More bad states, each a specific message and nothing changed: an empty checklist file
while backups exist, a zeroed header, a full disk, a folder, pipe or unreadable file where
a file belongs, a read-only folder for a restore, a note that is not valid text; and the
clean-up of what killed runs leave behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring
import pytest

from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.store import (
    DatabaseDamagedError,
    ImportRejectedError,
    Mode,
    StorageError,
    StoreError,
    init_store,
    open_store,
    read_export_file,
)
from gui.core.store.database import translate

from support.keyrings import FileKeyring
from support.store_helpers import PLATFORM_ID, REPO_ROOT, python_env, run_python

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX files and permissions")


def fill(dirs: AppDirs, count: int = 5) -> None:
    with open_store(dirs) as store:
        for index in range(count):
            store.record(PLATFORM_ID, f"c-{index}", Status.KEPT, "", "fp")
        store.daily_backup()


@pytest.fixture
def keyring_file(tmp_path: Path) -> Path:
    path = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(path))
    return path


def test_an_empty_checklist_file_with_backups_offers_the_newest(app_dirs: AppDirs) -> None:
    fill(app_dirs)
    database = app_dirs.data / "checklist.db"
    os.truncate(database, 0)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_store(app_dirs)
    assert caught.value.message.startswith(f"The checklist file {database} is empty (0 bytes)")
    newest = next(app_dirs.backups.glob("checklist-*.db"))
    assert str(newest) in caught.value.recovery
    assert "privacy-review restore-backup" in caught.value.recovery
    assert database.stat().st_size == 0  # not replaced by a new, empty checklist


def test_an_unencrypted_checklist_with_a_zeroed_header_is_damaged_not_keyless(
    app_dirs: AppDirs,
) -> None:
    with init_store(app_dirs, Mode.UNENCRYPTED) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
    database = app_dirs.data / "checklist.db"
    with open(database, "r+b") as handle:
        handle.write(b"\x00" * 100)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_store(app_dirs)
    assert "is damaged" in caught.value.message and "zeros" in caught.value.message
    assert "key" not in caught.value.message


def test_an_unencrypted_checklist_with_a_scribbled_header_is_damaged(app_dirs: AppDirs) -> None:
    with init_store(app_dirs, Mode.UNENCRYPTED) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
    with open(app_dirs.data / "checklist.db", "r+b") as handle:
        handle.write(b"\xa5" * 16)
    with pytest.raises(DatabaseDamagedError, match="set up unencrypted"):
        open_store(app_dirs)


FULL_DISK = textwrap.dedent(
    """
    import os, sys
    from gui.core.checklist import Status
    from gui.core.paths import resolve
    from gui.core.store import StoreError, open_store, restore_backup

    dirs = resolve(sys.argv[1])
    with open_store(dirs) as store:
        store.record("example", "first", Status.KEPT, "", "fp")
        store.daily_backup()
        with open(os.path.join(sys.argv[1], "filler"), "wb") as filler:
            try:
                while True:
                    filler.write(b"x" * 65536)
                    filler.flush()
            except OSError:
                pass
        try:
            for index in range(200):
                store.record("example", f"c-{index}", Status.KEPT, "n" * 4000, "fp")
        except StoreError as error:
            print("RECORD", error.message)
    try:
        restore_backup(dirs, allow_fewer=True)
    except StoreError as error:
        print("RESTORE", error.message)
    """
)


@posix_only
def test_a_full_disk_is_named_as_such(tmp_path: Path, keyring_file: Path) -> None:
    """A real full disk: a 2 MB tmpfs in a private mount namespace (no root needed)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("needs unshare (util-linux)")
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    script = (
        f"mount -t tmpfs -o size=2m tmpfs {mount_point} && "
        f'exec {sys.executable} -c "$0" {mount_point}/data'
    )
    result = subprocess.run(
        [unshare, "-rm", "sh", "-c", script, FULL_DISK],
        cwd=REPO_ROOT,
        env=python_env(keyring_file),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if "mount" in result.stderr and result.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert "full" in lines["RECORD"] or "no space left" in lines["RECORD"]
    assert "restore" not in lines["RECORD"]
    assert "no space left on the disk that holds" in lines["RESTORE"]


def test_an_io_error_on_a_full_disk_is_reported_as_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlcipher3 import dbapi2

    from gui.core.store import database

    error = dbapi2.OperationalError("disk I/O error")
    error.sqlite_errorname = "SQLITE_IOERR_WRITE"  # type: ignore[attr-defined]
    monkeypatch.setattr(database, "free_bytes", lambda _d: 4096)
    found = translate(error, tmp_path / "checklist.db", "saved")
    assert found.message.startswith(f"There is no space left on the disk that holds {tmp_path}")
    assert "restore" not in found.recovery


def test_a_folder_where_the_checklist_belongs(app_dirs: AppDirs) -> None:
    (app_dirs.data / "checklist.db").mkdir(parents=True)
    with pytest.raises(StorageError) as caught:
        open_store(app_dirs)
    assert "is a folder, not a file" in caught.value.message
    assert "Move" in caught.value.recovery
    assert (app_dirs.data / "checklist.db").is_dir()


@posix_only
def test_a_pipe_where_the_checklist_belongs_does_not_hang(app_dirs: AppDirs) -> None:
    app_dirs.data.mkdir(parents=True)
    os.mkfifo(app_dirs.data / "checklist.db")
    with pytest.raises(StorageError, match="named pipe"):
        open_store(app_dirs)


UNREADABLE = textwrap.dedent(
    """
    import sys
    from gui.core.paths import resolve
    from gui.core.store import StoreError, open_store, restore_backup

    try:
        open_store(resolve(sys.argv[1]))
    except StoreError as error:
        print(error.message)
        print(error.recovery)
    """
)


@posix_only
def test_an_unreadable_checklist_file(app_dirs: AppDirs, keyring_file: Path) -> None:
    fill(app_dirs)
    database = app_dirs.data / "checklist.db"
    database.chmod(0o000)
    try:
        result = run_python(UNREADABLE, str(app_dirs.data), keyring_file=keyring_file, as_user=True)
    finally:
        database.chmod(0o600)
    assert "Traceback" not in result.stderr, result.stderr
    message, recovery = result.stdout.splitlines()[:2]
    assert message == f"The checklist file {database} cannot be read: permission denied. " + (
        "Nothing was changed."
    )
    assert "chmod 600" in recovery


READ_ONLY_RESTORE = textwrap.dedent(
    """
    import sys
    from gui.core.paths import resolve
    from gui.core.store import StoreError, restore_backup

    try:
        restore_backup(resolve(sys.argv[1]), allow_fewer=True)
    except StoreError as error:
        print(error.message)
        print(error.recovery)
    """
)


@posix_only
def test_restore_into_a_read_only_folder_is_refused_cleanly(
    app_dirs: AppDirs, keyring_file: Path
) -> None:
    fill(app_dirs)
    before = sorted(p.name for p in app_dirs.data.iterdir())
    app_dirs.data.chmod(0o500)
    try:
        result = run_python(
            READ_ONLY_RESTORE, str(app_dirs.data), keyring_file=keyring_file, as_user=True
        )
    finally:
        app_dirs.data.chmod(0o700)
    assert "Traceback" not in result.stderr, result.stderr
    assert "cannot be written" in result.stdout or "could not be" in result.stdout
    assert "Nothing was changed" in result.stdout
    assert sorted(p.name for p in app_dirs.data.iterdir()) == before


def test_an_import_note_with_a_lone_surrogate_is_refused(app_dirs: AppDirs, tmp_path: Path) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
        document = store.export_json()
    text = json.dumps(document).replace('"note": ""', '"note": "bad \\ud800 note"', 1)
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRejectedError, match="lone surrogate"):
        read_export_file(path)
    with open_store(app_dirs) as store, pytest.raises(StoreError, match="not valid text"):
        store.record(PLATFORM_ID, "second-thing", Status.KEPT, "bad \udcff", "fp")


@posix_only
def test_a_pipe_given_to_import_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    with pytest.raises(ImportRejectedError, match="named pipe"):
        read_export_file(fifo)


@posix_only
def test_companion_files_left_read_only_follow_the_database_mode(
    app_dirs: AppDirs, keyring_file: Path
) -> None:
    fill(app_dirs)
    killed = run_python(
        "import os, signal, sys\n"
        "from gui.core.checklist import Status\n"
        "from gui.core.paths import resolve\n"
        "from gui.core.store import open_store\n"
        "s = open_store(resolve(sys.argv[1]))\n"
        "s.record('example', 'late', Status.KEPT, '', 'fp')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n",
        str(app_dirs.data),
        keyring_file=keyring_file,
    )
    assert killed.returncode == -9, killed.stderr
    database = app_dirs.data / "checklist.db"
    companions = [app_dirs.data / "checklist.db-wal", app_dirs.data / "checklist.db-shm"]
    for path in (database, *companions):
        path.chmod(0o400)  # a read-only spell...
    database.chmod(0o600)  # ...that the user ends by fixing the database's mode
    script = (
        "import sys\n"
        "from gui.core.checklist import Status\n"
        "from gui.core.paths import resolve\n"
        "from gui.core.store import open_store\n"
        "with open_store(resolve(sys.argv[1])) as s:\n"
        "    s.record('example', 'after', Status.KEPT, '', 'fp')\n"
        "print('saved')\n"
    )
    result = run_python(script, str(app_dirs.data), keyring_file=keyring_file, as_user=True)
    assert result.stdout.strip() == "saved", result.stderr
    with open_store(app_dirs) as store:
        assert {"late", "after"} <= {d.category_id for d in store.decisions()}


def test_stray_temporary_files_are_cleaned_up_at_start(app_dirs: AppDirs) -> None:
    fill(app_dirs)
    strays = [
        app_dirs.backups / ".checklist-2026-01-01.db.4242.partial",
        app_dirs.data / ".restore-4242.db",
        app_dirs.data / ".store.json.4242.tmp",
    ]
    for path in strays:
        path.write_bytes(b"left by a killed run")
    mine = app_dirs.data / "checklist-replaced-20260101T000000.db"
    mine.write_bytes(b"kept: it may be the user's data")
    with open_store(app_dirs):
        pass
    assert [p for p in strays if p.exists()] == []
    assert mine.exists()


def test_a_restore_copy_is_kept_when_there_is_no_checklist(app_dirs: AppDirs) -> None:
    fill(app_dirs)
    (app_dirs.data / "checklist.db").unlink()
    copy = app_dirs.data / ".restore-4242.db"
    copy.write_bytes(next(app_dirs.backups.glob("checklist-*.db")).read_bytes())
    with pytest.raises(StoreError, match="No new, empty checklist was created"):
        open_store(app_dirs)
    assert copy.exists()
