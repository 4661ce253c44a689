"""Directories and the resource accessor."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gui.core import paths
from gui.core.resources import ResourceError, bundled_catalog_dir, resource_path


def test_override_by_argument_puts_everything_under_it(tmp_path: Path) -> None:
    dirs = paths.resolve(tmp_path / "portable")
    for folder in (dirs.data, dirs.config, dirs.cache, dirs.log, dirs.user_catalogs, dirs.backups):
        assert folder.is_relative_to(tmp_path / "portable")


def test_variable_is_used_and_argument_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert paths.resolve().data == tmp_path / "from-env"
    assert paths.resolve(tmp_path / "from-arg").data == tmp_path / "from-arg"


def test_default_uses_platform_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    dirs = paths.resolve()
    assert "privacy-review" in str(dirs.data) and "privacy-review" in str(dirs.config)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_ensure_makes_private_directories(tmp_path: Path) -> None:
    dirs = paths.resolve(tmp_path / "d")
    os.umask(0o022)
    dirs.ensure()
    for folder in (dirs.data, dirs.config, dirs.cache, dirs.log, dirs.user_catalogs):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_bundled_catalog_is_found() -> None:
    catalog_dir = bundled_catalog_dir()
    assert (catalog_dir / "x.toml").is_file()


def test_resource_path_refuses_to_escape() -> None:
    with pytest.raises(ResourceError):
        resource_path("..", "pyproject.toml")
