"""The policy-change notices above the checklist: one line per changed policy not yet
reviewed again, each with "Show what changed"."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from gui.desktop.i18n import translate
from gui.desktop.views.plain_text import plain_label

if TYPE_CHECKING:
    from gui.core.online.policy_watch import PolicyNotice

NOTICE_ROWS_SHOWN = 3  # more notices wait behind a "Show N more" button


class PolicyNoticeBar(QFrame):
    """One line per changed policy not yet reviewed again, each with "Show what changed".
    "Dismiss" hides the bar until a new change comes in; a change stays flagged in the
    store until the user records a decision for that platform."""

    diffRequested = Signal(object)  # a PolicyNotice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("policy-notices")
        self.setAccessibleName(translate("PolicyNoticeBar", "Privacy policy changes"))
        # Light background with dark text set together, readable in a dark theme too.
        self.setStyleSheet(
            "QFrame#policy-notices { background: #fff6d5; border: 1px solid #d9b84a;"
            " border-radius: 4px; }"
            " QFrame#policy-notices QLabel { color: #3a2e00; background: transparent;"
            " border: none; }"
        )
        self.notices: list[PolicyNotice] = []
        self.dismissed: set[str] = set()
        self.labels: list[QLabel] = []
        self.diff_buttons: list[QPushButton] = []
        self._expanded = False
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(10, 6, 6, 6)
        self._grid.setColumnStretch(0, 1)
        self.dismiss_button = QPushButton(translate("PolicyNoticeBar", "Dismiss"))
        self.dismiss_button.setToolTip(
            translate("PolicyNoticeBar", "Hide these notices until a policy changes again")
        )
        self.dismiss_button.clicked.connect(self.dismiss)
        self.more_button = QPushButton()
        self.more_button.clicked.connect(self._expand)
        self.hide()

    def texts(self) -> list[str]:
        """The notice lines on show."""
        return [label.text() for label in self.labels if not label.isHidden()]

    def set_notices(self, notices: Sequence[PolicyNotice]) -> None:
        same_lines = [n.text for n in notices] == [n.text for n in self.notices]
        self.notices = list(notices)
        if not same_lines:
            # Rebuilt only when the lines change: reload runs on every window activation,
            # and rebuilding would take the keyboard focus away from a button.
            self._rebuild()
        fresh = any(n.text not in self.dismissed for n in self.notices)
        self.setVisible(bool(self.notices) and fresh)

    def dismiss(self) -> None:
        self.dismissed.update(n.text for n in self.notices)
        self.hide()

    def _rebuild(self) -> None:
        for widget in (*self.labels, *self.diff_buttons):
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.labels, self.diff_buttons = [], []
        for row, notice in enumerate(self.notices):
            label = plain_label(notice.text)
            button = QPushButton(translate("PolicyNoticeBar", "Show what changed"))
            button.setAccessibleDescription(notice.text)
            button.clicked.connect(lambda _=False, n=notice: self._request(n))
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(button, row, 1)
            self.labels.append(label)
            self.diff_buttons.append(button)
        self._grid.addWidget(self.dismiss_button, 0, 2)
        hidden = len(self.notices) - NOTICE_ROWS_SHOWN
        self._grid.addWidget(self.more_button, len(self.notices), 1)
        self.more_button.setText(translate("PolicyNoticeBar", "Show %n more", "", hidden))
        self._show_rows(self._expanded or hidden <= 0)
        # Tab goes down the lines, then to Dismiss (on the first line, but it is for all).
        for first, second in pairwise([*self.diff_buttons, self.more_button, self.dismiss_button]):
            QWidget.setTabOrder(first, second)

    def _show_rows(self, all_rows: bool) -> None:
        for row, (label, button) in enumerate(zip(self.labels, self.diff_buttons, strict=True)):
            shown = all_rows or row < NOTICE_ROWS_SHOWN
            label.setVisible(shown)
            button.setVisible(shown)
        self.more_button.setVisible(not all_rows)

    def _expand(self) -> None:
        self._expanded = True
        self._show_rows(True)
        if len(self.diff_buttons) > NOTICE_ROWS_SHOWN:
            self.diff_buttons[NOTICE_ROWS_SHOWN].setFocus()

    def _request(self, notice: PolicyNotice) -> None:
        # Look the notice up again by its line: the list may have been refreshed since.
        current = next((n for n in self.notices if n.text == notice.text), notice)
        self.diffRequested.emit(current)
