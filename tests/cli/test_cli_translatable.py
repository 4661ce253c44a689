"""Ready for translation: every message the command line shows goes through gettext
(``gui.core.i18n._`` / ``ngettext``) as a whole sentence with named placeholders, so the
standard tools can collect it.

Two checks. An AST walk over ``gui/cli`` (always runs): a string with words that is
printed, raised as CommandError, given as argparse ``help``/``description``, or written
as an f-string, must be a literal passed to ``_()``/``ngettext()``. Then the extraction
itself, with GNU ``xgettext`` when the machine has it (Debian package ``gettext``): it must
find exactly the messages the AST walk finds, without warnings, in the commands and in the
marked modules of gui/core (whose tables mark their texts with ``N_``).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT

CLI_DIR = REPO_ROOT / "gui" / "cli"
# Every module of the command line (i18n.py defines the functions and has no texts).
CHECKED = sorted(CLI_DIR.rglob("*.py"))
CORE_DIR = REPO_ROOT / "gui" / "core"
# The vocabulary of gui/core that the window and the commands show: decision words, flags,
# controls and regions, topic and group titles (no f-string with words may be left in them).
CORE_WORDS = [
    CORE_DIR / "words.py",
    CORE_DIR / "checklist.py",
    CORE_DIR / "catalog" / "controls.py",
    CORE_DIR / "catalog" / "model.py",
    CORE_DIR / "topics.py",
    *sorted((CORE_DIR / "review").glob("*.py")),
]
# The modules of gui/core whose texts go through gettext: the dates' patterns and month
# names, and the vocabulary (the rest of gui/core, its documents, letters and messages, is
# not marked yet).
CORE_MARKED = [CORE_DIR / "dates.py", *CORE_WORDS]
# N_ only marks a text defined at import; it is translated where it is read.
TRANSLATORS = {"_", "ngettext", "pgettext", "N_"}
SHOWN_KEYWORDS = {"help", "description", "epilog"}
WORDS_RE = re.compile(r"[A-Za-z]{2,}")


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _has_words(node: ast.expr) -> bool:
    """A literal string (or an f-string's literal parts) with words in it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS_RE.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    return False


def _texts(call: ast.Call) -> list[ast.expr]:
    """The message arguments: both forms of ngettext, the message (not the context) of
    pgettext, the one argument of _."""
    name = _name(call.func)
    if name == "ngettext":
        return call.args[:2]
    if name == "pgettext":
        return call.args[1:2]
    return call.args


def untranslated(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    inside_translator: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in TRANSLATORS:
            texts = _texts(node)
            for arg in texts:
                inside_translator.add(id(arg))
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    problems.append(f"{path.name}:{node.lineno}: {_name(node.func)}() "
                                    "needs a plain string literal")  # fmt: skip
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and _has_words(node):
            problems.append(f"{path.name}:{node.lineno}: f-string with words: use _().format")
        if not isinstance(node, ast.Call):
            continue
        shown = []
        if _name(node.func) in {"print", "CommandError"}:
            shown += node.args
        shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for arg in shown:
            if id(arg) not in inside_translator and _has_words(arg):
                problems.append(f"{path.name}:{arg.lineno}: shown text not passed to _()")
    return problems


def messages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in TRANSLATORS:
            texts = _texts(node)
            for arg in texts:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def test_the_walk_catches_an_untranslated_message(tmp_path: Path) -> None:
    sample = tmp_path / "sample_cmd.py"
    sample.write_text(
        "def f(x):\n"
        "    print('Saved it')\n"
        "    raise CommandError(f'unknown platform {x}')\n"
        "    p.add_argument('--y', help='a help text')\n"
        "    print(_('fine {x}').format(x=x), f'{x}: {x}')\n"
    )
    assert len(untranslated(sample)) == 4  # the f-string counts twice: it is also shown
    assert messages(sample) == {"fine {x}"}


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(CLI_DIR)))
def test_every_shown_string_goes_through_gettext(path: Path) -> None:
    assert untranslated(path) == []


def worded_fstrings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno}: f-string with words: use _().format"
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr) and _has_words(node)
    ]


@pytest.mark.parametrize("path", CORE_WORDS, ids=lambda p: str(p.relative_to(CORE_DIR)))
def test_the_core_vocabulary_has_no_worded_fstrings(path: Path) -> None:
    # A module's words are whole messages; an f-string glues words a translator never sees.
    assert worded_fstrings(path) == []


def test_the_walk_reads_n_as_a_marked_message(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("T = {'a': N_('Left as it is')}\nf'{x} risk'\n")
    assert messages(sample) == {"Left as it is"}
    assert len(worded_fstrings(sample)) == 1


def test_the_core_vocabulary_has_messages() -> None:
    for path in CORE_WORDS:
        if path.parent.name != "review" and path.name != "topics.py":
            assert len(messages(path)) >= 3, path.name


def test_the_translated_commands_have_messages() -> None:
    # The walk found real modules with real texts, not an empty list that passes anything.
    for name in ("entry.py", "catalog_cmd.py", "store_cmd.py", "request_cmd.py",
                 "args/store.py", "args/request.py", "args/wizard.py"):  # fmt: skip
        assert CLI_DIR / name in CHECKED
        assert len(messages(CLI_DIR / name)) >= 3, name


def test_xgettext_extracts_every_message(tmp_path: Path) -> None:
    xgettext = shutil.which("xgettext")
    if xgettext is None:
        pytest.skip("xgettext is not installed (Debian/Ubuntu package: gettext)")
    template = tmp_path / "privacy-review.pot"
    result = subprocess.run(
        [xgettext, "--language=Python", "--from-code=UTF-8", "--keyword=_", "--keyword=N_",
         "--keyword=ngettext:1,2", "--keyword=pgettext:1c,2", "--add-comments",
         "--output", str(template),
         *[str(p) for p in [*CHECKED, *CORE_MARKED]]],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    pot = template.read_text(encoding="utf-8")
    extracted = {_unquote(m) for m in re.findall(r'^msgid ((?:".*"\n)+)', pot, re.MULTILINE)}
    extracted.discard("")  # the header entry
    expected = set().union(*(messages(p) for p in [*CHECKED, *CORE_MARKED]))
    assert {"Jan", "May", "{day} {month} {year}"} <= expected  # the dates' messages
    assert {"I turned it off", "retired from the catalog", "AI training"} <= expected
    plurals = {_unquote(m) for m in re.findall(r'^msgid_plural ((?:".*"\n)+)', pot, re.MULTILINE)}
    assert extracted | plurals == expected


def _unquote(block: str) -> str:
    """A msgid's quoted lines as the Python string they came from."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    return "".join(ast.literal_eval(f'"{part}"') for part in parts)
