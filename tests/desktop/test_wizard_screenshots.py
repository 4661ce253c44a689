"""The wizard's pages rendered offscreen: the README's pictures (bundled catalog, 1280x800 and
800x600, light and dark, and at 2x scale), and checks at 640x480 and with a large font.

The pictures in docs/screenshots are made by this file:

    PRIVACY_REVIEW_SCREENSHOTS=docs/screenshots pytest tests/desktop/test_wizard_screenshots.py

Without the variable they go to the test's temporary folder and are only checked. The 2x
pictures come from this file run as a script in a second process started with
QT_SCALE_FACTOR=2 (Qt reads it once, when the application starts; see
``support.screenshots.run_at_2x``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QScrollArea

from gui.core import paths
from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import Status
from gui.core.review.plan import Scope
from gui.core.store import Store, open_store
from gui.desktop.wizard import ReviewWizard

from support.qt_settle import settle
from support.screenshots import (
    CATALOG_DIR,
    SCALED_SIZE,
    SIZES,
    assert_picture,
    palette,
    picture_folder,
    run_at_2x,
    start_scaled_app,
    suffix,
)

# A checklist in use on three platforms, one decision on an entry that changed since.
DECISIONS = [
    ("x", "biometrics", Status.OPTED_OUT, "Never verified my ID."),
    ("x", "precise-location", Status.OPTED_OUT, ""),
    ("x", "personalised-ads", Status.KEPT, ""),
    ("facebook", "face-recognition", Status.KEPT, ""),
    ("linkedin", "generative-ai-training", Status.OPTED_OUT, "Off since October."),
]


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(CATALOG_DIR)


def fill(store: Store, catalog: Catalog) -> Store:
    for platform_id, category_id, status, note in DECISIONS:
        platform = catalog.platform(platform_id)
        category = platform.category(category_id) if platform else None
        if category is not None:
            store.record(platform_id, category_id, status, note, category.fingerprint)
    x = catalog.platform("x")
    if x is not None and x.category("address-book") is not None:
        store.record("x", "address-book", Status.LATER, "", "an older version")
    return store


@pytest.fixture
def store(catalog: Catalog) -> Iterator[Store]:
    opened = fill(open_store(paths.resolve()), catalog)
    yield opened
    opened.close()


def go_to(qtbot, wizard: ReviewWizard, category_id: str, platform_id: str = "x") -> None:
    for index, step in enumerate(wizard.steps):
        if step.key == (platform_id, category_id):
            while wizard.index < index:
                wizard.skip()
            settle()
            return
    raise AssertionError(f"{platform_id}/{category_id} is not in the walk")


def grab(qtbot, wizard: ReviewWizard, folder: Path, name: str) -> QImage:
    settle()
    path = folder / name
    assert wizard.grab().save(str(path))
    image = QImage(str(path))
    assert not image.isNull()
    return image


def make_wizard(
    qtbot, catalog: Catalog, store: Store, size: QSize, platforms: list[str] | None = None
) -> ReviewWizard:
    wizard = ReviewWizard(
        catalog, store, platforms=platforms or ["x", "facebook"], opener=lambda _url: True
    )
    if qtbot is not None:
        qtbot.addWidget(wizard)
    wizard.resize(size)
    wizard.start_page.set_region("DE")
    wizard.start_page.scope_buttons[Scope.EVERYTHING].setChecked(True)
    wizard.show()
    if qtbot is not None:
        qtbot.waitExposed(wizard)
    settle()
    return wizard


def assert_no_sideways_scrolling(wizard: ReviewWizard) -> None:
    """Text wraps instead of running off to the right."""
    page = wizard.stack.currentWidget()
    for area in page.findChildren(QScrollArea):
        if area.isVisible():
            content = area.widget()
            assert content.width() <= area.viewport().width() + 1, type(content).__name__


def readme_pictures(qtbot, catalog: Catalog, store: Store, size: QSize, folder: Path, suffix: str):
    """The start page with every platform (the three reviewed ones preselected) and the
    category page of X's Grok training switch, with a choice made and the previous
    category saved, so the "Saved:" line shows."""
    wizard = ReviewWizard(catalog, store, opener=lambda _url: True)  # preselects reviewed
    if qtbot is not None:
        qtbot.addWidget(wizard)
    wizard.resize(size)
    wizard.start_page.set_region("DE")
    wizard.show()
    if qtbot is not None:
        qtbot.waitExposed(wizard)
    settle()
    shots = [grab(qtbot, wizard, folder, f"wizard-start{suffix}.png")]
    assert_no_sideways_scrolling(wizard)
    wizard.start_page.scope_buttons[Scope.EVERYTHING].setChecked(True)
    wizard.go_next()
    keys = [step.key for step in wizard.steps]
    target = keys.index(("x", "grok-xai-training"))
    go_to(qtbot, wizard, keys[target - 1][1], keys[target - 1][0])
    wizard.category_page.editor.set_value(wizard.category_page.editor.offered()[-1], "")
    wizard.go_next()  # saves the one before: the "Saved:" line names it
    editor = wizard.category_page.editor
    editor.set_value(Status.OPTED_OUT, "Turned off on 28 November, on the web and in the app.")
    name = "wizard-toggle.png" if suffix == "-800x600" else f"wizard-toggle{suffix}.png"
    shots.append(grab(qtbot, wizard, folder, name))
    assert_no_sideways_scrolling(wizard)
    wizard.close()
    return shots


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", SIZES, ids=["1280x800", "800x600"])
def test_readme_pictures(qtbot, bundled: Catalog, tmp_path: Path, size: QSize, dark: bool) -> None:
    folder = picture_folder(tmp_path)
    store = fill(open_store(paths.resolve()), bundled)
    try:
        with palette(dark):
            shots = readme_pictures(qtbot, bundled, store, size, folder, suffix(size, dark=dark))
        for image in shots:
            assert_picture(image, size, dark=dark)
    finally:
        store.close()


def test_readme_pictures_at_2x_scale(tmp_path: Path) -> None:
    ending = suffix(SCALED_SIZE, scale=2)
    names = (f"wizard-start{ending}.png", f"wizard-toggle{ending}.png")
    run_at_2x(__file__, picture_folder(tmp_path), tmp_path, names)


def test_other_pages_at_800_by_600(qtbot, catalog: Catalog, store: Store, tmp_path: Path) -> None:
    folder = picture_folder(tmp_path)
    wizard = make_wizard(qtbot, catalog, store, QSize(800, 600))
    wizard.go_next()
    go_to(qtbot, wizard, "direct-messages")
    assert wizard.current_row().category.control == "none"  # type: ignore[union-attr]
    assert grab(qtbot, wizard, folder, "wizard-no-control.png").size() == QSize(800, 600)
    assert_no_sideways_scrolling(wizard)
    while not wizard.on_finish_page():
        wizard.skip()
    assert grab(qtbot, wizard, folder, "wizard-finish.png").size() == QSize(800, 600)


@pytest.mark.parametrize(
    ("size", "point_size"),
    [(QSize(640, 480), 0.0), (QSize(800, 600), 16.0)],
    ids=["640x480", "large-font"],
)
def test_small_windows_and_large_fonts_wrap_instead_of_clipping(
    qtbot, catalog: Catalog, store: Store, tmp_path: Path, size: QSize, point_size: float
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QFont(app.font())
    if point_size:
        bigger = QFont(original)
        bigger.setPointSizeF(point_size)
        app.setFont(bigger)
    try:
        wizard = make_wizard(qtbot, catalog, store, size)
        grab(qtbot, wizard, tmp_path, "start.png")
        assert_no_sideways_scrolling(wizard)
        wizard.go_next()
        for category_id in ("grok-xai-training", "direct-messages"):
            go_to(qtbot, wizard, category_id)
            grab(qtbot, wizard, tmp_path, f"{category_id}.png")
            assert_no_sideways_scrolling(wizard)
            # The decision column is as wide as its widest choice.
            editor = wizard.category_page.editor
            for status in editor.offered():
                radio = editor.radio(status)
                assert radio.width() >= radio.sizeHint().width()
        while not wizard.on_finish_page():
            wizard.skip()
        grab(qtbot, wizard, tmp_path, "finish.png")
    finally:
        app.setFont(original)


def render_at_this_scale(folder: Path) -> None:
    """The 2x pictures, in a process whose Qt was started with QT_SCALE_FACTOR=2."""
    app = start_scaled_app()
    catalog = load_catalog(CATALOG_DIR)
    store = fill(open_store(paths.resolve()), catalog)
    try:
        ending = suffix(SCALED_SIZE, scale=2)
        for image in readme_pictures(None, catalog, store, SCALED_SIZE, folder, ending):
            assert_picture(image, SCALED_SIZE, dark=False, scale=2)
    finally:
        store.close()
    app.processEvents()


if __name__ == "__main__":
    render_at_this_scale(Path(sys.argv[1]))
