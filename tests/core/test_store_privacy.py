"""Private by default and tight input: the log says what the app did, never what the user
decided or which addresses were opened, and is 0600 whatever the umask; notes lose their
control characters; ids match only in full; an import's memory follows what it keeps."""

from __future__ import annotations

import ast
import json
import logging
import os
import stat
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.core import paths
from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.store import ImportRejectedError, exchange, open_store, read_export_file

from support.store_helpers import PLATFORM_ID, REPO_ROOT

# Names whose values say what the user reviewed or decided.
PRIVATE_NAMES = ("platform", "category", "note", "url", "address", "status", "decision", "link")


def log_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("debug", "info", "warning", "error", "critical", "exception")
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("log", "logger", "qt_log")
        ):
            yield node


def test_no_log_call_records_what_the_user_reviewed_or_decided() -> None:
    found = []
    for path in sorted((REPO_ROOT / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in log_calls(tree):
            for argument in call.args[1:]:
                names = {n.id for n in ast.walk(argument) if isinstance(n, ast.Name)}
                names |= {n.attr for n in ast.walk(argument) if isinstance(n, ast.Attribute)}
                if any(p in name.lower() for name in names for p in PRIVATE_NAMES):
                    found.append(f"{path.relative_to(REPO_ROOT)}:{call.lineno}")
    assert found == []


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)
    yield
    os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_log_is_private_and_keeps_no_addresses(tmp_path: Path, open_umask: None) -> None:
    from gui.desktop.infra import diagnostics

    path = diagnostics.setup_logging(tmp_path)
    root = logging.getLogger()
    try:
        logging.getLogger("qt").warning("could not open https://example.com/settings?u=me")
        for handler in root.handlers:
            handler.flush()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        text = path.read_text(encoding="utf-8")
        assert "could not open <address>" in text and "example.com" not in text
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                root.removeHandler(handler)
                handler.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_every_run_makes_its_new_files_private_whatever_the_umask(open_umask: None) -> None:
    paths.resolve()
    current = os.umask(0o022)
    os.umask(current)
    assert current & 0o077 == 0o077


def test_notes_lose_control_characters_but_keep_newlines(app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        saved = store.record(
            PLATFORM_ID, "first-thing", Status.KEPT, "\x1b[31mred\x07\nnext\tline\x9b2J", "fp"
        )
        assert saved.note == "[31mred\nnext\tline2J"
        assert store.decision(PLATFORM_ID, "first-thing").note == saved.note  # type: ignore[union-attr]


def test_an_id_with_a_trailing_newline_is_refused(app_dirs: AppDirs, tmp_path: Path) -> None:
    with open_store(app_dirs) as store:
        with pytest.raises(ValueError, match="invalid category id"):
            store.record(PLATFORM_ID, "first-thing\n", Status.KEPT, "", "fp")
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "", "fp")
        document = store.export_json()
    document["decisions"][0]["category"] = "first-thing\n"  # type: ignore[index]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportRejectedError, match="is not a valid id"):
        read_export_file(path)


def test_imported_notes_lose_control_characters(app_dirs: AppDirs, tmp_path: Path) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "plain", "fp")
        document = store.export_json()
    document["decisions"][0]["note"] = "\x1b]0;owned\x07title"  # type: ignore[index]
    document["history"] = []
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    valid = read_export_file(path)
    assert valid.decisions[0].note == "]0;ownedtitle"  # type: ignore[attr-defined]


def test_an_import_of_empty_objects_is_refused_in_memory_proportional_to_what_is_kept(
    tmp_path: Path,
) -> None:
    count = 3_000_000
    path = tmp_path / "empty-objects.json"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"format": "privacy-review-checklist", "version": 1, "history": [], ')
        handle.write('"decisions": [' + ",".join(["{}"] * count) + "]}")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        with pytest.raises(ImportRejectedError) as caught:
            read_export_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "missing field" in caught.value.problems[0]
    # The bytes and the text of the file, and little more: parsing them all at once held
    # a dict per object, about 20 times the file's size.
    assert peak < 3 * size, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_the_streamed_reader_and_the_whole_document_checker_agree(
    app_dirs: AppDirs, tmp_path: Path
) -> None:
    with open_store(app_dirs) as store:
        store.record(PLATFORM_ID, "first-thing", Status.KEPT, "a", "fp")
        store.record(PLATFORM_ID, "second-thing", Status.LATER, "b", "fp")
        document = store.export_json()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert read_export_file(path) == exchange.validate_export(document)
