"""Applies an evidence map to an export: finds the platform, checks every member it will
read before reading any, streams each member once, and sums up what the map asks for.

Everything the reading produces is derived: counts, the first and last date, a few
examples, a value. The raw content is never kept, logged or written anywhere.
"""

from __future__ import annotations

import fnmatch
import io
import logging
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from gui.core import dates
from gui.core.catalog.rules import strip_controls
from gui.core.evidence.errors import ExportError, ReadCancelled
from gui.core.evidence.formats import (
    csv_rows,
    parse_when,
    repair_mojibake,
    stream_json,
    strip_x_prefix,
)
from gui.core.evidence.maps import Evidence, EvidenceMap, Where, bundled_maps, with_article
from gui.core.evidence.model import ExportReading, Finding
from gui.core.evidence.safezip import DEFAULT_LIMITS, Limits, SafeArchive

log = logging.getLogger(__name__)

MAX_EXAMPLE_CHARS = 80
MAX_DISTINCT = 200_000  # distinct values counted per entry; past it the count is "at least"
# progress(bytes done, bytes in all, member being read)
Progress = Callable[[int, int, str], None]


def matches(name: str, pattern: str) -> bool:
    """Whether member ``name`` is ``pattern`` at the archive's top or under any folder
    (exports are often wrapped in one: ``Takeout/``, ``facebook-me-2024/``)."""
    return fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase(name, "*/" + pattern)


def detect(names: Iterable[str], maps: Iterable[EvidenceMap]) -> list[tuple[EvidenceMap, int]]:
    """The maps whose detect patterns the members match, best first (number matched)."""
    listed = list(names)
    scored = []
    for evidence_map in maps:
        score = sum(
            1 for pattern in evidence_map.detect if any(matches(n, pattern) for n in listed)
        )
        if score:
            scored.append((evidence_map, score))
    return sorted(scored, key=lambda pair: -pair[1])


def choose_map(
    names: list[str], platform: str | None, maps: tuple[EvidenceMap, ...], archive_name: str
) -> EvidenceMap:
    found = detect(names, maps)
    if platform is not None:
        wanted = next((m for m in maps if m.platform == platform), None)
        if wanted is None:
            known = ", ".join(m.platform for m in maps)
            raise ExportError(f"No reader for platform {platform!r}; the app reads: {known}.")
        if any(m is wanted for m, _ in found):
            return wanted
        if found:
            other = found[0][0]
            raise ExportError(
                f"{archive_name} looks like {with_article(other.name)} export "
                f"({other.export}), not {with_article(wanted.name)} one. Choose "
                f"{other.name}, or the right file."
            )
        raise ExportError(
            f"{archive_name} does not look like a {wanted.name} export ({wanted.export}): "
            f"none of the files it has ({', '.join(wanted.detect[:3])}) is in it."
        )
    if not found:
        known = ", ".join(m.name for m in maps)
        raise ExportError(
            f"{archive_name} does not look like an export the app can read ({known}). "
            "Choose the archive the platform sent you, as it came."
        )
    return found[0][0]


# --- values inside an item ----------------------------------------------------------------


def values_at(item: Any, path: str | None) -> list[Any]:
    """The values at a field path in one item (``a.b``; ``a[].b`` for each element of a
    list). No path: the item itself."""
    if path is None:
        return [item]
    if "." not in path and not path.endswith("[]"):  # the common case, kept cheap
        return [item[path]] if isinstance(item, dict) and path in item else []
    current = [item]
    for part in path.split("."):
        each = part.endswith("[]")
        key = part[:-2] if each else part
        following = []
        for value in current:
            if isinstance(value, dict) and key in value:
                inner = value[key]
                if each and isinstance(inner, list):
                    following.extend(inner)
                elif not each:
                    following.append(inner)
        current = following
    return current


def _passes(item: Any, where: Where | None) -> bool:
    if where is None:
        return True
    found = values_at(item, where.field)
    if where.not_empty:
        return any(v not in (None, "", [], {}) for v in found)
    if where.any_of:
        return any(isinstance(v, str) and v in where.any_of for v in found)
    wanted = where.equals
    for value in found:
        if value == wanted:
            return True
        if (  # "true" as text in some files
            isinstance(wanted, bool)
            and isinstance(value, str)
            and value.strip().lower() == str(wanted).lower()
        ):
            return True
    return False


def _text(value: Any, mojibake: bool) -> str | None:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if not isinstance(value, str):
        return None
    text = repair_mojibake(value) if mojibake else value
    text = " ".join(strip_controls(text).split())
    if len(text) > MAX_EXAMPLE_CHARS:
        text = text[: MAX_EXAMPLE_CHARS - 1] + "…"
    return text or None


@dataclass
class Tally:
    """What one map entry counted (for one file when ``per_file``)."""

    entry: Evidence
    group: str = ""
    count: int = 0
    first: datetime | None = None
    last: datetime | None = None
    examples: list[str] = field(default_factory=list)
    distinct: set[str] = field(default_factory=set)
    value: str | None = None
    seen: bool = False

    def add(self, item: Any, mojibake: bool) -> None:
        entry = self.entry
        if not _passes(item, entry.where):
            return
        values = [v for v in values_at(item, entry.field) if v not in (None, "")]
        if entry.split:
            split: list[Any] = []
            for value in values:
                if isinstance(value, str):
                    split.extend(part.strip() for part in value.split(entry.split) if part.strip())
                else:
                    split.append(value)
            values = split
        if entry.summary == "values":
            self.count += len(values)
        elif entry.summary == "distinct":
            for value in values:
                text = _text(value, mojibake)
                if text is not None and len(self.distinct) < MAX_DISTINCT:
                    self.distinct.add(text)
            self.count = len(self.distinct)
        else:
            self.count += 1
        if entry.dates:
            for value in values_at(item, entry.dates):
                when = parse_when(value)
                if when is not None:
                    self.first = when if self.first is None or when < self.first else self.first
                    self.last = when if self.last is None or when > self.last else self.last
        if entry.summary == "value" and self.value is None:
            texts = [t for t in (_text(v, mojibake) for v in values) if t]
            if texts:
                self.value = ", ".join(texts[:3])
        if len(self.examples) < entry.examples:
            for value in values:
                text = _text(value, mojibake)
                if text and text not in self.examples and len(self.examples) < entry.examples:
                    self.examples.append(text)

    def finding(self) -> Finding | None:
        entry = self.entry
        if entry.summary == "value" and self.value is None:
            return None
        if entry.summary == "date-range" and self.first is None:
            return None
        if entry.summary == "examples" and not self.examples:
            return None
        fields = {
            "count": f"{self.count:,}",
            "first": _day(self.first),
            "last": _day(self.last),
            "range": _range(self.first, self.last),
            "examples": ", ".join(self.examples) or "none listed",
            "value": self.value or "",
            "group": self.group,
        }
        text = entry.text
        if not self.examples:  # "0 advertisers ..., such as none listed" reads badly
            text = re.sub(
                r",? (such as|from advertisers such as|in places such as|for apps "
                r"such as|from sources such as|at companies such as) \{examples\}",
                "",
                text,
            )
        return Finding(
            platform_id=entry.platform_id,
            category_id=entry.category_id,
            evidence_id=entry.id,
            text=text.format_map(fields),
            count=self.count,
            first=self.first,
            last=self.last,
            examples=tuple(self.examples),
            value=self.value,
        )


def _day(when: datetime | None) -> str:
    return dates.day(when) if when else "an unknown date"


def _range(first: datetime | None, last: datetime | None) -> str:
    if first is None or last is None:
        return "on unknown dates"
    if first.date() == last.date():
        return f"on {_day(first)}"
    return f"from {_day(first)} to {_day(last)}"


# --- reading ------------------------------------------------------------------------------


class _Counting(io.RawIOBase):
    """Counts the bytes read from a member, for progress and cancelling."""

    def __init__(self, raw: IO[bytes], on_read: Callable[[int], None]) -> None:
        self._raw = raw
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._on_read(len(data))
        return len(data)


def read_export(
    path: Path,
    platform: str | None = None,
    *,
    maps: tuple[EvidenceMap, ...] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    now: datetime | None = None,
) -> ExportReading:
    """Read the export at ``path`` (a ZIP) with the map for ``platform`` (None: detect it).
    Raises ExportError naming the member at fault, or ReadCancelled."""
    maps = bundled_maps() if maps is None else maps
    with SafeArchive(path, limits) as archive:
        names = archive.names
        evidence_map = choose_map(names, platform, maps, path.name)
        plan: dict[str, list[Evidence]] = {}
        presence: dict[str, list[str]] = {}
        for entry in evidence_map.evidence:
            for name in names:
                if matches(name, entry.file):
                    if entry.format == "presence":
                        presence.setdefault(entry.id, []).append(name)
                    else:
                        plan.setdefault(name, []).append(entry)
        for name in plan:  # every member is checked before any is read
            archive.check_member(name)

        def passes(entries: list[Evidence]) -> int:
            return 1 if entries[0].format == "csv" else len({e.items for e in entries})

        # Bytes to read: a JSON file is read once per prefix the map asks of it.
        total = sum(archive.size(name) * passes(entries) for name, entries in plan.items()) or 1
        done = 0
        tallies: dict[tuple[str, str], Tally] = {}

        def tally(entry: Evidence, member: str) -> Tally:
            group = posixpath.basename(posixpath.dirname(member)) if entry.per_file else ""
            key = (entry.id, group)
            if key not in tallies:
                tallies[key] = Tally(entry, group)
            return tallies[key]

        for name, entries in plan.items():
            current = [done]

            def on_read(size: int, _name: str = name, _current: list[int] = current) -> None:
                _current[0] += size

            def tick(_name: str = name, _current: list[int] = current) -> None:
                if cancelled is not None and cancelled():
                    raise ReadCancelled()
                if progress is not None:
                    progress(min(_current[0], total), total, _name)

            def tally_for(entry: Evidence, _name: str = name) -> Tally:
                return tally(entry, _name)

            tick()
            _read_guarded(
                archive,
                name,
                entries,
                tally_for,
                on_read,
                tick,
                evidence_map.mojibake,
            )
            done += archive.size(name) * passes(entries)
            current[0] = done
            tick()
        for entry_id, members in presence.items():
            present = evidence_map.entry(entry_id)
            assert present is not None
            for member in members:
                tally(present, member).count += 1
        findings = [t.finding() for t in tallies.values()]
        export_date = archive.newest_date()
        log.info("read an export: %d files, %d findings", len(plan), len(findings))
        return ExportReading(
            platform_id=evidence_map.platform,
            platform_name=evidence_map.name,
            export_name=path.name,
            export_date=export_date,
            read_at=now or datetime.now(UTC),
            findings=tuple(f for f in findings if f is not None),
            files_read=tuple(sorted(plan)),
        )


def _read_guarded(
    archive: SafeArchive,
    name: str,
    entries: list[Evidence],
    tally: Callable[[Evidence], Tally],
    on_read: Callable[[int], None],
    tick: Callable[[], None],
    mojibake: bool,
) -> None:
    """``_read_member``, with a damaged member (bad CRC, broken deflate data, cut short)
    reported by name."""
    try:
        _read_member(archive, name, entries, tally, on_read, tick, mojibake)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise ExportError(
            f"{name} is damaged in the archive ({error}); download the export again.", name
        ) from None


def _read_member(
    archive: SafeArchive,
    name: str,
    entries: list[Evidence],
    tally: Callable[[Evidence], Tally],
    on_read: Callable[[int], None],
    tick: Callable[[], None],
    mojibake: bool,
) -> None:
    kind = entries[0].format
    if any(entry.format != kind for entry in entries):
        raise ExportError(f"{name}: the evidence map reads it in two formats.", name)
    for entry in entries:
        tally(entry).seen = True
    if kind == "csv":
        required = tuple(sorted({c for e in entries for c in e.columns}))
        with archive.open(name) as raw:
            rows = io.BufferedReader(_Counting(raw, on_read), 1 << 16)
            for row in csv_rows(rows, name, required, tick):
                for entry in entries:
                    tally(entry).add(row, mojibake)
        return
    by_prefix: dict[str, list[Evidence]] = {}
    for entry in entries:
        by_prefix.setdefault(entry.items, []).append(entry)
    # One pass per prefix: each pass is ijson's C parser end to end (a Python loop over
    # every parse event was 40 times slower); files with several prefixes are small.
    for prefix, wanted in by_prefix.items():
        tallies = [tally(entry) for entry in wanted]

        def sink(item: Any, _tallies: list[Tally] = tallies) -> None:
            for found in _tallies:
                found.add(item, mojibake)

        with archive.open(name) as raw:
            stream: IO[bytes] = io.BufferedReader(_Counting(raw, on_read), 1 << 16)
            if kind == "x-js":
                stream = strip_x_prefix(stream, name)
            stream_json(stream, name, prefix, sink, tick)
