"""The checklist window with three platforms partly reviewed, and the summary's print
preview, rendered offscreen at 1280x800 and 800x600, light and dark (bundled catalog).

The README's pictures are made by this file:

    PRIVACY_REVIEW_SCREENSHOTS=docs/screenshots pytest tests/desktop/test_window_screenshots.py

Without the variable they go to the test's temporary folder and are only checked: the right
size, the palette reached the window, and nothing needs sideways scrolling.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication

from gui.core import paths
from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import Status
from gui.core.store import Store, open_store
from gui.core.summary.model import SummaryOptions
from gui.desktop.views.style import dark_palette
from gui.desktop.window.main_window import MainWindow
from gui.desktop.window.print_preview import PrintPreviewDialog

from support.qt_settle import settle

SCREENSHOTS_ENV = "PRIVACY_REVIEW_SCREENSHOTS"
CATALOG_DIR = Path(__file__).resolve().parents[2] / "resources" / "catalog"
REVIEWED = ("x", "facebook", "linkedin")

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(CATALOG_DIR)


def fill(store: Store, catalog: Catalog) -> Store:
    """Three platforms partly reviewed: some turned off, some left, one for later, one on an
    entry that changed since the decision."""
    choices = (Status.OPTED_OUT, Status.KEPT, Status.OPTED_OUT, Status.NOT_APPLICABLE)
    notes = {0: "Done on the web and in the app.", 3: "I never use that feature."}
    for platform_id in REVIEWED:
        platform = catalog.platform(platform_id)
        assert platform is not None
        for number, category in enumerate(platform.categories[:6]):
            status = choices[number % len(choices)]
            store.record(
                platform_id, category.id, status, notes.get(number, ""), category.fingerprint
            )
        later = platform.categories[6]
        store.record(platform_id, later.id, Status.LATER, "", later.fingerprint)
    x = catalog.platform("x")
    assert x is not None
    store.record("x", x.categories[7].id, Status.OPTED_OUT, "", "an older version")
    return store


def save(image: QImage, folder: Path, name: str) -> QImage:
    path = folder / name
    assert image.save(str(path))
    return QImage(str(path))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", [QSize(1280, 800), QSize(800, 600)], ids=["1280x800", "800x600"])
def test_window_and_preview_pictures(
    qtbot, bundled: Catalog, tmp_path: Path, size: QSize, dark: bool
) -> None:
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QPalette(app.palette())
    if dark:
        app.setPalette(dark_palette())
    dirs = paths.resolve()
    dirs.ensure()
    store = fill(open_store(dirs), bundled)
    suffix = f"-{size.width()}x{size.height()}{'-dark' if dark else ''}"
    try:
        window = MainWindow(dirs)
        qtbot.addWidget(window)
        window.set_data(bundled, store)
        window.resize(size)
        window.show()
        qtbot.waitExposed(window)
        window.resize(size)  # the offscreen screen is 800 high: the picture is the size asked
        panel = window.panel
        # The three reviewed platforms in view: the others folded away.
        for platform in bundled.platforms:
            if platform.id not in REVIEWED:
                index = panel.proxy.mapFromSource(panel.model.index_for(platform.id))
                panel.tree.collapse(index)
        assert panel.select("x", bundled.platform("x").categories[4].id)
        settle()
        shot = save(window.grab().toImage(), folder, f"main-window{suffix}.png")
        assert (shot.width(), shot.height()) == (size.width(), size.height())
        assert (shot.pixelColor(size.width() // 2, size.height() - 4).lightness() < 128) is dark
        assert panel.detail.about_area.horizontalScrollBar().maximum() == 0

        from gui.desktop.summary.dialogs import print_summary

        flow = window.keep(
            print_summary(window, bundled, store, SummaryOptions(platform_ids=REVIEWED))
        )
        preview = flow.dialog
        assert isinstance(preview, PrintPreviewDialog)
        qtbot.waitExposed(preview)
        preview.resize(size)
        qtbot.waitUntil(lambda: preview.preview.pageCount() > 0)
        settle()
        image = save(preview.grab().toImage(), folder, f"print-preview{suffix}.png")
        assert (image.width(), image.height()) == (size.width(), size.height())
        preview.close()
        window.close()
    finally:
        store.close()
        app.setPalette(original)
