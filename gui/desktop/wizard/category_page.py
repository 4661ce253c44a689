"""The wizard's page for one category: the catalog content on the left (scrolls), the
decision on the right (always in view, so the choice is never below the fold), headed by
where the checklist stands now, in words and colour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from gui.core.catalog import Platform
from gui.core.checklist import ChecklistRow
from gui.desktop.i18n import translate
from gui.desktop.views.browser import Opener
from gui.desktop.views.category_view import CategoryView
from gui.desktop.views.decision_editor import DecisionEditor
from gui.desktop.views.style import StatusChip, spacing


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class CategoryPage(QWidget):
    def __init__(self, parent: QWidget | None = None, *, opener: Opener | None = None) -> None:
        super().__init__(parent)
        self.view = CategoryView(opener=opener)
        self.editor = DecisionEditor()
        self.view_area = _scroll(self.view)
        self.editor_area = _scroll(self.editor)
        self.view_area.setAccessibleName(translate("CategoryPage", "About this category"))
        self.editor_area.setAccessibleName(translate("CategoryPage", "Your decision"))
        self.editor_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status_chip = StatusChip()
        decision_column = QVBoxLayout()
        decision_column.setContentsMargins(0, 0, 0, 0)
        decision_column.setSpacing(spacing(self).small)
        decision_column.addWidget(self.status_chip)
        decision_column.addWidget(self.editor_area, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The decision column is as wide as its widest choice (_fit_editor); the content,
        # whose text wraps, takes the rest (with large fonts its buttons need every pixel).
        layout.addWidget(self.view_area, 1)
        layout.addLayout(decision_column, 0)

    def set_row(self, platform: Platform, row: ChecklistRow, region: str | None) -> None:
        assert row.category is not None  # the plan never holds retired rows
        self.view.set_category(platform, row.category, region=region)
        self.editor.set_row(row, region)
        # Where the checklist stands, in the words the user picked it by, with its colour.
        self.status_chip.set_status(
            row.status,
            translate("CategoryPage", "In your checklist: {decision}").format(
                decision=row.label_for(region)
            ),
        )
        self._fit_editor()
        self.view_area.verticalScrollBar().setValue(0)
        self.editor_area.verticalScrollBar().setValue(0)

    def _fit_editor(self) -> None:
        """Make the decision column as wide as its widest choice (labels differ by control
        kind and grow with the font), so it never scrolls sideways."""
        # The choices were just relabelled; their box's new minimum reaches the editor's
        # layout only on the next layout pass unless the box says so now.
        self.editor.group_box.updateGeometry()
        scrollbar = self.editor_area.verticalScrollBar().sizeHint().width()
        frame = 2 * self.editor_area.frameWidth()
        room = 2 * self.fontMetrics().averageCharWidth()
        width = self.editor.minimumSizeHint().width() + scrollbar + frame + room
        self.editor_area.setFixedWidth(width)
        self.status_chip.setFixedWidth(width)

    def focus_chain(self) -> list[QWidget]:
        """The page's controls in reading order, for the dialog's Tab order (buttons made
        for each category would otherwise come after the dialog's own buttons)."""
        chain: list[QWidget] = []
        if self.view.source_row is not None:
            chain.append(self.view.source_row.button)
        chain.extend(row.button for row in self.view.link_rows)
        chain.extend(self.editor.radio(status) for status in self.editor.offered())
        chain.append(self.editor.note_edit)
        return chain

    def first_focus(self) -> QWidget:
        """The chosen decision, or the first choice: arrows pick, Enter moves on."""
        offered: list[QWidget] = [self.editor.radio(status) for status in self.editor.offered()]
        checked = [b for b in offered if isinstance(b, QAbstractButton) and b.isChecked()]
        return (checked or offered or [self.editor.note_edit])[0]
