"""Shared test setup: offscreen Qt, and every test gets its own empty data dir so nothing
touches the real user profile."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gui.core.catalog import Catalog, load_catalog
from gui.core.paths import AppDirs, resolve
from gui.core.store import Store, open_store

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


# The fixtures most window and wizard tests share; a test module that needs another kind
# (a store in a temporary folder of its own, the bundled catalog) defines its own.


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The fixed test catalog (see ``fixed_catalog``)."""
    return load_catalog()


@pytest.fixture
def store(app_dirs: AppDirs) -> Iterator[Store]:
    """An open checklist store in this test's data dir, keyed by the in-memory keyring."""
    app_dirs.ensure()
    opened = open_store(app_dirs)
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot: Any, app_dirs: AppDirs, catalog: Catalog, store: Store) -> Any:
    """The checklist window over ``catalog`` and ``store``, not shown."""
    from gui.desktop.window.main_window import MainWindow  # Qt: only for tests that ask

    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    return window
