"""The app as users get it: a wheel installed into a fresh virtual environment, and the
PyInstaller one-folder build. Slow (a minute or two each), but run in CI."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from gui import __version__

from conftest import REPO_ROOT

pytestmark = pytest.mark.slow


def clean_env(data_dir: Path) -> dict[str, str]:
    """The environment of a user's shell: no PYTHONPATH pointing into the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYTEST"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PRIVACY_REVIEW_DATA_DIR=str(data_dir),
        PRIVACY_REVIEW_PASSPHRASE="self-test passphrase",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout, installed into a new venv; returns its bin dir."""
    work = tmp_path_factory.mktemp("wheel")
    built = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-w",
            str(work / "dist"),
            str(REPO_ROOT),
        ],
        dict(os.environ),
        work,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (work / "dist").glob("privacy_review-*.whl")
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
    installed = run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], dict(os.environ), work
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return bin_dir


def test_wheel_version_self_test_and_summary(installed_wheel: Path, tmp_path: Path) -> None:
    app = str(installed_wheel / "privacy-review")
    env = clean_env(tmp_path / "data")
    # Run from an unrelated folder so nothing can come from the checkout.
    version = run([app, "--version"], env, tmp_path)
    assert version.stdout.strip() == f"privacy-review {__version__}", version.stderr

    where = run(
        [str(installed_wheel / "python"), "-c", "import gui; print(gui.__file__)"], env, tmp_path
    )
    assert "site-packages" in where.stdout, where.stdout

    self_test = run([app, "--self-test"], env, tmp_path)
    assert self_test.returncode == 0, self_test.stdout + self_test.stderr

    summary = tmp_path / "summary.pdf"
    made = run([app, "summary", "--output", str(summary)], env, tmp_path)
    assert made.returncode == 0, made.stderr
    assert summary.read_bytes().startswith(b"%PDF")


def test_frozen_app_self_test(tmp_path: Path) -> None:
    # PyInstaller is in the test extra, so it sits beside this interpreter.
    built = run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(REPO_ROOT / "build.spec"),
        ],
        dict(os.environ),
        REPO_ROOT,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    exe = tmp_path / "dist" / "privacy-review" / "privacy-review"
    env = clean_env(tmp_path / "data")
    result = run([str(exe), "--self-test"], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    # Nothing unexpected on stderr: no Qt warnings, no tracebacks, no missing modules.
    assert result.stderr.strip() == "", result.stderr
    assert (
        run([str(exe), "--version"], env, tmp_path).stdout.strip()
        == f"privacy-review {__version__}"
    )
