"""Shared test setup: offscreen Qt, and every test gets its own empty data dir so nothing
touches the real user profile."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.core.paths import AppDirs, resolve

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = REPO_ROOT / "resources" / "catalog"
# A frozen copy of the seven platforms as they were when the app's behaviour tests were
# written: wizard, window and summary tests run against it, so that editing a bundled
# platform file (the main contributor task) cannot break them. The bundled-catalog tests
# load ``CATALOG_DIR`` by name.
FIXED_CATALOG_DIR = Path(__file__).resolve().parent / "data" / "catalogs" / "fixed"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("PRIVACY_REVIEW_DATA_DIR", str(data_dir))
    yield data_dir


@pytest.fixture(autouse=True)
def isolated_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Every test gets its own empty in-memory keyring: nothing prompts, nothing reaches
    the user's real keyring. Tests that need a refusing keyring install their own with
    ``keyring.set_keyring``; monkeypatch puts the previous backend back afterwards."""
    import keyring.core

    from support.keyrings import InMemoryKeyring

    for name in (
        "PYTHON_KEYRING_BACKEND",
        "PRIVACY_REVIEW_PASSPHRASE",
        "PRIVACY_REVIEW_TEST_KEYRING_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    backend = InMemoryKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    yield backend


@pytest.fixture(autouse=True, scope="session")
def fixed_catalog() -> Iterator[None]:
    """``load_catalog()`` reads the fixed copy in every test (module-scoped fixtures too);
    the bundled-catalog tests name ``CATALOG_DIR`` explicitly."""
    import gui.core.catalog.catalog

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gui.core.catalog.catalog, "bundled_catalog_dir", lambda: FIXED_CATALOG_DIR)
        yield


@pytest.fixture
def app_dirs(isolated_data_dir: Path) -> AppDirs:
    """The AppDirs of this test's private data dir."""
    return resolve(isolated_data_dir)
