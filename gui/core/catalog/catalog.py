"""The whole catalog: the bundled platform files plus the user's own, each read through the
validated cache (``gui.core.catalog.cache``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from gui.core.catalog.cache import PlatformCache
from gui.core.catalog.model import GROUPS, Platform
from gui.core.catalog.problems import CatalogError, Problem
from gui.core.resources import bundled_catalog_dir


@dataclass(frozen=True)
class Catalog:
    """All platforms the app knows: the bundled ones plus valid user files."""

    platforms: tuple[Platform, ...]
    skipped: tuple[Problem, ...] = field(default=())

    def platform(self, platform_id: str) -> Platform | None:
        return self._by_id.get(platform_id)

    @property
    def _by_id(self) -> dict[str, Platform]:
        # Not cached on the frozen object: a dict of a few dozen entries is cheap to build,
        # and Catalog stays hashable and comparable as plain data.
        return {p.id: p for p in self.platforms}

    @property
    def version(self) -> str:
        """Identifies this catalog's content: newest verification date plus a content hash."""
        newest = max((c.verified for p in self.platforms for c in p.categories), default=date.min)
        digest = hashlib.sha256()
        for platform in self.platforms:
            for category in platform.categories:
                digest.update(f"{platform.id}/{category.id}:{category.fingerprint};".encode())
        return f"{newest.isoformat()}+{digest.hexdigest()[:8]}"


def catalog_files(directory: Path) -> list[Path]:
    try:
        return sorted(p for p in directory.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_catalog(
    bundled_dir: Path | None = None,
    user_dir: Path | None = None,
    *,
    today: date | None = None,
    cache_dir: Path | None = None,
) -> Catalog:
    """Load the bundled catalog (any problem raises: the installation is broken) and the
    user's own files (a bad one is reported in ``skipped`` and left out, never fatal).

    With ``cache_dir``, each file already validated in this version of the app is read from
    the cache instead of being parsed and validated again (``gui.core.catalog.cache``)."""
    if bundled_dir is None:
        bundled_dir = bundled_catalog_dir()
    cache = PlatformCache(cache_dir, today=today or date.today())
    platforms: list[Platform] = []
    bundled_problems: list[Problem] = []
    for path in catalog_files(bundled_dir):
        try:
            platforms.append(cache.load(path))
        except CatalogError as error:
            bundled_problems.extend(error.problems)
    if bundled_problems:
        raise CatalogError(bundled_problems)
    skipped: list[Problem] = []
    if user_dir is not None:
        for path in catalog_files(user_dir):
            try:
                platform = cache.load(path)
            except CatalogError as error:
                skipped.extend(error.problems)
                continue
            if any(p.id == platform.id for p in platforms):
                skipped.append(
                    Problem(str(path), platform.id, "id", "a platform with this id already exists")
                )
                continue
            platforms.append(replace(platform, bundled=False))
    cache.save()
    # Grouped (social networks, messaging, ... AI assistants) so that every list of platforms,
    # the checklist included, reads group by group; the user's own files after the bundled
    # ones within a group.
    platforms.sort(key=lambda p: (GROUPS.index(p.group), not p.bundled, p.id))
    return Catalog(platforms=tuple(platforms), skipped=tuple(skipped))
