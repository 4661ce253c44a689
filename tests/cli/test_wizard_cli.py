"""``privacy-review wizard``: checks its arguments, then hands them to the app."""

from __future__ import annotations

import argparse

import pytest

from gui.cli import entry as cli
from gui.desktop import app


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[argparse.Namespace]:
    calls: list[argparse.Namespace] = []

    def fake_run_gui(args: argparse.Namespace) -> int:
        calls.append(args)
        return 0

    monkeypatch.setattr(app, "run_gui", fake_run_gui)
    return calls


def test_platforms_and_topics_reach_the_app(launched: list[argparse.Namespace]) -> None:
    argv = ["wizard", "--platform", "x", "--platform", "facebook", "--platform", "x"]
    assert cli.main([*argv, "--topic", "ai-training"]) == 0
    (args,) = launched
    assert args.open_wizard is True
    assert args.wizard_platforms == ["x", "facebook"]  # repeats collapse, order kept
    assert args.wizard_topics == ["ai-training"]


def test_no_choices_means_none(launched: list[argparse.Namespace]) -> None:
    assert cli.main(["wizard"]) == 0
    (args,) = launched
    assert args.open_wizard is True
    assert args.wizard_platforms is None and args.wizard_topics is None


def test_unknown_platform_is_refused_with_the_valid_ids(
    launched: list[argparse.Namespace], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["wizard", "--platform", "myspace"]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "unknown platform 'myspace'" in err
    assert "x" in err and "facebook" in err and "linkedin" in err
    assert launched == []


def test_unknown_topic_is_refused_with_the_valid_topics(
    launched: list[argparse.Namespace], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["wizard", "--topic", "horoscopes"]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "unknown topic 'horoscopes'" in err
    assert "ai-training" in err
    assert launched == []


def test_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["wizard", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--platform ID" in out and "--topic TOPIC" in out
