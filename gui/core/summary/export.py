"""Turn a summary into the bytes of a chosen format and write them to a file.

Qt is only imported for PDF, and only when a PDF is asked for. Files are written to a
temporary name beside the target and renamed into place, so an interrupted write never
leaves half a summary under the user's chosen name; they are readable by the owner only,
because a summary holds the user's private notes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from gui.core.checklist import Decision
from gui.core.store.files import write_private_file
from gui.core.summary.model import FORMATS, Summary, format_for_path
from gui.core.summary.render_html import render_html
from gui.core.summary.render_text import render_markdown, render_text


class DecisionSource(Protocol):
    """Anything with ``decisions()``, such as the checklist store."""

    def decisions(self) -> list[Decision]: ...


def collect_decisions(source: Iterable[Decision] | DecisionSource) -> list[Decision]:
    """The decisions from a store (anything with ``decisions()``) or an iterable of them."""
    reader = getattr(source, "decisions", None)
    if callable(reader):
        return list(reader())
    return list(source)  # type: ignore[arg-type]


# Draws a summary as PDF: gui.desktop.summary.pdf.render_pdf. PDF needs Qt, which the core
# never imports, so callers that may write PDFs hand the renderer in.
PdfRenderer = Callable[..., bytes]


def render(
    summary: Summary,
    fmt: str,
    *,
    page_size: str | None = None,
    pdf: PdfRenderer | None = None,
) -> bytes:
    """The summary as ``fmt`` ("pdf", "html", "md" or "txt"); text formats are UTF-8. A PDF
    needs ``pdf``, the desktop layer's renderer."""
    if fmt == "pdf":
        if pdf is None:
            raise ValueError("a PDF needs the desktop renderer (gui.desktop.summary.pdf)")
        return pdf(summary, page_size=page_size)
    if fmt == "html":
        return render_html(summary).encode("utf-8")
    if fmt == "md":
        return render_markdown(summary).encode("utf-8")
    if fmt == "txt":
        return render_text(summary).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def write_summary(
    summary: Summary,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    page_size: str | None = None,
    pdf: PdfRenderer | None = None,
) -> Path:
    """Write the summary to ``path`` in ``fmt`` (default: from the extension). Raises
    ValueError for an unknown format and OSError when the file cannot be written."""
    target = Path(path)
    data = render(summary, format_for_path(target, fmt), page_size=page_size, pdf=pdf)
    write_private_file(target, data)
    return target
