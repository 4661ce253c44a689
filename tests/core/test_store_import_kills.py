"""An import killed with SIGKILL at any point of its transaction leaves a sound checklist
holding either all of the import or none of it, and every decision saved before.

The kill points are exact, not timed: the child counts SQLite's virtual-machine steps
(``set_progress_handler``) and kills itself at step N, N different in each round, from
the first statements of the transaction to after its commit."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest

from gui.core.paths import resolve
from gui.core.store import EXPORT_FORMAT, EXPORT_VERSION, open_store

from support.keyrings import FileKeyring
from support.store_helpers import REPO_ROOT, python_env

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")

ROUNDS = 24
PER_FILE = 40

IMPORTER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from gui.core.paths import resolve
    from gui.core.store import open_store, read_export_file

    data_dir, export, kill_at = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    document = read_export_file(export)
    store = open_store(resolve(data_dir))
    steps = [0]

    def tick():
        steps[0] += 1
        if steps[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return 0

    store._db.connection.set_progress_handler(tick, 50)
    store.import_json(document)
    print("imported", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # acknowledged, then killed before closing
    """
)


def export_file(directory: Path, round_number: int) -> tuple[Path, set[str]]:
    at = datetime(2026, 1, 1, tzinfo=UTC).isoformat(timespec="microseconds")
    ids = {f"r{round_number}-{n}" for n in range(PER_FILE)}
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "decisions": [
            {
                "platform": "example",
                "category": category,
                "status": "kept",
                "note": "imported",
                "decided_at": at,
                "fingerprint": "fp",
            }
            for category in sorted(ids)
        ],
        "history": [],
    }
    path = directory / f"export-{round_number}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path, ids


def test_imports_killed_at_every_point_lose_nothing(tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(keyring_file))
    dirs = resolve(tmp_path / "data")
    open_store(dirs).close()
    acknowledged: set[str] = set()
    outcomes = set()
    for round_number in range(ROUNDS):
        path, ids = export_file(tmp_path, round_number)
        kill_at = 1 + round_number * round_number  # 1 .. 530: early, mid, after commit
        child = subprocess.run(
            [sys.executable, "-c", IMPORTER, str(dirs.data), str(path), str(kill_at)],
            cwd=REPO_ROOT,
            env=python_env(keyring_file),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert child.returncode == -signal.SIGKILL, child.stderr
        if "imported" in child.stdout:
            acknowledged |= ids
        with open_store(dirs) as store:
            assert store.integrity_problems() == []
            saved = {d.category_id for d in store.decisions()}
        this_round = ids & saved
        assert this_round in (set(), ids)  # all of the import or none of it
        outcomes.add(bool(this_round))
        assert acknowledged <= saved
    assert outcomes == {True, False}  # kills landed both inside and after the transaction
