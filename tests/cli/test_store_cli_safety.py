"""The checklist commands with the new guards, run as a user runs them: notes from stdin or
a file (never in the process list), notes printed safely, a pipe given to import, restore
asking first and refusing while the checklist is open; and the README's promise about the
modes of every file in the data dir, after running every command with umask 000."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gui.core.store.database import Database
from gui.core.store.keys import KeySpec

from support.store_helpers import (
    PLATFORM_ID,
    REPO_ROOT,
    cli_env,
    read_line,
    run_cli,
    write_catalog,
)

FILE_KEYRING = "support.keyrings.FileKeyring"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    write_catalog(data / "catalogs")
    return data


@pytest.fixture
def env(data_dir: Path, tmp_path: Path) -> dict[str, str]:
    return cli_env(data_dir, keyring_backend=FILE_KEYRING, keyring_file=tmp_path / "keys.json")


def run(*args: str, env: dict[str, str], stdin: str = "", umask: int | None = None):  # noqa: ANN201
    result = subprocess.run(
        [sys.executable, "-m", "gui", *args],
        cwd=REPO_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,  # noqa: PLW1509
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_a_note_from_stdin_or_a_file_never_in_the_arguments(
    env: dict[str, str], tmp_path: Path
) -> None:
    help_text = run("mark", "--help", env=env).stdout
    assert "--note-file" in help_text and "process list" in help_text
    secret = "my private reason\nsecond line"
    result = run(
        "mark", PLATFORM_ID, "first-thing", "kept", "--note-file", "-", env=env, stdin=secret
    )
    assert result.returncode == 0, result.stderr
    note_file = tmp_path / "note.txt"
    note_file.write_text("from a file\n", encoding="utf-8")
    result = run(
        "mark", PLATFORM_ID, "second-thing", "kept", "--note-file", str(note_file), env=env
    )
    assert result.returncode == 0, result.stderr
    out = run("checklist", env=env).stdout
    assert "note: my private reason" in out and "second line" in out
    assert "note: from a file" in out


def test_a_stored_escape_sequence_is_printed_harmlessly(
    env: dict[str, str], data_dir: Path, tmp_path: Path
) -> None:
    assert run("mark", PLATFORM_ID, "first-thing", "kept", env=env).returncode == 0
    # A note an older version stored raw, escape sequences and all.
    key = json.loads((tmp_path / "keys.json").read_text())
    raw = bytes.fromhex(next(iter(key.values())))
    database = Database.connect(data_dir / "checklist.db", KeySpec.raw(raw))
    database.connection.execute("UPDATE decisions SET note = ?", ("\x1b[2Jgone\x07\x9b",))
    database.close()
    out = run("checklist", env=env).stdout
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "note: \\x1b[2Jgone\\x07\\x9b" in out
    out = run("checklist", "--json", env=env).stdout
    assert "\x9b" not in out and "\x1b" not in out
    notes = [row["note"] for row in json.loads(out) if row["platform"] == PLATFORM_ID]
    assert "\x1b[2Jgone\x07\x9b" in notes  # the same text, escaped


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
def test_a_pipe_given_to_import_is_refused_without_waiting(
    env: dict[str, str], tmp_path: Path
) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    result = run_cli("import", str(fifo), env=env, timeout=60)
    assert result.returncode == 1
    assert "it is a named pipe, not a file" in result.stderr


def test_restore_says_what_it_replaces_and_asks(env: dict[str, str], data_dir: Path) -> None:
    assert run("mark", PLATFORM_ID, "first-thing", "kept", env=env).returncode == 0
    assert run("mark", PLATFORM_ID, "second-thing", "kept", env=env).returncode == 0
    backup = next((data_dir / "backups").glob("checklist-*.db"))  # made before the 1st mark
    result = run("restore-backup", env=env)  # not a terminal: cannot ask
    assert result.returncode == 1
    assert "checklist.db: 2 decisions, newest decided" in result.stdout
    assert f"{backup}: 0 decisions, file changed" in result.stdout
    assert "FEWER decisions" in result.stdout
    assert "add --yes" in result.stderr
    assert not list(data_dir.glob("checklist-replaced-*"))
    result = run("restore-backup", "--yes", env=env)
    assert result.returncode == 0, result.stderr
    assert f"Restored the checklist from {backup}" in result.stdout
    assert "; 0 decisions." in result.stdout
    assert len(list(data_dir.glob("checklist-replaced-*.db"))) == 1


HOLDER = textwrap.dedent(
    """
    import sys
    from gui.core.paths import resolve
    from gui.core.store import open_store

    store = open_store(resolve(sys.argv[1]))
    print("open", flush=True)
    sys.stdin.read()
    store.close()
    """
)


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_restore_is_refused_while_the_checklist_is_open(
    env: dict[str, str], data_dir: Path
) -> None:
    assert run("mark", PLATFORM_ID, "first-thing", "kept", env=env).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert read_line(holder) == "open"
        result = run("restore-backup", "--yes", env=env)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert result.returncode == 1
    assert "is open in another Privacy Review window or command" in result.stderr
    assert not list(data_dir.glob("checklist-replaced-*"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_every_file_under_the_data_dir_is_private_after_every_command(
    env: dict[str, str], data_dir: Path, tmp_path: Path
) -> None:
    """README, "Where your data lives": folders 0700, files 0600, whatever the umask."""
    export = tmp_path / "export.json"
    key_file = tmp_path / "checklist.key"
    note_file = tmp_path / "note.txt"
    note_file.write_text("a note", encoding="utf-8")
    commands = [
        ("mark", PLATFORM_ID, "first-thing", "kept", "--note", "n"),
        ("mark", PLATFORM_ID, "second-thing", "later", "--note-file", str(note_file)),
        ("checklist",),
        ("checklist", "--json"),
        ("export", str(export)),
        ("import", str(export)),
        ("key", "export", str(key_file)),
        ("key", "import", str(key_file)),
        ("store", "info"),
        ("store", "recheck-days", "30"),
        ("catalog", "list"),
        ("summary", "--output", str(tmp_path / "summary.md")),
        ("restore-backup", "--yes"),
    ]
    for command in commands:
        result = run(*command, env=env, umask=0)
        assert result.returncode == 0, (command, result.stderr)
    window_env = dict(env, QT_QPA_PLATFORM="offscreen")
    result = run("--profile-startup", env=window_env, umask=0)  # the window: log, window.ini
    assert result.returncode == 0, result.stderr
    for outside in (export, key_file):
        assert stat.S_IMODE(outside.stat().st_mode) == 0o600
    seen = []
    for path in [data_dir, *data_dir.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        seen.append(path.name)
        if path.is_dir():
            assert mode == 0o700, f"{path}: {mode:o}"
        elif path.parent.name != "catalogs":  # the test's own catalog file, not the app's
            assert mode == 0o600, f"{path}: {mode:o}"
    assert {"checklist.db", "store.json", "checklist.id", "window.ini"} <= set(seen)
    assert "privacy-review.log" in seen
