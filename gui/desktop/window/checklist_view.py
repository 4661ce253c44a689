"""The checklist tree view and its in-place editors: a list of statuses for the Status
column and a line editor for one-line notes (longer notes are edited in the detail pane,
where they fit)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from gui.desktop.i18n import translate
from gui.desktop.window.checklist_model import (
    IS_PLATFORM_ROLE,
    PROGRESS_ROLE,
    Column,
    status_choices,
)

AnyIndex = QModelIndex | QPersistentModelIndex

# Category takes what is left (it stretches); the others start at these widths.
DEFAULT_WIDTHS = {
    Column.STATUS: 110,
    Column.DECIDED: 90,
    Column.NOTE: 140,
    Column.FLAGS: 175,
}
MIN_CATEGORY_WIDTH = 200
# The title's share of the tree's width: the note and flags columns give way until it has
# it. Most rows have no note and no flag, and both are shown in full in the detail pane and
# the tooltip; a title cut short is the row the user cannot read.
CATEGORY_SHARE = 0.5
NARROW_WIDTH = 60  # what the note and flags columns shrink to at the least
YIELDING = (Column.NOTE, Column.FLAGS)  # the columns that give the title room
# Left out, in this order, while the title would still get less than MIN_CATEGORY_WIDTH:
# the flags are counted on the platform's line and the date is in the detail pane ("Your
# decision of 2 Dec 2026"), but nothing else on the row names the category.
LEFT_OUT_WHEN_NARROW = (Column.FLAGS, Column.DECIDED)


class ChecklistDelegate(QStyledItemDelegate):
    """The editors. It leaves ``initStyleOption`` to Qt: that runs for every cell painted,
    and a Python override there costs a call into Python per cell."""

    # Qt takes no editor (None) as "not editable"; the stubs say it must return a widget.
    def createEditor(  # type: ignore[override]
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget | None:
        if index.column() == Column.STATUS:
            combo = QComboBox(parent)
            combo.setAccessibleName(translate("ChecklistView", "Status"))
            for value, label in status_choices():
                combo.addItem(label, value)
            # Choosing commits at once, like the radio buttons in the detail pane.
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if index.column() == Column.NOTE:
            if "\n" in (index.data(Qt.ItemDataRole.EditRole) or ""):
                return None  # a multi-line note would be flattened in one line
            editor = QLineEdit(parent)
            editor.setAccessibleName(translate("ChecklistView", "Note"))
            return editor
        return super().createEditor(parent, option, index)

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class CategoryColumnDelegate(ChecklistDelegate):
    """The first column's delegate: platform rows span the whole width (see ChecklistView)
    and carry their progress line after the name: "X (formerly Twitter) — 4 of 17 reviewed,
    1 to re-check"."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() == 0 and index.data(IS_PLATFORM_ROLE):
            progress = index.data(PROGRESS_ROLE)
            if progress is not None:
                option.text = f"{index.data()}  —  {progress.line}"


class ChecklistView(QTreeView):
    """The checklist tree. Column widths: the category title stretches; status and date
    keep their widths; the note and flags columns have a *preferred* width (the default,
    the user's drag, or what was remembered from last time) and give way when the title
    would get less than ``CATEGORY_SHARE`` of the tree, down to ``NARROW_WIDTH``; with room
    again, they grow back to it (``fit_columns``, on every resize). In a tree too narrow
    for even that (an 800-pixel window), the flags column and then the date are left out
    (``LEFT_OUT_WHEN_NARROW``): the platform's line counts what is to re-check, and the
    detail pane says why and when."""

    _preferred: dict[Column, int]  # note and flags: set with the columns (setup_columns)
    _fitting: bool  # True while fit_columns sets widths: those are not the user's

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Give the category title its share of a narrow tree: the note and flags columns
        give way (their text is elided, and shown in full in the tooltip and the detail
        pane), in proportion to their preferred widths; status and date keep theirs."""
        available = self.viewport().width()
        if available <= 0 or not self._preferred:
            return
        widths_now = {
            Column.STATUS: self.columnWidth(Column.STATUS),
            Column.DECIDED: self.columnWidth(Column.DECIDED) or DEFAULT_WIDTHS[Column.DECIDED],
        }
        shown = dict(self._preferred)
        left_out: set[Column] = set()
        for column in LEFT_OUT_WHEN_NARROW:
            fixed = sum(w for c, w in widths_now.items() if c not in left_out)
            if available - fixed - NARROW_WIDTH * len(shown) >= MIN_CATEGORY_WIDTH:
                break
            left_out.add(column)
            shown.pop(column, None)
        fixed = sum(w for c, w in widths_now.items() if c not in left_out)
        title = max(MIN_CATEGORY_WIDTH, int(available * CATEGORY_SHARE))
        spare = max(available - fixed - title, 0)
        wanted = sum(shown.values())
        widths = {
            column: NARROW_WIDTH  # a tree this narrow gives every pixel left to the title
            if left_out
            else preferred
            if spare >= wanted
            else min(preferred, max(NARROW_WIDTH, spare * preferred // wanted))
            for column, preferred in shown.items()
        }
        self._fitting = True
        try:
            for column in LEFT_OUT_WHEN_NARROW:
                if self.isColumnHidden(column) != (column in left_out):
                    self.setColumnHidden(column, column in left_out)
            for column, width in widths.items():
                if self.columnWidth(column) != width:
                    self.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def keep_widths(self) -> None:
        """Take the note and flags columns' widths as they are now (restored from last
        time) as their preferred widths."""
        self._preferred = {
            column: self.columnWidth(column) or self._preferred.get(column, DEFAULT_WIDTHS[column])
            for column in YIELDING
        }

    def show_preferred_widths(self) -> None:
        """Put the note and flags columns back at their preferred widths, so that what is
        saved for next time is the user's widths, not what this window's size made of
        them (a narrow window once would otherwise narrow them for good)."""
        self._fitting = True
        try:
            for column in LEFT_OUT_WHEN_NARROW:
                self.setColumnHidden(column, False)
            for column, width in self._preferred.items():
                self.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting and column in self._preferred and new > 0:
            self._preferred[Column(column)] = new  # the user dragged it (0: hidden)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.setAccessibleName(translate("ChecklistView", "Checklist"))
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setItemDelegate(ChecklistDelegate(self))
        self.setItemDelegateForColumn(Column.CATEGORY, CategoryColumnDelegate(self))
        self.setSortingEnabled(False)  # turned on once a model is set (see set_model)
        self.setExpandsOnDoubleClick(True)
        self.setAllColumnsShowFocus(True)
        self._preferred = {}
        self._fitting = False

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.span_platform_rows)
            model.layoutChanged.connect(self.span_platform_rows)
            model.rowsInserted.connect(self._on_rows_inserted)
            self.span_platform_rows()

    def expandToDepth(self, depth: int) -> None:  # noqa: N802
        """Expand the tree down to ``depth``. The checklist has two levels and categories
        have no children, so at depth 0 this only has to expand the platforms still
        collapsed (one filtered out and back in comes back collapsed): Qt's own version
        lays out and repaints all thousand rows even when every platform is open already,
        and the window asks for it after every filter change and reload."""
        model = self.model()
        if depth != 0 or model is None:
            super().expandToDepth(depth)
            return
        root = QModelIndex()
        for row in range(model.rowCount(root)):
            index = model.index(row, 0, root)
            if not self.isExpanded(index):
                self.expand(index)

    def span_platform_rows(self, *_args: object) -> None:
        """Platform rows use the full width for their name and progress line."""
        model = self.model()
        if model is not None:
            self._span(0, model.rowCount(QModelIndex()) - 1)

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        # Filtering inserts and removes rows all the time; only top-level ones are platforms.
        if not parent.isValid():
            self._span(first, last)

    def _span(self, first: int, last: int) -> None:
        root = QModelIndex()
        for row in range(first, last + 1):
            if not self.isFirstColumnSpanned(row, root):
                self.setFirstColumnSpanned(row, root, True)

    def setup_columns(self) -> None:
        """Default widths (before any saved state is restored) and sorting that can be
        cleared back to catalog order by clicking the header a third time."""
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.CATEGORY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.setColumnWidth(Column.CATEGORY, MIN_CATEGORY_WIDTH)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for column, width in DEFAULT_WIDTHS.items():
            self.setColumnWidth(column, width)
        self._preferred = {column: DEFAULT_WIDTHS[column] for column in YIELDING}
        header.sectionResized.connect(self._section_resized)
        self.setSortingEnabled(True)
