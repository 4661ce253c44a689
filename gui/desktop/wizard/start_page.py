"""The wizard's first page: which platforms, what to review, and the user's region."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.core.catalog import Catalog
from gui.core.catalog.model import TOPIC_TITLES
from gui.core.checklist import ChecklistRow
from gui.core.review.plan import PlanChoice, Scope, platform_counts
from gui.core.topics import topics_in
from gui.desktop.views.category_view import (
    escape_mnemonic,
    heading_label,
    plain_label,
    secondary_label,
)
from gui.desktop.wizard.region import region_choices

PRIVACY_SENTENCE = (
    "Everything stays on this computer: nothing you choose or write here is sent anywhere."
)
# Mnemonics: Back, Next, Close and Region/Topics are taken; the scopes use E, U, D and T.
SCOPE_TEXTS = {
    Scope.EVERYTHING: "&Everything",
    Scope.TO_DO: "Only what is &unreviewed or marked for later",
    Scope.CHANGED: "Only what changed or is &due for a re-check",
    Scope.TOPICS: "By &topic, across the chosen platforms",
}
ALL_REGIONS = ""  # the region list's entry for "show the controls of every region"


class CompactList(QListWidget):
    """A list that asks for a few lines only and grows with the window: its default size
    hint (about 190 pixels) would push the start page past 600 pixels in height."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * 5 + 2 * self.frameWidth())


def counts_text(offered: int, unreviewed: int) -> str:
    return f"{offered} {'category' if offered == 1 else 'categories'}, {unreviewed} not reviewed"


class StartPage(QWidget):
    """Platforms with their counts, the scope, the topics (topic mode) and the region.
    ``changed`` fires on every edit (forwarded from the controls' own signals, so PySide's
    leaky Python-side emit is not used; see ``gui.desktop.wizard.emit``); ``choice()`` reads it."""

    changed = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._rows: list[ChecklistRow] = []
        self.platform_boxes: dict[str, QCheckBox] = {}
        self.platform_counts: dict[str, QLabel] = {}
        self.scope_buttons: dict[Scope, QRadioButton] = {}

        intro = plain_label(
            "Choose the platforms you use and what to review. A page for each category "
            "follows; each decision is saved as soon as you move on, so you can stop at any "
            "point and continue later."
        )
        privacy = heading_label(PRIVACY_SENTENCE)

        platforms_box = QGroupBox("Platforms")
        platforms_layout = QGridLayout(platforms_box)
        platforms_layout.setColumnStretch(1, 1)
        for index, platform in enumerate(catalog.platforms):
            box = QCheckBox(escape_mnemonic(platform.name))
            box.toggled.connect(self.changed)
            count = secondary_label()
            platforms_layout.addWidget(box, index, 0)
            platforms_layout.addWidget(count, index, 1)
            self.platform_boxes[platform.id] = box
            self.platform_counts[platform.id] = count
        platforms_layout.setRowStretch(len(catalog.platforms), 1)

        scope_box = QGroupBox("What to review")
        scope_layout = QVBoxLayout(scope_box)
        self._scope_group = QButtonGroup(self)
        for scope, text in SCOPE_TEXTS.items():
            button = QRadioButton(text)
            button.toggled.connect(self._scope_toggled)
            button.toggled.connect(self.changed)
            self._scope_group.addButton(button)
            scope_layout.addWidget(button)
            self.scope_buttons[scope] = button
        self.topics_label = QLabel("To&pics:")
        self.topics_list = CompactList()
        self.topics_list.setAccessibleName("Topics")
        for topic in topics_in(catalog):
            item = QListWidgetItem(TOPIC_TITLES.get(topic, topic))
            item.setData(Qt.ItemDataRole.UserRole, topic)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.topics_list.addItem(item)
        self.topics_list.itemChanged.connect(self.changed)
        self.topics_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.topics_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.topics_label.setBuddy(self.topics_list)
        scope_layout.addWidget(self.topics_label)
        scope_layout.addWidget(self.topics_list, 1)

        self.region_combo = QComboBox()
        self.region_combo.setAccessibleName("Your region")
        self.region_combo.addItem("Not set: show the controls of every region", ALL_REGIONS)
        for code, name in region_choices():
            self.region_combo.addItem(name, code)
        self.region_combo.currentIndexChanged.connect(self._region_changed)
        self.region_combo.currentIndexChanged.connect(self.changed)
        region_label = QLabel("&Region:")
        region_label.setBuddy(self.region_combo)
        region_note = secondary_label(
            "Some controls are offered only in some regions (for example the EU). Those not "
            "offered in your region are left out of the review."
        )
        region_line = QHBoxLayout()
        region_line.addWidget(region_label)
        region_line.addWidget(self.region_combo, 1)

        self.plan_label = heading_label("")
        self.plan_label.setAccessibleName("Size of this review")

        # Side by side when they fit, one above the other otherwise (small windows, large
        # fonts); see resizeEvent.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addWidget(platforms_box, 1)
        self.columns.addWidget(scope_box, 1)
        self._boxes = (platforms_box, scope_box)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(intro)
        layout.addWidget(privacy)
        layout.addLayout(self.columns, 1)
        layout.addLayout(region_line)
        layout.addWidget(region_note)
        layout.addWidget(self.plan_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.scope_buttons[Scope.TO_DO].setChecked(True)
        self._scope_toggled()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange_columns()

    def _columns_width(self) -> int:
        """The width both boxes need side by side without squeezing their text."""
        metrics = self.fontMetrics()
        longest_count = max(
            (metrics.horizontalAdvance(label.text()) for label in self.platform_counts.values()),
            default=0,
        )
        longest_box = max(
            (box.sizeHint().width() for box in self.platform_boxes.values()), default=0
        )
        platforms = longest_box + longest_count + 4 * metrics.averageCharWidth()
        scope = max(button.sizeHint().width() for button in self.scope_buttons.values())
        return platforms + scope + 8 * metrics.averageCharWidth()

    def _arrange_columns(self) -> None:
        wide = self.width() >= self._columns_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def set_rows(self, rows: Sequence[ChecklistRow]) -> None:
        """The current checklist, for the counts next to each platform."""
        self._rows = list(rows)
        self._update_counts()

    def set_choice(self, choice: PlanChoice) -> None:
        was_blocked = self.blockSignals(True)
        try:
            for platform_id, box in self.platform_boxes.items():
                box.setChecked(platform_id in choice.platform_ids)
            self.scope_buttons[choice.scope].setChecked(True)
            for index in range(self.topics_list.count()):
                item = self.topics_list.item(index)
                wanted = item.data(Qt.ItemDataRole.UserRole) in choice.topics
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
            self.set_region(choice.region)
        finally:
            self.blockSignals(was_blocked)
        self._scope_toggled()
        self._update_counts()
        self.changed.emit()  # once, for the whole choice

    def set_region(self, region: str | None) -> None:
        index = self.region_combo.findData(region or ALL_REGIONS)
        self.region_combo.setCurrentIndex(max(index, 0))

    def region(self) -> str | None:
        return self.region_combo.currentData() or None

    def choice(self) -> PlanChoice:
        scope = next(s for s, b in self.scope_buttons.items() if b.isChecked())
        platform_ids = tuple(pid for pid, box in self.platform_boxes.items() if box.isChecked())
        topics = tuple(
            self.topics_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.topics_list.count())
            if self.topics_list.item(i).checkState() == Qt.CheckState.Checked
        )
        return PlanChoice(
            scope=scope, platform_ids=platform_ids, topics=topics, region=self.region()
        )

    def set_plan_size(self, steps: int, problem: str = "") -> None:
        """Say how many pages the review will have, or why it cannot start."""
        if problem:
            self.plan_label.setText(problem)
        else:
            noun = "category" if steps == 1 else "categories"
            self.plan_label.setText(f"This review has {steps} {noun}. Press Next to start.")

    def first_focus(self) -> QWidget:
        checked = [box for box in self.platform_boxes.values() if box.isChecked()]
        boxes = checked or list(self.platform_boxes.values())
        return boxes[0] if boxes else self.region_combo

    def _scope_toggled(self, _checked: bool = False) -> None:
        topic_mode = self.scope_buttons[Scope.TOPICS].isChecked()
        self.topics_list.setEnabled(topic_mode)
        self.topics_label.setEnabled(topic_mode)

    def _region_changed(self, _index: int) -> None:
        self._update_counts()

    def _update_counts(self) -> None:
        for platform_id, label in self.platform_counts.items():
            counts = platform_counts(self._rows, platform_id)
            text = counts_text(counts.offered, counts.unreviewed)
            label.setText(text)
            self.platform_boxes[platform_id].setAccessibleDescription(text)
        self._arrange_columns()
