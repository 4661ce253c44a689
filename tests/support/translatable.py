"""Finds window texts that do not go through ``gui.desktop.i18n.translate``.

Run it on files to see what is left: ``python -m tests.support.translatable gui/desktop/x.py``.
A text counts as shown to the user when it looks like words (a letter, and a space, a
capital, or a ``&`` mnemonic) and is not one of the strings that never reach the screen:
docstrings, log messages, object names, style sheets, settings keys, comparisons, dict keys
and subscripts, or strings inside ``translate`` itself. A string that looks like words but is
not shown carries ``# not shown`` at the end of its line, saying so to the next reader too.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

MARKER = "# not shown"

# Calls whose string arguments never reach the screen.
_NOT_SHOWN_CALLS = {
    "setObjectName",
    "setStyleSheet",
    "setProperty",
    "property",
    "objectName",
    "findChild",
    "findChildren",
    "value",  # QSettings keys
    "setValue",
    "remove",
    "contains",
    "getattr",
    "setattr",
    "hasattr",
    "isinstance",
    "Signal",
    "Slot",
    "Property",
    "QSettings",
    "import_module",
    "find_spec",
    "startswith",
    "endswith",
    "split",
    "rsplit",
    "partition",
    "rpartition",
    "replace",
    "strip",
    "rstrip",
    "lstrip",
    "join",
    "encode",
    "decode",
    "strftime",
    "fromisoformat",
    "QKeySequence",  # shortcuts: Qt names keys in the user's language itself
    "TypeVar",
    "NewType",
    "cast",
    "environ",
    "getenv",
    "get",
    "pop",
    "setdefault",
    "open",
    "Path",
    "QUrl",
    "fromLocalFile",
    "fromUserInput",
    "setScheme",
    "QColor",
    "fromTheme",
    "QIcon",
    "QFont",
    "QRegularExpression",
    "compile",
    "match",
    "fullmatch",
    "search",
    "sub",
    "warn",
    "setFormat",
    "setApplicationName",
    "setOrganizationName",
    "setOrganizationDomain",
    "setDesktopFileName",
    "setApplicationDisplayName",
}
_LOGGERS = {"log", "logger", "logging", "LOG", "_log"}
_WORDS = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Untranslated:
    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def _looks_like_words(text: str) -> bool:
    if not _WORDS.search(text):
        return False
    stripped = text.strip()
    if stripped.startswith(("<", "#", "QT_", "Q", "font-", "color:", "http", "mailto:", "file:")):
        return bool(re.search(r">[^<]*[A-Za-z]{2,} [A-Za-z]", stripped)) and "<" in stripped
    if re.fullmatch(r"[\w.\-/:*%{}()\[\]]+", stripped) and not stripped[:1].isupper():
        return "&" in stripped
    return " " in stripped or stripped[:1].isupper() or "&" in stripped


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _is_logging(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in _LOGGERS
    )


class _Finder(ast.NodeVisitor):
    def __init__(self, path: Path, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.found: list[Untranslated] = []
        self._skip: set[int] = set()

    def _skip_tree(self, node: ast.AST | None) -> None:
        if node is not None:
            for child in ast.walk(node):
                self._skip.add(id(child))

    def visit_Module(self, node: ast.Module) -> None:
        self._skip_docstring(node.body)
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._skip_docstring(node.body)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._skip_docstring(node.body)
        self._skip_tree(node.returns)
        for arg in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs]:
            self._skip_tree(arg.annotation)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def _skip_docstring(self, body: list[ast.stmt]) -> None:
        for statement in body:
            # Any bare string statement is a docstring or a comment-like note.
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                self._skip_tree(statement)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._skip_tree(node.annotation)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        if name == "translate" or name in _NOT_SHOWN_CALLS or _is_logging(node):
            self._skip_tree(node)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        self._skip_tree(node)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self._skip_tree(node.slice)
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key in node.keys:
            self._skip_tree(key)
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg in {"objectName", "styleSheet", "encoding", "errors", "mode", "sep"}:
            self._skip_tree(node.value)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id in {"__all__", "__slots__"}:
                self._skip_tree(node.value)
        self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        if id(node) in self._skip:
            return
        text = "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
        self._report(node, text)
        self._skip_tree(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if id(node) in self._skip or not isinstance(node.value, str):
            return
        self._report(node, node.value)

    def _report(self, node: ast.expr, text: str) -> None:
        if not _looks_like_words(text):
            return
        last = getattr(node, "end_lineno", node.lineno) or node.lineno
        if any(MARKER in self.lines[n - 1] for n in range(node.lineno, last + 1)):
            return
        self.found.append(Untranslated(self.path, node.lineno, text))


def untranslated(path: Path) -> list[Untranslated]:
    source = path.read_text(encoding="utf-8")
    finder = _Finder(path, source.splitlines())
    finder.visit(ast.parse(source, filename=str(path)))
    return finder.found


def main(paths: list[str]) -> int:
    files = [
        file
        for name in paths
        for file in (sorted(Path(name).rglob("*.py")) if Path(name).is_dir() else [Path(name)])
    ]
    found = [item for file in files for item in untranslated(file)]
    for item in found:
        print(item)
    print(f"{len(found)} untranslated text(s) in {len(files)} file(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["gui/desktop"]))
