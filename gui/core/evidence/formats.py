"""Streaming readers for the files inside an export. Nothing is read whole: JSON goes
through ``ijson`` event by event, CSV row by row, so memory stays bounded whatever the
file's size. Problems become ``ExportError`` naming the member.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import IO, Any

import ijson

from gui.core.evidence.errors import ExportError

# X's files are JavaScript: ``window.YTD.<name>.part<n> = [ ... ]``.
X_PREFIX = re.compile(rb"^\s*window\.YTD\.[A-Za-z0-9_]+\.part[0-9]+\s*=\s*")
X_PREFIX_MAX = 200
# A CSV's notes block (LinkedIn) comes before the header; past this many lines, the header
# the map asks for is taken as missing.
CSV_HEADER_SEARCH = 40
MAX_CSV_FIELD = 1_000_000


class _Joined(io.RawIOBase):
    """The rest of a stream after bytes already read from it."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self._head:
            size = min(len(view), len(self._head))
            view[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def strip_x_prefix(stream: IO[bytes], member: str) -> IO[bytes]:
    head = stream.read(X_PREFIX_MAX)
    match = X_PREFIX.match(head)
    if match is None:
        raise ExportError(
            f"{member} does not start the way X's archive files do "
            '("window.YTD.<name>.part0 = "); the archive may be damaged or not from X.',
            member,
        )
    return io.BufferedReader(_Joined(head[match.end() :], stream))


def stream_json(
    stream: IO[bytes],
    member: str,
    prefix: str,
    sink: Callable[[Any], None],
    tick: Callable[[], None],
) -> None:
    """Call ``sink(item)`` for every complete value at ``prefix`` (an ijson prefix such as
    ``item.ad.adsUserData.adImpressions.impressions.item``), one at a time: ijson's C
    backend parses and builds each value, so memory holds one item, never the file.
    ``tick`` is called now and then (progress, cancelling)."""
    try:
        for count, item in enumerate(ijson.items(stream, prefix, use_float=True)):
            if count % 256 == 0:
                tick()
            sink(item)
    except ijson.IncompleteJSONError as error:
        raise ExportError(
            f"{member} is not valid JSON ({_short(error)}); not read.", member
        ) from None
    except ijson.JSONError as error:
        raise ExportError(
            f"{member} is not valid JSON ({_short(error)}); not read.", member
        ) from None
    except UnicodeDecodeError:
        raise ExportError(f"{member} is not UTF-8 text; not read.", member) from None


def _short(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:120]


def csv_rows(
    stream: IO[bytes], member: str, required: tuple[str, ...], tick: Callable[[], None]
) -> Iterator[dict[str, str]]:
    """The rows of a CSV as dicts, after any notes block before the header. The header is
    the first line holding every column in ``required``; a file without one is refused
    naming the columns it has."""
    csv.field_size_limit(MAX_CSV_FIELD)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    try:
        reader = csv.reader(text)
        header: list[str] | None = None
        first_seen: list[str] = []
        for _ in range(CSV_HEADER_SEARCH):
            line = next(reader, None)
            if line is None:
                break
            cells = [cell.strip() for cell in line]
            if not first_seen and any(cells):
                first_seen = cells
            if cells and all(column in cells for column in required):
                header = cells
                break
        if header is None:
            found = ", ".join(cell for cell in first_seen[:8] if cell) or "none"
            raise ExportError(
                f"{member} does not have the columns expected ({', '.join(required)}); "
                f"found: {found[:200]}. The export's format may have changed; not read.",
                member,
            )
        for number, line in enumerate(reader):
            if number % 1024 == 0:
                tick()
            if not any(cell.strip() for cell in line):
                continue
            yield dict(zip(header, line, strict=False))
    except UnicodeDecodeError:
        raise ExportError(
            f"{member} is not UTF-8 text (a wrong encoding); not read.", member
        ) from None
    except csv.Error as error:
        raise ExportError(f"{member} is not a readable CSV file ({error}).", member) from None
    except zipfile.BadZipFile as error:
        raise ExportError(f"{member} is damaged in the archive ({error}).", member) from None
    finally:
        text.detach()


def repair_mojibake(text: str) -> str:
    """Meta writes UTF-8 bytes as one escaped Latin-1 character each ("CafÃ©" for "Café");
    turn them back when the text decodes that way, else leave it as it is."""
    if not text or text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d %b %Y",
    "%b %d, %Y",
    "%b %Y",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y",
)


def parse_when(value: object) -> datetime | None:
    """A date from an export: ISO 8601, ``2021-03-04 05:06:07``, ``12 Jan 2020``, or epoch
    seconds or milliseconds. None when it is none of them."""
    if isinstance(value, str):
        return _parse_text_when(value)  # cached: several map entries read the same field
    return _parse_when(value)


@lru_cache(maxsize=1024)
def _parse_text_when(value: str) -> datetime | None:
    return _parse_when(value)


def _parse_when(value: object) -> datetime | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return _parse_when(int(text))
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    candidate = candidate.removesuffix(" UTC")
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        parsed = None
        for pattern in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(candidate, pattern)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
