"""``RequestListDialog``: "Your requests", every privacy request kept in the checklist with
its platform, kind, law, status, the day it was sent and its legal deadline; overdue ones
say so and are drawn in red. From here the user records what happened (sent on a day,
answered, extended, closed) and drafts the follow-up, then the complaint, with the same
letter renderers as the drafting dialog (``gui.core.requests``).

Below the list, for the selected request: its note (``note_pane``: saved only with "Save
note"; an edit not saved yet is kept for its request when the selection moves, and closing
the window with one says so first, closing only when asked again) and its history
(``history_view``). List and details share a splitter, so both fit at 800x600.

Item text is plain text (QTreeWidgetItem never interprets markup); what the user typed in
a request (name, grounds) is not shown, and the note only in its own field.

The list is read again whenever the window is activated, as the checklist window is: a
request marked from the command line (``privacy-review request sent 3``) shows as soon as
the user comes back to it, with its history.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QSignalBlocker, Qt
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
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core import dates
from gui.core.catalog import Catalog
from gui.core.remembered import SettingsStore
from gui.core.requests.deadlines import STATUS_LABELS, RequestStatus
from gui.core.requests.laws import LAW_SHORT, right_for
from gui.core.requests.letters import Letter, draft_complaint, draft_follow_up
from gui.core.requests.model import DataRequest
from gui.core.requests.render import letter_text
from gui.core.store import Store, StoreError
from gui.core.store.requests_store import RequestBook
from gui.desktop.i18n import translate
from gui.desktop.requests.history_view import RequestHistoryView
from gui.desktop.requests.note_pane import RequestNotePane
from gui.desktop.requests.save_dialog import open_save_dialog, save_letter_file
from gui.desktop.views.category_view import heading_label
from gui.desktop.views.plain_text import plain_label
from gui.desktop.views.style import is_dark

STATUS_COLUMN = 3  # the fourth of column_titles()
# A dark red that stays readable on light and on alternating rows (contrast > 4.5:1), and
# a light one for a dark palette (the attention red of gui.desktop.views.style).
OVERDUE_COLOUR = QColor("#b00020")
OVERDUE_COLOUR_ON_DARK = QColor("#ff8a95")


def column_titles() -> tuple[str, ...]:
    return (
        translate("RequestListDialog", "Platform"),
        translate("RequestListDialog", "Request"),
        translate("RequestListDialog", "Law"),
        translate("RequestListDialog", "Status"),
        translate("RequestListDialog", "Sent"),
        translate("RequestListDialog", "Legal deadline"),
    )


def requests_text(total: int, overdue: int) -> str:
    """The line above the list: how many requests, and how many are overdue."""
    if total == 1:
        count = translate("RequestListDialog", "%n request", "", total)
    else:
        count = translate("RequestListDialog", "%n requests", "", total)
    if overdue:
        return translate(
            "RequestListDialog", "{requests}; {overdue} past the legal deadline."
        ).format(requests=count, overdue=overdue)
    return translate("RequestListDialog", "{requests}.").format(requests=count)


def kind_title(request: DataRequest) -> str:
    try:
        return right_for(request.law, request.kind).title
    except ValueError:  # a kind this law does not know (kept by an older version)
        return request.kind.value


def request_title(request: DataRequest, platform_name: str) -> str:
    """Which request: "Facebook, Access: a copy of your data (GDPR)"."""
    return translate("RequestListDialog", "{platform}, {request} ({law})").format(
        platform=platform_name, request=kind_title(request), law=LAW_SHORT[request.law]
    )


def unsaved_text(titles: list[str]) -> str:
    """Why the window did not close: notes not saved yet."""
    count = len(titles)  # a name: lupdate skips a numerus call whose count is a call
    if count == 1:
        return translate(
            "RequestListDialog",
            "The note for {request} is not saved. Save it, or close again to close without "
            "saving it.",
        ).format(request=titles[0])
    return translate(
        "RequestListDialog",
        "The notes for %n requests are not saved. Save them, or close again to close.",
        "",
        count,
    )


def request_row(
    request: DataRequest, platform_name: str, today: date
) -> tuple[tuple[str, ...], bool]:
    """The texts of one row and whether the request is overdue."""
    status, due = request.status_on(today)
    overdue = status is RequestStatus.OVERDUE
    return (
        platform_name,
        kind_title(request),
        LAW_SHORT[request.law],
        STATUS_LABELS[status],
        dates.day(request.sent_on) or translate("RequestListDialog", "not sent yet"),
        dates.day(due),
    ), overdue


class LetterDialog(QDialog):
    """A follow-up or complaint as it will be sent, to copy or save (PDF, text, Markdown).
    ``file_dialog`` is the "Save as…" dialog while it is open."""

    def __init__(
        self,
        letter: Letter,
        title: str,
        parent: QWidget | None = None,
        *,
        settings: SettingsStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.letter = letter
        self.settings = settings  # where the folder last saved to is remembered
        self.file_dialog: QFileDialog | None = None
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlainText(letter_text(letter))
        self.status = plain_label(letter.notice)
        copy = QPushButton(translate("LetterDialog", "&Copy"))
        save = QPushButton(translate("LetterDialog", "&Save as…"))
        close = QPushButton(translate("LetterDialog", "Close"))
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
        self.status.setText(translate("LetterDialog", "The letter is on the clipboard."))

    def save_to(self, path: Path) -> None:
        self.status.setText(save_letter_file(self.letter, path, self.settings))

    def ask_save(self) -> QFileDialog:
        """Save as…: in the folder a letter was last saved to."""
        self.file_dialog = open_save_dialog(self, "letter.pdf", self.settings, self.save_to)
        self.file_dialog.destroyed.connect(self._file_dialog_closed)
        return self.file_dialog

    def _file_dialog_closed(self) -> None:
        self.file_dialog = None


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
        super().__init__(parent)
        self.setWindowTitle(translate("RequestListDialog", "Your requests"))
        self.catalog = catalog
        self.store = store
        self.book = RequestBook(store)
        self.region = region
        self._today = today
        self._requests: list[DataRequest] = []
        self.letter_dialog: LetterDialog | None = None
        # The unsaved notes the user was told about when closing: closing again with the
        # same ones closes (see ``done``).
        self._unsaved_on_close: dict[int, str] | None = None

        titles = column_titles()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(titles))
        self.tree.setHeaderLabels(list(titles))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(translate("RequestListDialog", "Your privacy requests"))
        # The request's name takes what room is left (elided), so the dates stay in view.
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(len(titles)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = plain_label(
            translate(
                "RequestListDialog",
                "No requests yet. Draft one from a category (\u201cAsk the platform instead\u201d) "
                "or with privacy-review request draft.",
            )
        )
        self.summary = plain_label()
        self.status = plain_label()

        # The selected request: which one, its note and its history.
        self.details_title = heading_label("")
        self.notes = RequestNotePane()
        self.history = RequestHistoryView()
        history_label = QLabel(translate("RequestListDialog", "&History:"))
        history_label.setBuddy(self.history)
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(history_label)
        history_layout.addWidget(self.history, 1)
        self.details = QWidget()
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.details_title)
        panes = QHBoxLayout()
        panes.addWidget(self.notes, 1)
        panes.addWidget(history_box, 1)
        details_layout.addLayout(panes, 1)

        self.sent_date = QDateEdit()
        self.sent_date.setCalendarPopup(True)
        # The app's way of writing a day (gui.core.dates.day): "2 Dec 2026".
        self.sent_date.setDisplayFormat("d MMM yyyy")  # not shown: a pattern
        today_value = today()
        self.sent_date.setDate(QDate(today_value.year, today_value.month, today_value.day))
        self.sent_date.setMaximumDate(self.sent_date.date())
        sent_label = QLabel(translate("RequestListDialog", "Sent &on:"))
        sent_label.setBuddy(self.sent_date)
        self.sent_button = QPushButton(translate("RequestListDialog", "&Mark sent"))
        self.answered_button = QPushButton(translate("RequestListDialog", "&Answered"))
        self.extended_button = QPushButton(translate("RequestListDialog", "E&xtended"))
        self.close_button = QPushButton(translate("RequestListDialog", "C&losed"))
        self.follow_up_button = QPushButton(translate("RequestListDialog", "Draft &follow-up…"))
        done = QPushButton(translate("RequestListDialog", "Close"))
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
        self.sent_button.setToolTip(
            translate("RequestListDialog", "The legal deadline runs from the day you sent it")
        )
        self.extended_button.setToolTip(
            translate("RequestListDialog", "The platform said it needs more time")
        )
        self.close_button.setToolTip(
            translate("RequestListDialog", "Nothing more to do about this request")
        )

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
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.tree, 1)
        listing_layout.addWidget(self.empty)
        listing_layout.addStretch(0)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(listing)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)

        self.sent_button.clicked.connect(self.mark_sent)
        self.answered_button.clicked.connect(self.mark_answered)
        self.extended_button.clicked.connect(self.mark_extended)
        self.close_button.clicked.connect(self.mark_closed)
        self.follow_up_button.clicked.connect(self.draft_follow_up)
        self.notes.saveRequested.connect(self.save_note)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.resize(900, 600)
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        # Coming back to the list: pick up what the command line changed meanwhile (as the
        # checklist window does), keeping the selection.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            request = self.selected()
            self.reload(select=request.id if request is not None else None)
        super().changeEvent(event)

    # --- state --------------------------------------------------------------------------

    def _platform_name(self, platform_id: str) -> str:
        platform = self.catalog.platform(platform_id)
        return platform.name if platform is not None else platform_id

    def reload(self, select: int | None = None) -> None:
        """Read the requests again and show them (newest first), selecting ``select``."""
        today = self._today()
        try:
            requests = self.book.all()
        except StoreError as error:
            self.status.setText(str(error))
            return
        self._requests = sorted(requests, key=lambda r: r.id, reverse=True)
        # One refresh of the details at the end, not one for the cleared selection first
        # (that would show no request and throw away what the pane said).
        blocker = QSignalBlocker(self.tree)
        self.tree.clear()
        overdue = 0
        late_colour = OVERDUE_COLOUR_ON_DARK if is_dark(self.tree.palette()) else OVERDUE_COLOUR
        for request in self._requests:
            texts, late = request_row(request, self._platform_name(request.platform_id), today)
            item = QTreeWidgetItem(list(texts))
            item.setData(0, Qt.ItemDataRole.UserRole, request.id)
            item.setToolTip(1, texts[1])  # the column may be too narrow for it
            if late:
                overdue += 1
                for column in range(self.tree.columnCount()):
                    item.setForeground(column, QBrush(late_colour))
                font = item.font(STATUS_COLUMN)
                font.setBold(True)
                item.setFont(STATUS_COLUMN, font)
            self.tree.addTopLevelItem(item)
            if request.id == select:
                item.setSelected(True)
                self.tree.setCurrentItem(item)
        blocker.unblock()
        self.summary.setText(requests_text(len(self._requests), overdue))
        self.tree.setVisible(bool(self._requests))
        self.empty.setVisible(not self._requests)
        self.details.setVisible(bool(self._requests))
        self._selection_changed()

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
            tuple(item.text(c) for c in range(self.tree.columnCount()))
            for item in (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
            if item is not None
        ]

    def _selection_changed(self) -> None:
        self._update_buttons()
        self._show_details()

    def _show_details(self) -> None:
        """The selected request's title, note and history, read from the store again."""
        request = self.selected()
        self.notes.show_request(request)
        if request is None:
            self.details_title.setText(
                translate("RequestListDialog", "Select a request to see its note and history.")
            )
            self.history.set_events([])
            return
        self.details_title.setText(request_title(request, self._platform_name(request.platform_id)))
        try:
            events = self.book.history(request.id)
        except StoreError as error:
            self.status.setText(str(error))
            events = []
        self.history.set_events(events)

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
        self.follow_up_button.setText(
            translate("RequestListDialog", "Draft &complaint…")
            if complaint
            else translate("RequestListDialog", "Draft &follow-up…")
        )
        self.follow_up_button.setEnabled(waiting)

    # --- changes ------------------------------------------------------------------------

    def save_note(self, request_id: int, text: str) -> None:
        """Save note: the note of ``request_id`` as typed, then the history shows it."""
        try:
            saved = self.book.set_notes(request_id, text)
        except StoreError as error:
            self.notes.say(str(error))
            return
        title = request_title(saved, self._platform_name(saved.platform_id))
        said = translate("RequestListDialog", "Note saved for {request}.").format(request=title)
        self.notes.saved(saved, said)
        self.reload(select=request_id)

    def done(self, result: int) -> None:
        """Every way of closing (Close, Escape, the window's button) ends here: with a note
        not saved yet the window stays open once and says so (selecting that request);
        closing again with the same notes closes without them."""
        unsaved = self.notes.unsaved()
        if unsaved and unsaved != self._unsaved_on_close:
            self._unsaved_on_close = unsaved
            known = {r.id: r for r in self._requests}
            titles = [
                request_title(known[i], self._platform_name(known[i].platform_id))
                for i in unsaved
                if i in known
            ]
            shown = self.notes.request_id
            if shown not in unsaved:
                self.select(next(iter(unsaved)))
            self.status.setText(unsaved_text(titles))
            return
        self._unsaved_on_close = None
        super().done(result)

    def _apply(self, change: Callable[[int], DataRequest], said: str) -> None:
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
            translate(
                "RequestListDialog", "Marked as sent on {day}: the legal deadline runs from then."
            ).format(day=dates.day(day)),
        )

    def mark_answered(self) -> None:
        today = self._today()
        self._apply(
            lambda rid: self.book.mark_answered(rid, today),
            translate("RequestListDialog", "Marked as answered."),
        )

    def mark_extended(self) -> None:
        self._apply(
            self.book.mark_extended,
            translate("RequestListDialog", "The deadline now includes the extension."),
        )

    def mark_closed(self) -> None:
        self._apply(self.book.close, translate("RequestListDialog", "Closed."))

    def draft_follow_up(self) -> None:
        """The reminder after the deadline; once a reminder was drafted, the complaint to the
        supervisory authority."""
        request = self.selected()
        if request is None or request.sent_on is None:
            return
        platform = self.catalog.platform(request.platform_id)
        if platform is None:
            self.status.setText(
                translate(
                    "RequestListDialog",
                    "This platform is no longer in the catalog: no letter to draft.",
                )
            )
            return
        categories = [c for c in map(platform.category, request.category_ids) if c is not None]
        today = self._today()
        if request.follow_up_on is not None:
            letter = draft_complaint(request, platform, categories=categories, today=today)
            title = translate("RequestListDialog", "Complaint about {platform}").format(
                platform=platform.name
            )
        else:
            letter = draft_follow_up(
                request, platform, categories=categories, country=self.region, today=today
            )
            title = translate("RequestListDialog", "Reminder to {platform}").format(
                platform=platform.name
            )
            self._apply(
                lambda rid: self.book.followed_up(rid, today),
                translate(
                    "RequestListDialog",
                    "Reminder drafted. If it goes unanswered too, draft the complaint from here.",
                ),
            )
        self.letter_dialog = LetterDialog(letter, title, self, settings=self.store)
        self.letter_dialog.open()
