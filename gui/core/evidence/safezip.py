"""The only way the app looks into an export: the archive is read in place, member by
member, as streams. Nothing is extracted to disk or copied.

Refused before anything is read: a file that is not a ZIP, a damaged or truncated one,
encrypted members, and archives or members whose declared sizes or compression ratio are
past the caps (a zip bomb declares them, and ``zipfile`` stops a member at its declared
size and checks its CRC, so a member cannot unpack to more than it says).
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from gui.core.evidence.errors import ExportError

GIB = 1024**3
MIB = 1024**2


@dataclass(frozen=True)
class Limits:
    """Caps on what an archive may declare. The defaults fit real exports (Google Takeout
    splits its archives at 50 GB; a single JSON or CSV file the app reads stays far under
    2 GiB) and stop zip bombs."""

    max_total: int = 64 * GIB  # every member's uncompressed size together
    max_member: int = 2 * GIB  # one member the app reads
    max_ratio: float = 200.0  # uncompressed / compressed, for a member the app reads
    ratio_floor: int = 1 * MIB  # members smaller than this are not held to the ratio
    max_members: int = 500_000


DEFAULT_LIMITS = Limits()
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def _size_text(size: int) -> str:
    if size >= GIB:
        return f"{size / GIB:.1f} GB"
    if size >= MIB:
        return f"{size / MIB:.0f} MB"
    return f"{size} bytes"


class SafeArchive:
    """An open export archive. Use as a context manager; ``names`` lists the members (files
    only), ``open`` streams one after checking it."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        self._zip = _open_zip(path)
        try:
            self._infos = self._check_archive()
        except BaseException:
            self._zip.close()
            raise

    def _check_archive(self) -> dict[str, zipfile.ZipInfo]:
        infos = [info for info in self._zip.infolist() if not info.is_dir()]
        if len(infos) > self.limits.max_members:
            raise ExportError(
                f"{self.path.name} holds {len(infos)} files, more than an export has "
                f"({self.limits.max_members} at most); it was not read."
            )
        total = sum(info.file_size for info in infos)
        if total > self.limits.max_total:
            raise ExportError(
                f"{self.path.name} says it unpacks to {_size_text(total)}, more than the "
                f"{_size_text(self.limits.max_total)} an export may hold; it was not read "
                "(this is how a zip bomb looks)."
            )
        return {info.filename: info for info in infos}

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def newest_date(self) -> datetime | None:
        """The latest modification time stored for a member: when the export was made, as
        near as the archive tells (ZIP times have no time zone; taken as UTC)."""
        stamps = [info.date_time for info in self._infos.values()]
        if not stamps:
            return None
        try:
            return datetime(*max(stamps), tzinfo=UTC)
        except ValueError:
            return None

    def check_member(self, name: str) -> zipfile.ZipInfo:
        info = self._infos.get(name)
        if info is None:
            raise ExportError(f"{name} is not in the archive.", name)
        if info.flag_bits & 0x1:
            raise ExportError(
                f"{name} in the archive is encrypted (password-protected); exports are not. "
                "It was not read.",
                name,
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ExportError(f"{name} in the archive is a link, not a file; not read.", name)
        if info.file_size > self.limits.max_member:
            raise ExportError(
                f"{name} in the archive is {_size_text(info.file_size)}, far over the "
                f"{_size_text(self.limits.max_member)} such a file has; it was not read.",
                name,
            )
        if info.file_size >= self.limits.ratio_floor:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > self.limits.max_ratio:
                raise ExportError(
                    f"{name} in the archive unpacks to {ratio:.0f} times its packed size "
                    f"(at most {self.limits.max_ratio:.0f}); it was not read (this is how a "
                    "zip bomb looks).",
                    name,
                )
        return info

    def open(self, name: str) -> IO[bytes]:
        info = self.check_member(name)
        try:
            return self._zip.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as error:
            raise ExportError(
                f"{name} in the archive cannot be unpacked ({error}).", name
            ) from None

    def members(self) -> Iterator[str]:
        yield from self._infos


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except IsADirectoryError:
        raise ExportError(f"{path.name} is a folder; choose the archive file itself.") from None
    except OSError as error:
        raise ExportError(f"{path.name} cannot be opened: {error.strerror or error}.") from None
    if head not in ZIP_MAGIC:
        raise ExportError(
            f"{path.name} is not a ZIP archive. Choose the .zip file the platform sent you, "
            "as it came."
        )
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise ExportError(
            f"{path.name} is damaged or incomplete (cut off while downloading?): {error}. "
            "Download the export again."
        ) from None
    except OSError as error:
        raise ExportError(f"{path.name} cannot be read: {error.strerror or error}.") from None
