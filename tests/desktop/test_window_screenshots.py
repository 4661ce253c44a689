"""The checklist window with three platforms partly reviewed, and the summary's print
preview, rendered offscreen at 1280x800 and 800x600, light and dark, and at 2x scale
(bundled catalog): the README's pictures.

    PRIVACY_REVIEW_SCREENSHOTS=docs/screenshots pytest tests/desktop/test_window_screenshots.py

Without the variable they go to the test's temporary folder and are only checked: the right
size, the palette reached the window, nothing needs sideways scrolling, the category titles
keep their room, and the preview has its pages. The 2x pictures come from this file run as a
script in a second process (``support.screenshots.run_at_2x``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import keyring.core
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from gui.core import paths
from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import Status
from gui.core.store import Store, open_store
from gui.core.summary.model import SummaryOptions
from gui.core.words import choice_words, control_kind
from gui.desktop.summary.dialogs import print_summary
from gui.desktop.window.checklist_model import Column
from gui.desktop.window.main_window import MainWindow
from gui.desktop.window.print_preview import PrintPreviewDialog

from support.screenshots import (
    CATALOG_DIR,
    SCALED_SIZE,
    SIZES,
    SystemKeyring,
    assert_picture,
    palette,
    picture_folder,
    run_at_2x,
    save,
    short_data_dir,
    start_scaled_app,
    suffix,
    wait_for,
)

REVIEWED = ("x", "facebook", "linkedin")
# Enough of a title to tell the categories apart ("Your posts and Grok chats used...").
TITLE_CHARACTERS = 24

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
            if status not in choice_words(control_kind(category, None)):
                status = Status.KEPT  # a choice this category offers, as a user would pick
            store.record(
                platform_id, category.id, status, notes.get(number, ""), category.fingerprint
            )
        later = platform.categories[6]
        store.record(platform_id, later.id, Status.LATER, "", later.fingerprint)
    x = catalog.platform("x")
    assert x is not None
    changed = x.categories[7]
    status = (
        Status.OPTED_OUT
        if "opted-out" in choice_words(control_kind(changed, None))
        else Status.KEPT
    )
    store.record("x", changed.id, status, "", "an older version")
    return store


def window_pictures(
    qtbot, catalog: Catalog, size: QSize, folder: Path, ending: str
) -> tuple[QImage, QImage]:
    """The window with X's fifth category selected and the platforms not reviewed folded
    away, then the print preview of the three reviewed platforms, each checked."""
    dirs = paths.resolve()
    dirs.ensure()
    store = fill(open_store(dirs), catalog)
    try:
        # As the app starts: the window's shell shown at its size, then the data in it (the
        # panes are divided for the width the window has then).
        window = MainWindow(dirs)
        if qtbot is not None:
            qtbot.addWidget(window)
        window.resize(size)
        window.show()
        if qtbot is not None:
            qtbot.waitExposed(window)
        window.resize(size)  # the offscreen screen is 800 high: the picture is the size asked
        window.set_data(catalog, store)
        panel = window.panel
        for platform in catalog.platforms:
            if platform.id not in REVIEWED:
                index = panel.proxy.mapFromSource(panel.model.index_for(platform.id))
                panel.tree.collapse(index)
        x = catalog.platform("x")
        assert x is not None and panel.select("x", x.categories[4].id)
        shot = save(window, folder, f"main-window{ending}.png")
        assert panel.detail.about_area.horizontalScrollBar().maximum() == 0
        # The titles keep the room (issue 19): the widest column, and wide enough to read.
        tree = panel.tree
        title = tree.columnWidth(Column.CATEGORY)
        shown = [c for c in Column if c != Column.CATEGORY and not tree.isColumnHidden(c)]
        assert all(title >= tree.columnWidth(column) for column in shown), title
        readable = tree.fontMetrics().averageCharWidth() * TITLE_CHARACTERS
        assert title >= readable + tree.indentation(), title

        flow = window.keep(
            print_summary(window, catalog, store, SummaryOptions(platform_ids=REVIEWED))
        )
        preview = flow.dialog
        assert isinstance(preview, PrintPreviewDialog)
        if qtbot is not None:
            qtbot.waitExposed(preview)
        preview.resize(size)
        wait_for(lambda: preview.preview.pageCount() > 0, "the preview's pages")
        image = save(preview, folder, f"print-preview{ending}.png")
        assert preview.previous_button.isVisible() and preview.fit_button.isVisible()
        for button in (preview.print_button, preview.close_button, preview.fit_button):
            assert preview.rect().contains(button.geometry()), button.text()
        preview.close()
        window.close()
    finally:
        store.close()
    return shot, image


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", SIZES, ids=["1280x800", "800x600"])
def test_window_and_preview_pictures(
    qtbot, bundled: Catalog, tmp_path: Path, monkeypatch, size: QSize, dark: bool
) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", SystemKeyring())
    folder = picture_folder(tmp_path)
    with short_data_dir() as data, palette(dark):
        monkeypatch.setenv("PRIVACY_REVIEW_DATA_DIR", str(data))
        for image in window_pictures(qtbot, bundled, size, folder, suffix(size, dark=dark)):
            assert_picture(image, size, dark=dark)


def test_window_and_preview_pictures_at_2x_scale(tmp_path: Path) -> None:
    ending = suffix(SCALED_SIZE, scale=2)
    names = (f"main-window{ending}.png", f"print-preview{ending}.png")
    run_at_2x(__file__, picture_folder(tmp_path), tmp_path, names)


def render_at_this_scale(folder: Path) -> None:
    """The 2x pictures, in a process whose Qt was started with QT_SCALE_FACTOR=2."""
    app = start_scaled_app()
    catalog = load_catalog(CATALOG_DIR)
    ending = suffix(SCALED_SIZE, scale=2)
    for image in window_pictures(None, catalog, SCALED_SIZE, folder, ending):
        assert_picture(image, SCALED_SIZE, dark=False, scale=2)
    app.processEvents()


if __name__ == "__main__":
    render_at_this_scale(Path(sys.argv[1]))
