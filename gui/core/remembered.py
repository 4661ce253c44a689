"""What the window's dialogs remember between uses: the folder each file dialog was last used
in, and the summary options last chosen. Kept in the store's settings, so encrypted with the
checklist and in no checklist export. Qt-free.

Only folder paths and option values: never a file's name, and nothing read from a file or
written into one. Anything unreadable (a damaged setting, a folder since deleted, a store
that cannot be read) counts as nothing remembered, and a store that cannot be written
remembers nothing: remembering never stops what the user asked for.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from gui.core.store.errors import StoreError

log = logging.getLogger(__name__)

SUMMARY_CHOICES_KEY = "summary.options"  # JSON object, the fields of SummaryChoices


class SettingsStore(Protocol):
    def get_setting(self, key: str, default: str | None = None) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...


class Folder(StrEnum):
    """The file dialogs that start in the folder last used; each remembers its own (an
    export is downloaded to one place, a summary is kept in another)."""

    SUMMARY = "summary"  # Save summary as…
    LETTER = "letter"  # a request letter's Save as…
    EXPORT = "export"  # Read a data export: Browse…

    @property
    def key(self) -> str:
        return f"folders.{self.value}"


@dataclass(frozen=True)
class SummaryChoices:
    """The summary options as last chosen. ``platform_ids`` None is every platform (so a
    platform added to the catalog later is in too); ``page_size`` and ``file_format`` are
    the values the desktop offers ("a4", "pdf"), None when never chosen."""

    platform_ids: tuple[str, ...] | None = None
    include_notes: bool = True
    include_unreviewed: bool = True
    include_exports: bool = False
    page_size: str | None = None
    file_format: str | None = None


def _read(store: SettingsStore | None, key: str) -> str | None:
    if store is None:
        return None
    try:
        value = store.get_setting(key)
    except StoreError:
        log.warning("a remembered choice could not be read")
        return None
    return value if isinstance(value, str) and value else None


def _write(store: SettingsStore | None, key: str, value: str) -> None:
    if store is None:
        return
    try:
        store.set_setting(key, value)
    except (StoreError, ValueError):  # ValueError: longer than a setting may be
        log.warning("a choice could not be remembered")


def last_folder(store: SettingsStore | None, purpose: Folder) -> Path | None:
    """The folder last used for ``purpose``, if it still is one."""
    value = _read(store, purpose.key)
    if value is None:
        return None
    folder = Path(value)
    try:
        return folder if folder.is_absolute() and folder.is_dir() else None
    except OSError:  # an unreadable location, a name the file system refuses
        return None


def remember_folder(store: SettingsStore | None, purpose: Folder, folder: Path) -> None:
    """Remember ``folder`` (a folder, never a file's name) for ``purpose``."""
    _write(store, purpose.key, str(folder.absolute()))


def _flag(data: dict[str, Any], name: str, default: bool) -> bool:
    value = data.get(name)
    return value if isinstance(value, bool) else default


def _text(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    return value if isinstance(value, str) and value else None


def summary_choices(store: SettingsStore | None) -> SummaryChoices | None:
    """The summary options last chosen; None when never chosen (or unreadable). A field
    of the wrong type takes its default."""
    raw = _read(store, SUMMARY_CHOICES_KEY)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    defaults = SummaryChoices()
    platforms = data.get("platform_ids")
    platform_ids = (
        tuple(item for item in platforms if isinstance(item, str))
        if isinstance(platforms, list)
        else None
    )
    return SummaryChoices(
        platform_ids=platform_ids,
        include_notes=_flag(data, "include_notes", defaults.include_notes),
        include_unreviewed=_flag(data, "include_unreviewed", defaults.include_unreviewed),
        include_exports=_flag(data, "include_exports", defaults.include_exports),
        page_size=_text(data, "page_size"),
        file_format=_text(data, "file_format"),
    )


def remember_summary_choices(store: SettingsStore | None, choices: SummaryChoices) -> None:
    data = asdict(choices)
    if choices.platform_ids is not None:
        data["platform_ids"] = list(choices.platform_ids)
    _write(store, SUMMARY_CHOICES_KEY, json.dumps(data, sort_keys=True))
