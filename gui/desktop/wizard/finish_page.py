"""The wizard's last page: counts by status, what is still to do, and the way out to the
summary and the checklist."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.core.checklist import STATUS_LABELS, ChecklistRow, Status
from gui.core.review.plan import status_counts
from gui.core.words import status_words
from gui.desktop.i18n import translate
from gui.desktop.views.category_view import heading_label
from gui.desktop.views.plain_text import plain_label
from gui.desktop.views.style import StatusChip
from gui.desktop.wizard.start_page import privacy_sentence


def to_do_reasons(row: ChecklistRow) -> str:
    return ", ".join(row.attention_reasons)


def to_do_text(row: ChecklistRow) -> str:
    return translate("FinishPage", "{platform}: {category} ({reasons})").format(
        platform=row.platform_name, category=row.title, reasons=to_do_reasons(row)
    )


class FinishPage(QWidget):
    printRequested = Signal()
    saveRequested = Signal()
    checklistRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = plain_label()
        self.count_labels: dict[Status | None, QLabel] = {}
        self.count_chips: dict[Status | None, StatusChip] = {}
        counts = QFormLayout()
        for status in (*Status, None):
            name = STATUS_LABELS[status] if status else status_words(None)
            value = QLabel()
            value.setAccessibleName(name)
            chip = StatusChip()  # the status in words, with the colour the app gives it
            chip.set_status(status, f"{name}:")
            # One line each: a wrapping label tells the form a narrower width than its text
            # needs, and "Does not apply to me:" came out on two lines.
            chip.label.setWordWrap(False)
            counts.addRow(chip, value)
            self.count_labels[status] = value
            self.count_chips[status] = chip
        self.flags_label = plain_label()

        self.to_do_heading = heading_label(translate("FinishPage", "Still to do"))
        self.to_do_list = QListWidget()
        self.to_do_list.setAccessibleName(translate("FinishPage", "Still to do"))
        self.to_do_list.setWordWrap(True)
        self.to_do_heading.setBuddy(self.to_do_list)

        self.print_button = QPushButton(translate("FinishPage", "&Print summary…"))
        self.save_button = QPushButton(translate("FinishPage", "Sa&ve summary as…"))
        self.checklist_button = QPushButton(translate("FinishPage", "Open the chec&klist"))
        self.print_button.clicked.connect(self.printRequested)
        self.save_button.clicked.connect(self.saveRequested)
        self.checklist_button.clicked.connect(self.checklistRequested)

        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.checklist_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        # At least a few items of the list in view; with large fonts the page scrolls.
        self.to_do_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.intro)
        layout.addLayout(counts)
        layout.addWidget(self.flags_label)
        layout.addWidget(self.to_do_heading)
        layout.addWidget(self.to_do_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(plain_label(privacy_sentence()))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def set_rows(self, rows: Sequence[ChecklistRow], platform_names: Sequence[str]) -> None:
        """Counts and to-do list for ``rows`` (the walked platforms, in the user's region)."""
        counts = status_counts(rows)
        for status, label in self.count_labels.items():
            label.setText(str(counts.get(status, 0)))
        names = ", ".join(platform_names)
        self.intro.setText(
            translate(
                "FinishPage",
                "Your checklist for {platforms}. Every decision you made is already saved; you "
                "can change any of them in the checklist.",
            ).format(platforms=names)
        )
        changed = sum(row.changed for row in rows)
        due = sum(row.due for row in rows)
        self.flags_label.setText(
            translate(
                "FinishPage", "Changed since you decided: {changed}. Due for a re-check: {due}."
            ).format(changed=changed, due=due)
            if changed or due
            else ""
        )
        self.flags_label.setVisible(bool(changed or due))
        to_do = [row for row in rows if row.to_do]
        self.to_do_list.clear()
        for row in to_do:
            self.to_do_list.addItem(to_do_text(row))
        if not to_do:
            self.to_do_list.addItem(
                translate("FinishPage", "Nothing: every category has a decision.")
            )
        self.to_do_heading.setText(
            translate("FinishPage", "Still to do ({count})").format(count=len(to_do))
        )

    def focus_chain(self) -> list[QWidget]:
        return [self.to_do_list, self.print_button, self.save_button, self.checklist_button]
