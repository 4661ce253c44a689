"""The right-hand pane: everything about the selected category (the wizard's own
``CategoryView``), the decision editable in place (``DecisionEditor``), and its history.
With a platform selected it shows the platform's progress and policies.

Saving: a status choice is saved at once; a note is saved when the user pauses typing, moves
focus away or selects another row, so a note typed letter by letter is one history entry,
not one per keystroke. The pane does not touch the store: it emits ``decisionEdited`` and
the window records it and hands back the new row with ``refresh``.

Nothing is decided by moving around: when the pane is given another row while the keyboard
focus is in it (a save made the row leave the filter, the command line changed the list),
the focus goes back to the tree (``set_focus_home``), so the next arrow key moves through
the list instead of choosing a decision for a category the user has not looked at.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.core import dates
from gui.core.catalog import Platform
from gui.core.checklist import ChecklistRow, HistoryEntry, Status
from gui.desktop.i18n import translate
from gui.desktop.views.category_view import CategoryView, heading_label
from gui.desktop.views.decision_editor import DecisionEditor
from gui.desktop.views.plain_text import plain_label
from gui.desktop.window.checklist_model import PlatformProgress
from gui.desktop.window.history_view import HistoryView

NOTE_SAVE_DELAY_MS = 1500


def nothing_selected() -> str:
    """The pane's hint when no row is selected (a function: translated when asked for)."""
    return translate(
        "DetailPane",
        "Select a category to see what the platform collects, record your decision and see "
        "its history.",
    )


class DetailPane(QWidget):
    """Shows one category, one platform, or a hint when nothing is selected."""

    decisionEdited = Signal(object, object, str)  # ChecklistRow, Status, note
    reviewPlatformRequested = Signal(str)  # platform id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row: ChecklistRow | None = None
        self._focus_home: QWidget | None = None
        self._shown = 0  # counts what the pane was given to show (see _release_focus)
        # The region the user chose in the guided review: decides which control is shown.
        self.region: str | None = None
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self._emit_edit)

        self.stack = QStackedWidget(self)
        self.hint = plain_label(nothing_selected())
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.hint)
        self.platform_page = _PlatformPage()
        self.platform_page.review_button.clicked.connect(self._review_platform)
        self.stack.addWidget(self.platform_page)
        # About the category on top, the decision and its history below: both stay in
        # view, so deciding never needs scrolling past the whole description first.
        self.category_page = QSplitter(Qt.Orientation.Vertical)
        self.category_page.setChildrenCollapsible(False)
        about = QWidget()
        decision = QWidget()
        self.about_area = _scrolled(about)
        self.decision_area = _scrolled(decision)
        self.category_page.addWidget(self.about_area)
        self.category_page.addWidget(self.decision_area)
        self.category_page.setStretchFactor(0, 1)
        self.category_page.setStretchFactor(1, 1)
        self.stack.addWidget(self.category_page)

        self.retired_label = plain_label(
            translate(
                "DetailPane",
                "This category is no longer in the catalog. Your decision and its history are "
                "kept; there is nothing left to do about it.",
            )
        )
        self.category_view = CategoryView()
        self.editor = DecisionEditor()
        self.editor.edited.connect(self._on_edited)
        self.editor.note_edit.installEventFilter(self)
        # A few lines are enough here; the history below should stay in view.
        self.editor.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.confirm_button = QPushButton(
            translate("DetailPane", "Still &valid: confirm my decision")
        )
        self.confirm_button.setToolTip(
            translate(
                "DetailPane",
                "Record that you checked again and your decision stands (clears the flags)",
            )
        )
        self.confirm_button.clicked.connect(self._confirm)
        self.saved_label = plain_label()
        self.history = HistoryView()
        history_box = QGroupBox(translate("DetailPane", "History of this decision"))
        history_layout = QVBoxLayout(history_box)
        self.history_empty = plain_label(translate("DetailPane", "No decision recorded yet."))
        history_layout.addWidget(self.history_empty)
        history_layout.addWidget(self.history)

        about_layout = QVBoxLayout(about)
        about_layout.addWidget(self.retired_label)
        about_layout.addWidget(self.category_view)
        about_layout.addStretch(1)
        layout = QVBoxLayout(decision)
        layout.addWidget(self.editor)
        confirm_line = QHBoxLayout()
        confirm_line.addWidget(self.confirm_button)
        confirm_line.addWidget(self.saved_label, 1)
        layout.addLayout(confirm_line)
        layout.addWidget(history_box)
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # -- what is shown -----------------------------------------------------------------

    @property
    def row(self) -> ChecklistRow | None:
        return self._row

    def set_focus_home(self, widget: QWidget | None) -> None:
        """Where the keyboard focus goes when the pane shows something else while the focus
        is in it (the checklist tree)."""
        self._focus_home = widget

    def show_nothing(self, hint: str | None = None) -> None:
        self.flush()
        self._shown += 1
        self._release_focus()
        self._row = None
        self.saved_label.clear()
        self.hint.setText(hint if hint is not None else nothing_selected())
        self.stack.setCurrentIndex(0)

    def show_platform(
        self, platform: Platform | None, name: str, progress: PlatformProgress
    ) -> None:
        self.flush()
        self._shown += 1
        if self._row is not None:
            self._release_focus()
        self._row = None
        self.saved_label.clear()
        self.platform_page.set_platform(platform, name, progress)
        self.stack.setCurrentIndex(1)

    def show_row(
        self, row: ChecklistRow, platform: Platform | None, history: Sequence[HistoryEntry]
    ) -> None:
        """Show a category row. Selecting another row first saves a note still being typed."""
        new_category = self._row is None or _key(row) != _key(self._row)
        if new_category:
            self.flush()
            self._shown += 1
            self._release_focus()
            self.saved_label.clear()
        self._row = row
        if platform is not None and row.category is not None:
            self.category_view.set_category(platform, row.category, region=self.region)
        self.category_view.setVisible(row.category is not None)
        self.retired_label.setVisible(row.retired)
        self.editor.set_row(row, self.region)
        self.editor.setEnabled(not row.retired)
        self.confirm_button.setVisible(bool(row.decision and (row.changed or row.due)))
        self.set_history(history)
        self.stack.setCurrentIndex(2)
        if new_category:  # a new category is read from its title down
            for area in (self.about_area, self.decision_area):
                area.verticalScrollBar().setValue(0)
                area.horizontalScrollBar().setValue(0)

    def _release_focus(self) -> None:
        """The focus leaves the pane for the tree when the pane is about to show something
        the user did not choose to go to: an arrow key pressed next must not decide there.
        Done now and once more when the event loop is back: a radio button moved to by an
        arrow key is clicked first (the save that moved the list) and focused after."""
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            return
        self._send_focus_home()
        shown = self._shown
        QTimer.singleShot(0, self, lambda: self._send_focus_home_if_showing(shown))

    def _send_focus_home_if_showing(self, shown: int) -> None:
        if self._shown != shown:  # the pane has shown something else since
            return
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            self._send_focus_home()

    def _send_focus_home(self) -> None:
        home = self._focus_home
        if home is not None and home.isVisible():
            home.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            focused = QApplication.focusWidget()
            if focused is not None:
                focused.clearFocus()

    def refresh(self, row: ChecklistRow, history: Sequence[HistoryEntry]) -> None:
        """The shown row changed in the store (an edit here, the tree, or the command
        line). A note being typed is not overwritten."""
        if self._row is None or _key(self._row) != _key(row):
            return
        typing = self._note_timer.isActive()
        note = self.editor.value()[1]
        self._row = row
        self.editor.set_row(row, self.region)
        if typing:
            status = self.editor.value()[0]
            self.editor.set_value(status, note)
        self.confirm_button.setVisible(bool(row.decision and (row.changed or row.due)))
        self.set_history(history)

    def set_history(self, history: Sequence[HistoryEntry]) -> None:
        kind = self._row.control_kind(self.region) if self._row is not None else None
        self.history.set_entries(history, kind)
        self.history.setVisible(bool(history))
        self.history_empty.setVisible(not history)

    # -- saving ------------------------------------------------------------------------

    def flush(self) -> None:
        """Save a pending note edit now."""
        if not self._note_timer.isActive():
            return
        self._note_timer.stop()
        self._emit_edit()

    def _on_edited(self) -> None:
        if self._row is None or self._row.retired:
            return
        status, note = self.editor.value()
        stored = self._row.decision
        if stored is not None and status == stored.status and note != stored.note:
            self._note_timer.start()  # typing a note: wait for a pause
            self.saved_label.setText(translate("DetailPane", "Note not saved yet…"))
            return
        self._note_timer.stop()
        self._emit_edit()

    def _emit_edit(self) -> None:
        if self._row is None or not self.editor.is_modified():
            return
        status, note = self.editor.value()
        if status is not None:
            self._send(self._row, status, note, translate("DetailPane", "Saved: {category}."))

    def _confirm(self) -> None:
        if self._row is None or self._row.decision is None:
            return
        self._note_timer.stop()
        status, note = self.editor.value()
        confirmed = translate("DetailPane", "Confirmed: {category}.")
        self._send(self._row, status or self._row.decision.status, note, confirmed)

    def _send(self, row: ChecklistRow, status: Status, note: str, done: str) -> None:
        """Hand the decision to the window; say it was saved (``done``, translated, with a
        ``{category}`` placeholder) only under the category it was saved for, and only when
        the store took it (the window shows why not)."""
        self.decisionEdited.emit(row, status, note)
        shown = self._row
        if shown is None or _key(shown) != _key(row):
            return  # the pane moved on (the row left the filter): the status bar says it
        decision = shown.decision
        if decision is not None and decision.status == status and decision.note == note:
            self.saved_label.setText(done.format(category=row.title))

    def _review_platform(self) -> None:
        if self.platform_page.platform_id:
            self.reviewPlatformRequested.emit(self.platform_page.platform_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor.note_edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)


class _PlatformPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.platform_id = ""
        self.name_label = heading_label("", scale=1.35)
        self.progress_label = plain_label()
        self.policies_label = plain_label()
        # Alt+V: Alt+R is the Review menu.
        self.review_button = QPushButton(translate("DetailPane", "Re&view this platform…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(
            heading_label(translate("DetailPane", "Policies the catalog was checked against"))
        )
        layout.addWidget(self.policies_label)
        line = QHBoxLayout()
        line.addWidget(self.review_button)
        line.addStretch(1)
        layout.addLayout(line)
        layout.addStretch(1)

    def set_platform(
        self, platform: Platform | None, name: str, progress: PlatformProgress
    ) -> None:
        self.platform_id = platform.id if platform else ""
        self.name_label.setText(name)
        # The line starts with a number ("4 of 17 reviewed"): a sentence as it is.
        self.progress_label.setText(
            translate("DetailPane", "{progress}.").format(progress=progress.line)
        )
        if platform is None:
            self.policies_label.setText(
                translate("DetailPane", "This platform is no longer in the catalog.")
            )
        else:
            version = translate("DetailPane", "{policy}, version of {day}")
            self.policies_label.setText(
                "\n".join(
                    version.format(policy=p.title, day=dates.day(p.effective))
                    for p in platform.policies
                )
            )
        self.review_button.setEnabled(platform is not None and progress.total > 0)


def _key(row: ChecklistRow) -> tuple[str, str]:
    return (row.platform_id, row.category_id)


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the widgets inside
    return area
