"""Show what changed in a policy: added passages green and underlined, removed ones red and
struck through (two cues, so the view does not rely on colour alone).

The text comes from a web page and the titles from a catalog file: both are inserted as plain
text through ``QTextCursor.insertText`` and shown in plain-text labels, so nothing in them is
ever interpreted as markup or a link.
"""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.core import dates
from gui.core.online.policy_watch import PolicyCheckResult, PolicyNotice, summarise
from gui.core.online.textdiff import Change, DiffParagraph, Gap, PolicyDiff
from gui.desktop.i18n import translate

# Light backgrounds with dark text set together, so the marks stay readable in a dark theme.
ADDED_BACKGROUND = QColor("#d3f4da")
ADDED_FOREGROUND = QColor("#0a4a1c")
REMOVED_BACKGROUND = QColor("#fbdada")
REMOVED_FOREGROUND = QColor("#7d1010")


def change_format(change: Change) -> QTextCharFormat:
    """The character format of a segment: plain for unchanged text."""
    fmt = QTextCharFormat()
    if change is Change.ADDED:
        fmt.setBackground(ADDED_BACKGROUND)
        fmt.setForeground(ADDED_FOREGROUND)
        fmt.setFontUnderline(True)
        fmt.setToolTip(translate("PolicyDiffView", "Added"))
    elif change is Change.REMOVED:
        fmt.setBackground(REMOVED_BACKGROUND)
        fmt.setForeground(REMOVED_FOREGROUND)
        fmt.setFontStrikeOut(True)
        fmt.setToolTip(translate("PolicyDiffView", "Removed"))
    return fmt


def _gap_text(count: int) -> str:
    """Where unchanged paragraphs are left out: "[6 unchanged paragraphs]"."""
    if count == 1:
        return translate("PolicyDiffView", "[%n unchanged paragraph]", "", count)
    return translate("PolicyDiffView", "[%n unchanged paragraphs]", "", count)


class PolicyDiffView(QTextEdit):
    """A read-only view of a ``PolicyDiff``: the changed paragraphs with ``context``
    unchanged ones around them (``None``: the whole text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self._diff: PolicyDiff | None = None
        self._context: int | None = 1

    def set_diff(self, diff: PolicyDiff, context: int | None = 1) -> None:
        self._diff = diff
        self._context = context
        self._render()

    def set_context(self, context: int | None) -> None:
        self._context = context
        self._render()

    def _render(self) -> None:
        self.clear()
        if self._diff is None:
            return
        items: list[DiffParagraph | Gap] = (
            list(self._diff.paragraphs)
            if self._context is None
            else self._diff.condensed(self._context)
        )
        cursor = QTextCursor(self.document())
        block = QTextBlockFormat()
        block.setBottomMargin(10)
        plain = QTextCharFormat()
        gap_format = QTextCharFormat()
        gap_format.setForeground(self.palette().placeholderText())
        gap_format.setFontItalic(True)
        if self._diff.unchanged:
            cursor.setBlockFormat(block)
            cursor.insertText(
                translate("PolicyDiffView", "The text is the same in both versions."), gap_format
            )
        for index, item in enumerate(items):
            if index:
                cursor.insertBlock(block)
            else:
                cursor.setBlockFormat(block)
            if isinstance(item, Gap):
                cursor.insertText(_gap_text(item.count), gap_format)
                continue
            for position, segment in enumerate(item.segments):
                if position:
                    cursor.insertText(" ", plain)
                cursor.insertText(segment.text, change_format(segment.change))
        self.moveCursor(QTextCursor.MoveOperation.Start)


class PolicyDiffDialog(QDialog):
    """What changed in one policy: a heading, when, a legend, the marked-up text."""

    def __init__(
        self,
        title: str,
        diff: PolicyDiff,
        *,
        changed_at: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("PolicyDiffDialog", "What changed: {title}").format(title=title)
        )
        self.resize(760, 560)
        layout = QVBoxLayout(self)

        heading = _plain_label(title)
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        layout.addWidget(heading)

        if changed_at is not None:
            said = translate("PolicyDiffDialog", "Changed on {day}: {summary}.").format(
                day=dates.day(changed_at), summary=summarise(diff)
            )
        else:
            said = translate("PolicyDiffDialog", "{summary}.").format(summary=summarise(diff))
        self.summary_label = _plain_label(said)
        layout.addWidget(self.summary_label)
        layout.addWidget(_legend())

        self.view = PolicyDiffView(self)
        self.view.set_diff(diff, context=1)
        layout.addWidget(self.view, 1)

        self.whole_text = QCheckBox(translate("PolicyDiffDialog", "Show the whole text"), self)
        self.whole_text.toggled.connect(lambda on: self.view.set_context(None if on else 1))
        layout.addWidget(self.whole_text)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def for_result(
        cls, result: PolicyCheckResult, parent: QWidget | None = None
    ) -> PolicyDiffDialog | None:
        """The dialog for a CHANGED result of a check just run; None for other results."""
        if result.diff is None:
            return None
        title = f"{result.platform_name}: {result.policy_title}"
        return cls(title, result.diff, changed_at=result.changed_at, parent=parent)

    @classmethod
    def for_notice(cls, notice: PolicyNotice, parent: QWidget | None = None) -> PolicyDiffDialog:
        title = f"{notice.platform_name}: {notice.policy_title}"
        return cls(title, notice.diff, changed_at=notice.changed_at, parent=parent)


def _plain_label(text: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # page and catalog text, never markup
    label.setWordWrap(True)
    label.setText(text)
    return label


def _legend() -> QWidget:
    """A one-line legend drawn with the same formats as the view."""
    legend = QTextEdit()
    legend.setReadOnly(True)
    legend.setFrameShape(QTextEdit.Shape.NoFrame)
    legend.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    legend.viewport().setAutoFillBackground(False)
    legend.document().setDocumentMargin(0)  # line up with the labels above
    cursor = QTextCursor(legend.document())
    # One sentence for the translator; each sample is drawn in its change's format.
    sentence = translate("PolicyDiffLegend", "Added passages {added}; removed passages {removed}.")
    sample = translate("PolicyDiffLegend", "look like this")
    formats = {"{added}": change_format(Change.ADDED), "{removed}": change_format(Change.REMOVED)}
    for part in re.split(r"(\{added\}|\{removed\})", sentence):
        if part in formats:
            cursor.insertText(sample, formats[part])
        elif part:
            cursor.insertText(part, QTextCharFormat())
    height = int(legend.document().size().height()) + 4
    legend.setFixedHeight(height)
    return legend
