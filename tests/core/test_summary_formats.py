"""Each output format, made from decisions on two platforms and read back the way a reader
sees it: HTML as a browser shows its text, Markdown as a CommonMark viewer shows it (escapes
undone), plain text as is, and the PDF through pypdf. Every decision, date and note must be
there, the to-do list right, and markup in a note must come out as literal text."""

from __future__ import annotations

from pathlib import Path

import pytest

from gui.core import dates
from gui.core.catalog import Catalog
from gui.core.checklist import Decision
from gui.core.summary.export import render as render_document
from gui.core.summary.export import write_summary
from gui.core.summary.model import Summary, SummaryOptions, build_summary
from gui.core.summary.render_text import md_escape
from gui.core.words import control_kind, status_words
from gui.desktop.summary.pdf import render_pdf

from support.summary_data import (
    EXPECTED_TO_DO,
    HOSTILE_NOTE,
    NOW,
    READERS,
    category_title,
    decisions_for,
    load_test_catalog,
    markdown_raw_tags,
    parse_html,
    squash,
    to_do_section,
    unescape_markdown,
)


def picked_words(catalog: Catalog, decision: Decision) -> str:
    """The words the user picked for the decision ("I turned it off"), as every format
    must show them."""
    platform = catalog.platform(decision.platform_id)
    category = platform.category(decision.category_id) if platform else None
    return status_words(decision.status, control_kind(category, None))


def render(summary: Summary, fmt: str, **options: str) -> bytes:
    """Every format, PDF through the desktop renderer as the app writes it."""
    return render_document(summary, fmt, pdf=render_pdf, **options)  # type: ignore[arg-type]


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_test_catalog(tmp_path / "catalog")


@pytest.fixture
def decisions(catalog: Catalog) -> list[Decision]:
    return decisions_for(catalog)


@pytest.fixture
def summary(catalog: Catalog, decisions: list[Decision]) -> Summary:
    return build_summary(catalog, decisions, now=NOW)


@pytest.mark.parametrize("fmt", ["html", "md", "txt", "pdf"])
def test_every_decision_date_and_note_is_there(
    fmt: str, catalog: Catalog, decisions: list[Decision], summary: Summary, qapp: object
) -> None:
    text = squash(READERS[fmt](render(summary, fmt, page_size="a4")))
    for decision in decisions:
        assert squash(category_title(catalog, decision)) in text
        assert dates.day(decision.decided_at) in text
        assert squash(decision.note) in text, f"note missing from {fmt}: {decision.note!r}"
    for decision in decisions:
        assert picked_words(catalog, decision) in text
    assert summary.catalog_version in text
    assert dates.dated(summary.generated_at) in text
    # The footer's sources: each platform's policy and its date.
    assert "Alpha Social Privacy Policy, effective 1 Feb 2025" in text
    assert "Beta Chat Privacy Policy, effective 20 Nov 2024" in text


@pytest.mark.parametrize("fmt", ["html", "md", "txt", "pdf"])
def test_to_do_list_is_right(fmt: str, summary: Summary, qapp: object) -> None:
    text = squash(READERS[fmt](render(summary, fmt, page_size="a4")))
    assert "Still to do (5)" in text
    section = to_do_section(text)
    position = 0
    for platform, title, reasons in EXPECTED_TO_DO:
        found = section.find(title, position)
        assert found >= 0, f"{title!r} missing or out of order in the {fmt} to-do list"
        assert platform in section
        for reason in reasons:
            assert reason in section[found:]
        position = found
    for done in ("Posts used to train AI", "Ads based on your activity", "Messages scanned"):
        assert done not in section, f"{done!r} is decided and up to date, not to do"
    for url in ("https://alpha.example/settings/objection", "https://beta.example/settings/face"):
        assert url in section


@pytest.mark.parametrize("fmt", ["html", "md", "txt", "pdf"])
def test_markup_in_a_note_comes_out_literally(fmt: str, summary: Summary, qapp: object) -> None:
    data = render(summary, fmt, page_size="a4")
    assert squash(HOSTILE_NOTE) in squash(READERS[fmt](data))
    if fmt == "html":
        tags = [tag for tag, _ in parse_html(data).tags]
        assert "b" not in tags and "img" not in tags
        assert "&amp;amp;" in data.decode()  # the note's own "&amp;", escaped once more
    if fmt == "md":
        assert markdown_raw_tags(data.decode()) == []
        assert md_escape(HOSTILE_NOTE) in data.decode()


def test_html_loads_nothing(summary: Summary) -> None:
    data = render(summary, "html")
    parser = parse_html(data)
    loading = {"img", "script", "link", "iframe", "object", "embed", "video", "audio", "source"}
    assert not loading & {tag for tag, _ in parser.tags}
    for tag, attrs in parser.tags:
        assert "src" not in attrs and "srcset" not in attrs, tag
        if "href" in attrs:
            assert tag == "a" and (attrs["href"] or "").startswith("https://"), attrs
    page = data.decode()
    assert "url(" not in page and "@import" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_markdown_tables_keep_one_row_per_decision(
    catalog: Catalog, decisions: list[Decision], summary: Summary
) -> None:
    lines = render(summary, "md").decode().splitlines()
    for decision in decisions:
        title = md_escape(category_title(catalog, decision))
        rows = [line for line in lines if line.startswith(f"| {title}")]
        assert len(rows) == 1, title
        row = rows[0]
        assert picked_words(catalog, decision) in row
        assert dates.day(decision.decided_at) in row
        assert row.count("|") == 5  # a note's "|" or newline must not add cells


def test_without_notes_no_note_is_printed(
    catalog: Catalog, decisions: list[Decision], qapp: object
) -> None:
    summary = build_summary(catalog, decisions, SummaryOptions(include_notes=False), now=NOW)
    for fmt, read in READERS.items():
        text = squash(read(render(summary, fmt, page_size="a4")))
        for decision in decisions:
            assert squash(decision.note) not in text, fmt
        assert "Left out at your request: notes." in text, fmt


def test_without_unreviewed_they_are_counted_not_listed(
    catalog: Catalog, decisions: list[Decision]
) -> None:
    options = SummaryOptions(include_unreviewed=False)
    summary = build_summary(catalog, decisions, options, now=NOW)
    for fmt in ("html", "md", "txt"):
        text = squash(READERS[fmt](render(summary, fmt)))
        assert "Precise location history" not in text and "Face recognition" not in text
        assert "2 categories not yet reviewed are left out of this summary." in text


def test_markdown_escaping_covers_line_starts() -> None:
    for text in ("- not a list", "1. not a list", "# not a heading", "> not a quote", "a|b"):
        escaped = md_escape(text)
        assert unescape_markdown(escaped) == text
        assert escaped != text


def test_write_summary_is_private_and_by_extension(summary: Summary, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = write_summary(summary, out / "summary.markdown")
    assert target.read_text(encoding="utf-8").startswith("# Privacy Review summary")
    assert (target.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in out.iterdir()] == ["summary.markdown"]  # no temp file left
    with pytest.raises(ValueError):
        write_summary(summary, out / "summary.doc")
    assert [p.name for p in out.iterdir()] == ["summary.markdown"]
