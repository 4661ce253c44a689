"""Catalog, page and user text on screen, always as plain text: a label that never guesses
rich text, and a tooltip escaped so that Qt's rich-text guess cannot turn a note or a quote
into markup. The one place for both."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    """A label for catalog or user text: never rich text, wraps, selectable with the mouse.
    (Keyboard selection would put every paragraph in the Tab order.)"""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """Tool tips guess rich text from the content; escaping makes any text show literally.
    Empty text gives no tooltip at all."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""
