"""The wizard's first page: which platforms, what to review, and the user's region.

Platforms are chosen in a tree by the catalog's groups (social networks, messaging, AI
assistants...), each with its monogram and counts, with a filter field above it: with 26
platforms a flat list of check boxes would not fit 800x600 and would be 26 Tab stops. The
tree is one Tab stop; Space ticks the current platform, or every shown platform of a group.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core.catalog import Catalog, Platform
from gui.core.catalog.model import GROUP_TITLES, GROUPS, TOPIC_TITLES
from gui.core.checklist import ChecklistRow
from gui.core.review.plan import PlanChoice, Scope, platform_counts
from gui.core.topics import topics_in
from gui.desktop.i18n import translate
from gui.desktop.views.category_view import heading_label, secondary_label
from gui.desktop.views.plain_text import plain_label
from gui.desktop.views.style import monogram_icon, spacing
from gui.desktop.wizard.region import region_choices

# Texts are functions, not constants: translated when asked for, after the app has
# installed its translator.


def privacy_sentence() -> str:
    """The promise on the first and the last page."""
    return translate(
        "StartPage",
        "Everything stays on this computer: nothing you choose or write here is sent anywhere.",
    )


def scope_texts() -> dict[Scope, str]:
    """The choices of what to review, in order."""
    # Mnemonics: Back, Next, Close and Region/Topics are taken; the scopes use E, U, D, A,
    # T, the platform chooser I (find), G (the list), V (reviewed before) and H (clear the
    # choice), letters the decision editor and the category view (other pages) do not use.
    return {
        Scope.EVERYTHING: translate("StartPage", "&Everything"),
        Scope.TO_DO: translate("StartPage", "Only what is &unreviewed or marked for later"),
        Scope.CHANGED: translate("StartPage", "Only what changed or is &due for a re-check"),
        Scope.ATTENTION: translate(
            "StartPage", "Everything that needs &attention (to do, changed or due)"
        ),
        Scope.TOPICS: translate("StartPage", "By &topic, across the chosen platforms"),
    }


ALL_REGIONS = ""  # the region list's entry for "show the controls of every region"


class CompactList(QListWidget):
    """A list that asks for a few lines only and grows with the window: its default size
    hint (about 190 pixels) would push the start page past 600 pixels in height."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * 5 + 2 * self.frameWidth())


def counts_text(offered: int, unreviewed: int) -> str:
    """Short, for the list's second column, so names keep their room: "4 of 21 reviewed",
    "all 8 reviewed"."""
    if not offered:
        return translate("StartPage", "nothing in your region")
    if not unreviewed:
        return translate("StartPage", "all {offered} reviewed").format(offered=offered)
    return translate("StartPage", "{reviewed} of {offered} reviewed").format(
        reviewed=offered - unreviewed, offered=offered
    )


PLATFORM_ROLE = Qt.ItemDataRole.UserRole  # a platform item's id; None on a group item


def grouped_platforms(catalog: Catalog) -> list[tuple[str, list[Platform]]]:
    """The catalog's platforms by group, groups in the app's order (an unknown group, from
    a user's own file, last), platforms by name within a group."""
    groups: dict[str, list[Platform]] = {}
    for platform in catalog.platforms:
        groups.setdefault(platform.group, []).append(platform)
    order = {group: index for index, group in enumerate(GROUPS)}
    return [
        (group, sorted(platforms, key=lambda p: p.name.casefold()))
        for group, platforms in sorted(groups.items(), key=lambda g: (order.get(g[0], 99), g[0]))
    ]


def matches(platform: Platform, text: str) -> bool:
    """Whether the filter ``text`` finds ``platform``: by name, id or group title."""
    needle = text.strip().casefold()
    if not needle:
        return True
    haystack = (platform.name, platform.id, GROUP_TITLES.get(platform.group, platform.group))
    return any(needle in part.casefold() for part in haystack)


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(index) for index in range(item.childCount()))
    return [child for child in found if child is not None]


class FilterEdit(QLineEdit):
    """The platform filter. Esc clears it when it has text; only an empty filter lets Esc
    through to the dialog (which closes the review)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


class PlatformTree(QTreeWidget):
    """Asks for a few lines only and grows with the window, like ``CompactList``."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * 6 + 2 * self.frameWidth())


class StartPage(QWidget):
    """Platforms with their counts, the scope, the topics (topic mode) and the region.
    ``changed`` fires on every edit (forwarded from the controls' own signals, so PySide's
    leaky Python-side emit is not used; see ``gui.desktop.wizard.emit``); ``choice()`` reads it."""

    changed = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._rows: list[ChecklistRow] = []
        self.platform_items: dict[str, QTreeWidgetItem] = {}
        self.group_items: dict[str, QTreeWidgetItem] = {}
        self.scope_buttons: dict[Scope, QRadioButton] = {}
        self._syncing = False  # True while the page sets check marks itself
        gaps = spacing(self)

        intro = plain_label(
            translate(
                "StartPage",
                "Choose the platforms you use and what to review. A page for each category "
                "follows; each decision is saved as soon as you move on, so you can stop at "
                "any point and continue later.",
            )
        )
        privacy = heading_label(privacy_sentence())

        platforms_box = QGroupBox(translate("StartPage", "Platforms"))
        platforms_layout = QVBoxLayout(platforms_box)
        platforms_layout.setSpacing(gaps.small * 2)
        self.filter_edit = FilterEdit()
        self.filter_edit.setPlaceholderText(translate("StartPage", "Part of a name or group"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(translate("StartPage", "Filter platforms"))
        self.filter_edit.textChanged.connect(self._apply_filter)
        filter_label = QLabel(translate("StartPage", "F&ind:"))
        filter_label.setBuddy(self.filter_edit)
        filter_line = QHBoxLayout()
        filter_line.addWidget(filter_label)
        filter_line.addWidget(self.filter_edit, 1)
        self.reviewed_button = QPushButton(translate("StartPage", "The ones I re&viewed before"))
        self.reviewed_button.setToolTip(
            translate("StartPage", "Choose the platforms you have made decisions for")
        )
        self.reviewed_button.clicked.connect(self.choose_reviewed)
        self.clear_button = QPushButton(translate("StartPage", "Clear the c&hoice"))
        self.clear_button.setToolTip(translate("StartPage", "Choose no platform"))
        self.clear_button.clicked.connect(lambda: self.set_platforms(()))
        for quick in (self.reviewed_button, self.clear_button):
            quick.setAutoDefault(False)  # Enter starts the review, wherever focus is
        quick_line = QHBoxLayout()
        quick_line.addWidget(self.reviewed_button)
        quick_line.addWidget(self.clear_button)
        quick_line.addStretch(1)

        self.platform_tree = PlatformTree()
        self.platform_tree.setAccessibleName(translate("StartPage", "Platforms"))
        self.platform_tree.setColumnCount(2)
        self.platform_tree.setHeaderHidden(True)
        self.platform_tree.setRootIsDecorated(False)
        self.platform_tree.setItemsExpandable(False)
        self.platform_tree.setUniformRowHeights(True)
        # Ticks choose; a highlighted row would look chosen too, so no selection (the current
        # row still shows the focus frame and Space ticks it).
        self.platform_tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.platform_tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.platform_tree.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.platform_tree.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        icon_side = self.fontMetrics().height() * 6 // 5  # initials readable, rows still tight
        self.platform_tree.setIconSize(QSize(icon_side, icon_side))
        header = self.platform_tree.header()
        # The name takes the room left by the counts and is shortened with "…" when the
        # window is narrow (the full name is in its tooltip).
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.platform_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        tree_label = QLabel(translate("StartPage", "Platforms you use, by &group:"))
        tree_label.setBuddy(self.platform_tree)
        group_font = QFont(self.platform_tree.font())
        group_font.setBold(True)
        for group, platforms in grouped_platforms(catalog):
            group_item = QTreeWidgetItem([GROUP_TITLES.get(group, group.capitalize()), ""])
            group_item.setFont(0, group_font)
            group_item.setData(0, PLATFORM_ROLE, None)
            group_item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            group_item.setCheckState(0, Qt.CheckState.Unchecked)
            self.platform_tree.addTopLevelItem(group_item)
            self.group_items[group] = group_item
            for platform in platforms:
                entry = QTreeWidgetItem([platform.name, ""])  # item text is never markup
                entry.setData(0, PLATFORM_ROLE, platform.id)
                entry.setIcon(0, monogram_icon(platform.id, platform.name))
                entry.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                entry.setCheckState(0, Qt.CheckState.Unchecked)
                group_item.addChild(entry)
                self.platform_items[platform.id] = entry
        self.platform_tree.expandAll()
        self.platform_tree.itemChanged.connect(self._item_changed)
        platforms_layout.addLayout(filter_line)
        platforms_layout.addLayout(quick_line)
        platforms_layout.addWidget(tree_label)
        platforms_layout.addWidget(self.platform_tree, 1)
        self.filter_status = secondary_label()
        self.filter_status.setAccessibleName(translate("StartPage", "Filter result"))
        platforms_layout.addWidget(self.filter_status)
        self.filter_status.hide()

        scope_box = QGroupBox(translate("StartPage", "What to review"))
        scope_layout = QVBoxLayout(scope_box)
        self._scope_group = QButtonGroup(self)
        for scope, text in scope_texts().items():
            button = QRadioButton(text)
            button.toggled.connect(self._scope_toggled)
            button.toggled.connect(self.changed)
            self._scope_group.addButton(button)
            scope_layout.addWidget(button)
            self.scope_buttons[scope] = button
        self.topics_label = QLabel(translate("StartPage", "To&pics:"))
        self.topics_list = CompactList()
        self.topics_list.setAccessibleName(translate("StartPage", "Topics"))
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
        self.region_combo.setAccessibleName(translate("StartPage", "Your region"))
        self.region_combo.addItem(
            translate("StartPage", "Not set: show the controls of every region"), ALL_REGIONS
        )
        for code, name in region_choices():
            self.region_combo.addItem(name, code)
        self.region_combo.currentIndexChanged.connect(self._region_changed)
        self.region_combo.currentIndexChanged.connect(self.changed)
        region_label = QLabel(translate("StartPage", "&Region:"))
        region_label.setBuddy(self.region_combo)
        region_note = secondary_label(
            translate(
                "StartPage",
                "Every category is shown wherever you live: what a platform collects concerns "
                "everyone. Your region decides which control each page offers (some forms "
                "exist only in the EU or the UK), and each page says what other regions get.",
            )
        )
        region_line = QHBoxLayout()
        region_line.addWidget(region_label)
        region_line.addWidget(self.region_combo, 1)

        self.plan_label = heading_label("")
        self.plan_label.setAccessibleName(translate("StartPage", "Size of this review"))

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
        items = list(self.platform_items.values())
        # Names longer than about 22 characters are shortened rather than widen the column.
        longest_name = min(
            max((metrics.horizontalAdvance(i.text(0)) for i in items), default=0),
            22 * metrics.averageCharWidth(),
        )
        longest_count = max((metrics.horizontalAdvance(i.text(1)) for i in items), default=0)
        # Indentation, check box, icon and gaps, and the tree's scroll bar.
        extras = self.platform_tree.indentation() + 3 * self.platform_tree.iconSize().width()
        scrollbar = self.platform_tree.verticalScrollBar().sizeHint().width()
        platforms = longest_name + longest_count + extras + scrollbar
        platforms = max(platforms, self.reviewed_button.sizeHint().width() * 3 // 2)
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
            self._set_checked(choice.platform_ids)
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
        platform_ids = self.checked_platforms()
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
        elif steps == 1:
            self.plan_label.setText(
                translate(
                    "StartPage", "This review has %n category. Press Next to start.", "", steps
                )
            )
        else:
            self.plan_label.setText(
                translate(
                    "StartPage", "This review has %n categories. Press Next to start.", "", steps
                )
            )

    def first_focus(self) -> QWidget:
        """The platform list, its current item the first chosen platform (or the first)."""
        if not self.platform_items:
            return self.region_combo
        chosen = self.checked_platforms()
        first = chosen[0] if chosen else next(iter(self.platform_items))
        self.platform_tree.setCurrentItem(self.platform_items[first])
        return self.platform_tree

    # --- the platform chooser ------------------------------------------------------------

    def checked_platforms(self) -> tuple[str, ...]:
        """The chosen platform ids, in the catalog's order (filtered-out ones included)."""
        return tuple(
            platform.id
            for platform in self._catalog.platforms
            if self.is_platform_checked(platform.id)
        )

    def is_platform_checked(self, platform_id: str) -> bool:
        return self.platform_items[platform_id].checkState(0) == Qt.CheckState.Checked

    def set_platform_checked(self, platform_id: str, checked: bool) -> None:
        """Tick or untick one platform, as a click on its check box does."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.platform_items[platform_id].setCheckState(0, state)

    def set_platforms(self, platform_ids: Sequence[str]) -> None:
        """Choose exactly ``platform_ids`` (one ``changed`` for the whole choice)."""
        self._set_checked(platform_ids)
        self._update_counts()
        self.changed.emit()

    def reviewed_platforms(self) -> tuple[str, ...]:
        """The platforms with at least one decision in the checklist."""
        decided = {row.platform_id for row in self._rows if row.decision is not None}
        return tuple(p.id for p in self._catalog.platforms if p.id in decided)

    def choose_reviewed(self) -> None:
        self.set_platforms(self.reviewed_platforms())

    def visible_platforms(self) -> list[str]:
        """The platform ids the filter shows, in the tree's order."""
        return [pid for pid, item in self.platform_items.items() if not item.isHidden()]

    def _set_checked(self, platform_ids: Sequence[str]) -> None:
        wanted = set(platform_ids)
        self._syncing = True
        try:
            for platform_id, item in self.platform_items.items():
                state = Qt.CheckState.Checked if platform_id in wanted else Qt.CheckState.Unchecked
                item.setCheckState(0, state)
            self._sync_groups()
        finally:
            self._syncing = False

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._syncing or column != 0:
            return
        self._syncing = True
        try:
            if item.data(0, PLATFORM_ROLE) is None:
                # A group's box ticks or unticks the platforms the filter shows in it: a
                # platform the user cannot see is never chosen by surprise.
                state = item.checkState(0)
                if state == Qt.CheckState.PartiallyChecked:
                    state = Qt.CheckState.Checked
                for child in _children(item):
                    if not child.isHidden():
                        child.setCheckState(0, state)
            self._sync_groups()
        finally:
            self._syncing = False
        self._update_counts()
        self.changed.emit()

    def _sync_groups(self) -> None:
        """Each group's box says whether all, some or none of its platforms are chosen."""
        for group_item in self.group_items.values():
            children = _children(group_item)
            checked = sum(child.checkState(0) == Qt.CheckState.Checked for child in children)
            if checked == 0:
                state = Qt.CheckState.Unchecked
            elif checked == len(children):
                state = Qt.CheckState.Checked
            else:
                state = Qt.CheckState.PartiallyChecked
            group_item.setCheckState(0, state)
            chosen = translate("StartPage", "{chosen} of {platforms} chosen")
            group_item.setText(
                1, chosen.format(chosen=checked, platforms=len(children)) if checked else ""
            )

    def _apply_filter(self, text: str) -> None:
        for group_item in self.group_items.values():
            shown = 0
            for child in _children(group_item):
                platform = self._catalog.platform(child.data(0, PLATFORM_ROLE))
                hidden = platform is None or not matches(platform, text)
                child.setHidden(hidden)
                shown += not hidden
            group_item.setHidden(shown == 0)
        self.filter_status.setText(self._filter_text(text))
        self.filter_status.setVisible(bool(self.filter_status.text()))
        current = self.platform_tree.currentItem()
        if current is None or current.isHidden():
            visible = self.visible_platforms()
            if visible:
                self.platform_tree.setCurrentItem(self.platform_items[visible[0]])

    def _filter_text(self, text: str) -> str:
        if not text.strip():
            return ""
        shown = len(self.visible_platforms())
        if not shown:
            return translate("StartPage", "No platform matches “{filter}”.").format(
                filter=text.strip()
            )
        hidden = sum(self.platform_items[pid].isHidden() for pid in self.checked_platforms())
        if hidden:
            # Two counts, one sentence: the first decides the form; the second is a number.
            if shown == 1:
                result = translate(
                    "StartPage", "%n platform shown; {hidden} chosen but not shown.", "", shown
                )
            else:
                result = translate(
                    "StartPage", "%n platforms shown; {hidden} chosen but not shown.", "", shown
                )
            return result.format(hidden=hidden)
        if shown == 1:
            return translate("StartPage", "%n platform shown.", "", shown)
        return translate("StartPage", "%n platforms shown.", "", shown)

    def _scope_toggled(self, _checked: bool = False) -> None:
        topic_mode = self.scope_buttons[Scope.TOPICS].isChecked()
        self.topics_list.setEnabled(topic_mode)
        self.topics_label.setEnabled(topic_mode)

    def _region_changed(self, _index: int) -> None:
        self._update_counts()

    def _update_counts(self) -> None:
        self._syncing = True  # text changes raise itemChanged too
        try:
            for platform_id, item in self.platform_items.items():
                counts = platform_counts(self._rows, platform_id)
                text = counts_text(counts.offered, counts.unreviewed)
                item.setText(1, text)
                item.setToolTip(
                    0,
                    translate("StartPage", "{platform}: {counts}").format(
                        platform=item.text(0), counts=text
                    ),
                )
        finally:
            self._syncing = False
        if self.filter_edit.text():
            self.filter_status.setText(self._filter_text(self.filter_edit.text()))
        self._arrange_columns()
