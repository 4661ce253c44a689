"""The wizard's pages rendered offscreen: the README's pictures (bundled catalog, 1280x800 and
800x600, light and dark, and at 2x scale), and checks at 640x480 and with a large font.

The pictures in docs/screenshots are made by this file:

    PRIVACY_REVIEW_SCREENSHOTS=docs/screenshots pytest tests/desktop/test_wizard_screenshots.py

Without the variable they go to the test's temporary folder and are only checked. The 2x
pictures come from a second process started with QT_SCALE_FACTOR=2 (Qt reads it once, when
the application starts): ``python tests/desktop/test_wizard_screenshots.py FOLDER``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QScrollArea

from gui.core import paths
from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import Status
from gui.core.review.plan import Scope
from gui.core.store import Store, open_store
from gui.desktop.views.style import dark_palette
from gui.desktop.wizard import ReviewWizard

SCREENSHOTS_ENV = "PRIVACY_REVIEW_SCREENSHOTS"
CATALOG_DIR = Path(__file__).resolve().parents[2] / "resources" / "catalog"
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


def settle() -> None:
    # Layouts settle over a few passes of the event loop (labels wrap, then scroll areas
    # resize their content); each pass runs what is pending, without waiting for time to
    # pass. As support.qt_settle, which this module cannot import when run as a script.
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


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
@pytest.mark.parametrize("size", [QSize(1280, 800), QSize(800, 600)], ids=["1280x800", "800x600"])
def test_readme_pictures(qtbot, bundled: Catalog, tmp_path: Path, size: QSize, dark: bool) -> None:
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QPalette(app.palette())
    if dark:
        app.setPalette(dark_palette())
    store = fill(open_store(paths.resolve()), bundled)
    try:
        suffix = f"-{size.width()}x{size.height()}{'-dark' if dark else ''}"
        for image in readme_pictures(qtbot, bundled, store, size, folder, suffix):
            assert (image.width(), image.height()) == (size.width(), size.height())
            middle = image.pixelColor(size.width() // 2, size.height() - 8)
            assert (middle.lightness() < 128) is dark  # the palette reached the window
    finally:
        store.close()
        app.setPalette(original)


def test_readme_pictures_at_2x_scale(tmp_path: Path) -> None:
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    env["PRIVACY_REVIEW_DATA_DIR"] = str(tmp_path / "data-2x")
    done = subprocess.run(
        [sys.executable, __file__, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "qt." not in done.stderr.lower() and "warning" not in done.stderr.lower(), done.stderr
    for name in ("wizard-start-800x600-2x.png", "wizard-toggle-800x600-2x.png"):
        image = QImage(str(folder / name))
        assert (image.width(), image.height()) == (1600, 1200), name


def test_other_pages_at_800_by_600(qtbot, catalog: Catalog, store: Store, tmp_path: Path) -> None:
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
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


def _render_at_this_scale(folder: Path) -> None:
    """The 2x pictures, in a process whose Qt was started with QT_SCALE_FACTOR=2."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import keyring.core

    from support.keyrings import InMemoryKeyring

    keyring.core._keyring_backend = InMemoryKeyring()  # never the user's keyring
    os.environ.setdefault("PRIVACY_REVIEW_DATA_DIR", tempfile.mkdtemp())
    app = QApplication(sys.argv[:1])
    assert app.devicePixelRatio() == 2.0, "start with QT_SCALE_FACTOR=2"
    catalog = load_catalog(CATALOG_DIR)
    store = fill(open_store(paths.resolve()), catalog)
    try:
        for image in readme_pictures(None, catalog, store, QSize(800, 600), folder, "-800x600-2x"):
            assert (image.width(), image.height()) == (1600, 1200)
    finally:
        store.close()


if __name__ == "__main__":
    _render_at_this_scale(Path(sys.argv[1]))
