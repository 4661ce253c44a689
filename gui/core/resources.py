"""The one accessor for bundled resources (catalogs, icons).

Installed (wheel) and frozen (PyInstaller) builds carry ``resources/`` inside the package as
``gui/resources``; a source checkout or editable install has it beside the package. The
lookup is the same in every case: inside the ``gui`` package first, then beside it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


class ResourceError(RuntimeError):
    """A bundled resource is missing: the installation is incomplete."""


@cache
def resources_root() -> Path:
    package = Path(__file__).resolve().parent.parent  # gui/core/resources.py -> gui
    for candidate in (package / "resources", package.parent / "resources"):
        if (candidate / "catalog").is_dir():
            return candidate
    raise ResourceError(
        f"bundled resources not found next to {package}; the installation is incomplete"
    )


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, refusing anything that escapes the resources folder."""
    root = resources_root()
    path = root.joinpath(*parts).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ResourceError(f"resource path escapes the resources folder: {'/'.join(parts)}")
    return path


def bundled_catalog_dir() -> Path:
    return resource_path("catalog")
