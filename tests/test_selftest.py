"""``--self-test`` from the checkout (the installed and frozen runs are in test_packaging)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gui import selftest
from gui.cli import main


def test_self_test_passes_here(capsys: pytest.CaptureFixture[str], isolated_data_dir: Path) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    for name, _ in selftest.CHECKS:
        assert f"ok   {name}:" in out
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
