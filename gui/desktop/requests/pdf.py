"""A letter on paper: its text laid out by ``QTextDocument`` (HTML built from escaped text,
so markup the user typed is printed as typed) onto a ``QPdfWriter`` or a ``QPrinter``.

Imported only when a letter is saved or printed, and by the command line when it writes a
PDF (``tests/test_import_boundaries.py``); a PDF made without a window uses the offscreen
platform (``_ensure_gui_application``).
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from gui.core.requests.letters import Letter
from gui.core.requests.render import letter_markdown, letter_text, visible
from gui.core.store.files import write_private_file
from gui.desktop.i18n import translate

MARGINS_MM = 20.0


def _escaped(text: str) -> str:
    return html.escape(visible(text)).replace("\n", "<br>")


def letter_html(letter: Letter) -> str:
    # The letter's own words (gui.core.requests writes them), the same as its text form.
    parts = ["<html><body style='font-size: 11pt'>"]
    if letter.addressee:
        parts.append("<p>" + "<br>".join(_escaped(line) for line in letter.addressee) + "</p>")
    parts.append(f"<p>Date: {letter.dated.isoformat()}</p>")
    parts.append(f"<p><b>Subject: {_escaped(letter.subject)}</b></p>")
    for block in letter.blocks:
        if isinstance(block, tuple):
            items = "".join(f"<li>{_escaped(item)}</li>" for item in block)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{_escaped(block)}</p>")
    parts.append("<p>" + "<br>".join(_escaped(line) for line in letter.signature) + "</p>")
    parts.append("</body></html>")
    return "".join(parts)


def letter_document(letter: Letter) -> QTextDocument:
    document = QTextDocument()
    option = QTextOption()
    # A very long word (a pasted URL, a name without spaces) wraps instead of running off.
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setHtml(letter_html(letter))
    return document


def paint_letter(letter: Letter, device: QPagedPaintDevice) -> None:
    """Lay the letter out on ``device`` (a QPdfWriter or a QPrinter)."""
    device.setPageMargins(QMarginsF(*(MARGINS_MM,) * 4), QPageLayout.Unit.Millimeter)
    document = letter_document(letter)
    document.print_(device)


def _ensure_gui_application() -> None:
    """A PDF needs fonts, not a screen: without a running application (the command line),
    start one on the offscreen platform unless the caller chose another."""
    global _application
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _application = QGuiApplication(sys.argv[:1] or ["privacy-review"])


_application: object = None


def write_letter_pdf(letter: Letter) -> bytes:
    """The letter as PDF bytes (A4)."""
    _ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(visible(letter.subject))
    writer.setCreator("Privacy Review")  # not shown: the file's metadata
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    paint_letter(letter, writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def letter_file_bytes(letter: Letter, path: Path) -> bytes:
    """The letter as the file ``path`` names: PDF, Markdown, or text for anything else."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return write_letter_pdf(letter)
    if suffix in (".md", ".markdown"):
        return letter_markdown(letter).encode("utf-8")
    return letter_text(letter).encode("utf-8")


def save_letter(letter: Letter, path: Path) -> str:
    """Write the letter, readable by its owner only; "" or what went wrong, in words."""
    try:
        write_private_file(path, letter_file_bytes(letter, path))
    except OSError as error:
        return translate("LetterFile", "Could not save {name}: {reason}").format(
            name=path.name, reason=error.strerror or error
        )
    return ""
