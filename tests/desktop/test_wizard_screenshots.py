"""The wizard's pages rendered offscreen at 800x600, at 640x480 and with a large font.

The four pictures for the README are made by this file:

    PRIVACY_REVIEW_SCREENSHOTS=docs/screenshots pytest tests/desktop/test_wizard_screenshots.py

Without the variable they go to the test's temporary folder and are only checked.
"""

from __future__ import annotations

import os
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

SCREENSHOTS_ENV = "PRIVACY_REVIEW_SCREENSHOTS"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def store(catalog: Catalog) -> Iterator[Store]:
    opened = open_store(paths.resolve())
    x = catalog.platform("x")
    assert x is not None
    # A checklist in use: a few decisions, one of them on an entry that changed since.
    for category_id, status, note in [
        ("biometrics", Status.OPTED_OUT, "Never verified my ID."),
        ("precise-location", Status.OPTED_OUT, ""),
        ("personalised-ads", Status.KEPT, ""),
        ("payment-data", Status.NOT_APPLICABLE, "I don't pay for X."),
    ]:
        category = x.category(category_id)
        assert category is not None
        opened.record("x", category_id, status, note, category.fingerprint)
    opened.record("x", "address-book", Status.LATER, "", "an older version")
    yield opened
    opened.close()


def settle(qtbot) -> None:
    # Layouts settle over a few passes of the event loop (labels wrap, then scroll areas
    # resize their content).
    for _ in range(3):
        qtbot.wait(10)


def go_to(qtbot, wizard: ReviewWizard, category_id: str) -> None:
    for index, step in enumerate(wizard.steps):
        if step.key[1] == category_id:
            while wizard.index < index:
                wizard.skip()
            settle(qtbot)
            return
    raise AssertionError(f"{category_id} is not in the walk")


def grab(qtbot, wizard: ReviewWizard, folder: Path, name: str) -> QImage:
    settle(qtbot)
    path = folder / name
    assert wizard.grab().save(str(path))
    image = QImage(str(path))
    assert not image.isNull()
    return image


def make_wizard(qtbot, catalog: Catalog, store: Store, size: QSize) -> ReviewWizard:
    wizard = ReviewWizard(catalog, store, platforms=["x", "facebook"], opener=lambda _url: True)
    qtbot.addWidget(wizard)
    wizard.resize(size)
    wizard.start_page.set_region("DE")
    wizard.start_page.scope_buttons[Scope.EVERYTHING].setChecked(True)
    wizard.show()
    qtbot.waitExposed(wizard)
    settle(qtbot)
    return wizard


def assert_no_sideways_scrolling(wizard: ReviewWizard) -> None:
    """Text wraps instead of running off to the right."""
    page = wizard.stack.currentWidget()
    for area in page.findChildren(QScrollArea):
        if area.isVisible():
            content = area.widget()
            assert content.width() <= area.viewport().width() + 1, type(content).__name__


def test_screenshots_at_800_by_600(qtbot, catalog: Catalog, store: Store, tmp_path: Path) -> None:
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    wizard = make_wizard(qtbot, catalog, store, QSize(800, 600))
    image = grab(qtbot, wizard, folder, "wizard-start.png")
    assert (image.width(), image.height()) == (800, 600)
    assert_no_sideways_scrolling(wizard)

    wizard.go_next()
    go_to(qtbot, wizard, "grok-xai-training")
    assert wizard.current_row().category.control == "toggle"  # type: ignore[union-attr]
    editor = wizard.category_page.editor
    editor.set_value(Status.OPTED_OUT, "Turned off on 28 November, on the web and in the app.")
    assert grab(qtbot, wizard, folder, "wizard-toggle.png").size() == QSize(800, 600)
    assert_no_sideways_scrolling(wizard)
    wizard.go_back()  # saves the choice; the finish page counts it
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
