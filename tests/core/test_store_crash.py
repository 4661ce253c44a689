"""Durability with real processes: a writer killed with SIGKILL at random moments never
loses a decision it reported saved and never leaves a damaged file; several processes
writing at once (the window and commands) lose nothing.

The moments are chosen by what the writer has done, not by the clock: killed as soon as it
is started, once it says it is opening the store, or after a random number of saves it
reported (it keeps writing meanwhile, so the kill lands somewhere in a later write). Each
round therefore tests the same stage on a quick and on a busy machine."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring
import pytest

from gui.core.paths import AppDirs
from gui.core.store import open_store

from support.keyrings import KEYRING_FILE_ENV, FileKeyring
from support.store_helpers import REPO_ROOT, TESTS_DIR

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")

ROUNDS = 24

WRITER = textwrap.dedent(
    """
    import sys
    from gui.core.checklist import Status
    from gui.core.paths import resolve
    from gui.core.store import open_store

    data_dir, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print("opening", flush=True)
    store = open_store(resolve(data_dir))
    index = 0
    while count < 0 or index < count:
        # A new decision, and a change of one shared decision (history grows too).
        store.record("crash", f"{name}-{index}", Status.OPTED_OUT, f"note {index}", "fp")
        print(f"new {name}-{index}", flush=True)
        store.record("crash", "shared", Status.KEPT, f"{name} {index}", "fp")
        print(f"shared {name} {index}", flush=True)
        index += 1
    store.close()
    """
)


def writer_env(keyring_file: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), str(TESTS_DIR)])
    env["PYTHON_KEYRING_BACKEND"] = "support.keyrings.FileKeyring"
    env[KEYRING_FILE_ENV] = str(keyring_file)
    return env


def start_writer(
    dirs: AppDirs, name: str, keyring_file: Path, count: int = -1
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(dirs.data), name, str(count)],
        cwd=REPO_ROOT,
        env=writer_env(keyring_file),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def complete_lines(text: str) -> list[str]:
    """Lines the writer finished printing; a line cut off by the kill does not count."""
    return text.split("\n")[:-1]


def read_lines(process: subprocess.Popen[str], count: int) -> str:
    """The writer's next ``count`` lines (fewer if it ended)."""
    assert process.stdout is not None
    return "".join(process.stdout.readline() for _ in range(count))


def test_killed_writers_lose_nothing_they_reported_saved(app_dirs: AppDirs, tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    rng = random.Random(20261128)
    new: set[str] = set()
    shared_notes: set[str] = set()
    reported = 0  # saves read before the kills: each round's own share of the work
    for round_number in range(ROUNDS):
        process = start_writer(app_dirs, f"r{round_number}", keyring_file)
        if round_number % 12 == 5:
            read = ""  # while it is still starting (the interpreter, the imports)
        elif round_number % 12 == 11:
            read = read_lines(process, 1)  # while it creates or opens the store
            assert read == "opening\n", process.communicate()[1]
        else:
            saves = rng.randint(1, 6)
            read = read_lines(process, 1 + saves)  # "opening", then that many saves
            assert len(complete_lines(read)) == 1 + saves, process.communicate()[1]
            reported += saves
        process.send_signal(signal.SIGKILL)
        rest, errors = process.communicate(timeout=60)
        assert process.returncode == -signal.SIGKILL, errors
        for line in complete_lines(read + rest):
            kind, _, value = line.partition(" ")
            if kind != "opening":
                (new if kind == "new" else shared_notes).add(value)
    assert len(new) + len(shared_notes) >= reported  # every reported save was read

    keyring.set_keyring(FileKeyring(keyring_file))
    with open_store(app_dirs) as store:
        assert store.integrity_problems() == []  # PRAGMA integrity_check: "ok"
        saved = {d.category_id for d in store.decisions() if d.category_id != "shared"}
        missing = new - saved
        assert not missing, f"reported saved but lost: {sorted(missing)[:5]}"
        history = {h.note for h in store.history("crash", "shared")}
        assert shared_notes <= history


def test_several_processes_writing_at_once_lose_nothing(app_dirs: AppDirs, tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(keyring_file))
    with open_store(app_dirs) as store:  # created first, like the window at start
        writers = [start_writer(app_dirs, f"p{n}", keyring_file, count=30) for n in range(3)]
        from gui.core.checklist import Status

        for index in range(30):
            store.record("crash", f"me-{index}", Status.LATER, "", "fp")
        for writer in writers:
            _, errors = writer.communicate(timeout=60)
            assert writer.returncode == 0, errors
        decisions = {d.category_id for d in store.decisions()}
        assert len(decisions) == 4 * 30 + 1  # + the shared one
        assert len(store.history("crash", "shared")) == 3 * 30
        assert store.integrity_problems() == []
