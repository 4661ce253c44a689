"""``DecisionEditor``: the user's decision on one category, for the wizard and the checklist
window's detail pane.

The choices are worded for the category's control kind: "I turned it off" for a switch, "I
sent the form" for a form, and no "opted out" at all where no control exists. The note is a
``QPlainTextEdit`` (never rich text) and is only editable once a decision is chosen, so a
note can never be typed with nothing to save it under.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.core import dates
from gui.core.checklist import STATUS_LABELS, ChecklistRow, Status
from gui.core.words import status_words
from gui.desktop.i18n import translate
from gui.desktop.views.plain_text import plain_label

# The choices offered for each control kind, in order, with their labels. The editor sits in
# the wizard and in the checklist window, so its Alt letters avoid both: the window's menus
# (File, Edit, Review, Tools, Help) and filters (Status, Topic = I, Needs attention), the
# wizard's buttons (Back, Next, Skip, Close, Finish), the category view's buttons (Open
# settings page, Policy source), "Still valid" (V) and the note (K). Only letters from
# A D K L M U Y are used; tests/desktop/test_mnemonics.py walks both windows.
# Functions, not constants: the labels are translated when asked for, after the app has
# installed its translator.


def all_decision_labels() -> dict[str, dict[Status, str]]:
    """The choices for every control kind, by kind."""
    not_applicable = translate("DecisionEditor", "Does not appl&y to me")
    later = translate("DecisionEditor", "Decide l&ater")
    return {
        "toggle": {
            Status.OPTED_OUT: translate("DecisionEditor", "I t&urned it off"),
            Status.KEPT: translate("DecisionEditor", "I &left it on"),
            Status.NOT_APPLICABLE: not_applicable,
            Status.LATER: later,
        },
        "form": {
            Status.OPTED_OUT: translate("DecisionEditor", "I sent the for&m"),
            Status.KEPT: translate("DecisionEditor", "I &left it (no form sent)"),
            Status.NOT_APPLICABLE: not_applicable,
            Status.LATER: later,
        },
        "request": {
            Status.OPTED_OUT: translate("DecisionEditor", "I &made the request"),
            Status.KEPT: translate("DecisionEditor", "I &left it (no request made)"),
            Status.NOT_APPLICABLE: not_applicable,
            Status.LATER: later,
        },
        "dont-provide": {
            Status.OPTED_OUT: translate("DecisionEditor", "I &don't provide it"),
            Status.KEPT: translate("DecisionEditor", "I &left it as it is"),
            Status.NOT_APPLICABLE: not_applicable,
            Status.LATER: later,
        },
        # No control exists, so there is nothing to opt out of: the user can only take note.
        "none": {
            Status.KEPT: translate("DecisionEditor", "I &left it as it is"),
            Status.NOT_APPLICABLE: not_applicable,
            Status.LATER: later,
        },
        "delete-account": {
            Status.OPTED_OUT: translate("DecisionEditor", "I &deleted my account"),
            Status.KEPT: translate("DecisionEditor", "I kept &my account"),
            Status.NOT_APPLICABLE: not_applicable,
            Status.LATER: later,
        },
    }


def generic_labels() -> dict[Status, str]:
    """The choices for a retired category, whose control kind is unknown."""
    return {
        Status.OPTED_OUT: translate("DecisionEditor", "Opted o&ut"),
        Status.KEPT: translate("DecisionEditor", "&Left as it is"),
        Status.NOT_APPLICABLE: translate("DecisionEditor", "Does not appl&y to me"),
        Status.LATER: translate("DecisionEditor", "Decide l&ater"),
    }


def decision_labels(control: str | None) -> dict[Status, str]:
    """The choices for a control kind (None: a retired category, whose kind is unknown)."""
    return all_decision_labels().get(control or "") or generic_labels()


class DecisionEditor(QWidget):
    """Status choices worded for the control kind, a note, the date of the stored decision
    and the "changed since you decided" flag. ``value()`` is what the user chose now;
    nothing is saved here (the wizard or the checklist window calls the store)."""

    edited = Signal()  # the user changed the status or the note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row: ChecklistRow | None = None
        self._buttons: dict[Status, QRadioButton] = {}

        self.group_box = QGroupBox(translate("DecisionEditor", "Your decision"))
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._choices = QVBoxLayout(self.group_box)
        # ``edited`` is forwarded from the note's own signal and emitted for a choice.
        # While a row loads, the editor's signals are blocked.
        for status in Status:
            button = QRadioButton()
            button.toggled.connect(self._on_toggled)
            self._group.addButton(button)
            self._choices.addWidget(button)
            self._buttons[status] = button

        self.decided_label = plain_label()
        self.flags_label = plain_label()
        font = self.flags_label.font()
        font.setBold(True)
        self.flags_label.setFont(font)

        self.note_label = QLabel(translate("DecisionEditor", "Note (&kept only on this computer):"))
        self.note_label.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(translate("DecisionEditor", "Note"))
        # Tab must move on, not insert a tab character: the wizard is usable by keyboard alone.
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.note_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.note_edit.textChanged.connect(self.edited)
        self.note_label.setBuddy(self.note_edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.group_box)
        layout.addWidget(self.decided_label)
        layout.addWidget(self.flags_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note_edit, 1)
        self._update_note_state()

    @property
    def row(self) -> ChecklistRow | None:
        return self._row

    def radio(self, status: Status) -> QRadioButton:
        """The radio button for ``status`` (hidden when not offered for this control)."""
        return self._buttons[status]

    def offered(self) -> list[Status]:
        return [status for status, button in self._buttons.items() if not button.isHidden()]

    def set_row(self, row: ChecklistRow, region: str | None = None) -> None:
        """Show the choices for the control a user in ``region`` has over ``row``'s
        category, preselecting its stored decision."""
        self._row = row
        control = row.category.control_for(region).kind if row.category else None
        labels = decision_labels(control)
        stored = row.status
        was_blocked = self.blockSignals(True)
        try:
            for status, button in self._buttons.items():
                label = labels.get(status)
                if label is None and status == stored:
                    # Decided under an older catalog entry that offered this choice: keep it
                    # visible so the stored decision is shown as it is.
                    label = translate("DecisionEditor", "{status} (your earlier decision)").format(
                        status=STATUS_LABELS[status]
                    )
                button.setText(label or "")
                button.setVisible(label is not None)
            self._set_checked(stored)
            self.note_edit.setPlainText(row.decision.note if row.decision else "")
        finally:
            self.blockSignals(was_blocked)
        self.decided_label.setText(self._decided_text(row, control))
        self.decided_label.setVisible(row.decision is not None)
        self.flags_label.setText(self._flags_text(row))
        self.flags_label.setVisible(bool(row.changed or row.due or row.retired))
        self._update_note_state()

    def set_value(self, status: Status | None, note: str) -> None:
        """Put a status and a note in the editor (as if the user had chosen them)."""
        self._set_checked(status)
        self.note_edit.setPlainText(note)
        self._update_note_state()

    def value(self) -> tuple[Status | None, str]:
        """The status chosen now (None: none chosen) and the note."""
        chosen = next((s for s, b in self._buttons.items() if b.isChecked()), None)
        return chosen, self.note_edit.toPlainText()

    def is_modified(self) -> bool:
        """True when the choice or the note differs from the stored decision."""
        status, note = self.value()
        decision = self._row.decision if self._row else None
        if decision is None:
            return status is not None
        return status != decision.status or note != decision.note

    def _set_checked(self, status: Status | None) -> None:
        # An exclusive group cannot be emptied while exclusive.
        self._group.setExclusive(False)
        for each, button in self._buttons.items():
            button.setChecked(each == status)
        self._group.setExclusive(True)

    @staticmethod
    def _decided_text(row: ChecklistRow, control: str | None) -> str:
        if row.decision is None:
            return ""
        # The words the user picked ("I turned it off"), not the stored status.
        said = status_words(row.decision.status, control)
        return translate("DecisionEditor", "Your decision of {day}: {decision}.").format(
            day=dates.day(row.decision.decided_at), decision=said
        )

    @staticmethod
    def _flags_text(row: ChecklistRow) -> str:
        parts = []
        if row.changed:
            parts.append(
                translate(
                    "DecisionEditor",
                    "Changed since you decided: this entry was updated after your decision. "
                    "Read it again, then confirm or change your decision.",
                )
            )
        if row.due:
            parts.append(
                translate(
                    "DecisionEditor",
                    "Due for a re-check: check that the setting is still the way you left it.",
                )
            )
        if row.retired:
            parts.append(
                translate(
                    "DecisionEditor",
                    "This entry is no longer in the catalog; your decision is kept.",
                )
            )
        return "\n".join(parts)

    def _update_note_state(self) -> None:
        has_status = self.value()[0] is not None
        self.note_edit.setEnabled(has_status)
        self.note_label.setEnabled(has_status)
        self.note_edit.setPlaceholderText(
            translate("DecisionEditor", "Anything you want to remember about this decision.")
            if has_status
            else translate("DecisionEditor", "Choose a decision first; then you can add a note.")
        )

    def _on_toggled(self, checked: bool) -> None:
        if checked:  # once per choice: the button left behind toggles too
            self._update_note_state()
            self.edited.emit()
