"""The summary's optional "What your exports show": off by default, built from the kept
findings only, in every renderer; ``summary --with-exports`` on the command line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gui.cli import main
from gui.core.catalog import load_catalog
from gui.core.evidence.model import ExportReading, Finding
from gui.core.paths import resolve
from gui.core.store import open_store
from gui.core.store.findings import database_of, save_reading
from gui.core.summary.exports import with_exports
from gui.core.summary.model import EXPORTS_HEADING, SummaryOptions, build_summary
from gui.core.summary.render_html import render_html
from gui.core.summary.render_text import render_markdown, render_text

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
READING = ExportReading(
    platform_id="x",
    platform_name="X",
    export_name="twitter-ana.zip",
    export_date=datetime(2026, 11, 20, tzinfo=UTC),
    read_at=NOW,
    findings=(
        Finding("x", "grok-xai-training", "inferred", "X lists 312 interests it inferred <b>."),
        Finding("facebook", "ai-training", "other", "A finding about another platform."),
    ),
)


def test_off_by_default_and_only_the_kept_findings_when_asked() -> None:
    catalog = load_catalog()
    plain = with_exports(build_summary(catalog, [], SummaryOptions(), now=NOW), [READING])
    assert plain.exports == ()
    assert EXPORTS_HEADING not in render_text(plain) + render_markdown(plain)

    options = SummaryOptions(platform_ids=("x",), include_exports=True)
    summary = with_exports(build_summary(catalog, [], options, now=NOW), [READING])
    (section,) = summary.exports
    assert section.findings == ("X lists 312 interests it inferred <b>.",)  # x's only
    text, markdown, html = render_text(summary), render_markdown(summary), render_html(summary)
    for rendered in (text, markdown, html):
        assert EXPORTS_HEADING in rendered and "twitter-ana.zip" in rendered
        assert "(made 20 Nov 2026)" in rendered and "another platform" not in rendered
    assert "312 interests it inferred" in text
    assert "inferred &lt;b&gt;." in html and "<b>." not in html


def test_the_command_line_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(resolve()) as store:
        save_reading(database_of(store), READING)
    without, with_ = tmp_path / "plain.md", tmp_path / "exports.md"
    assert main(["summary", "-o", str(without), "--all-platforms"]) == 0
    assert main(["summary", "-o", str(with_), "--all-platforms", "--with-exports"]) == 0
    capsys.readouterr()
    assert EXPORTS_HEADING not in without.read_text(encoding="utf-8")
    shown = with_.read_text(encoding="utf-8")
    assert EXPORTS_HEADING in shown and "312 interests it inferred" in shown
    assert "another platform" in shown  # every platform shown, every finding
