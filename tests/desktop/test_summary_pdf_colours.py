"""Paper is white whatever the screen's theme: a summary saved or printed while the app has
a dark palette has the same dark text and dark-blue links as one made in a light palette,
read back from the PDF's own colour operators."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QColor, QPageSize, QPainter, QPalette, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from gui.core.summary.model import Summary, build_summary
from gui.desktop.summary.pdf import (
    PRINT_LINK_COLOUR,
    apply_page_setup,
    paint_summary,
    render_pdf,
)
from gui.desktop.views.style import dark_palette

from support.summary_data import NOW, decisions_for, load_test_catalog

_FILL = re.compile(rb"^([-\d.]+) ([-\d.]+) ([-\d.]+) scn$")


def text_colours(data: bytes) -> set[str]:
    """The fill colour of every text object in the PDF, as "#rrggbb". Qt writes one
    operator a line: ``q``/``Q`` save and restore the colour, ``r g b scn`` sets it and
    ``BT`` starts a text object painted in it."""
    colours: set[str] = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        contents = page.get_contents()
        assert contents is not None
        fill = (0.0, 0.0, 0.0)  # the PDF default
        saved: list[tuple[float, float, float]] = []
        for line in contents.get_data().splitlines():
            words = line.split()
            if words and all(word in (b"q", b"Q") for word in words):
                for word in words:
                    if word == b"q":
                        saved.append(fill)
                    else:
                        fill = saved.pop()
            elif match := _FILL.match(line.strip()):
                red, green, blue = (float(value) for value in match.groups())
                fill = (red, green, blue)
            elif line.strip() == b"BT":
                colours.add(QColor.fromRgbF(*fill).name())
    return colours


def luminance(name: str) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    colour = QColor(name)
    red, green, blue = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.fixture
def summary(tmp_path: Path) -> Summary:
    catalog = load_test_catalog(tmp_path / "catalog")
    return build_summary(catalog, decisions_for(catalog), now=NOW)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    original = QPalette(qapp.palette())
    yield qapp
    qapp.setPalette(original)


def saved(summary: Summary, _tmp: Path) -> bytes:
    return render_pdf(summary, page_size="a4")


def printed(summary: Summary, tmp: Path) -> bytes:
    """What File > Print summary… paints, onto a printer writing a PDF file."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp / "printed.pdf"
    printer.setOutputFileName(str(target))
    apply_page_setup(printer, "a4")
    paint_summary(printer, summary)
    del printer  # finishes the file
    return target.read_bytes()


@pytest.mark.parametrize("make", [saved, printed], ids=["saved", "printed"])
def test_a_dark_theme_prints_the_colours_of_a_light_one(
    app: QApplication, summary: Summary, tmp_path: Path, make
) -> None:
    light = text_colours(make(summary, tmp_path))
    app.setPalette(dark_palette())
    dark = text_colours(make(summary, tmp_path))
    assert dark == light
    # Links are printed in the paper's link colour, the text dark: readable on white
    # (a luminance of 0.18 or less is a contrast of at least 4.5:1).
    assert PRINT_LINK_COLOUR in dark
    assert all(luminance(name) <= 0.18 for name in dark), sorted(dark)


def test_the_reader_sees_the_theme_when_it_leaks(app: QApplication, tmp_path: Path) -> None:
    """The check above is not vacuous: a document painted as Qt paints by default, with
    the application's palette, shows the dark theme's light-blue link in what is read."""
    app.setPalette(dark_palette())
    document = QTextDocument()
    document.setHtml("<p>Plain text and <a href='https://example.org/'>a link</a></p>")
    target = tmp_path / "leak.pdf"
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    document.drawContents(painter)
    painter.end()
    del writer
    colours = text_colours(target.read_bytes())
    assert dark_palette().color(QPalette.ColorRole.Link).name() in colours
