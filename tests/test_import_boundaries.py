"""Imports sit at the top of modules, so the dependency graph is in plain sight and an
import error shows at start-up, not when a user clicks. The exceptions are the start-up
boundaries below, the one list of them (ARCHITECTURE.md describes it in words): an import
inside a function is allowed only when the importing module and the imported one match a
row. A new row needs its reason.

Run ``python tests/test_import_boundaries.py [paths]`` to list what is not allowed yet.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = REPO_ROOT / "gui"

# (importing module prefix, imported module prefix, why it is imported late)
LATE_IMPORTS: tuple[tuple[str, str, str], ...] = (
    # Libraries that are slow to import and needed on one path only.
    ("gui", "keyring", "~60 ms of backend discovery; only to read or write a key"),
    ("gui", "sqlcipher3", "the native library; only when a checklist is opened"),
    ("gui", "jsonschema", "~50 ms; only when a file is validated, never for a cached catalog"),
    ("gui", "tldextract", "its suffix list; only when a catalog file is validated"),
    ("gui", "requests", "~100 ms with urllib3; only for a network check the user asked for"),
    ("gui", "urllib3", "as requests"),
    ("gui.core.online.http", "http.cookiejar", "~22 ms (urllib.request); only beside requests"),
    ("gui.core.requests.calendar", "icalendar", "~110 ms; only to save a deadline to a calendar"),
    # Modules that exist on one operating system only.
    ("gui", "fcntl", "POSIX only"),
    ("gui", "msvcrt", "Windows only"),
    ("gui", "winreg", "Windows only"),
    ("gui", "ctypes", "only for one operating system's call"),
    # Start-up boundaries: the command line starts the window or the self-test, the app
    # starts the window once Qt is up; the commands draw PDFs with Qt only when asked.
    ("gui.cli.entry", "gui.desktop.app", "the window: only when no command is given"),
    ("gui.cli.entry", "gui.desktop.selftest", "only for --self-test"),
    ("gui.cli", "PySide6", "Qt only for a command that draws a PDF"),
    ("gui.cli", "gui.desktop", "the PDF painters, only for a command that draws a PDF"),
    ("gui.desktop.app", "gui.desktop.window.main_window", "after the first paint"),
    # What the start-up sequence needs only after the first paint (together ~130 ms).
    ("gui.desktop.infra.startup", "gui.core.catalog", "~25 ms, loaded after the first paint"),
    ("gui.desktop.infra.startup", "gui.core.store", "~30 ms, opened after the first paint"),
    ("gui.desktop.infra.startup", "gui.desktop.window.store_dialogs", "~30 ms, after it"),
    ("gui.desktop.infra.startup", "gui.desktop.window.messages", "the Qt namespace, ~25 ms"),
    ("gui.desktop.infra.single_instance", "hashlib", "~5 ms (OpenSSL), to listen after it"),
    ("gui.desktop.infra.single_instance", "PySide6.QtNetwork", "~11 ms, listening after it"),
    ("gui.desktop.infra.diagnostics", "logging.handlers", "~15 ms, the log file after it"),
    ("gui.desktop.infra.crash", "PySide6.QtCore", "the Qt namespace, ~23 ms, only on a crash"),
    # The window paints its shell first and brings in its parts once it has data: together
    # they cost 0.6-1.3 s of imports (checklist panel, store, catalog, import/export, the
    # guided review, help), and PySide's Qt namespace 50-100 ms on first use.
    ("gui.desktop.window.main_window", "gui.desktop.window", "the parts behind the shell"),
    ("gui.desktop.window.main_window", "PySide6.QtCore", "the Qt namespace, after the shell"),
    # Qt's print support and the features the window opens on demand.
    ("gui.desktop", "PySide6.QtPrintSupport", "~40 ms; only to print or preview"),
    ("gui.desktop.window", "gui.desktop.online", "only when an online check is asked for"),
    ("gui.desktop.window.main_window", "gui.desktop.window.online_controller", "as above"),
    ("gui.desktop", "gui.desktop.summary", "print support; only to print or save a summary"),
    ("gui.desktop.window", "gui.desktop.requests", "only when a request window is opened"),
    ("gui.desktop.window", "gui.desktop.evidence", "only when an export is read"),
)


@dataclass(frozen=True)
class LateImport:
    path: Path
    line: int
    importer: str
    imported: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.importer} imports {self.imported} inside a function"


def _module_name(path: Path) -> str:
    parts = list(path.resolve().relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _is_module(name: str) -> bool:
    if not name.startswith("gui."):
        return False
    path = REPO_ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _matches(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def allowed(importer: str, imported: str) -> bool:
    return any(
        _matches(importer, source) and _matches(imported, target)
        for source, target, _why in LATE_IMPORTS
    )


def late_imports(path: Path) -> list[LateImport]:
    importer = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                module = _absolute(node, importer, path.name == "__init__.py")
                # "from gui.core import paths" imports the module gui.core.paths.
                names = [
                    f"{module}.{alias.name}" if _is_module(f"{module}.{alias.name}") else module
                    for alias in node.names
                ]
            else:
                continue
            found += [
                LateImport(path, node.lineno, importer, name)
                for name in names
                if not allowed(importer, name)
            ]
    # Nested functions are walked twice; one report per import statement.
    return sorted(set(found), key=lambda item: (item.line, item.imported))


def _python_files(paths: list[Path]) -> list[Path]:
    return [
        file for path in paths for file in (sorted(path.rglob("*.py")) if path.is_dir() else [path])
    ]


def test_imports_inside_functions_are_only_the_listed_boundaries() -> None:
    found = [item for file in _python_files([PACKAGE]) for item in late_imports(file)]
    assert not found, "\n".join(map(str, found))


def test_the_checker_finds_a_late_import(tmp_path: Path) -> None:
    module = PACKAGE / "core" / "_boundary_probe.py"
    module.write_text("def f():\n    import json\n    from gui.core import paths\n")
    try:
        found = late_imports(module)
    finally:
        module.unlink()
    assert [(item.line, item.imported) for item in found] == [(2, "json"), (3, "gui.core.paths")]


def test_every_row_says_why() -> None:
    assert all(why.strip() for _source, _target, why in LATE_IMPORTS)


if __name__ == "__main__":
    files = _python_files([Path(arg) for arg in sys.argv[1:]] or [PACKAGE])
    report = [item for file in files for item in late_imports(file)]
    print("\n".join(map(str, report)))
    print(f"{len(report)} late import(s) not allowed", file=sys.stderr)
    sys.exit(1 if report else 0)
