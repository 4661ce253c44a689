"""The PDF: pages of the right size with page numbers, table rows never split across pages,
table headers repeated, and a QTextDocument that loads nothing whatever the HTML says."""

from __future__ import annotations

import importlib.util
import io
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from pytest_httpserver import HTTPServer

from gui.core.checklist import Decision, Status
from gui.core.summary.model import Summary, SummaryOptions, build_summary
from gui.desktop.summary.pdf import default_page_size, make_document, paint_summary, render_pdf

from conftest import REPO_ROOT
from support.summary_data import NOW, decisions_for, load_test_catalog, long_catalog, squash

TABLE_HEADER = "Category Status Decided Note"


def pdf_pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [squash(unicodedata.normalize("NFKC", p.extract_text() or "")) for p in reader.pages]


def page_sizes(data: bytes) -> set[tuple[int, int]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}


def split_rows(pages: list[str], rows: int) -> list[int]:
    """Rows whose note start, note end and title are not all on one page."""
    split = []
    for i in range(rows):
        start = [n for n, text in enumerate(pages) if f"N{i:03d}start" in text]
        end = [n for n, text in enumerate(pages) if f"N{i:03d}end" in text]
        assert len(start) == 1 and len(end) == 1, f"row {i} printed {len(start)} times"
        if start != end or f"Row{i:03d} title" not in pages[start[0]]:
            split.append(i)
    return split


@pytest.mark.parametrize(("page_size", "expected"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_rows_stay_whole_and_headers_repeat(
    page_size: str, expected: tuple[int, int], qapp: object
) -> None:
    rows = 90
    catalog, decisions = long_catalog(rows)
    summary = build_summary(catalog, decisions, now=NOW)
    data = render_pdf(summary, page_size=page_size)
    assert page_sizes(data) == {expected}
    pages = pdf_pages(data)
    assert len(pages) >= 5
    assert split_rows(pages, rows) == []
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        if re.search(r"N\d{3}start", text):
            assert TABLE_HEADER in text, f"page {number} continues the table without header"
    # The to-do table spans pages too: its rows (their links are printed only there) stay
    # whole and its header repeats with it.
    to_do_pages = set()
    for i in range(0, rows, 2):
        url = re.compile(rf"https://long\.example/s/{i}(?!\d)")
        on = [n for n, text in enumerate(pages) if url.search(text)]
        assert len(on) == 1 and f"Row{i:03d} title (low risk)" in pages[on[0]], i
        to_do_pages.add(on[0])
    assert len(to_do_pages) >= 2
    assert all("Platform Category Why Where to act" in pages[n] for n in to_do_pages)


def test_row_check_detects_what_plain_qt_printing_does(qapp: object, tmp_path: Path) -> None:
    """QTextDocument.print() splits rows at page ends; the check above sees that, so it
    would see it in our output too. (If Qt ever stops splitting rows, this fails and
    gui.desktop.summary.pdf's own pagination could be reconsidered.)"""
    from PySide6.QtGui import QPageSize, QPdfWriter

    from gui.core.summary.render_html import render_html

    rows = 90
    catalog, decisions = long_catalog(rows)
    document = make_document(render_html(build_summary(catalog, decisions, now=NOW)))
    target = tmp_path / "plain.pdf"
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document.print_(writer)
    del writer
    assert split_rows(pdf_pages(target.read_bytes()), rows) != []


def test_a_row_taller_than_a_page_is_cut_and_kept_complete(qapp: object) -> None:
    catalog, decisions = long_catalog(3)
    words = " ".join(f"w{n:04d}" for n in range(2500))  # several pages of note
    decisions[1] = Decision(
        "long", "c1", Status.KEPT, words, decisions[1].decided_at, decisions[1].fingerprint
    )
    data = render_pdf(build_summary(catalog, decisions, now=NOW), page_size="a4")
    pages = pdf_pages(data)
    assert len(pages) >= 3
    text = " ".join(pages)
    found = re.findall(r"w\d{4}", text)
    assert found == [f"w{n:04d}" for n in range(2500)]  # every word once, in order


def test_one_thousand_items_render(qapp: object) -> None:
    # The timing lives in benchmarks/summary_pdf.py; this only proves it works.
    path = REPO_ROOT / "benchmarks" / "summary_pdf.py"
    spec = importlib.util.spec_from_file_location("summary_pdf_benchmark", path)
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    catalog, decisions = benchmark.synthetic(1000)
    assert sum(len(p.categories) for p in catalog.platforms) == 1000
    summary = build_summary(catalog, decisions, now=NOW)
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(summary, page_size="letter")))
    total = len(reader.pages)
    assert total > 20
    # Reading every page back takes pypdf half a minute; the first and last pages tell
    # that it all came out: the start of the to-do list and the sources at the end.
    first = squash(reader.pages[0].extract_text())
    last = squash(unicodedata.normalize("NFKC", reader.pages[-1].extract_text()))
    assert "Still to do" in first and f"Page 1 of {total}" in first
    assert (
        "Platform 4: Privacy Policy, effective 1 Jan 2025" in last
        and f"Page {total} of {total}" in last
    )


def test_document_refuses_every_resource(qapp: object, tmp_path: Path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QImage, QTextDocument

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    picture = tmp_path / "pixel.png"
    assert image.save(str(picture))
    html = f'<p>x</p><img src="{picture.as_uri()}"><img src="{picture}">'

    # Plain Qt would read the file: the check below is not vacuous.
    plain = QTextDocument()
    plain.setHtml(html)
    plain.documentLayout()
    assert plain.resource(QTextDocument.ResourceType.ImageResource, QUrl(str(picture)))

    # Ours never reads it: each image is a blank one-pixel stand-in.
    safe = make_document(html)
    safe.documentLayout().documentSize()
    for url in (QUrl(str(picture)), QUrl(picture.as_uri())):
        stand_in = safe.resource(QTextDocument.ResourceType.ImageResource, url)
        assert isinstance(stand_in, QImage) and stand_in.width() == 1
        assert stand_in.pixelColor(0, 0).alpha() == 0
    assert any("pixel.png" in name for name in safe.refused_resources)


def test_nothing_is_fetched_even_from_raw_markup(
    qapp: object, httpserver: HTTPServer, tmp_path: Path
) -> None:
    from PySide6.QtGui import QPageSize, QPdfWriter

    url = httpserver.url_for("/pixel.png")
    httpserver.expect_request("/pixel.png").respond_with_data(b"not really a png")
    catalog = load_test_catalog(tmp_path / "catalog")
    decisions = decisions_for(catalog)
    note = f'<img src="{url}"> <link rel="stylesheet" href="{url}">'
    decisions[0] = Decision(
        decisions[0].platform_id,
        decisions[0].category_id,
        decisions[0].status,
        note,
        decisions[0].decided_at,
        decisions[0].fingerprint,
    )
    summary = build_summary(catalog, decisions, now=NOW)
    text = "".join(" ".join(pdf_pages(render_pdf(summary, page_size="a4"))).split())
    # Printed as text (a long URL may wrap anywhere, so compare without whitespace).
    assert "".join(note.split()) in text

    # Defence in depth: even unescaped markup handed straight to the document loads nothing.
    document = make_document(f'<img src="{url}"><p style="background-image: url({url})">x</p>')
    writer = QPdfWriter(str(tmp_path / "raw.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    paint_summary(writer, summary, document=document)
    del writer
    assert any(url in name for name in document.refused_resources)
    assert httpserver.log == []


@pytest.mark.parametrize(
    ("locale_name", "expected"),
    [("en_US", "letter"), ("en_CA", "letter"), ("es-MX", "letter"), ("de_DE", "a4"),
     ("en_GB", "a4"), ("C", "a4"), ("fr_FR.UTF-8", "a4")],
)  # fmt: skip
def test_default_page_size_by_locale(locale_name: str, expected: str) -> None:
    assert default_page_size(locale_name) == expected


def test_unknown_page_size_is_refused(qapp: object) -> None:
    summary = Summary(
        title="t", generated_at=NOW, catalog_version="v", options=SummaryOptions(),
        to_do=(), platforms=(),
    )  # fmt: skip
    with pytest.raises(ValueError, match="unknown page size 'a3'"):
        render_pdf(summary, page_size="a3")
