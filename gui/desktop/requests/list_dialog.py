"""``RequestListDialog``: "Your requests", every privacy request kept in the checklist with
its platform, kind, law, status, the day it was sent and its legal deadline; overdue ones
say so and are drawn in red. From here the user records what happened (sent on a day,
answered, extended, closed) and drafts the follow-up, then the complaint, with the same
letter renderers as the drafting dialog (``gui.core.requests``).

Item text is plain text (QTreeWidgetItem never interprets markup); what the user typed in
a request (name, grounds, notes) is not shown in the list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core.catalog import Catalog
from gui.core.requests.deadlines import STATUS_LABELS, RequestStatus
from gui.core.requests.laws import LAW_SHORT, right_for
from gui.core.requests.letters import Letter, draft_complaint, draft_follow_up
from gui.core.requests.model import DataRequest
from gui.core.requests.render import letter_text
from gui.desktop.views.plain_text import plain_label

if TYPE_CHECKING:
    from gui.core.store import Store

COLUMNS = ("Platform", "Request", "Law", "Status", "Sent", "Legal deadline")
STATUS_COLUMN = COLUMNS.index("Status")
# A dark red that stays readable on light and on alternating rows (contrast > 4.5:1).
OVERDUE_COLOUR = QColor("#b00020")
EMPTY_TEXT = (
    "No requests yet. Draft one from a category (\u201cAsk the platform instead\u201d) or "
    "with privacy-review request draft."
)


def request_row(
    request: DataRequest, platform_name: str, today: date
) -> tuple[tuple[str, ...], bool]:
    """The texts of one row and whether the request is overdue."""
    status, due = request.status_on(today)
    overdue = status is RequestStatus.OVERDUE
    try:
        kind = right_for(request.law, request.kind).title
    except ValueError:  # a kind this law does not know (kept by an older version)
        kind = request.kind.value
    return (
        platform_name,
        kind,
        LAW_SHORT[request.law],
        STATUS_LABELS[status],
        request.sent_on.isoformat() if request.sent_on else "not sent yet",
        due.isoformat() if due else "",
    ), overdue


class LetterDialog(QDialog):
    """A follow-up or complaint as it will be sent, to copy or save (PDF, text, Markdown)."""

    def __init__(self, letter: Letter, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.letter = letter
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlainText(letter_text(letter))
        self.status = plain_label(letter.notice)
        copy = QPushButton("&Copy")
        save = QPushButton("&Save as…")
        close = QPushButton("Close")
        copy.clicked.connect(self.copy)
        save.clicked.connect(self.ask_save)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(copy)
        buttons.addWidget(save)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(640, 520)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(letter_text(self.letter))
        self.status.setText("The letter is on the clipboard.")

    def save_to(self, path: Path) -> None:
        from gui.desktop.requests.pdf import save_letter

        problem = save_letter(self.letter, path)
        if problem:
            self.status.setText(problem)
            return
        self.status.setText(f"Saved as {path}.")

    def ask_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the letter", "letter.pdf", "PDF (*.pdf);;Text (*.txt);;Markdown (*.md)"
        )
        if name:
            self.save_to(Path(name))


class RequestListDialog(QDialog):
    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        *,
        region: str | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        from gui.core.store.requests_store import RequestBook

        super().__init__(parent)
        self.setWindowTitle("Your requests")
        self.catalog = catalog
        self.book = RequestBook(store)
        self.region = region
        self._today = today
        self._requests: list[DataRequest] = []
        self.letter_dialog: LetterDialog | None = None

        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Your privacy requests")
        # The request's name takes what room is left (elided), so the dates stay in view.
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = plain_label(EMPTY_TEXT)
        self.summary = plain_label()
        self.status = plain_label()

        self.sent_date = QDateEdit()
        self.sent_date.setCalendarPopup(True)
        self.sent_date.setDisplayFormat("yyyy-MM-dd")
        today_value = today()
        self.sent_date.setDate(QDate(today_value.year, today_value.month, today_value.day))
        self.sent_date.setMaximumDate(self.sent_date.date())
        sent_label = QLabel("Sent &on:")
        sent_label.setBuddy(self.sent_date)
        self.sent_button = QPushButton("&Mark sent")
        self.answered_button = QPushButton("&Answered")
        self.extended_button = QPushButton("E&xtended")
        self.close_button = QPushButton("C&losed")
        self.follow_up_button = QPushButton("Draft &follow-up…")
        done = QPushButton("Close")
        done.clicked.connect(self.accept)
        # Enter closes the window: it must never record a change by accident.
        for button in (
            self.sent_button,
            self.answered_button,
            self.extended_button,
            self.close_button,
            self.follow_up_button,
        ):
            button.setAutoDefault(False)
        done.setDefault(True)
        self.sent_button.setToolTip("The legal deadline runs from the day you sent it")
        self.extended_button.setToolTip("The platform said it needs more time")
        self.close_button.setToolTip("Nothing more to do about this request")

        row = QHBoxLayout()
        for widget in (
            sent_label,
            self.sent_date,
            self.sent_button,
            self.answered_button,
            self.extended_button,
            self.close_button,
            self.follow_up_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        layout.addLayout(row)

        self.sent_button.clicked.connect(self.mark_sent)
        self.answered_button.clicked.connect(self.mark_answered)
        self.extended_button.clicked.connect(self.mark_extended)
        self.close_button.clicked.connect(self.mark_closed)
        self.follow_up_button.clicked.connect(self.draft_follow_up)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.resize(900, 420)
        self.reload()

    # --- state --------------------------------------------------------------------------

    def _platform_name(self, platform_id: str) -> str:
        platform = self.catalog.platform(platform_id)
        return platform.name if platform is not None else platform_id

    def reload(self, select: int | None = None) -> None:
        """Read the requests again and show them (newest first), keeping a selection."""
        today = self._today()
        self._requests = sorted(self.book.all(), key=lambda r: r.id, reverse=True)
        self.tree.clear()
        overdue = 0
        for request in self._requests:
            texts, late = request_row(request, self._platform_name(request.platform_id), today)
            item = QTreeWidgetItem(list(texts))
            item.setData(0, Qt.ItemDataRole.UserRole, request.id)
            item.setToolTip(1, texts[1])  # the column may be too narrow for it
            if late:
                overdue += 1
                for column in range(len(COLUMNS)):
                    item.setForeground(column, QBrush(OVERDUE_COLOUR))
                font = item.font(STATUS_COLUMN)
                font.setBold(True)
                item.setFont(STATUS_COLUMN, font)
            self.tree.addTopLevelItem(item)
            if request.id == select:
                item.setSelected(True)
                self.tree.setCurrentItem(item)
        from gui.core.words import count_words

        total = count_words(len(self._requests), "request")
        late_text = f"; {overdue} past the legal deadline" if overdue else ""
        self.summary.setText(f"{total}{late_text}.")
        self.tree.setVisible(bool(self._requests))
        self.empty.setVisible(not self._requests)
        self._update_buttons()

    def selected(self) -> DataRequest | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        request_id = items[0].data(0, Qt.ItemDataRole.UserRole)
        return next((r for r in self._requests if r.id == request_id), None)

    def select(self, request_id: int) -> None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == request_id:
                self.tree.setCurrentItem(item)
                item.setSelected(True)

    def rows(self) -> list[tuple[str, ...]]:
        """What is shown, row by row (for tests and the accessibility checks)."""
        return [
            tuple(item.text(c) for c in range(len(COLUMNS)))
            for item in (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
            if item is not None
        ]

    def _update_buttons(self) -> None:
        request = self.selected()
        today = self._today()
        status = request.status_on(today)[0] if request is not None else None
        open_ = status not in (None, RequestStatus.ANSWERED, RequestStatus.CLOSED)
        waiting = status in (RequestStatus.SENT, RequestStatus.EXTENDED, RequestStatus.OVERDUE)
        self.sent_button.setEnabled(open_)
        self.answered_button.setEnabled(waiting)
        self.extended_button.setEnabled(waiting and request is not None and not request.extended)
        self.close_button.setEnabled(request is not None and status is not RequestStatus.CLOSED)
        complaint = request is not None and request.follow_up_on is not None
        self.follow_up_button.setText("Draft &complaint…" if complaint else "Draft &follow-up…")
        self.follow_up_button.setEnabled(waiting)

    # --- changes ------------------------------------------------------------------------

    def _apply(self, change: Callable[[int], DataRequest], said: str) -> None:
        from gui.core.store import StoreError

        request = self.selected()
        if request is None:
            return
        try:
            change(request.id)
        except StoreError as error:
            self.status.setText(str(error))
            return
        self.status.setText(said)
        self.reload(select=request.id)

    def mark_sent(self) -> None:
        day = self.sent_date.date().toPython()
        assert isinstance(day, date)
        self._apply(
            lambda rid: self.book.mark_sent(rid, day),
            f"Marked as sent on {day.isoformat()}: the legal deadline runs from then.",
        )

    def mark_answered(self) -> None:
        today = self._today()
        self._apply(lambda rid: self.book.mark_answered(rid, today), "Marked as answered.")

    def mark_extended(self) -> None:
        self._apply(self.book.mark_extended, "The deadline now includes the extension.")

    def mark_closed(self) -> None:
        self._apply(self.book.close, "Closed.")

    def draft_follow_up(self) -> None:
        """The reminder after the deadline; once a reminder was drafted, the complaint to the
        supervisory authority."""
        request = self.selected()
        if request is None or request.sent_on is None:
            return
        platform = self.catalog.platform(request.platform_id)
        if platform is None:
            self.status.setText("This platform is no longer in the catalog: no letter to draft.")
            return
        categories = [c for c in map(platform.category, request.category_ids) if c is not None]
        today = self._today()
        if request.follow_up_on is not None:
            letter = draft_complaint(request, platform, categories=categories, today=today)
            title = f"Complaint about {platform.name}"
        else:
            letter = draft_follow_up(
                request, platform, categories=categories, country=self.region, today=today
            )
            title = f"Reminder to {platform.name}"
            self._apply(
                lambda rid: self.book.followed_up(rid, today),
                "Reminder drafted. If it goes unanswered too, draft the complaint from here.",
            )
        self.letter_dialog = LetterDialog(letter, title, self)
        self.letter_dialog.open()
