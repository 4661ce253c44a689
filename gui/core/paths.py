"""Every directory the app reads or writes, in one place.

By default the per-user locations come from platformdirs. ``--data-dir DIR`` or the
``PRIVACY_REVIEW_DATA_DIR`` variable moves *everything* the app writes under DIR (portable
installs, tests), so nothing leaks to the user's real profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "privacy-review"
DATA_DIR_ENV = "PRIVACY_REVIEW_DATA_DIR"
# Files this process creates are readable only by the user, whatever umask it was started
# with (000 included): the log, window.ini and SQLite's own -wal/-shm files are created by
# code (logging, Qt, SQLite) that takes its mode from the umask.
PRIVATE_UMASK = 0o077


def restrict_umask() -> None:
    """Add group and other bits to the process umask (never removes any it has)."""
    if os.name == "posix":
        current = os.umask(PRIVATE_UMASK)
        os.umask(current | PRIVATE_UMASK)


@dataclass(frozen=True)
class AppDirs:
    """The directories of one run of the app."""

    data: Path
    config: Path
    cache: Path

    @property
    def log(self) -> Path:
        return self.data / "log"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def user_catalogs(self) -> Path:
        """Where users drop their own platform files (``*.toml``)."""
        return self.data / "catalogs"

    def ensure(self) -> None:
        """Create the directories, private to the user (0700 on POSIX)."""
        for path in (self.data, self.config, self.cache, self.log, self.user_catalogs):
            make_private_dir(path)


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        # mkdir's mode is filtered by the umask and ignored for existing dirs.
        path.chmod(0o700)


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppDirs:
    """Directories for this run: the override if given (argument, then variable), else the
    platform's per-user locations. Every run resolves them before writing anything, so the
    private umask is set here."""
    restrict_umask()
    override = data_dir or os.environ.get(DATA_DIR_ENV) or None
    if override:
        root = Path(override).expanduser().resolve()
        return AppDirs(data=root, config=root / "config", cache=root / "cache")
    return AppDirs(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )
