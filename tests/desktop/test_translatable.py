"""Ready for translation: every text the window shows goes through
``gui.desktop.i18n.translate`` with literal arguments, and Qt's own extraction tool
(``pyside6-lupdate``, shipped with PySide6) collects exactly those texts into a ``.ts``
template a translator can open in Qt Linguist."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from tests.support.translatable import untranslated

from conftest import REPO_ROOT

DESKTOP = REPO_ROOT / "gui" / "desktop"
FILES = sorted(DESKTOP.rglob("*.py"))


def _translate_calls() -> tuple[set[tuple[str, str]], list[str]]:
    """(context, text) of every ``translate`` call, and the calls lupdate cannot read."""
    texts: set[tuple[str, str]] = set()
    unreadable = []
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "translate"):
                continue
            literal = [
                arg.value
                for arg in node.args[:2]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            if len(literal) == 2:
                texts.add((literal[0], literal[1]))
            else:
                unreadable.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    return texts, unreadable


def _lupdate() -> str | None:
    scripts = Path(sys.executable).parent
    for name in ("pyside6-lupdate", "pyside6-lupdate.exe"):
        if (scripts / name).exists():
            return str(scripts / name)
    return shutil.which("pyside6-lupdate")


def test_every_window_text_goes_through_translate() -> None:
    found = [str(item) for path in FILES for item in untranslated(path)]
    assert not found, "texts not passed to translate():\n" + "\n".join(found)


def test_translate_is_called_with_literal_context_and_text() -> None:
    texts, unreadable = _translate_calls()
    assert not unreadable, "translate() needs two literal strings: " + ", ".join(unreadable)
    assert len(texts) > 400  # the window's texts, not a handful


def test_the_checker_finds_an_untranslated_label(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from PySide6.QtWidgets import QLabel\n"
        "label = QLabel('Your decision')\n"
        "other = QLabel(translate('Probe', 'Your note'))\n"
        "name = 'dialog-name'\n"
        "shown = 'Only looks like words'  # not shown\n"
    )
    assert [(item.line, item.text) for item in untranslated(probe)] == [(2, "Your decision")]


def test_qt_extraction_collects_every_translated_text(tmp_path: Path) -> None:
    lupdate = _lupdate()
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed with this PySide6")
    template = tmp_path / "privacy-review.ts"
    result = subprocess.run(
        [lupdate, *map(str, FILES), "-ts", str(template)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    extracted = {
        (context.findtext("name"), message.findtext("source"))
        for context in ElementTree.parse(template).getroot().iter("context")
        for message in context.iter("message")
    }
    expected, _unreadable = _translate_calls()
    assert expected - extracted == set()
    assert extracted - expected == set()
