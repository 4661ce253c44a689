"""Where a file dialog opens: the folder the user last used it in (remembered in the store,
``gui.core.remembered``), else the user's own folder for such files (Documents, Downloads)
as the system names it, else the home folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from gui.core import remembered
from gui.core.remembered import Folder, SettingsStore

Location = QStandardPaths.StandardLocation


def system_folder(location: Location = Location.DocumentsLocation) -> Path:
    """The user's Documents (or other standard) folder; the home folder without one."""
    found = QStandardPaths.writableLocation(location)
    return Path(found) if found else Path.home()


def start_folder(
    settings: SettingsStore | None,
    purpose: Folder,
    fallback: Location = Location.DocumentsLocation,
) -> Path:
    """The folder last used for ``purpose`` if it still exists, else ``fallback``'s."""
    return remembered.last_folder(settings, purpose) or system_folder(fallback)
