"""The summary's HTML cut into pages of HTML short enough for Qt to lay out.

Qt's text layout keeps positions in fixed point (``QFixed``, 26.6 bits): one
``QTextDocument`` taller than about 8.4 million device units (some 670 A4 pages at 1200 dpi)
is laid out wrongly and can crash when painted. So ``gui.desktop.summary.pdf`` lays out a
long summary as several documents, one per chunk made here, and joins their pages.

A chunk is a complete HTML page: the summary's own head (its style sheet), then a run of
the body's pieces. The pieces are what sits directly in the body between tables, and the
rows of each table. A chunk ending inside a table closes it; the next chunk opens it again
with the same table tag and header row, so its columns come out the same width, and says
that it continues the table (its header then is not content but the copy a continued page
repeats).

Only the structure ``gui.core.summary.render_html`` writes is split: a ``<table ...>``
holding one ``<thead>`` and one ``<tbody>`` of ``<tr>`` rows, never nested. Every piece of
text in that HTML is escaped, so a tag here is always markup. A table in any other shape is
kept whole, as one piece. Qt-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BODY_OPEN = "<body>"
_BODY_CLOSE = "</body>"
_TABLE_RE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
_SPLITTABLE_RE = re.compile(
    r"(?P<open><table\b[^>]*>)(?P<head><thead>.*?</thead>)<tbody>(?P<rows>(?:<tr>.*?</tr>)+)"
    r"</tbody></table>\Z",
    re.DOTALL,
)
_ROW_RE = re.compile(r"<tr>.*?</tr>", re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")
_BREAK_RE = re.compile(r"<br\b|<tr\b|<td\b|<th\b|<p\b|<li\b|<h\d\b|\n")

# How many characters at least fit on a line of the narrowest column (13% of the page,
# about 23 mm at 9.5 pt), counting wide glyphs: the estimate below must never be low.
_MIN_CHARS_PER_LINE = 5


@dataclass(frozen=True)
class Piece:
    """Part of the body: a table row (``table`` is the table's number) or anything else."""

    html: str
    lines: int  # at least as many lines as it can take on paper
    table: int | None = None


@dataclass(frozen=True)
class Chunk:
    html: str  # a complete page: head, body, end
    continues_table: bool  # it starts with rows of a table begun in the chunk before
    pieces: int  # how many body pieces it holds


@dataclass(frozen=True)
class Parsed:
    head: str  # everything up to and including <body>
    tail: str  # </body> and what follows
    pieces: tuple[Piece, ...]
    tables: tuple[tuple[str, str], ...]  # each split table's opening tag and header


def estimate_lines(html: str) -> int:
    """An upper bound on the lines ``html`` takes: every character of its text on a line of
    the narrowest column, plus a line for every break, row, cell, paragraph or item."""
    text = _TAG_RE.sub("", html)
    return len(text) // _MIN_CHARS_PER_LINE + len(_BREAK_RE.findall(html)) + 1


def parse(html: str) -> Parsed:
    """The page cut into pieces; a page without the expected body is one piece."""
    start = html.find(_BODY_OPEN)
    end = html.rfind(_BODY_CLOSE)
    if start < 0 or end < start:
        return Parsed("", "", (Piece(html, estimate_lines(html)),), ())
    start += len(_BODY_OPEN)
    head, body, tail = html[:start], html[start:end], html[end:]
    pieces: list[Piece] = []
    tables: list[tuple[str, str]] = []
    position = 0
    for match in _TABLE_RE.finditer(body):
        if match.start() > position:
            between = body[position : match.start()]
            pieces.append(Piece(between, estimate_lines(between)))
        position = match.end()
        table = _SPLITTABLE_RE.match(match.group(0))
        if table is None:
            pieces.append(Piece(match.group(0), estimate_lines(match.group(0))))
            continue
        number = len(tables)
        tables.append((table.group("open"), table.group("head")))
        for row in _ROW_RE.finditer(table.group("rows")):
            pieces.append(Piece(row.group(0), estimate_lines(row.group(0)), number))
    if position < len(body):
        pieces.append(Piece(body[position:], estimate_lines(body[position:])))
    return Parsed(head, tail, tuple(pieces), tuple(tables))


def group(pieces: tuple[Piece, ...], max_lines: int) -> list[tuple[int, int]]:
    """Consecutive runs ``(first, end)`` of pieces of at most ``max_lines`` estimated lines
    each; a piece larger than that alone makes a run."""
    runs: list[tuple[int, int]] = []
    first = 0
    lines = 0
    for index, piece in enumerate(pieces):
        if index > first and lines + piece.lines > max_lines:
            runs.append((first, index))
            first, lines = index, 0
        lines += piece.lines
    if pieces:
        runs.append((first, len(pieces)))
    return runs


def chunk_html(parsed: Parsed, first: int, end: int) -> Chunk:
    """The page holding pieces ``first`` to ``end`` (exclusive)."""
    pieces = parsed.pieces
    parts = [parsed.head]
    open_table: int | None = None
    for piece in pieces[first:end]:
        if piece.table != open_table:
            if open_table is not None:
                parts.append("</tbody></table>")
            if piece.table is not None:
                tag, header = parsed.tables[piece.table]
                parts.append(f"{tag}{header}<tbody>")
            open_table = piece.table
        parts.append(piece.html)
    if open_table is not None:
        parts.append("</tbody></table>")
    parts.append(parsed.tail)
    continues = (
        first > 0
        and pieces[first].table is not None
        and pieces[first - 1].table == pieces[first].table
    )
    return Chunk("".join(parts), continues, end - first)


def split_html(html: str, max_lines: int) -> list[Chunk]:
    """``html`` as pages of at most ``max_lines`` estimated lines each (see ``group``)."""
    parsed = parse(html)
    if not parsed.head:
        return [Chunk(html, False, 1)]
    return [chunk_html(parsed, first, end) for first, end in group(parsed.pieces, max_lines)]
