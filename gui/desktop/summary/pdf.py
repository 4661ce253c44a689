"""The summary on paper: the summary's HTML laid out by ``QTextDocument`` and painted page by
page onto any ``QPagedPaintDevice`` (``QPdfWriter`` for files, ``QPrinter`` for printing and
the print preview).

Qt's own ``QTextDocument.print`` splits a table row across two pages whenever the row
straddles the page end, and its CSS subset has no ``page-break-inside``. So this module lays
the document out as one long page and picks every page end itself: between paragraphs or
table rows, inside one only when it is taller than a page. A page that continues a table
gets the table's header again, and every page is painted as a clipped slice of the long
layout, with a footer carrying the page number.

One Qt layout cannot be taller than about 8.4 million device units (``QT_LAYOUT_LIMIT``), so
the long page is a strip of several layouts: ``gui.desktop.summary.chunks`` cuts the HTML
between table rows into chunks planned to stay far below that, each is laid out on its own,
and they are stacked so that a table's rows meet across two layouts as in one. Page ends are
chosen over the whole strip; a page may be painted from two layouts. The time grows with
the length, no faster.

Paper is white whatever the screen's theme: the layout is painted with fixed print colours
(``print_palette``, and links in ``PRINT_LINK_COLOUR``), never the application's palette, so
a summary printed from a dark theme does not come out with light text or light-blue links.

Qt is loaded by this module (it is imported only when a summary is printed or saved, see
``tests/test_import_boundaries.py``). ``ensure_gui_application`` starts an offscreen
``QGuiApplication`` when none runs, so scripts and the command line work headless.
"""

from __future__ import annotations

import math
import os
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QTextTable,
)

from gui.core import dates
from gui.core.summary.model import Summary
from gui.core.summary.render_html import render_html
from gui.desktop.i18n import translate
from gui.desktop.summary import chunks

PAGE_SIZES = ("a4", "letter")

# Countries whose default paper is US Letter (everyone else uses A4), as lower-case codes.
LETTER_TERRITORIES = frozenset(
    {"us", "ca", "mx", "ph", "cl", "co", "ve", "gt", "cr", "pa", "do", "sv", "ni", "pr", "bz"}
)

# Print colours, the same in every theme: near-black text, and links in a dark blue that
# reads as a link on white paper and stays legible in black-and-white print (8:1 on white).
PRINT_TEXT_COLOUR = "#111111"
PRINT_LINK_COLOUR = "#0645ad"
PRINT_PAPER_COLOUR = "#ffffff"

# Page margins in millimetres; the footer with the page number sits inside the bottom one.
MARGINS_MM = (16.0, 14.0, 16.0, 10.0)  # left, top, right, bottom
FOOTER_MM = 9.0  # band between the body and the bottom margin
FOOTER_POINT_SIZE = 7.5
_CLIP_INSET = 0.5  # device pixels; 1/2400 inch on a 1200 dpi PDF

_application: QGuiApplication | None = None


def page_size_label(page_size: str) -> str:
    """The paper's name as the options and the print preview show it."""
    if page_size == "letter":
        return translate("PaperSize", "US Letter")
    return "A4"


def print_palette() -> QPalette:
    """The colours the layout is painted with: paper colours, not the screen's theme."""
    palette = QPalette(QColor(PRINT_TEXT_COLOUR), QColor(PRINT_PAPER_COLOUR))
    role = QPalette.ColorRole
    for name, colour in (
        (role.Text, PRINT_TEXT_COLOUR),
        (role.WindowText, PRINT_TEXT_COLOUR),
        (role.Base, PRINT_PAPER_COLOUR),
        (role.Window, PRINT_PAPER_COLOUR),
        (role.Link, PRINT_LINK_COLOUR),
        (role.LinkVisited, PRINT_LINK_COLOUR),
    ):
        palette.setColor(QPalette.ColorGroup.All, name, QColor(colour))
    return palette


def default_page_size(locale_name: str | None = None) -> str:
    """The paper of the user's country: "letter" where that is the norm, else "a4".
    ``locale_name`` is like "en_US"; None asks the system locale (through Qt, which reads
    the platform's settings)."""
    if locale_name is None:
        locale_name = QLocale.system().name()
    territory = locale_name.replace("-", "_").split(".")[0].split("_")[-1].lower()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new one. With no application yet (scripts, the
    command line), choose the offscreen platform unless the caller chose one: a PDF needs
    fonts, not a screen."""
    global _application
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QGuiApplication(sys.argv[:1] or ["privacy-review"])
    return _application


class SafeTextDocument(QTextDocument):
    """A QTextDocument that loads nothing: no images, style sheets or other resources,
    whatever the HTML names. The summary's HTML is escaped and names none; this is the
    second line of defence, so an escaping mistake can never read a file or a URL.

    Refusing is not enough: when a document has no image for a name, Qt's image handler
    reads the file itself. So an image gets a blank one-pixel stand-in, and every other
    resource an empty one.
    """

    def __init__(self) -> None:
        super().__init__()
        self.refused_resources: list[str] = []

    def loadResource(  # type: ignore[override]  # Qt passes a QUrl here, never a str
        self, type_: int, name: QUrl
    ) -> QImage | QByteArray:  # noqa: N802
        self.refused_resources.append(name.toString())
        kind = getattr(type_, "value", type_)  # an int, or an enum in some bindings
        text_kinds = (
            QTextDocument.ResourceType.StyleSheetResource.value,
            QTextDocument.ResourceType.HtmlResource.value,
        )
        if kind in text_kinds:
            return QByteArray()  # an empty style sheet or page
        # Everything else as a blank image: nothing (None) would send Qt's image handler
        # to the file system, and images are what an <img> asks for.
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(Qt.GlobalColor.transparent)
        return blank


def make_document(html: str) -> QTextDocument:
    """A resource-refusing QTextDocument holding ``html``, set up for print layout."""
    document = SafeTextDocument()
    # Qt colours a link with the application palette's link colour as it reads the HTML
    # (light blue in a dark theme): the paper's own link colour is set first.
    document.setDefaultStyleSheet(f"a {{ color: {PRINT_LINK_COLOUR}; }}")  # not shown
    # Layout from the fonts' design metrics, not screen-hinted ones, so that what is laid
    # out is what a 1200 dpi PDF shows.
    document.setUseDesignMetrics(True)
    document.setDocumentMargin(0)
    option = QTextOption()
    # A long word or URL in a narrow table cell wraps instead of pushing the column wide.
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setHtml(html)
    return document


# ---- pagination --------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """A table's header rows, to repeat above a page that continues the table: the range
    [top, bottom) of part ``part``'s layout. ``strip_bottom`` is where the header ends on
    the strip, or -inf when it is only the copy a continued chunk opens with."""

    part: int
    top: float
    bottom: float
    strip_bottom: float = -math.inf

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class _Band:
    """A vertical range of the long layout that must stay on one page if it fits."""

    top: float
    bottom: float
    keep_with_next: bool = False  # a heading or table header stays with what follows
    header: tuple[float, float] | None = None  # the header band of the table this row is in
    inner_cuts: tuple[float, ...] = ()  # line ends where an oversized band may be cut


@dataclass(frozen=True)
class _StripBand:
    """A band placed on the strip, the parts' layouts stacked one after the other."""

    top: float
    bottom: float
    keep_with_next: bool = False
    header: Header | None = None
    inner_cuts: tuple[float, ...] = ()


@dataclass(frozen=True)
class PageSlice:
    """One page: the range [top, bottom) of the strip, and the table header to paint above
    it when the page continues a table."""

    top: float
    bottom: float
    header: Header | None = None

    @property
    def header_height(self) -> float:
        return self.header.height if self.header else 0.0


def _line_cuts(block: QTextBlock, top: float) -> list[tuple[float, float]]:
    layout = block.layout()
    lines = []
    for index in range(layout.lineCount()):
        line = layout.lineAt(index)
        lines.append((top + line.y(), top + line.y() + line.height()))
    return lines


def _clean_cuts(lines: list[tuple[float, float]]) -> list[float]:
    """Line ends, across all cells of a row, that cut through no line of any other cell:
    the only places a row too tall for a page can be split without halving a line."""
    cuts = []
    ordered = sorted(lines)
    for _, end in ordered:
        if not any(top < end < bottom for top, bottom in ordered):
            cuts.append(end)
    return sorted(set(cuts))


def _table_bands(
    table: QTextTable,
    document_layout: QAbstractTextDocumentLayout,
    scale: float,
    page_height: float | None = None,
) -> list[_Band]:
    """One band per row; the header rows as one band kept with the first row.

    A row is cut inside only when it is taller than a page less the repeated header (see
    ``paginate``), so only rows taller than half that room (``page_height``) have their
    lines measured for ``inner_cuts``; with no ``page_height`` every row is."""
    top_padding = QTextFormat.Property.TableCellTopPadding
    document = table.document()
    table_format = table.format()
    border = table_format.border() * scale
    block_rect = document_layout.blockBoundingRect
    rows, columns = table.rows(), table.columns()
    if rows == 0:
        return []

    def scan(row: int, whole: bool) -> tuple[float, float, float, list[tuple[QTextBlock, float]]]:
        """The row's content top and bottom, its top padding and its blocks with their
        tops. Not ``whole``: the first cell's first block only, which is enough for the
        top (every cell of a row starts where the row does)."""
        top = bottom = None
        blocks: list[tuple[QTextBlock, float]] = []
        pad = table_format.cellPadding()
        for column in range(columns if whole else 1):
            cell = table.cellAt(row, column)
            if cell.row() != row or cell.column() != column:
                if not whole:
                    return scan(row, True)  # the first cell spans from above
                continue  # covered by a spanning cell
            cell_format = cell.format()
            if cell_format.hasProperty(top_padding):
                pad = max(pad, cell_format.doubleProperty(top_padding))
            # The cell's blocks, first to last (positions, not cursors: this runs for
            # every row of every table).
            block = document.findBlock(cell.firstPosition())
            last = cell.lastPosition()
            while block.isValid():
                rect = block_rect(block)
                block_top, block_bottom = rect.top(), rect.bottom()
                top = block_top if top is None else min(top, block_top)
                bottom = block_bottom if bottom is None else max(bottom, block_bottom)
                blocks.append((block, block_top))
                if not whole or block.contains(last) or block.position() > last:
                    break
                block = block.next()
        return (0.0 if top is None else top, 0.0 if bottom is None else bottom, pad * scale, blocks)

    # A row begins at the top of its padding; the border line above it belongs to the row
    # before, so a page ending there keeps the full line. Only the last row is measured
    # to its bottom: every other row ends where the next begins.
    starts = []
    for row in range(rows):
        top, _, pad, _ = scan(row, False)
        starts.append(top - pad)
    _, last_bottom, last_pad, _ = scan(rows - 1, True)
    starts.append(last_bottom + last_pad + border)
    header_rows = min(table_format.headerRowCount(), rows)
    bands: list[_Band] = []
    header: tuple[float, float] | None = None
    if header_rows:
        # The header band starts at the table's top border line.
        header = (starts[0] - 2 * border, starts[header_rows])
        bands.append(_Band(header[0], header[1], keep_with_next=True))
    tall = None
    if page_height is not None:
        tall = (page_height - (header[1] - header[0] if header else 0.0)) / 2
    for row in range(header_rows, rows):
        cuts: tuple[float, ...] = ()
        if tall is None or starts[row + 1] - starts[row] > tall:
            blocks = scan(row, True)[3]
            lines = [cut for block, top in blocks for cut in _line_cuts(block, top)]
            cuts = tuple(y for y in _clean_cuts(lines) if starts[row] < y < starts[row + 1])
        bands.append(_Band(starts[row], starts[row + 1], header=header, inner_cuts=cuts))
    return bands


def _bands(document: QTextDocument, scale: float, page_height: float | None = None) -> list[_Band]:
    document_layout = document.documentLayout()
    # The summary's tables sit directly in the root frame (no nesting). Found up front by
    # position rather than asking each block for its table, which mostly answers None.
    tables = {
        frame.firstPosition(): frame
        for frame in document.rootFrame().childFrames()
        if isinstance(frame, QTextTable)
    }
    bands: list[_Band] = []
    block = document.begin()
    while block.isValid():
        table = tables.get(block.position())
        if table is not None:
            bands += _table_bands(table, document_layout, scale, page_height)
            block = document.findBlock(table.lastPosition() + 1)
            continue
        if block.text().strip():
            # A paragraph stays on one page when it fits; a heading stays with what follows.
            top = document_layout.blockBoundingRect(block).top()
            lines = _line_cuts(block, top)
            if lines:
                bands.append(
                    _Band(
                        lines[0][0],
                        lines[-1][1],
                        keep_with_next=block.blockFormat().headingLevel() > 0,
                        inner_cuts=tuple(bottom for _, bottom in lines[:-1]),
                    )
                )
        block = block.next()
    return bands


def _split_blocks_at(document: QTextDocument, cuts: list[float]) -> bool:
    """Start a new block at each page top that falls inside a block (only a paragraph or
    a table row taller than a page is cut there). Returns whether anything changed.

    QTextLayout.draw also draws the last line *above* its clip rectangle (it picks its
    first line one too early); the painter's clip hides it, but its text would be in the
    PDF twice. Qt skips whole blocks outside the clip, so a cut between blocks is clean.
    Splitting at the start of a line changes no position: the line already began there.
    """
    wanted = sorted(cuts)
    if not wanted:
        return False
    document_layout = document.documentLayout()
    positions: list[int] = []
    block = document.begin()
    while block.isValid():
        rect = document_layout.blockBoundingRect(block)
        top, bottom = rect.top(), rect.bottom()
        # The cuts strictly inside this block: a slice of the sorted list.
        inside = wanted[bisect_right(wanted, top) : bisect_left(wanted, bottom)]
        if inside:
            layout = block.layout()
            for index in range(1, layout.lineCount()):
                line = layout.lineAt(index)
                if any(abs(top + line.y() - y) < 1.0 for y in inside):
                    positions.append(block.position() + line.textStart())
        block = block.next()
    cursor = QTextCursor(document)
    for position in sorted(positions, reverse=True):  # from the end: positions stay valid
        cursor.setPosition(position)
        cursor.insertBlock()
    return bool(positions)


# ---- the strip: chunks laid out one after the other -----------------------------------

# Qt keeps layout positions in fixed point (QFixed, 1/64 of a unit in an int) and sums
# them: a document taller than about INT_MAX / 256 device units is laid out wrongly and
# can crash when painted (measured: past some 670 A4 pages at 1200 dpi).
QT_LAYOUT_LIMIT = 2**31 / 256  # 8,388,608
# Each chunk is planned to stay below a quarter of that, and is cut again should its
# layout come out above half of it.
_CHUNK_HEIGHT = QT_LAYOUT_LIMIT / 4
_CHUNK_HEIGHT_CHECKED = QT_LAYOUT_LIMIT / 2
_LINE_POINTS = 16.0  # more than a line of the summary's body text takes (9.5 pt type)


@dataclass
class _Part:
    """One chunk laid out: its document, the range [top, bottom) of its layout that is
    content, and ``offset``, which added to a position in its layout gives the strip's."""

    document: QTextDocument
    continues_table: bool
    top: float = 0.0
    bottom: float = 0.0
    offset: float = 0.0
    bands: list[_Band] | None = None

    @property
    def strip_top(self) -> float:
        return self.top + self.offset

    @property
    def strip_bottom(self) -> float:
        return self.bottom + self.offset


def _set_up_layout(document: QTextDocument, device: QPagedPaintDevice, width: float) -> None:
    """Lay ``document`` out in the device's own units, as QTextDocument.print does: pixel
    lengths in the HTML (padding, borders) are scaled from 96 dpi to the device. The
    layout is made on first use and lays the document out at once at the current page
    size: a null page size first makes that free, so it is laid out only once."""
    document.setPageSize(QSizeF(0, 0))
    document.documentLayout().setPaintDevice(device)
    document.setPageSize(QSizeF(width, -1))  # one long page; the pagination picks the ends


def chunk_lines(dpi: float) -> int:
    """How many estimated lines one chunk may hold at ``dpi``."""
    return max(1, int(_CHUNK_HEIGHT / (dpi * _LINE_POINTS / 72.0)))


def _lay_out_parts(
    html: str, device: QPagedPaintDevice, width: float, max_lines: int
) -> list[_Part]:
    """The summary's HTML laid out as chunks of at most ``max_lines`` estimated lines; a
    chunk whose layout still comes out too tall is halved until it fits (or is one
    piece)."""
    parsed = chunks.parse(html)
    if not parsed.head:
        document = make_document(html)
        _set_up_layout(document, device, width)
        return [_Part(document, False)]
    parts: list[_Part] = []
    runs = chunks.group(parsed.pieces, max_lines)
    runs.reverse()  # a stack: the next run to lay out on top
    while runs:
        first, end = runs.pop()
        chunk = chunks.chunk_html(parsed, first, end)
        document = make_document(chunk.html)
        _set_up_layout(document, device, width)
        height = document.documentLayout().documentSize().height()
        if end - first > 1 and not 0 < height <= _CHUNK_HEIGHT_CHECKED:
            middle = (first + end) // 2
            runs += [(middle, end), (first, middle)]
            continue
        parts.append(_Part(document, chunk.continues_table))
    return parts


def _part_bands(part: _Part, scale: float, page_height: float) -> list[_Band]:
    if part.bands is None:
        part.bands = _bands(part.document, scale, page_height)
    return part.bands


def _stack(parts: list[_Part], scale: float, page_height: float) -> list[_StripBand]:
    """Place the parts one after the other on the strip and return all their bands in
    strip positions.

    A part that continues a table starts at its first row: the header its chunk opens
    with is not content (it is painted only above pages that continue the table). A part
    followed by one that continues its table ends at the bottom of its last row, without
    the table's bottom margin, so the rows meet as in one table."""
    strip: list[_StripBand] = []
    position = 0.0
    for index, part in enumerate(parts):
        bands = _part_bands(part, scale, page_height)
        part.top = 0.0
        if part.continues_table and bands and bands[0].keep_with_next and len(bands) > 1:
            part.top = bands[0].bottom
            bands = bands[1:]
        followed = index + 1 < len(parts) and parts[index + 1].continues_table
        if followed and bands:
            part.bottom = bands[-1].bottom
        else:
            part.bottom = part.document.documentLayout().documentSize().height()
        part.offset = position - part.top
        for band in bands:
            header = None
            if band.header is not None:
                top, bottom = band.header
                is_content = top >= part.top
                header = Header(
                    index, top, bottom, bottom + part.offset if is_content else -math.inf
                )
            strip.append(
                _StripBand(
                    band.top + part.offset,
                    band.bottom + part.offset,
                    band.keep_with_next,
                    header,
                    tuple(y + part.offset for y in band.inner_cuts),
                )
            )
        position = part.strip_bottom
    return strip


def paginate(document: QTextDocument, page_height: float, scale: float) -> list[PageSlice]:
    """Choose page ends for a document laid out as one long page (no page size height).

    Each page holds whole bands; a band taller than a page is cut at a line end inside it
    (or, failing that, where the page is full). A page that starts inside a table gets the
    table's header band repeated, and is that much shorter.
    """
    parts = [_Part(document, False)]
    return _paginate(_stack(parts, scale, page_height), parts[-1].strip_bottom, page_height)[0]


def _paginate(
    bands: list[_StripBand], total: float, page_height: float
) -> tuple[list[PageSlice], list[float]]:
    """``paginate`` over the strip's bands, and the page tops that fall inside a band (a
    paragraph or a row taller than a page): the only places where ``_split_blocks_at`` can
    have work to do. Every other page starts between two bands, never inside a block."""
    bands = list(bands)  # an oversized band is replaced by its rest below
    pages: list[PageSlice] = []
    inside: list[float] = []
    top = 0.0
    header: Header | None = None
    index = 0
    while index < len(bands):
        capacity = page_height - (header.height if header else 0.0)
        limit = top + capacity
        last_fitting = index
        while last_fitting < len(bands) and bands[last_fitting].bottom <= limit:
            last_fitting += 1
        if last_fitting == len(bands):
            break  # the rest fits on this page
        cut_index = last_fitting
        # Do not leave a heading or a table header alone at the bottom of the page.
        while cut_index > index and bands[cut_index - 1].keep_with_next:
            cut_index -= 1
        if cut_index > index:
            bottom = bands[cut_index].top
            next_index = cut_index
        else:
            # Not even the first band fits: cut inside it, at the last line end that fits.
            band = bands[index]
            inner = [y for y in band.inner_cuts if top < y <= limit]
            bottom = inner[-1] if inner else limit
            if bottom <= top:  # guard against a zero-height page
                bottom = limit
            next_index = index
            if bottom >= band.bottom:
                next_index = index + 1
            else:
                inside.append(bottom)
                bands[index] = _StripBand(
                    bottom, band.bottom, band.keep_with_next, band.header, band.inner_cuts
                )
        pages.append(PageSlice(top, bottom, header))
        top = bottom
        index = next_index
        header = bands[index].header if index < len(bands) else None
        if header is not None and top <= header.strip_bottom:
            header = None  # the page starts at or above the header itself
    pages.append(PageSlice(top, max(total, top), header))
    return pages, inside


def _split_parts_at(parts: list[_Part], cuts: list[float]) -> bool:
    """``_split_blocks_at`` for each part with a page top inside one of its blocks; such a
    part's bands are measured again (splitting moves nothing, but the blocks change)."""
    starts = [part.strip_top for part in parts]
    by_part: dict[int, list[float]] = {}
    for y in cuts:
        index = max(0, bisect_right(starts, y) - 1)
        by_part.setdefault(index, []).append(y - parts[index].offset)
    changed = False
    for index, local in by_part.items():
        if _split_blocks_at(parts[index].document, local):
            parts[index].bands = None
            changed = True
    return changed


def _layout_pages(parts: list[_Part], scale: float, page_height: float) -> list[PageSlice]:
    def run() -> tuple[list[PageSlice], list[float]]:
        strip = _stack(parts, scale, page_height)
        return _paginate(strip, parts[-1].strip_bottom, page_height)

    pages, inside = run()
    for _ in range(3):  # one round is enough unless splitting moved something
        if not _split_parts_at(parts, inside):
            break
        pages, inside = run()
    return pages


# ---- painting ----------------------------------------------------------------------------


def _mm_to_device(mm: float, dpi: float) -> float:
    return mm / 25.4 * dpi


def apply_page_setup(device: QPagedPaintDevice, page_size: str) -> None:
    """Set paper size and the summary's margins on a QPdfWriter or QPrinter."""
    if page_size not in PAGE_SIZES:
        # A programming error: page sizes come from PAGE_SIZES (the options, the commands).
        raise ValueError(f"unknown page size {page_size!r}; expected a4 or letter")  # not shown
    size_id = QPageSize.PageSizeId.A4 if page_size == "a4" else QPageSize.PageSizeId.Letter
    left, top, right, bottom = MARGINS_MM
    device.setPageLayout(
        QPageLayout(
            QPageSize(size_id),
            QPageLayout.Orientation.Portrait,
            QMarginsF(left, top, right, bottom),
            QPageLayout.Unit.Millimeter,
        )
    )


def paint_summary(
    device: QPagedPaintDevice,
    summary: Summary,
    *,
    document: QTextDocument | None = None,
    max_chunk_lines: int | None = None,
) -> int:
    """Paint ``summary`` onto ``device`` using its current page layout; returns the number
    of pages. ``document`` replaces the summary's own HTML and is laid out whole (tests use
    it); ``max_chunk_lines`` sets how much of the summary one layout holds (default: as
    much as is safe at the device's resolution; tests set less)."""
    ensure_gui_application()
    dpi = float(device.logicalDpiY())
    scale = dpi / 96.0
    width = float(device.width())
    footer = _mm_to_device(FOOTER_MM, dpi)
    body_height = float(device.height()) - footer
    if document is not None:
        _set_up_layout(document, device, width)
        parts = [_Part(document, False)]
    else:
        lines = max_chunk_lines if max_chunk_lines is not None else chunk_lines(dpi)
        parts = _lay_out_parts(render_html(summary), device, width, lines)
    pages = _layout_pages(parts, scale, body_height)
    starts = [part.strip_top for part in parts]

    painter = QPainter()
    if not painter.begin(device):
        raise OSError(translate("SummaryPdf", "The summary could not be drawn on the page."))
    try:
        footer_font = QFont(parts[0].document.defaultFont())
        footer_font.setPointSizeF(FOOTER_POINT_SIZE)
        palette = print_palette()
        # The footer belongs to the summary document and is in its words (gui.core.summary
        # writes them untranslated), not in the window's.
        made = dates.dated(summary.generated_at)
        footer_left = f"{summary.title}, made {made}"  # not shown: the document's text
        for number, page in enumerate(pages, start=1):
            if number > 1 and not device.newPage():
                raise OSError(translate("SummaryPdf", "A new page could not be started."))
            y = 0.0
            if page.header is not None:
                header = page.header
                _paint_slice(
                    painter,
                    parts[header.part].document,
                    header.top,
                    header.bottom,
                    y,
                    width,
                    palette,
                )
                y += page.header_height
            # The page's range of the strip, from each part it overlaps.
            index = max(0, bisect_right(starts, page.top) - 1)
            while index < len(parts) and parts[index].strip_top < page.bottom:
                part = parts[index]
                top = max(page.top, part.strip_top)
                bottom = min(page.bottom, part.strip_bottom)
                if bottom > top:
                    _paint_slice(
                        painter,
                        part.document,
                        top - part.offset,
                        bottom - part.offset,
                        y + top - page.top,
                        width,
                        palette,
                    )
                index += 1
            # Footer: a hairline, what this is on the left, the page number on the right.
            painter.save()
            painter.setPen(QPen(Qt.GlobalColor.gray, 0))
            line_y = body_height + footer * 0.35
            painter.drawLine(QPointF(0, line_y), QPointF(width, line_y))
            painter.setPen(QPen(Qt.GlobalColor.black))
            painter.setFont(footer_font)
            text_rect = QRectF(0, line_y, width, body_height + footer - line_y)
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(text_rect, int(align | Qt.AlignmentFlag.AlignLeft), footer_left)
            painter.drawText(
                text_rect,
                int(align | Qt.AlignmentFlag.AlignRight),
                f"Page {number} of {len(pages)}",  # not shown: the document's text
            )
            painter.restore()
    finally:
        painter.end()
    return len(pages)


def _paint_slice(
    painter: QPainter,
    document: QTextDocument,
    top: float,
    bottom: float,
    at_y: float,
    width: float,
    palette: QPalette,
) -> None:
    """Paint the range [top, bottom) of ``document``'s layout at ``at_y`` on the page, in
    the colours of ``palette``."""
    painter.save()
    painter.translate(0, at_y - top)
    # Qt draws every line that touches the clip rectangle, even one that only meets its
    # edge; the clip hides it, but its text would still be in the PDF (found twice by a
    # search or a screen reader). A hair of inset keeps such neighbours out.
    inset = min(_CLIP_INSET, (bottom - top) / 4)
    clip = QRectF(0, top + inset, width, bottom - top - 2 * inset)
    # What QTextDocument.drawContents does, with the print palette in place of the
    # application's: text that has no colour of its own would take the theme's.
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette = palette
    context.clip = clip
    painter.setClipRect(clip)
    document.documentLayout().draw(painter, context)
    painter.restore()


def render_pdf(summary: Summary, *, page_size: str | None = None) -> bytes:
    """The summary as PDF bytes, on A4 or Letter (default: by the system locale)."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(summary.title)
    writer.setCreator("Privacy Review")  # not shown: the file's metadata
    writer.setResolution(1200)
    apply_page_setup(writer, page_size or default_page_size())
    paint_summary(writer, summary)
    del writer  # flushes the PDF into the buffer
    buffer.close()
    return bytes(data.data())
