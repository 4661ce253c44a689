"""Shared pieces of the store tests: a tiny valid catalog that does not depend on the
bundled files (colleagues edit those), helpers to open stores and to run the CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from gui.core.catalog import Catalog, CatalogError, load_catalog
from gui.core.resources import bundled_catalog_dir

from support.waiting import wait_until

REPO_ROOT = Path(__file__).resolve().parents[2]
TESTS_DIR = REPO_ROOT / "tests"

PLATFORM_ID = "example"
CATEGORY_IDS = ("first-thing", "second-thing", "third-thing")


def catalog_toml(*, first_title: str = "Your posts used to train a model") -> str:
    categories = []
    titles = (first_title, "Ads based on your activity", "Your contacts uploaded")
    topics = ("ai-training", "ads", "contacts")
    for category_id, title, topic in zip(CATEGORY_IDS, titles, topics, strict=True):
        categories.append(
            f"""
[[categories]]
id = "{category_id}"
title = "{title}"
collected = "What the platform collects, in plain words."
why = "Why a careful person would care."
risk = "medium"
control = "toggle"
steps = ["Open Settings.", "Turn it off."]
topics = ["{topic}"]
verified = 2025-06-01

[categories.quote]
text = "We may use the information we collect"
source = "https://example.com/privacy"
policy_date = 2025-01-01
"""
        )
    return f"""schema = 1
id = "{PLATFORM_ID}"
name = "Example Social"
domains = ["example.com"]

[[policies]]
id = "privacy-policy"
title = "Example Privacy Policy"
url = "https://example.com/privacy"
effective = 2025-01-01
""" + "".join(categories)


def write_catalog(directory: Path, **kwargs: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{PLATFORM_ID}.toml"
    path.write_text(catalog_toml(**kwargs), encoding="utf-8")
    return path


def tiny_catalog(directory: Path, **kwargs: str) -> Catalog:
    """A one-platform catalog loaded as if bundled, from ``directory``."""
    write_catalog(directory, **kwargs)
    return load_catalog(bundled_dir=directory)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli_env(
    data_dir: Path,
    *,
    keyring_backend: str | None = None,
    keyring_file: Path | None = None,
    passphrase: str | None = None,
) -> dict[str, str]:
    """Environment for ``python -m gui``: this checkout and the test helpers importable,
    the given keyring backend, and no passphrase unless one is given."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), str(TESTS_DIR)])
    env["PRIVACY_REVIEW_DATA_DIR"] = str(data_dir)
    env.pop("PRIVACY_REVIEW_PASSPHRASE", None)
    env.pop("PYTHON_KEYRING_BACKEND", None)
    if keyring_backend:
        env["PYTHON_KEYRING_BACKEND"] = keyring_backend
    if keyring_file is not None:
        env["PRIVACY_REVIEW_TEST_KEYRING_FILE"] = str(keyring_file)
    if passphrase is not None:
        env["PRIVACY_REVIEW_PASSPHRASE"] = passphrase
    return env


def run_cli(
    *args: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user does; stdin is not a terminal. Expected failures
    must never print a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "gui", *args],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "ERROR CORE" not in result.stderr, result.stderr  # SQLCipher's own logging
    return result


# What a command says when a bundled catalog file does not load.
BROKEN_CATALOG = "the bundled catalog is broken"


def bundled_catalog_loads() -> bool:
    """The real bundled catalog (not the tests' fixed copy) loads without a problem."""
    try:
        load_catalog(bundled_catalog_dir())
    except CatalogError:
        return False
    return True


def run_cli_past_catalog_edits(
    *args: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """``run_cli`` for tests that read the real bundled catalog: a command that found a
    bundled file half-written by a colleague (it refuses to start then) is run again once
    the catalog loads, rather than after a fixed pause."""
    for _ in range(3):
        result = run_cli(*args, env=env, timeout=timeout)
        if BROKEN_CATALOG not in result.stderr:
            return result
        wait_until(bundled_catalog_loads, timeout=120, what="the bundled catalog to load")
    raise AssertionError(f"the bundled catalog stayed broken: {result.stderr}")


def python_env(keyring_file: Path) -> dict[str, str]:
    """Environment for a child Python that uses the store with a shared file keyring."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), str(TESTS_DIR)])
    env["PYTHON_KEYRING_BACKEND"] = "support.keyrings.FileKeyring"
    env["PRIVACY_REVIEW_TEST_KEYRING_FILE"] = str(keyring_file)
    env.pop("PRIVACY_REVIEW_PASSPHRASE", None)
    return env


def without_root_powers(command: list[str]) -> list[str] | None:
    """``command`` as an ordinary user would run it: root ignores file permissions, so as
    root the permission-bypassing capabilities are dropped first (setpriv, util-linux).
    None when that is not possible (the caller skips)."""
    import shutil

    if os.name != "posix" or os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]


def run_python(
    script: str, *args: str, keyring_file: Path, timeout: float = 60, as_user: bool = False
) -> subprocess.CompletedProcess[str]:
    command: list[str] | None = [sys.executable, "-c", script, *args]
    if as_user:
        command = without_root_powers(command)
        if command is None:
            import pytest

            pytest.skip("running as root without setpriv: permissions cannot be tested")
    assert command is not None
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=python_env(keyring_file),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def read_line(process: subprocess.Popen[str]) -> str:
    """The child's next line; the child's error output when it ended instead."""
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        _, errors = process.communicate(timeout=30)
        raise AssertionError(f"the child ended early: {errors}")
    return line.strip()
