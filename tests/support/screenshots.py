"""What the screenshot tests share (no tests here): where the pictures go, a dark palette for
the length of a test, the checks every picture gets, and the 2x pictures, which come from a
second process because Qt reads QT_SCALE_FACTOR once, when the application starts.

    PRIVACY_REVIEW_SCREENSHOTS=docs/screenshots pytest tests/desktop/test_*_screenshots.py

makes the README's pictures (2x ones included); without the variable they go to the test's
temporary folder and are only checked. A test file that makes 2x pictures runs itself as a
script, ``run_at_2x(__file__, folder, tmp_path, names)``; its ``__main__`` part calls
``start_scaled_app()`` first.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring.core
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from gui.desktop.views.style import dark_palette

from support.keyrings import InMemoryKeyring
from support.qt_settle import settle

SCREENSHOTS_ENV = "PRIVACY_REVIEW_SCREENSHOTS"
TESTS_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = TESTS_DIR.parent
CATALOG_DIR = REPO_ROOT / "resources" / "catalog"
SIZES = (QSize(1280, 800), QSize(800, 600))
SCALED_SIZE = QSize(800, 600)  # the 2x pictures: 1600x1200 pixels
# Passes of the event loop a picture may need before it is ready (a preview's pages); each
# pass takes what is pending, so this bounds a hang, it does not wait for time.
MAX_PASSES = 200
# The second process's screen: 2560x1600 pixels, 1280x800 at 2x, as a high-density laptop
# screen. Qt's offscreen default (800x800 pixels, 400x400 at 2x) is smaller than the
# pictures, and a window first shown at 400 wide lays out its panes for that width.
SCALED_SCREEN = {
    "screens": [{"name": "offscreen-2x", "x": 0, "y": 0, "width": 2560, "height": 1600}]
}
DATA_DIR_PREFIX = "privacy-review-"  # short_data_dir and the second process's data dir
# What the offscreen platform says on every window it shows (the tests ignore it too).
QUIET_ENOUGH = {"", "This plugin does not support propagateSizeHints()"}


class SystemKeyring(InMemoryKeyring):
    """The in-memory test keyring under the name of a Linux desktop's password store, so
    the status bar in the pictures reads as a user's would rather than naming a test
    class. Never picked by discovery (the test priority); installed by name only."""

    name = "SecretService Keyring"  # type: ignore[assignment]


@contextmanager
def short_data_dir() -> Iterator[Path]:
    """A data dir with a short name for the pictures that show where the checklist is (the
    window's status bar): ``/tmp/privacy-review-…``, which a reader takes in at a glance,
    rather than the long name of the test's temporary folder."""
    with tempfile.TemporaryDirectory(prefix=DATA_DIR_PREFIX, ignore_cleanup_errors=True) as data:
        yield Path(data)


def picture_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def suffix(size: QSize, *, dark: bool = False, scale: int = 1) -> str:
    """``-800x600``, ``-1280x800-dark``, ``-800x600-2x``: the size is the logical one."""
    return (
        f"-{size.width()}x{size.height()}"
        + ("-dark" if dark else "")
        + (f"-{scale}x" if scale != 1 else "")
    )


@contextmanager
def palette(dark: bool) -> Iterator[None]:
    """The dark palette while the block runs (when ``dark``), the previous one after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QPalette(app.palette())
    if dark:
        app.setPalette(dark_palette())
    try:
        yield
    finally:
        app.setPalette(original)


def save(widget: QWidget, folder: Path, name: str) -> QImage:
    """The widget as it is on screen, settled first, saved and read back from the file."""
    settle()
    path = folder / name
    assert widget.grab().save(str(path)), path
    image = QImage(str(path))
    assert not image.isNull(), path
    return image


def assert_picture(image: QImage, size: QSize, *, dark: bool, scale: int = 1) -> None:
    """The size asked for (in pixels: the logical size times the scale), and the palette
    reached the window: the bottom edge is dark exactly when the palette is. The edge is
    judged by most of a row of pixels, not one: one pixel may fall on a letter of the
    status bar's text (light on dark), which depends on the length of a temporary path."""
    width, height = size.width() * scale, size.height() * scale
    assert (image.width(), image.height()) == (width, height)
    row = [image.pixelColor(x, height - 4 * scale) for x in range(0, width, 4 * scale)]
    dark_pixels = sum(colour.lightness() < 128 for colour in row)
    assert (dark_pixels > len(row) // 2) is dark, [colour.name() for colour in row[::20]]


def assert_not_pixel_doubled(image: QImage) -> None:
    """A 2x picture drawn at 2x, not a 1x one blown up: in a picture enlarged pixel by
    pixel every odd row repeats the row above and every odd column the one before it. Of
    the row pairs with anything drawn in them (not one colour), text and badges drawn at
    2x make most differ (over 90% in these pictures); a blown-up picture makes none."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    width, line = rgb.width(), rgb.bytesPerLine()
    data = memoryview(rgb.constBits()).cast("B")
    drawn = differing = 0
    for y in range(0, rgb.height() - 1, 2):
        upper = data[y * line : y * line + width * 4]
        lower = data[(y + 1) * line : (y + 1) * line + width * 4]
        pixels = upper.cast("I")
        if upper == lower and pixels.tobytes() == pixels[0:1].tobytes() * width:
            continue  # one colour: nothing to tell
        drawn += 1
        if upper != lower or pixels[0::2].tobytes() != pixels[1::2].tobytes():
            differing += 1
    assert drawn and differing > drawn // 2, f"{differing} of {drawn} row pairs differ"


def assert_nothing_clipped(window: QWidget) -> None:
    """Every label and button shown in ``window`` lies inside it, is as large as its text
    needs (a wrapped label as tall as its lines), and no two of them overlap. For pages
    without scroll areas (a scroll area clips its content on purpose)."""
    shown = [
        widget
        for widget in window.findChildren(QWidget)
        if isinstance(widget, QLabel | QAbstractButton) and widget.isVisibleTo(window)
    ]
    boxes: list[tuple[QWidget, QRect]] = []
    for widget in shown:
        box = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        assert window.rect().contains(box), (widget_text(widget), box)
        if isinstance(widget, QLabel) and widget.wordWrap():
            assert widget.height() >= widget.heightForWidth(widget.width()), widget_text(widget)
        else:
            hint = widget.minimumSizeHint()
            assert widget.width() >= widget.sizeHint().width(), widget_text(widget)
            assert widget.height() >= hint.height(), widget_text(widget)
        boxes.append((widget, box))
    for number, (widget, box) in enumerate(boxes):
        for other, other_box in boxes[number + 1 :]:
            assert not box.intersects(other_box), (widget_text(widget), widget_text(other))


def widget_text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return text() if callable(text) else type(widget).__name__


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """``qtbot.waitUntil`` for the second process, which has no qtbot: event-loop passes
    until ``condition()`` holds."""
    for _ in range(MAX_PASSES):
        if condition():
            return
        settle(1)
    raise AssertionError(f"{what}: not after {MAX_PASSES} passes of the event loop")


def run_at_2x(script: str, folder: Path, tmp_path: Path, names: tuple[str, ...]) -> None:
    """Run ``script FOLDER`` at 2x in a second process (offscreen, on a screen of its own,
    the tests folder importable; it makes its own data dir) and check that it made ``names``,
    each 2x and drawn at 2x, and said nothing on its way (Qt's warnings go to stderr)."""
    screen = tmp_path / "screen-2x.json"
    screen.write_text(json.dumps(SCALED_SCREEN), encoding="utf-8")
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS_DIR), env.get("PYTHONPATH")]))
    for name in names:
        (folder / name).unlink(missing_ok=True)  # a picture left from before proves nothing
    done = subprocess.run(
        [sys.executable, script, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if line.strip() not in QUIET_ENOUGH]
    assert not said, done.stderr
    for name in names:
        image = QImage(str(folder / name))
        assert (image.width(), image.height()) == (1600, 1200), name
        assert_not_pixel_doubled(image)


def start_scaled_app() -> QApplication:
    """In the second process: the test keyring (never the user's), a data dir of its own,
    and Qt started at 2x. By hand: ``QT_SCALE_FACTOR=2 PYTHONPATH=tests python FILE FOLDER``
    (on the offscreen platform the window then has less room than on a real screen)."""
    keyring.core._keyring_backend = SystemKeyring()
    data = tempfile.mkdtemp(prefix=DATA_DIR_PREFIX)  # never the user's, whatever the env says
    atexit.register(shutil.rmtree, data, ignore_errors=True)
    os.environ["PRIVACY_REVIEW_DATA_DIR"] = data
    app = QApplication(sys.argv[:1])
    assert app.devicePixelRatio() == 2.0, "start with QT_SCALE_FACTOR=2"
    return app
