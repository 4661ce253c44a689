"""A cache of validated catalog files, so that start-up and every command pay almost
nothing for the catalog however large it grows.

Each file is parsed, validated and fingerprinted once; the result is kept as plain JSON in
the cache dir, keyed by the file's path and the SHA-256 of its bytes, for this app version
and this schema. The cache is never trusted blindly: an entry is used only when the file's
bytes hash to the same value and the cache was written by the same app version, cache
format and schema; a missing, stale, corrupt or foreign cache is ignored and rebuilt, so an
unvalidated file can never reach the user through it. JSON, not pickle: reading a cache can
never run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from gui import __version__
from gui.core.catalog.loader import parse_platform_bytes, read_catalog_bytes
from gui.core.catalog.model import (
    Category,
    Contact,
    Control,
    Link,
    Platform,
    PolicyDocument,
    Quote,
)
from gui.core.catalog.schema import SCHEMA_FILE
from gui.core.resources import resource_path

log = logging.getLogger(__name__)

CACHE_FORMAT = 2  # 2: platforms carry contacts
CACHE_NAME = "catalog-cache.json"


def _stamp() -> str:
    """What a cache must have been written by: app version, cache format, schema."""
    schema = hashlib.sha256(resource_path(*SCHEMA_FILE).read_bytes()).hexdigest()[:16]
    return f"{__version__}/{CACHE_FORMAT}/{schema}"


class PlatformCache:
    """Load catalog files through the cache; ``save`` writes it back when it changed."""

    def __init__(self, directory: Path | None, *, today: date) -> None:
        self.directory = directory
        self.today = today
        self.entries: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.changed = False
        self.stamp = ""
        if directory is not None:
            self.stamp = _stamp()
            self.entries = self._read()

    @property
    def path(self) -> Path | None:
        return self.directory / CACHE_NAME if self.directory is not None else None

    def _read(self) -> dict[str, dict[str, Any]]:
        path = self.path
        assert path is not None
        try:
            data = json.loads(path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.info("catalog cache ignored: %s", type(error).__name__)
            return {}
        if not isinstance(data, dict) or data.get("stamp") != self.stamp:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def load(self, path: Path) -> Platform:
        raw = read_catalog_bytes(path)
        if self.directory is None:
            return parse_platform_bytes(raw, str(path), today=self.today, expect_id=path.stem)
        key = str(path.resolve())
        digest = hashlib.sha256(raw).hexdigest()
        self.used.add(key)
        entry = self.entries.get(key)
        if isinstance(entry, dict) and entry.get("sha256") == digest:
            try:
                return platform_from_json(entry["platform"], str(path))
            except (KeyError, TypeError, ValueError, AttributeError):
                log.info("catalog cache entry ignored for %s", path.name)
        platform = parse_platform_bytes(raw, str(path), today=self.today, expect_id=path.stem)
        self.entries[key] = {"sha256": digest, "platform": platform_to_json(platform)}
        self.changed = True
        return platform

    def save(self) -> None:
        """Write the cache if it changed, dropping files no longer loaded; a failure to
        write costs the next start its speed, nothing else."""
        if self.directory is None:
            return
        stale = set(self.entries) - self.used
        if not self.changed and not stale:
            return
        for key in stale:
            del self.entries[key]
        payload = json.dumps(
            {"stamp": self.stamp, "entries": self.entries}, ensure_ascii=False, default=str
        ).encode("utf-8")
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temp = tempfile.mkstemp(prefix=".catalog-", dir=self.directory)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(payload)
                os.replace(temp, self.directory / CACHE_NAME)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError as error:
            log.info("catalog cache not written: %s", error.strerror or type(error).__name__)


def platform_to_json(platform: Platform) -> dict[str, Any]:
    data = platform.to_json()
    # Fingerprints are what makes a fresh parse slow; keep them with the data.
    data["fingerprints"] = [c.fingerprint for c in platform.categories]
    return data


def _links(items: list[dict[str, Any]]) -> tuple[Link, ...]:
    return tuple(Link(str(i["url"]), str(i["label"]), str(i["confidence"])) for i in items)


def _texts(items: list[Any]) -> tuple[str, ...]:
    return tuple(str(item) for item in items)


def platform_from_json(data: dict[str, Any], source_path: str) -> Platform:
    """Rebuild a Platform from ``platform_to_json``; any departure from that shape raises
    KeyError, TypeError or ValueError (the caller then parses the file afresh)."""
    categories = []
    fingerprints = data["fingerprints"]
    for index, c in enumerate(data["categories"]):
        quote = c["quote"]
        category = Category(
            id=str(c["id"]),
            title=str(c["title"]),
            collected=str(c["collected"]),
            why=str(c["why"]),
            quote=Quote(
                str(quote["text"]),
                str(quote["source"]),
                date.fromisoformat(quote["policy_date"]),
                str(quote["kind"]),
            ),
            risk=str(c["risk"]),
            control=str(c["control"]),
            control_note=str(c["control_note"]),
            links=_links(c["links"]),
            steps=_texts(c["steps"]),
            undo=str(c["undo"]),
            topics=_texts(c["topics"]),
            verified=date.fromisoformat(c["verified"]),
            regional=tuple(
                Control(
                    str(r["kind"]),
                    str(r["note"]),
                    _texts(r["steps"]),
                    str(r["undo"]),
                    _links(r["links"]),
                    _texts(r["regions"]),
                )
                for r in c["regional"]
            ),
            see_also=_texts(c["see_also"]),
        )
        category.__dict__["fingerprint"] = str(fingerprints[index])  # primes the cached value
        categories.append(category)
    return Platform(
        id=str(data["id"]),
        name=str(data["name"]),
        domains=_texts(data["domains"]),
        policies=tuple(
            PolicyDocument(
                str(p["id"]),
                str(p["title"]),
                str(p["url"]),
                date.fromisoformat(p["effective"]),
                str(p["kind"]),
            )
            for p in data["policies"]
        ),
        categories=tuple(categories),
        group=str(data["group"]),
        contacts=tuple(
            Contact(
                str(c["kind"]),
                str(c["value"]),
                str(c["label"]),
                str(c["source"]),
                date.fromisoformat(c["read"]),
                _texts(c["regions"]),
            )
            for c in data.get("contacts", [])
        ),
        source_path=source_path,
    )
