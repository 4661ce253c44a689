"""Non-blocking message boxes with plain text: shown with ``open()`` so nothing waits in a
nested event loop, and tests can find and close them. Text may contain file names, catalog
text or error messages, so it is never interpreted as rich text.

Importing this module sets up PySide's ``Qt`` namespace (50-100 ms): the window shell, which
paints before it needs any message, imports it later (see ``main_window``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_message(
    parent: QWidget | None,
    title: str,
    text: str,
    informative: str = "",
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
    details: str = "",
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_store_error(parent: QWidget | None, title: str, error: Exception) -> QMessageBox:
    """A ``StoreError`` in its two parts: what happened, and what to do."""
    message = getattr(error, "message", str(error))
    recovery = getattr(error, "recovery", "")
    return show_message(parent, title, message, recovery, icon=QMessageBox.Icon.Warning)
