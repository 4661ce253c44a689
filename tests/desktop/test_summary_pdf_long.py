"""PDFs of any length: a summary far taller than one Qt layout can hold (Qt's fixed-point
coordinates end near 8.4 million device units, some 670 A4 pages at 1200 dpi) is laid out
in chunks and still comes out with every row once, whole, in order, not overlapping any
other, on the right number of pages. Read back with ``support.pdf_lines`` (text with
positions), which is fast enough for thousands of pages."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from gui.core.catalog import Catalog, Category, Link, Platform, PolicyDocument, Quote
from gui.core.checklist import Decision, Status
from gui.core.summary.model import build_summary
from gui.core.summary.render_html import render_html
from gui.desktop.summary import chunks, pdf
from gui.desktop.summary.pdf import render_pdf

from support.pdf_lines import Run, page_lines, page_runs
from support.summary_data import NOW, long_catalog, squash

A4_HEIGHT = 842.0  # points
BODY_BOTTOM = A4_HEIGHT - (pdf.MARGINS_MM[3] + pdf.FOOTER_MM) / 25.4 * 72
TITLE_RE = re.compile(r"R(\d{5}) title")
NOTE_START_RE = re.compile(r"N(\d{5})a")
NOTE_END_RE = re.compile(r"N(\d{5})z")
URL_RE = re.compile(r"https://p\d\.example/settings/(\d{5})(?!\d)")


def many_items(items: int, platforms: int = 4) -> tuple[Catalog, list[Decision]]:
    """``items`` categories over ``platforms`` platforms, every one decided with a
    three-line note marked at both ends; one in eight marked for later, so it is on the
    to-do list too (with its settings link)."""
    per_platform = -(-items // platforms)
    catalog_platforms = []
    decisions = []
    for p in range(platforms):
        domain = f"p{p}.example"
        categories = []
        for i in range(p * per_platform, min(items, (p + 1) * per_platform)):
            category = Category(
                id=f"c{i}",
                title=f"R{i:05d} title",
                collected="c",
                why="w",
                quote=Quote("q", f"https://{domain}/privacy", date(2025, 1, 1)),
                risk="low",
                control="toggle",
                control_note="",
                links=(Link(f"https://{domain}/settings/{i:05d}", f"Setting {i}", "confirmed"),),
                steps=("s",),
                undo="",
                topics=("activity",),
                verified=date(2025, 6, 1),
            )
            categories.append(category)
            status = Status.LATER if i % 8 == 0 else Status.KEPT
            note = f"N{i:05d}a\nthe middle of the note\nN{i:05d}z"
            decisions.append(
                Decision(f"p{p}", category.id, status, note, NOW - timedelta(days=i % 90),
                         category.fingerprint)
            )  # fmt: skip
        catalog_platforms.append(
            Platform(
                id=f"p{p}",
                name=f"Platform {p}",
                domains=(domain,),
                policies=(
                    PolicyDocument("p", "Policy", f"https://{domain}/privacy", date(2025, 1, 1)),
                ),
                categories=tuple(categories),
            )
        )
    return Catalog(platforms=tuple(catalog_platforms)), decisions


def rows_on_page(lines: list[tuple[float, str]]) -> list[tuple[str, int, float, float]]:
    """The rows a page shows: (table, item number, first baseline, last baseline). A to-do
    row runs from its title to its link, a checklist row from its title and note start to
    its note end (either may come first: they are in different cells)."""
    open_rows: dict[tuple[str, int], list[float]] = {}
    for y, raw in lines:
        text = squash(raw)
        for match in URL_RE.finditer(text):
            open_rows.setdefault(("to-do", int(match.group(1))), []).append(y)
        for pattern in (NOTE_START_RE, NOTE_END_RE):
            for match in pattern.finditer(text):
                open_rows.setdefault(("lines", int(match.group(1))), []).append(y)
        for match in TITLE_RE.finditer(text):
            # A title line belongs to the to-do row when it says the risk, as only there.
            table = "to-do" if "(low risk)" in text[match.end() : match.end() + 12] else "lines"
            open_rows.setdefault((table, int(match.group(1))), []).append(y)
    return [(t, n, min(ys), max(ys)) for (t, n), ys in open_rows.items()]


def check_long_pdf(pages: list[list[Run]], items: int) -> None:
    total = len(pages)
    seen: dict[tuple[str, int], int] = {}
    order: dict[str, list[int]] = {"to-do": [], "lines": []}
    for number, runs in enumerate(pages, start=1):
        lines = page_lines(runs)
        footer = [text for y, text in lines if y > BODY_BOTTOM]
        assert any(f"Page {number} of {total}" in squash(t) for t in footer), number
        body = [(y, text) for y, text in lines if y <= BODY_BOTTOM]
        rows = sorted(rows_on_page(body), key=lambda row: row[2])
        for table, item, _top, _bottom in rows:
            assert (table, item) not in seen, (
                f"{table} row {item} on pages {seen[table, item]} and {number}"
            )
            seen[table, item] = number
            order[table].append(item)
        # No two rows share a line of the page: each starts below where the one above ends.
        for above, below in zip(rows, rows[1:], strict=False):
            assert below[2] > above[3], f"page {number}: {above} overlaps {below}"
        # Every page but the last is full: what comes next did not fit. The tallest row or
        # a heading kept with its table leaves less than this at the bottom.
        if number < total:
            assert body and body[-1][0] > BODY_BOTTOM - 110, f"page {number} ends early"
    expected_lines = list(range(items))
    expected_to_do = [i for i in range(items) if i % 8 == 0]
    assert order["lines"] == expected_lines  # every row once, in order, whole (both ends)
    assert order["to-do"] == expected_to_do


def test_chunks_hold_every_piece_once_in_order() -> None:
    catalog, decisions = many_items(300)
    html = render_html(build_summary(catalog, decisions, now=NOW))
    parsed = chunks.parse(html)
    assert sum(1 for piece in parsed.pieces if piece.table is not None) == 300 + 300 // 8 + 1
    for max_lines in (1, 50, 400, 10**9):
        runs = chunks.group(parsed.pieces, max_lines)
        assert [first for first, _ in runs[1:]] == [end for _, end in runs[:-1]]
        assert runs[0][0] == 0 and runs[-1][1] == len(parsed.pieces)
        made = [chunks.chunk_html(parsed, first, end) for first, end in runs]
        body = ""
        for chunk in made:
            assert chunk.html.startswith(parsed.head) and chunk.html.endswith(parsed.tail)
            inner = chunk.html[len(parsed.head) : len(chunk.html) - len(parsed.tail)]
            if chunk.continues_table:
                # The reopened table: its tag and header again, then the rest of its rows.
                tag, header = next(t for t in parsed.tables if inner.startswith(t[0] + t[1]))
                inner = inner[len(tag + header + "<tbody>") :]
                body = body.removesuffix("</tbody></table>")
            body += inner
        original = html[len(parsed.head) : len(html) - len(parsed.tail)]
        assert body == original, max_lines
    assert len(chunks.split_html(html, 10**9)) == 1


def test_tiny_chunks_keep_rows_whole_and_headers_repeating(qapp: object) -> None:
    """Every piece its own layout: rows meet across layouts as in one table."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    catalog, decisions = long_catalog(90)
    summary = build_summary(catalog, decisions, now=NOW)

    def render(max_chunk_lines: int | None) -> list[list[tuple[float, str]]]:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(1200)
        pdf.apply_page_setup(writer, "a4")
        pdf.paint_summary(writer, summary, max_chunk_lines=max_chunk_lines)
        del writer
        return [page_lines(runs) for runs in page_runs(bytes(data.data()))]

    whole = render(None)
    for max_chunk_lines in (1, 150):
        pages = render(max_chunk_lines)
        texts = [squash(" ".join(text for _, text in page)) for page in pages]
        for i in range(90):
            start = [n for n, text in enumerate(texts) if f"N{i:03d}start" in text]
            end = [n for n, text in enumerate(texts) if f"N{i:03d}end" in text]
            assert len(start) == 1 and start == end, (max_chunk_lines, i)
            assert f"Row{i:03d} title" in texts[start[0]]
        for number, text in enumerate(texts, start=1):
            if re.search(r"N\d{3}start", text):
                assert "Category Status Decided Note" in text, (max_chunk_lines, number)
    # Chunks that meet between table rows change nothing a reader can see.
    pages = render(150)
    assert len(pages) == len(whole)
    for mine, theirs in zip(pages, whole, strict=True):
        assert [squash(text) for _, text in mine] == [squash(text) for _, text in theirs]
        assert all(abs(a - b) < 1.0 for (a, _), (b, _) in zip(mine, theirs, strict=True))


def test_a_chunk_laid_out_too_tall_is_halved(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the estimate ever be low, the layout's own height sends the chunk back."""
    laid_out: list[float] = []
    lay_out = pdf._set_up_layout

    def counting(document: object, device: object, width: float) -> None:
        lay_out(document, device, width)  # type: ignore[arg-type]
        laid_out.append(document.documentLayout().documentSize().height())  # type: ignore[attr-defined]

    monkeypatch.setattr(pdf, "_set_up_layout", counting)
    monkeypatch.setattr(pdf, "_CHUNK_HEIGHT_CHECKED", 30_000.0)  # about two A4 pages
    catalog, decisions = many_items(400)
    data = render_pdf(build_summary(catalog, decisions, now=NOW), page_size="a4")
    assert max(laid_out) > 30_000  # the first chunks were too tall ...
    assert len(laid_out) > 10  # ... and were cut until they fitted
    check_long_pdf(page_runs(data), 400)


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_twenty_thousand_items_every_row_once_none_overlapping(qapp: object) -> None:
    items = 20_000
    catalog, decisions = many_items(items)
    data = render_pdf(build_summary(catalog, decisions, now=NOW), page_size="a4")
    pages = page_runs(data)
    # Far past what one Qt layout can hold: the body of all pages, in 1200 dpi units.
    body_units = (BODY_BOTTOM - pdf.MARGINS_MM[1] / 25.4 * 72) / 72 * 1200
    assert len(pages) * body_units > 1.5 * pdf.QT_LAYOUT_LIMIT
    check_long_pdf(pages, items)
