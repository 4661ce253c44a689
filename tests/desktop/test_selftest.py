"""``--self-test`` from the checkout (the installed and frozen runs are in test_packaging)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.cli import main
from gui.desktop import selftest

from conftest import REPO_ROOT


def test_self_test_passes_here(isolated_data_dir: Path) -> None:
    # In a subprocess, as users run it: the PDF check creates its own Qt application.
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "gui", "--self-test"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name, _ in selftest.CHECKS:
        assert f"ok   {selftest.check_name(name)}:" in result.stdout
    assert result.stderr == ""
    # The user's data dir is left alone: the checks use a throwaway folder.
    assert not isolated_data_dir.exists() or not any(isolated_data_dir.iterdir())


def test_a_failing_check_is_named_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_: Path) -> str:
        raise RuntimeError("catalog folder is empty")

    monkeypatch.setattr(selftest, "CHECKS", (("catalog", broken),))
    assert main(["--self-test"]) == 1
    err = capsys.readouterr().err
    assert "FAIL catalog: catalog folder is empty" in err
    assert "1 of 1 checks failed" in err
