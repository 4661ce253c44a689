"""The first-start page, with a password store and without one, rendered offscreen at
1280x800 and 800x600, light and dark, and at 2x scale: the README's pictures.

    PRIVACY_REVIEW_SCREENSHOTS=docs/screenshots pytest tests/desktop/test_welcome_screenshots.py

Without the variable they go to the test's temporary folder and are only checked: the right
size, the palette reached the page, every text whole and apart from the others, and the
choices a page offers. The 2x pictures come from this file run as a script in a second
process (``support.screenshots.run_at_2x``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from gui.desktop.window.welcome_dialog import WelcomeDialog

from support.screenshots import (
    SCALED_SIZE,
    SIZES,
    assert_nothing_clipped,
    assert_picture,
    palette,
    picture_folder,
    run_at_2x,
    save,
    start_scaled_app,
    suffix,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def picture_name(keyring_available: bool, ending: str) -> str:
    return f"welcome{'' if keyring_available else '-no-keyring'}{ending}.png"


def welcome_picture(
    qtbot, size: QSize, folder: Path, ending: str, *, keyring_available: bool
) -> QImage:
    """The page as a new user meets it, checked: nothing clipped or overlapping, and the
    password store offered (and chosen) exactly when there is one."""
    dialog = WelcomeDialog(None, keyring_available=keyring_available)
    if qtbot is not None:
        qtbot.addWidget(dialog)
    dialog.resize(size)
    dialog.show()
    if qtbot is not None:
        qtbot.waitExposed(dialog)
    dialog.resize(size)  # the offscreen screen is smaller than 1280x800
    image = save(dialog, folder, picture_name(keyring_available, ending))
    assert_nothing_clipped(dialog)
    assert dialog.keyring.isVisible() is keyring_available
    assert dialog.note.isVisible() is not keyring_available
    assert (dialog.keyring if keyring_available else dialog.passphrase).isChecked()
    assert dialog.unencrypted.isVisible() and not dialog.unencrypted.isChecked()
    dialog.close()
    return image


@pytest.mark.parametrize("keyring_available", [True, False], ids=["keyring", "no-keyring"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", SIZES, ids=["1280x800", "800x600"])
def test_welcome_pictures(
    qtbot, tmp_path: Path, size: QSize, dark: bool, keyring_available: bool
) -> None:
    folder = picture_folder(tmp_path)
    with palette(dark):
        image = welcome_picture(
            qtbot, size, folder, suffix(size, dark=dark), keyring_available=keyring_available
        )
    assert_picture(image, size, dark=dark)


def test_welcome_pictures_at_2x_scale(tmp_path: Path) -> None:
    ending = suffix(SCALED_SIZE, scale=2)
    names = tuple(picture_name(available, ending) for available in (True, False))
    run_at_2x(__file__, picture_folder(tmp_path), tmp_path, names)


def render_at_this_scale(folder: Path) -> None:
    """The 2x pictures, in a process whose Qt was started with QT_SCALE_FACTOR=2."""
    app = start_scaled_app()
    for available in (True, False):
        image = welcome_picture(
            None, SCALED_SIZE, folder, suffix(SCALED_SIZE, scale=2), keyring_available=available
        )
        assert_picture(image, SCALED_SIZE, dark=False, scale=2)
    app.processEvents()


if __name__ == "__main__":
    render_at_this_scale(Path(sys.argv[1]))
