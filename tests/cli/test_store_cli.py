"""The checklist commands, run as a user runs them (``python -m gui`` in a subprocess) with a
file-backed test keyring, with no usable keyring (keyring.backends.fail.Keyring) plus a
passphrase, and with the unencrypted choice.

The platform used is a tiny catalog dropped in the data dir's user catalog folder, so the
tests do not depend on the content of the bundled catalog (which colleagues edit).
"""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import stat
import sys
import time
from pathlib import Path

import pytest

from gui.core.store import LATEST_VERSION
from gui.core.store.keys import MIN_PASSPHRASE_CHARS, check_new_passphrase

from support.store_helpers import (
    CATEGORY_IDS,
    PLATFORM_ID,
    REPO_ROOT,
    cli_env,
    file_digest,
    run_cli_past_catalog_edits,
    write_catalog,
)

FILE_KEYRING = "support.keyrings.FileKeyring"
NO_KEYRING = "keyring.backends.fail.Keyring"
PASSPHRASE = "correct horse battery staple"
HANG_GUARD_SECONDS = 120  # a command in a terminal that has not ended by then is stuck


def cli(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    """Run a command; while a colleague's bundled catalog file is half-written the CLI
    refuses to start, so it is run again once the catalog loads."""
    result = run_cli_past_catalog_edits(*args, env=env)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    write_catalog(data / "catalogs")
    return data


@pytest.fixture
def keyring_env(data_dir: Path, tmp_path: Path) -> dict[str, str]:
    return cli_env(data_dir, keyring_backend=FILE_KEYRING, keyring_file=tmp_path / "keys.json")


def test_mark_and_checklist_from_a_fresh_data_dir(
    data_dir: Path, keyring_env: dict[str, str], tmp_path: Path
) -> None:
    code, out, err = cli(
        "mark", PLATFORM_ID, "first-thing", "opted-out", "--note", "done", env=keyring_env
    )
    assert code == 0, err
    assert out.startswith(f"Saved: {PLATFORM_ID}/first-thing: I turned it off (")
    assert "created a new checklist" in err
    assert "encrypted (key in the system keyring: keyrings FileKeyring)" in err

    code, out, err = cli("checklist", "--json", "--platform", PLATFORM_ID, env=keyring_env)
    assert code == 0, err
    rows = json.loads(out)
    assert [row["category"] for row in rows] == list(CATEGORY_IDS)
    first, second = rows[0], rows[1]
    assert set(first) == {
        "platform",
        "category",
        "title",
        "status",
        "decided_at",
        "note",
        "flags",
        "retired",
    }
    assert first["platform"] == PLATFORM_ID and first["status"] == "opted-out"
    assert first["note"] == "done" and first["flags"] == [] and first["retired"] is False
    assert first["decided_at"].endswith("+00:00")
    assert second["status"] is None and second["decided_at"] is None  # not reviewed yet

    code, out, err = cli("checklist", "--platform", PLATFORM_ID, env=keyring_env)
    assert code == 0, err
    # The words the user picked for the category's switch (gui.core.words).
    assert "I turned it off first-thing: Your posts used to train a model" in out
    assert "note: done" in out and "Not reviewed" in out

    # The key is in the (test) keyring, the file on disk is encrypted.
    assert "privacy-review" in (tmp_path / "keys.json").read_text(encoding="utf-8")
    connection = sqlite3.connect(data_dir / "checklist.db")
    with pytest.raises(sqlite3.DatabaseError):
        connection.execute("SELECT * FROM sqlite_master").fetchall()
    connection.close()
    assert list((data_dir / "backups").glob("checklist-*.db"))  # the daily backup


def test_unknown_platform_category_or_status_lists_the_valid_values(
    keyring_env: dict[str, str], data_dir: Path
) -> None:
    code, _, err = cli("mark", "nowhere", "first-thing", "kept", env=keyring_env)
    assert code == 1 and "unknown platform 'nowhere'; known platforms: " in err
    assert PLATFORM_ID in err
    code, _, err = cli("mark", PLATFORM_ID, "nothing", "kept", env=keyring_env)
    assert code == 1
    assert f"known categories: {', '.join(CATEGORY_IDS)}" in err
    code, _, err = cli("mark", PLATFORM_ID, "first-thing", "maybe", env=keyring_env)
    assert code == 1
    assert "unknown status 'maybe'; valid statuses: opted-out, kept, not-applicable, later" in err
    assert not (data_dir / "checklist.db").exists()  # bad input to mark opens no store
    code, _, err = cli("checklist", "--platform", "nowhere", env=keyring_env)
    assert code == 1 and "unknown platform 'nowhere'" in err


def test_no_keyring_no_passphrase_no_terminal_explains_the_choices(data_dir: Path) -> None:
    env = cli_env(data_dir, keyring_backend=NO_KEYRING)
    code, out, err = cli("mark", PLATFORM_ID, "first-thing", "kept", env=env)
    assert code == 1 and out == ""
    assert err == (
        "privacy-review: The checklist's encryption key cannot be kept in the system keyring: "
        "no usable system keyring was found (keyring backend: fail Keyring).\n"
        "Choose how to protect your checklist:\n"
        "  - with a passphrase: set PRIVACY_REVIEW_PASSPHRASE, run the command in a terminal "
        "to be asked, or run `privacy-review store init --passphrase`;\n"
        "  - without encryption: run `privacy-review store init --unencrypted` (anyone who "
        "can read your files can then read your checklist);\n"
        "  - or make a system keyring available and unlocked (for example GNOME Keyring or "
        "KWallet) and try again.\n"
    )
    assert not (data_dir / "checklist.db").exists()


def test_no_keyring_with_a_passphrase_from_the_environment(data_dir: Path) -> None:
    env = cli_env(data_dir, keyring_backend=NO_KEYRING, passphrase=PASSPHRASE)
    code, _, err = cli("mark", PLATFORM_ID, "second-thing", "later", env=env)
    assert code == 0, err
    code, out, err = cli("checklist", "--json", env=env)
    assert code == 0, err
    statuses = {r["category"]: r["status"] for r in json.loads(out) if r["platform"] == "example"}
    assert statuses == {"first-thing": None, "second-thing": "later", "third-thing": None}
    code, out, _ = cli("store", "info", env=env)
    assert code == 0
    assert "encrypted (key from your passphrase)" in out and "Key: passphrase" in out

    without = cli_env(data_dir, keyring_backend=NO_KEYRING)
    code, _, err = cli("checklist", env=without)
    assert code == 1
    assert "is protected by a passphrase" in err and "PRIVACY_REVIEW_PASSPHRASE" in err
    wrong = cli_env(data_dir, keyring_backend=NO_KEYRING, passphrase="not the passphrase")
    before = file_digest(data_dir / "checklist.db")
    code, _, err = cli("checklist", env=wrong)
    assert code == 1 and "The passphrase does not open the checklist" in err
    assert file_digest(data_dir / "checklist.db") == before


def test_no_keyring_and_the_unencrypted_choice(data_dir: Path) -> None:
    env = cli_env(data_dir, keyring_backend=NO_KEYRING)
    code, out, err = cli("store", "init", "--unencrypted", env=env)
    assert code == 0, err
    assert "NOT encrypted" in out
    assert json.loads((data_dir / "store.json").read_text(encoding="utf-8"))["mode"] == (
        "unencrypted"
    )
    code, _, err = cli("mark", PLATFORM_ID, "third-thing", "not-applicable", env=env)
    assert code == 0, err
    code, out, err = cli("checklist", "--json", "--platform", PLATFORM_ID, env=env)
    assert code == 0, err
    assert json.loads(out)[2]["status"] == "not-applicable"
    code, out, _ = cli("store", "info", env=env)
    assert "NOT encrypted" in out and "Key: none (not encrypted)" in out
    connection = sqlite3.connect(data_dir / "checklist.db")
    assert connection.execute("SELECT status FROM decisions").fetchall() == [("not-applicable",)]
    connection.close()
    code, _, err = cli("store", "init", env=env)
    assert code == 1 and "already exists" in err


def test_export_and_import(data_dir: Path, keyring_env: dict[str, str], tmp_path: Path) -> None:
    cli("mark", PLATFORM_ID, "first-thing", "kept", "--note", "fine", env=keyring_env)
    export = tmp_path / "export.json"
    code, out, err = cli("export", str(export), env=keyring_env)
    assert code == 0, err
    assert "Exported 1 decision and 1 history entry" in out and "not encrypted" in out
    if os.name == "posix":
        assert stat.S_IMODE(export.stat().st_mode) == 0o600
    document = json.loads(export.read_text(encoding="utf-8"))
    assert document["format"] == "privacy-review-checklist"

    other_dir = tmp_path / "other"
    write_catalog(other_dir / "catalogs")
    other = cli_env(other_dir, keyring_backend=FILE_KEYRING, keyring_file=tmp_path / "k2.json")
    code, out, err = cli("import", str(export), env=other)
    assert code == 0, err
    assert "1 decisions added" in out
    code, out, _ = cli("checklist", "--json", "--platform", PLATFORM_ID, env=other)
    assert json.loads(out)[0]["note"] == "fine"

    hostile = tmp_path / "hostile.json"
    document["decisions"][0]["status"] = "deleted"
    hostile.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = cli("import", str(hostile), env=other)
    assert code == 1
    assert "The file was not imported; nothing was changed:" in err
    assert "decisions[0].status: unknown status 'deleted'" in err
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = cli("import", str(deep), env=other)
    assert code == 1 and "nested too deeply" in err


def test_a_lost_key_is_reported_and_restored_from_a_key_export(
    data_dir: Path, keyring_env: dict[str, str], tmp_path: Path
) -> None:
    cli("mark", PLATFORM_ID, "first-thing", "kept", env=keyring_env)
    key_file = tmp_path / "checklist.key"
    code, out, err = cli("key", "export", str(key_file), env=keyring_env)
    assert code == 0, err
    assert "readable only by you" in out
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    (tmp_path / "keys.json").unlink()  # the keyring lost the key
    before = file_digest(data_dir / "checklist.db")
    code, _, err = cli("checklist", env=keyring_env)
    assert code == 1
    assert "but its key is not in the system keyring (keyrings FileKeyring)" in err
    assert "no new checklist was created over it" in err
    assert "`privacy-review key import FILE`" in err
    assert file_digest(data_dir / "checklist.db") == before

    code, out, err = cli("key", "import", str(key_file), env=keyring_env)
    assert code == 0, err
    assert "back in the system keyring" in out
    code, out, err = cli("checklist", "--json", "--platform", PLATFORM_ID, env=keyring_env)
    assert code == 0, err
    assert json.loads(out)[0]["status"] == "kept"


def test_restore_backup_after_damage(data_dir: Path, keyring_env: dict[str, str]) -> None:
    for category in CATEGORY_IDS:
        cli("mark", PLATFORM_ID, category, "kept", "--note", "n " * 500, env=keyring_env)
    database = data_dir / "checklist.db"
    with open(database, "r+b") as handle:
        handle.seek(4096 + 50)
        handle.write(b"\x00" * 200)
    damaged = file_digest(database)
    code, _, err = cli("checklist", env=keyring_env)
    assert code == 1
    assert f"privacy-review: The checklist file {database} is damaged" in err
    assert "privacy-review restore-backup" in err

    code, out, err = cli("restore-backup", env=keyring_env)
    assert code == 0, err
    assert "Restored the checklist from" in out and "The previous file was kept as" in out
    kept = next(data_dir.glob("checklist-replaced-*.db"))
    assert file_digest(kept) == damaged
    code, _, err = cli("checklist", env=keyring_env)
    assert code == 0, err


def test_store_info_names_the_key_backend_even_when_it_fails(
    data_dir: Path, keyring_env: dict[str, str]
) -> None:
    cli("mark", PLATFORM_ID, "first-thing", "kept", env=keyring_env)
    code, out, err = cli("store", "info", env=keyring_env)
    assert code == 0, err
    assert out.splitlines()[0] == (
        f"Checklist: {data_dir / 'checklist.db'}, encrypted "
        "(key in the system keyring: keyrings FileKeyring)"
    )
    assert "Key: keyring: keyrings FileKeyring" in out
    assert f"Data version: {LATEST_VERSION}" in out and "Decisions: 1" in out

    locked = dict(keyring_env, PYTHON_KEYRING_BACKEND="support.keyrings.LockedKeyring")
    code, out, err = cli("store", "info", env=locked)
    assert code == 1
    assert f"Checklist: {data_dir / 'checklist.db'}" in out
    assert "the system keyring is locked (keyring backend: keyrings LockedKeyring)" in err
    assert "Unlock the system keyring" in err


def test_recheck_days(keyring_env: dict[str, str]) -> None:
    code, out, _ = cli("store", "recheck-days", env=keyring_env)
    assert code == 0 and "after 180 days" in out
    code, out, _ = cli("store", "recheck-days", "30", env=keyring_env)
    assert code == 0 and "after 30 days" in out
    code, _, err = cli("store", "recheck-days", "0", env=keyring_env)
    assert code == 1 and "1 to 3650 days" in err


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_in_a_terminal_the_passphrase_is_asked(data_dir: Path) -> None:
    env = cli_env(data_dir, keyring_backend=NO_KEYRING)
    args = ["mark", PLATFORM_ID, "first-thing", "kept"]
    output = run_in_terminal(args, env, answers=[PASSPHRASE, PASSPHRASE])
    assert "Choose a passphrase to encrypt your checklist" in output
    assert "Saved: example/first-thing: I left it on" in output
    output = run_in_terminal(["checklist"], env, answers=[PASSPHRASE])
    assert "I left it on    first-thing" in output  # the words picked for its switch
    output = run_in_terminal(["checklist"], env, answers=[""])  # Enter: give up
    assert "is protected by a passphrase" in output


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_in_a_terminal_a_too_short_new_passphrase_is_refused_before_it_is_repeated(
    data_dir: Path,
) -> None:
    env = cli_env(data_dir, keyring_backend=NO_KEYRING)
    short = "x" * (MIN_PASSPHRASE_CHARS - 1)  # core's rule, whatever its number
    args = ["store", "init", "--passphrase"]
    output = run_in_terminal(args, env, answers=[short, PASSPHRASE, PASSPHRASE])
    assert check_new_passphrase(short) in output  # said why, then asked again
    assert output.count("Passphrase: ") == 2 and output.count("The same passphrase") == 1
    assert "encrypted (key from your passphrase)" in output


def run_in_terminal(args: list[str], env: dict[str, str], answers: list[str]) -> str:
    """Run the CLI with a pseudo-terminal as its controlling terminal, answering each
    "Passphrase" prompt in turn; returns everything it wrote."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: exec the CLI; never return into pytest
        try:
            os.chdir(REPO_ROOT)
            os.execve(sys.executable, [sys.executable, "-m", "gui", *args], env)
        finally:
            os._exit(127)
    output = b""
    answered = 0  # output before this offset has had its prompt answered
    pending = list(answers)
    # Only a guard against a command that hangs (waiting for an answer it never gets): no
    # verdict depends on how long the command takes.
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    hung = True
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                hung = False
                break
            if not chunk:
                hung = False
                break
            output += chunk
            fresh = output[answered:]
            if pending and fresh.endswith(b": ") and b"assphrase" in fresh:
                os.write(fd, pending.pop(0).encode() + b"\n")
                answered = len(output)
    finally:
        if hung:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    text = output.decode("utf-8", "replace")
    assert not hung, f"still running after {HANG_GUARD_SECONDS} s, so stopped: {text}"
    assert "Traceback" not in text, text
    return text
