"""The command line's own behaviour: which commands exist, and that starting the window
does not import the command modules."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from gui.cli import entry as cli

from conftest import REPO_ROOT


def subcommands(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:  # argparse offers no public way to list subcommands
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def test_every_module_registers_exactly_the_commands_listed_for_it() -> None:
    listed = [name for names in cli.COMMAND_MODULES.values() for name in names]
    assert subcommands(cli.build_parser()) == listed


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], False),
        (["--data-dir", "/tmp/catalog"], False),
        (["--data-dir=/tmp/x", "--profile-startup"], False),
        (["catalog", "list"], True),
        (["--data-dir", "d", "mark", "x", "y", "kept"], True),
        (["frobnicate"], True),
        (["--help"], True),
    ],
)
def test_which_command_lines_need_the_subcommands(argv: list[str], expected: bool) -> None:
    assert cli._may_name_a_command(argv) is expected


def test_window_start_imports_no_command_module() -> None:
    code = (
        "import sys; from gui.cli import entry as cli; "
        "args = cli.build_parser(with_commands=cli._may_name_a_command([])).parse_args([]); "
        "print(sorted(m for m in sys.modules if m.startswith('gui.cli.') and m.endswith('_cmd')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["frobnicate"])
    assert caught.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err
