"""The text of a PDF written by Qt, run by run with its position, read fast enough for a
document of thousands of pages.

pypdf's own text extraction takes about half a second a page here; this reads only what
Qt's PDF engine writes for text (``BT /F<n> <size> Tf 1 0 0 -1 0 0 Tm <x> <y> Td <glyphs>
Tj [<dx> 0 Td <glyphs> Tj ...] ET``, inside ``q``/``Q`` and ``cm``) with regular expressions,
and decodes glyphs through each font's ToUnicode map, read once per font with pypdf. It
fails loudly on a text object it does not recognise, so it cannot silently skip text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pypdf

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)"
# One operator a line, as Qt writes them; text objects from BT to ET.
_OPS = re.compile(
    rb"^(?P<qs>[qQ](?: [qQ])*)$|^(?P<cm>[^\n]* cm)$|^(?P<bt>BT$.*?^ET)$",
    re.DOTALL | re.MULTILINE,
)
_TEXT = re.compile(
    rb"BT\s+/(?P<font>\S+)\s+(?P<size>\S+)\s+Tf\s+1 0 0 -1 0 0 Tm\s+(?P<runs>.*?)\s*ET\Z",
    re.DOTALL,
)
_STEP = re.compile(
    rb"(" + _NUMBER.encode() + rb")\s+(" + _NUMBER.encode() + rb")\s+Td\s+<([0-9A-Fa-f]*)>\s*Tj"
)
_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


@dataclass(frozen=True)
class Run:
    """A run of glyphs: its text, and where it starts in points from the page's top left."""

    text: str
    x: float
    y: float  # the baseline, from the top of the page down
    size: float  # font size in points


def _to_unicode(font: pypdf.generic.DictionaryObject) -> dict[int, str]:
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    table: dict[int, str] = {}

    def text(hex_: str) -> str:
        raw = bytes.fromhex(hex_)
        return raw.decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.DOTALL):
        for source, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            table[int(source, 16)] = text(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.DOTALL):
        for low, high, target in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block
        ):
            first, last = int(low, 16), int(high, 16)
            if target.startswith("["):
                for code, value in zip(range(first, last + 1), _HEX.findall(target), strict=False):
                    table[code] = text(value)
            else:
                start = int(target[1:-1], 16)
                for code in range(first, last + 1):
                    table[code] = chr(start + code - first)
    return table


def _multiply(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    """a then b, PDF row-vector convention: [x y 1] * a * b."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (
        a0 * b0 + a1 * b2,
        a0 * b1 + a1 * b3,
        a2 * b0 + a3 * b2,
        a2 * b1 + a3 * b3,
        a4 * b0 + a5 * b2 + b4,
        a4 * b1 + a5 * b3 + b5,
    )


def page_runs(data: bytes) -> list[list[Run]]:
    """Every page's text runs, in the order the page paints them."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    maps: dict[int, dict[int, str]] = {}
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        fonts = page["/Resources"].get("/Font", {})
        names: dict[str, dict[int, str]] = {}
        for name, ref in fonts.items():
            key = ref.idnum if hasattr(ref, "idnum") else id(ref)
            if key not in maps:
                maps[key] = _to_unicode(ref.get_object())
            names[name.lstrip("/")] = maps[key]
        stream = page.get_contents()
        content = stream.get_data() if stream is not None else b""
        runs: list[Run] = []
        matrix: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        stack: list[tuple[float, ...]] = []
        for match in _OPS.finditer(content):
            kind = match.lastgroup
            if kind == "qs":
                for op in match.group(0).split():
                    if op == b"q":
                        stack.append(matrix)
                    else:
                        matrix = stack.pop()
            elif kind == "cm":
                values = tuple(float(v) for v in match.group(0).split()[-7:-1])
                matrix = _multiply(values, matrix)
            else:
                text = _TEXT.match(match.group(0))
                assert text is not None, f"unexpected text object: {match.group(0)[:200]!r}"
                glyphs = names[text.group("font").decode()]
                size = float(text.group("size"))
                x = y = 0.0
                chars: list[str] = []
                start: tuple[float, float] | None = None
                steps = _STEP.findall(text.group("runs"))
                leftover = _STEP.sub(b"", text.group("runs")).strip()
                assert not leftover, f"unexpected text operators: {leftover[:200]!r}"
                for dx, dy, hex_ in steps:
                    # Tm is (1 0 0 -1 0 0): a Td moves by (dx, -dy) in user space.
                    x += float(dx)
                    y -= float(dy)
                    if start is None:
                        start = (x, y)
                    codes = hex_.decode()
                    for i in range(0, len(codes), 4):
                        chars.append(glyphs.get(int(codes[i : i + 4], 16), "\ufffd"))
                if start is None:
                    continue
                a, b, c, d, e, f = matrix
                px = start[0] * a + start[1] * c + e
                py = start[0] * b + start[1] * d + f
                runs.append(Run("".join(chars), px, height - py, size * abs(d)))
        pages.append(runs)
    return pages


def page_lines(runs: list[Run], tolerance: float = 0.5) -> list[tuple[float, str]]:
    """The runs of one page joined into lines: (baseline from the top, text), top first;
    runs of one line are joined left to right with a space where they do not touch."""
    lines: list[tuple[float, list[Run]]] = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if lines and abs(lines[-1][0] - run.y) <= tolerance:
            lines[-1][1].append(run)
        else:
            lines.append((run.y, [run]))
    return [(y, " ".join(r.text for r in sorted(group, key=lambda r: r.x))) for y, group in lines]
