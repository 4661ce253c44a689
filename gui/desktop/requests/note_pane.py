"""The note of the selected request in "Your requests": the user's own words about it,
kept only in the encrypted checklist and never in a letter.

Saving is explicit: only "Save note" saves (a keystroke never does), and the pane does not
touch the store: it emits ``saveRequested`` and the dialog saves and hands back the saved
request with ``saved``. An edit that is not saved yet is kept for its request while the
user looks at other requests (shown again, still unsaved, on coming back); ``unsaved``
lists them so the dialog can say so before it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from gui.core.requests.model import DataRequest
from gui.desktop.i18n import translate
from gui.desktop.views.plain_text import plain_label


class RequestNotePane(QWidget):
    saveRequested = Signal(int, str)  # request id, the note as typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request_id: int | None = None
        self._stored: dict[int, str] = {}  # the saved note of each request shown
        self._drafts: dict[int, str] = {}  # edits not saved yet, by request

        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)  # Tab leaves the note, as in every other field
        self.edit.setAccessibleName(translate("RequestNotePane", "Note on the selected request"))
        label = QLabel(translate("RequestNotePane", "&Note (only on this computer):"))
        label.setBuddy(self.edit)
        self.save_button = QPushButton(translate("RequestNotePane", "&Save note"))
        self.save_button.setAutoDefault(False)  # Enter closes the window, never saves
        self.state = plain_label()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addLayout(row)

        self.edit.textChanged.connect(self._edited)
        self.save_button.clicked.connect(self._save)
        self.show_request(None)

    # --- what is shown ------------------------------------------------------------------

    @property
    def request_id(self) -> int | None:
        return self._request_id

    def text(self) -> str:
        return self.edit.toPlainText()

    def unsaved(self) -> dict[int, str]:
        """Edits not saved yet, by request id."""
        return dict(self._drafts)

    def show_request(self, request: DataRequest | None) -> None:
        """Show ``request``'s note: the edit not saved yet when there is one, else the saved
        note. Showing the same request again (the list was read again) keeps what the pane
        said about it and, when the text did not change, the cursor."""
        same = request is not None and request.id == self._request_id
        self._request_id = request.id if request is not None else None
        if request is None:
            self._set_text("")
            self.edit.setPlaceholderText(
                translate("RequestNotePane", "Select a request to see its note.")
            )
            self.edit.setEnabled(False)
            self.save_button.setEnabled(False)
            self.state.clear()
            return
        self._stored[request.id] = request.notes
        if self._drafts.get(request.id) == request.notes:
            del self._drafts[request.id]  # saved meanwhile as typed
        self.edit.setPlaceholderText(
            translate("RequestNotePane", "Your own notes about this request: never in a letter.")
        )
        self.edit.setEnabled(True)
        self._set_text(self._drafts.get(request.id, request.notes))
        if not same:
            self.state.clear()
        self._show_state()

    def _set_text(self, text: str) -> None:
        if self.edit.toPlainText() != text:
            with QSignalBlocker(self.edit):
                self.edit.setPlainText(text)
            self.edit.moveCursor(QTextCursor.MoveOperation.End)  # to go on writing

    def _show_state(self) -> None:
        unsaved = self._request_id is not None and self._request_id in self._drafts
        self.save_button.setEnabled(unsaved)
        if unsaved:
            self.state.setText(translate("RequestNotePane", "Not saved yet."))
        elif self.state.text() == translate("RequestNotePane", "Not saved yet."):
            self.state.clear()  # typed back to the saved note

    # --- editing and saving -------------------------------------------------------------

    def _edited(self) -> None:
        if self._request_id is None:
            return
        text = self.edit.toPlainText()
        if text == self._stored.get(self._request_id, ""):
            self._drafts.pop(self._request_id, None)
        else:
            self._drafts[self._request_id] = text
        self._show_state()

    def _save(self) -> None:
        if self._request_id is not None and self._request_id in self._drafts:
            self.saveRequested.emit(self._request_id, self.edit.toPlainText())

    def saved(self, request: DataRequest, said: str) -> None:
        """The store took ``request``'s note: it is no longer an edit; ``said`` tells the
        user (when the pane still shows that request)."""
        self._stored[request.id] = request.notes
        self._drafts.pop(request.id, None)
        if request.id == self._request_id:
            # As stored: control characters are not kept, so show what was kept.
            self._set_text(request.notes)
            self.state.setText(said)
            self._show_state()

    def say(self, text: str) -> None:
        """A message about the shown note (why it was not saved)."""
        self.state.setText(text)
