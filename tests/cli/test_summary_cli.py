"""``privacy-review summary``, run as a user runs it (``python -m gui`` in a subprocess)
against a real passphrase-protected store holding decisions on two platforms. The two
platforms are user catalog files in the data dir, so the test does not depend on the
bundled catalog's content; ``--platform`` keeps the bundled platforms out of the output."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from gui.cli.summary_cmd import FORMAT_NAMES
from gui.core import dates
from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import Decision
from gui.core.paths import resolve
from gui.core.store import open_store
from gui.core.summary.model import FORMATS

from support.store_helpers import cli_env, run_cli_past_catalog_edits
from support.summary_data import (
    EXPECTED_TO_DO,
    HOSTILE_NOTE,
    NOW,
    READERS,
    category_title,
    decisions_for,
    squash,
    to_do_section,
    write_catalog,
)

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    write_catalog(data / "catalogs")
    return data


@pytest.fixture
def catalog(data_dir: Path) -> Catalog:
    return load_catalog(bundled_dir=data_dir / "catalogs")


@pytest.fixture
def recorded(data_dir: Path, catalog: Catalog) -> Iterator[list[Decision]]:
    """The shared decisions, recorded in a real store with their ages kept: each decided
    as long before now as it was before the fixed NOW of the other tests, so the same
    ones are due for a re-check."""
    now = datetime.now(UTC)
    moment = [now]
    store = open_store(resolve(data_dir), passphrase=PASSPHRASE, clock=lambda: moment[0])
    saved = []
    try:
        for d in decisions_for(catalog):
            moment[0] = now - (NOW - d.decided_at)
            saved.append(
                store.record(d.platform_id, d.category_id, d.status, d.note, d.fingerprint)
            )
    finally:
        store.close()
    yield saved


def summary_cli(data_dir: Path, *args: str, **env_changes: str | None) -> tuple[int, str, str]:
    env = cli_env(data_dir, passphrase=PASSPHRASE)
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    # A colleague's bundled catalog file may be half-written for a moment.
    result = run_cli_past_catalog_edits("summary", *args, env=env, timeout=120)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["pdf", "html", "md", "txt"])
def test_each_format_from_the_store(
    fmt: str, data_dir: Path, tmp_path: Path, catalog: Catalog, recorded: list[Decision]
) -> None:
    out = tmp_path / f"summary.{fmt}"
    code, stdout, stderr = summary_cli(
        data_dir, "--output", str(out), "--platform", "alpha", "--platform", "beta"
    )
    assert code == 0, stderr
    assert f"Wrote {out} ({fmt})" in stdout
    assert (out.stat().st_mode & 0o777) == 0o600
    text = squash(READERS[fmt](out.read_bytes()))
    for decision in recorded:
        assert squash(category_title(catalog, decision)) in text
        assert squash(dates.day(decision.decided_at)) in text
        assert squash(decision.note) in text
    assert squash(HOSTILE_NOTE) in text
    section = to_do_section(text)
    position = 0
    for _, title, reasons in EXPECTED_TO_DO:
        position = section.index(title, position)
        assert reasons[0] in section[position:]
    assert "Posts used to train AI" not in section
    assert "X (formerly Twitter)" not in text  # only the platforms asked for


def test_format_option_beats_the_extension_and_options_apply(
    data_dir: Path, tmp_path: Path, recorded: list[Decision]
) -> None:
    out = tmp_path / "summary.out"
    code, _, stderr = summary_cli(
        data_dir, "-o", str(out), "--format", "md", "--platform", "alpha", "beta",
        "--no-notes", "--no-unreviewed",
    )  # fmt: skip
    assert code == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Privacy Review summary")
    assert "Left out at your request: notes and categories not yet reviewed." in text
    for decision in recorded:
        assert squash(decision.note) not in squash(READERS["md"](out.read_bytes()))
    assert "Precise location history" not in text
    assert "2 categories not yet reviewed are left out of this summary." in text


def test_pdf_works_headless_with_no_display(
    data_dir: Path, tmp_path: Path, recorded: list[Decision]
) -> None:
    out = tmp_path / "summary.pdf"
    code, _, stderr = summary_cli(
        data_dir, "-o", str(out), "--platform", "beta", "--page-size", "letter",
        QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None,
    )  # fmt: skip
    assert code == 0, stderr
    pages = squash(READERS["pdf"](out.read_bytes()))
    assert "Beta Chat" in pages and "Alpha Social" not in pages
    box = pypdf.PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/s.docx"], "cannot tell the format from 's.docx'"),
        (["-o", "{tmp}/s.pdf", "--platform", "myspace"], "unknown platform 'myspace'"),
        (["-o", "{tmp}/s.pdf", "--country", "Germany"], "--country takes a two-letter code"),
        (["-o", "{tmp}/missing/s.md", "--platform", "beta"], "cannot write"),
        (["-o", "{data}/checklist.db", "--format", "txt"], "is the store's own file"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    args: list[str], message: str, data_dir: Path, tmp_path: Path, recorded: list[Decision]
) -> None:
    filled = [a.format(tmp=tmp_path, data=data_dir) for a in args]
    code, stdout, stderr = summary_cli(data_dir, *filled)
    assert code == 1
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert not (tmp_path / "s.docx").exists() and not (tmp_path / "s.pdf").exists()


def test_locked_store_is_explained_not_a_traceback(data_dir: Path, tmp_path: Path) -> None:
    open_store(resolve(data_dir), passphrase=PASSPHRASE).close()
    out = tmp_path / "s.txt"
    code, _, stderr = summary_cli(data_dir, "-o", str(out), PRIVACY_REVIEW_PASSPHRASE=None)
    assert code == 1
    assert "PRIVACY_REVIEW_PASSPHRASE" in stderr
    assert not out.exists()


def test_usage_errors_exit_2(data_dir: Path) -> None:
    assert summary_cli(data_dir)[0] == 2  # --output is required
    assert summary_cli(data_dir, "-o", "x.pdf", "--format", "rtf")[0] == 2
    code = summary_cli(data_dir, "-o", "x", "--include-unreviewed", "--no-unreviewed")[0]
    assert code == 2


def test_command_formats_match_the_model() -> None:
    assert tuple(FORMATS) == FORMAT_NAMES


def test_by_default_only_the_platforms_reviewed(
    data_dir: Path, tmp_path: Path, recorded: list[Decision]
) -> None:
    out = tmp_path / "reviewed.txt"
    code, _, stderr = summary_cli(data_dir, "-o", str(out))
    assert code == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "Alpha Social" in text and "Beta Chat" in text  # the two with decisions
    assert "X (formerly Twitter)" not in text  # bundled, never reviewed

    every = tmp_path / "every.txt"
    code, _, stderr = summary_cli(data_dir, "-o", str(every), "--all-platforms")
    assert code == 0, stderr
    assert "X (formerly Twitter)" in every.read_text(encoding="utf-8")
    assert summary_cli(data_dir, "-o", str(every), "--all-platforms", "--platform", "x")[0] == 2


def test_platform_ids_in_any_case_and_the_picked_words(
    data_dir: Path, tmp_path: Path, recorded: list[Decision]
) -> None:
    out = tmp_path / "alpha.md"
    code, _, stderr = summary_cli(data_dir, "-o", str(out), "--platform", "ALPHA")
    assert code == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "Alpha Social" in text and "Beta Chat" not in text
    # alpha/ai-training is a switch the user turned off; alpha/ads a switch left on.
    assert "| Posts used to train AI | I turned it off |" in text
    assert "| Ads based on your activity | I left it on |" in text
    code, _, stderr = summary_cli(data_dir, "-o", str(out), "--platform", "alpah")
    assert code == 1 and "did you mean alpha?" in stderr
