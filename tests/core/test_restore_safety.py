"""Restoring a backup cannot lose data: it refuses while the checklist is open anywhere,
never overwrites a file it kept aside, asks before it replaces a checklist holding more,
and a process killed between any two of its steps leaves a checklist the next start
completes or undoes, with every decision readable from checklist.db.

Kills are injected by the restore's own ``checkpoint`` hook, called after each named step:
the child process runs the real restore and sends itself SIGKILL at the chosen step, so
every pair of steps is covered exactly, not by chance."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring
import pytest

from gui.core.checklist import Status
from gui.core.paths import AppDirs, resolve
from gui.core.store import (
    BackupError,
    Mode,
    StoreError,
    StoreInUseError,
    init_store,
    open_store,
    plan_restore,
    restore_backup,
)
from gui.core.store.database import Database
from gui.core.store.keys import SERVICE, KeySpec, key_username
from gui.core.store.restoring import RESTORE_STEPS

from support.keyrings import FileKeyring
from support.store_helpers import PLATFORM_ID, REPO_ROOT, file_digest, python_env, read_line

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL and flock")

DECISIONS = [f"c-{n}" for n in range(12)]

KILL_AT_STEP = textwrap.dedent(
    """
    import os, signal, sys
    from gui.core.paths import resolve
    from gui.core.store import restore_backup

    data_dir, step = sys.argv[1], sys.argv[2]

    def checkpoint(name):
        print(name, flush=True)
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    restore_backup(resolve(data_dir), allow_fewer=True, checkpoint=checkpoint)
    print("returned", flush=True)
    """
)

# Records the newer notes, then dies without closing: its -wal and -shm stay behind.
KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from gui.core.checklist import Status
    from gui.core.paths import resolve
    from gui.core.store import open_store

    store = open_store(resolve(sys.argv[1]))
    for category in sys.argv[2:]:
        store.record("example", category, Status.KEPT, "v2", "fp")
    os.kill(os.getpid(), signal.SIGKILL)
    """
)

# Holds the checklist open like the window does, saving one decision per line read.
HOLDER = textwrap.dedent(
    """
    import sys
    from gui.core.checklist import Status
    from gui.core.paths import resolve
    from gui.core.store import open_store

    store = open_store(resolve(sys.argv[1]))
    print("open", flush=True)
    for line in sys.stdin:
        store.record("example", line.strip(), Status.KEPT, "", "fp")
        print("saved", flush=True)
    store.close()
    """
)


@pytest.fixture
def keyring_file(tmp_path: Path) -> Path:
    path = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(path))
    return path


def test_a_restore_into_no_checklist_killed_after_its_journal_is_completed(
    app_dirs: AppDirs, keyring_file: Path
) -> None:
    with open_store(app_dirs) as store:
        for category in DECISIONS:
            store.record(PLATFORM_ID, category, Status.KEPT, "", "fp")
        store.daily_backup()
    (app_dirs.data / "checklist.db").unlink()
    run_killed_at(app_dirs, keyring_file, "journal-written")
    with open_store(app_dirs) as store:
        assert {d.category_id for d in store.decisions()} == set(DECISIONS)
        assert "has now been completed" in store.notices[0]


def key_of(dirs: AppDirs) -> KeySpec:
    stored = keyring.get_keyring().get_password(SERVICE, key_username(dirs.data))
    assert stored is not None
    return KeySpec.raw(bytes.fromhex(stored))


def notes_in(path: Path, key: KeySpec | None) -> dict[str, str]:
    database = Database.connect(path, key)
    try:
        rows = database.query("SELECT category_id, note FROM decisions")
    finally:
        database.close()
    return {str(c): str(n) for c, n in rows}


def with_backup_then_newer_notes(dirs: AppDirs, keyring_file: Path, variant: str) -> None:
    """The backup holds every decision with note v1; the checklist then gets note v2 for
    each (closed cleanly, or by a killed process leaving its -wal); or the same, kept
    unencrypted."""
    if variant == "unencrypted":
        init_store(dirs, Mode.UNENCRYPTED).close()
        variant = "closed"
    with open_store(dirs) as store:
        for category in DECISIONS:
            store.record(PLATFORM_ID, category, Status.OPTED_OUT, "v1", "fp")
        assert store.daily_backup() is not None
        if variant == "closed":
            for category in DECISIONS:
                store.record(PLATFORM_ID, category, Status.KEPT, "v2", "fp")
    if variant == "wal":
        child = subprocess.run(
            [sys.executable, "-c", KILLED_WRITER, str(dirs.data), *DECISIONS],
            cwd=REPO_ROOT,
            env=python_env(keyring_file),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert child.returncode == -signal.SIGKILL, child.stderr
        assert (dirs.data / "checklist.db-wal").exists()


def run_killed_at(dirs: AppDirs, keyring_file: Path, step: str) -> list[str]:
    child = subprocess.run(
        [sys.executable, "-c", KILL_AT_STEP, str(dirs.data), step],
        cwd=REPO_ROOT,
        env=python_env(keyring_file),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr
    return child.stdout.split()


@pytest.mark.parametrize("variant", ["closed", "wal", "unencrypted"])
@pytest.mark.parametrize("step", RESTORE_STEPS)
def test_a_restore_killed_between_any_two_steps_loses_nothing(
    tmp_path: Path, keyring_file: Path, step: str, variant: str
) -> None:
    dirs = resolve(tmp_path / "data")
    with_backup_then_newer_notes(dirs, keyring_file, variant)
    done = run_killed_at(dirs, keyring_file, step)
    assert done[-1] == step  # killed right after this step, before the next one

    # The next start settles it: every decision is readable from checklist.db...
    with open_store(dirs) as store:
        assert {d.category_id for d in store.decisions()} == set(DECISIONS)
        assert store.integrity_problems() == []
        notes = {d.note for d in store.decisions()}
        journalled = RESTORE_STEPS.index("journal-written") <= RESTORE_STEPS.index(step)
        if journalled and step != "journal-removed":
            assert len(store.notices) == 1  # completed or undone, and the user is told
    key = None if variant == "unencrypted" else key_of(dirs)
    # ...and the newer notes are nowhere lost: in checklist.db or in the file kept aside.
    kept = [notes_in(p, key) for p in dirs.data.glob("checklist-replaced-*.db")]
    assert notes == {"v2"} or any(set(k.values()) == {"v2"} for k in kept)
    leftovers = [p.name for p in dirs.data.iterdir() if p.name.startswith(".restore-")]
    assert leftovers == [] and not (dirs.data / "restore-journal.json").exists()


def test_restore_steps_are_many_enough_rounds() -> None:
    # 3 variants at each step: the kill test runs more than 20 rounds.
    assert len(RESTORE_STEPS) * 3 > 20


def test_two_restores_in_a_row_keep_both_replaced_files(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
        store.daily_backup()
        for category in DECISIONS:
            store.record(PLATFORM_ID, category, Status.KEPT, "", "fp")
    original = file_digest(app_dirs.data / "checklist.db")
    first = restore_backup(app_dirs, allow_fewer=True)
    second = restore_backup(app_dirs, allow_fewer=True)
    kept = sorted(app_dirs.data.glob("checklist-replaced-*.db"))
    assert len(kept) == 2
    assert first.moved_aside[0] != second.moved_aside[0]
    assert file_digest(first.moved_aside[0]) == original  # never overwritten
    assert len(notes_in(first.moved_aside[0], key_of(app_dirs))) == 1 + len(DECISIONS)


def test_a_backup_with_fewer_decisions_is_not_restored_silently(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
        store.daily_backup()
        store.record(PLATFORM_ID, "second-thing", Status.KEPT, "", "fp")
    before = file_digest(app_dirs.data / "checklist.db")
    plan = plan_restore(app_dirs)
    assert plan.loses_decisions
    assert plan.current is not None and plan.current.decisions == 2
    assert plan.source.decisions == 1
    assert "2 decisions" in plan.describe() and "1 decision," in plan.describe()
    with pytest.raises(BackupError, match="holds 1 decision, fewer than the 2"):
        restore_backup(app_dirs)
    assert file_digest(app_dirs.data / "checklist.db") == before
    assert not list(app_dirs.data.glob("checklist-replaced-*"))


def test_restore_is_refused_while_the_checklist_is_open_in_this_process(
    app_dirs: AppDirs,
) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
        store.daily_backup()
        with pytest.raises(StoreInUseError) as caught:
            restore_backup(app_dirs, allow_fewer=True)
        assert "Close the Privacy Review window" in caught.value.recovery
    assert not list(app_dirs.data.glob("checklist-replaced-*"))


def test_restore_is_refused_while_another_process_has_it_open_and_nothing_goes_astray(
    app_dirs: AppDirs, keyring_file: Path
) -> None:
    with open_store(app_dirs) as store:
        store.daily_backup()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(app_dirs.data)],
        cwd=REPO_ROOT,
        env=python_env(keyring_file),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None
    try:
        assert read_line(holder) == "open"
        with pytest.raises(StoreInUseError, match="open in another Privacy Review"):
            restore_backup(app_dirs, allow_fewer=True)
        for category in DECISIONS:  # the window goes on saving after the refusal
            holder.stdin.write(category + "\n")
            holder.stdin.flush()
            assert read_line(holder) == "saved"
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert holder.returncode == 0
    with open_store(app_dirs) as store:
        assert {d.category_id for d in store.decisions()} == set(DECISIONS)
    assert not list(app_dirs.data.glob("checklist-replaced-*"))


def write_instance_lock(data: Path, pid: int) -> None:
    # The format Qt's QLockFile writes: pid, application name, host name.
    (data / "instance.lock").write_text(f"{pid}\nprivacy-review\n{socket.gethostname()}\n")


def test_restore_is_refused_while_the_window_holds_its_instance_lock(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        store.daily_backup()
    window = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        write_instance_lock(app_dirs.data, window.pid)
        with pytest.raises(StoreInUseError, match=f"window \\(process {window.pid}\\)"):
            restore_backup(app_dirs)
    finally:
        assert window.stdin is not None
        window.stdin.close()
        window.wait(timeout=30)
    # The window is gone: its lock file is stale and no longer stands in the way.
    result = restore_backup(app_dirs)
    assert result.restored_from.parent == app_dirs.backups


def test_a_start_after_an_old_interrupted_restore_points_to_the_data(
    app_dirs: AppDirs, keyring_file: Path
) -> None:
    # What the previous version left when killed between its two renames.
    with open_store(app_dirs) as store:
        for category in DECISIONS:
            store.record(PLATFORM_ID, category, Status.KEPT, "", "fp")
        store.daily_backup()
    database = app_dirs.data / "checklist.db"
    database.rename(app_dirs.data / "checklist-replaced-20261201T120000.db")
    copy = app_dirs.data / ".restore-4242.db"
    copy.write_bytes(next(app_dirs.backups.glob("checklist-*.db")).read_bytes())
    with pytest.raises(StoreError) as caught:
        open_store(app_dirs)
    message = caught.value.message
    assert f"There is no checklist file {database}" in message
    assert "checklist-replaced-20261201T120000.db" in message and ".restore-4242.db" in message
    assert "No new, empty checklist was created" in message
    assert "privacy-review restore-backup" in caught.value.recovery
    assert not database.exists() and copy.exists()  # nothing created, nothing removed

    restore_backup(app_dirs, app_dirs.data / "checklist-replaced-20261201T120000.db")
    with open_store(app_dirs) as store:
        assert {d.category_id for d in store.decisions()} == set(DECISIONS)


def test_a_backup_that_is_a_folder_or_the_checklist_itself_is_refused(
    app_dirs: AppDirs,
) -> None:
    with open_store(app_dirs) as store:
        store.daily_backup()
    folder = app_dirs.data / "a-folder.db"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        restore_backup(app_dirs, folder)
    with pytest.raises(BackupError, match="is the checklist itself"):
        restore_backup(app_dirs, app_dirs.data / "checklist.db")
