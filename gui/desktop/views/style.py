"""The app's look in one place: spacing in font units, status colours that work in light and
dark palettes, a dark palette (for screenshots and tests; the app follows the system's), and
platform monogram badges (a coloured circle with the platform's initials, painted, so they
stay sharp at any scale; no logos).

Colour never carries meaning alone: every status colour sits next to the status in words.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QIconEngine,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from gui.core.checklist import Status
from gui.desktop.i18n import translate

# --- spacing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Spacing:
    """Gaps in pixels, derived from the font so they grow with it: ``small`` between a
    heading and its text, ``medium`` between sections, ``large`` around groups."""

    small: int
    medium: int
    large: int


def spacing(widget: QWidget) -> Spacing:
    height = widget.fontMetrics().height()
    return Spacing(small=max(2, height // 5), medium=max(6, height * 3 // 4), large=height)


# --- palette -----------------------------------------------------------------------------


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` paints light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """A complete dark palette (every role, disabled text dimmed), for the screenshots and
    the tests that check the app under a dark system theme (the app itself follows the
    system's palette)."""
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2b2e",
        role.WindowText: "#e8e8ea",
        # Lighter than the window, as text fields are in macOS's dark mode: Fusion draws
        # check boxes and radio buttons in the base colour with an outline darker than the
        # window, which a base darker than the window would swallow.
        role.Base: "#3c3c41",
        role.AlternateBase: "#434348",
        role.ToolTipBase: "#3a3a3e",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#a0a0a6",
        role.Text: "#e8e8ea",
        role.Button: "#3a3a3e",
        role.ButtonText: "#e8e8ea",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4a4f",
        role.Midlight: "#3f3f44",
        role.Mid: "#2f2f33",
        role.Dark: "#18181a",
        role.Shadow: "#000000",
        role.Highlight: "#3d7fd6",
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8",
        role.LinkVisited: "#c58af9",
    }
    for colour_role, name in colours.items():
        palette.setColor(colour_role, QColor(name))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#7a7a80"))
    palette.setColor(disabled, role.Highlight, QColor("#4a4a4f"))
    return palette


# --- status colours ----------------------------------------------------------------------

# (on a light window, on a dark window). Each has a contrast of at least 4.5:1 against the
# window colours of common light (#efefef) and dark (#2b2b2e) palettes, so a dot or a word
# in it is readable; the words say the status anyway.
STATUS_COLOURS: dict[Status | None, tuple[str, str]] = {
    Status.OPTED_OUT: ("#1b6e2a", "#6fd08a"),
    Status.KEPT: ("#8a5300", "#f0b45a"),
    Status.NOT_APPLICABLE: ("#4f5b66", "#b4bec8"),
    Status.LATER: ("#2d5db0", "#8cb4ff"),
    None: ("#9a1b2b", "#ff8a95"),  # not reviewed yet: the one that asks for attention
}


def status_colour(status: Status | None, palette: QPalette) -> QColor:
    light, dark = STATUS_COLOURS[status]
    return QColor(dark if is_dark(palette) else light)


class _Dot(QWidget):
    """A filled circle in the status colour, the size of a lower-case letter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: Status | None = None
        side = max(8, self.fontMetrics().xHeight() + 3)
        self.setFixedSize(side, side)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(status_colour(self.status, self.palette()))
        painter.drawEllipse(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()


class StatusChip(QWidget):
    """A status in words with its colour dot in front: "● Opted out"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = _Dot()
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing(self).small * 2)
        layout.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    @property
    def status(self) -> Status | None:
        return self.dot.status

    def set_status(self, status: Status | None, text: str) -> None:
        self.dot.status = status
        self.label.setText(text)
        self.setAccessibleName(text)
        self.dot.update()


# --- monogram badges ---------------------------------------------------------------------

# Backgrounds for white initials, each with a contrast of at least 4.5:1 against white, so
# the badge reads the same in light and dark palettes. A platform keeps its colour (chosen
# from its id), whatever else the catalog holds.
MONOGRAM_COLOURS = (
    "#1f5fa8",  # blue
    "#9c2a5c",  # raspberry
    "#2e7d32",  # green
    "#7b3fa0",  # purple
    "#b23c17",  # rust
    "#00695c",  # teal
    "#5d4037",  # brown
    "#3949ab",  # indigo
    "#ad1457",  # pink
    "#546e7a",  # slate
    "#8d5a00",  # ochre
    "#c62828",  # red
)


def monogram_initials(name: str) -> str:
    """One or two letters for a platform name: "X (formerly Twitter)" gives "X", "Le Chat"
    "LC", "LinkedIn" "LI", "Google" "Go" (so Google, Gemini and Grok differ)."""
    words = name.split("(")[0].split()
    if not words:
        return "?"
    if len(words) > 1:
        return (words[0][0] + words[1][0]).upper()
    word = words[0]
    capitals = [letter for letter in word[1:] if letter.isupper()]
    if capitals:
        return word[0].upper() + capitals[0]
    return word[0].upper() + word[1:2].lower()


def monogram_colour(key: str) -> QColor:
    """The badge colour for a platform id: stable across runs and computers."""
    return QColor(MONOGRAM_COLOURS[zlib.crc32(key.encode("utf-8")) % len(MONOGRAM_COLOURS)])


def paint_monogram(painter: QPainter, rect: QRectF | QRect, initials: str, colour: QColor) -> None:
    """A filled circle in ``rect`` (its largest centred square) with ``initials`` in white."""
    box = QRectF(rect)
    side = min(box.width(), box.height())
    circle = QRectF(0, 0, side, side)
    circle.moveCenter(box.center())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(circle)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(1, round(side * (0.5 if len(initials) < 2 else 0.4))))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, initials)
    painter.restore()


class MonogramBadge(QWidget):
    """A platform's monogram, a little taller than a line of text."""

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.6) -> None:
        super().__init__(parent)
        self.initials = ""
        self.colour = QColor(MONOGRAM_COLOURS[0])
        side = round(self.fontMetrics().height() * scale)
        self.setFixedSize(side, side)

    def set_platform(self, platform_id: str, name: str) -> None:
        self.initials = monogram_initials(name)
        self.colour = monogram_colour(platform_id)
        self.setAccessibleName(translate("MonogramBadge", "{platform} badge").format(platform=name))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        paint_monogram(painter, self.rect(), self.initials, self.colour)
        painter.end()


class _MonogramEngine(QIconEngine):
    """Paints the monogram at whatever size and pixel ratio the icon is drawn at."""

    def __init__(self, initials: str, colour: QColor) -> None:
        super().__init__()
        self._initials = initials
        self._colour = QColor(colour)

    def paint(self, painter: QPainter, rect: QRect, _mode: QIcon.Mode, _state: QIcon.State) -> None:
        paint_monogram(painter, rect, self._initials, self._colour)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(  # noqa: N802 - Qt's name
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _MonogramEngine(self._initials, self._colour)


def monogram_icon(platform_id: str, name: str) -> QIcon:
    """The monogram as an icon, for lists and trees."""
    return QIcon(_MonogramEngine(monogram_initials(name), monogram_colour(platform_id)))
