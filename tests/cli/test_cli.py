"""The command line's own behaviour: which commands exist, and that starting the window
does not import the command modules."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

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


# What a command must never import: the window's toolkit, the network stack, and the
# catalog's authoring-time checks. The catalog comes from its validated cache.
NOT_FOR_EVERYDAY_COMMANDS = ("PySide6", "shiboken6", "requests", "jsonschema", "tldextract")

MODULES_AFTER = """
import json, sys
from gui.cli import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def modules_after(tmp_path: Path, *argv: str) -> list[str]:
    """The modules loaded once ``privacy-review ARGV`` has run, in a fresh process."""
    from support.store_helpers import cli_env

    env = cli_env(
        tmp_path / "data",
        keyring_backend="support.keyrings.FileKeyring",
        keyring_file=tmp_path / "keyring.json",
    )
    report = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER, str(report), *argv],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(report.read_text(encoding="utf-8"))
    assert found["code"] == 0, result.stderr
    return list(found["modules"])


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in NOT_FOR_EVERYDAY_COMMANDS]


def test_mark_and_checklist_json_import_no_qt_network_or_schema_checker(tmp_path: Path) -> None:
    from gui.core.catalog import load_catalog
    from gui.core.resources import bundled_catalog_dir

    platform = load_catalog(bundled_catalog_dir()).platforms[0]
    mark = ["mark", platform.id, platform.categories[0].id, "opted-out"]
    # The first command after an install validates the catalog (jsonschema) to fill the
    # cache; every later one reads the cache.
    assert "jsonschema" in modules_after(tmp_path, *mark)
    assert heavy(modules_after(tmp_path, *mark)) == []
    after_checklist = modules_after(tmp_path, "checklist", "--json")
    assert heavy(after_checklist) == []
    assert "sqlcipher3" in after_checklist  # it did read the encrypted store


def test_the_import_check_sees_qt_when_a_command_uses_it(tmp_path: Path) -> None:
    # The check above can fail: the PDF summary does need Qt, and it is seen.
    modules = modules_after(tmp_path, "summary", "--output", str(tmp_path / "s.pdf"))
    assert "PySide6" in heavy(modules)


def test_commands_read_the_catalog_through_the_cache_but_validate_never_does(
    tmp_path: Path,
) -> None:
    from gui.core.catalog.cache import CACHE_NAME

    cache_file = tmp_path / "data" / "cache" / "catalog" / CACHE_NAME
    modules_after(tmp_path, "catalog", "validate", str(REPO_ROOT / "resources" / "catalog"))
    assert not cache_file.exists()  # validating always parses and checks the files
    modules = modules_after(tmp_path, "checklist", "--json")
    assert cache_file.is_file()
    assert "gui.core.catalog.cache" in modules
