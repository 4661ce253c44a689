"""The checklist as a Qt item model: platforms at the top level, their categories below.

The model holds ``ChecklistRow`` objects built by ``gui.core.checklist.build_checklist`` and never
talks to the store itself: edits go through a *recorder* the window supplies, so the model
can be tested (and checked by ``qtmodeltester``) without a database.

The tree's shape is kept in C++: the model mirrors (as a ``QIdentityProxyModel``) a
``QStandardItemModel`` with one item per cell that carries the cell's flags and what a
delegate paints (its text; the bold font of platform names). Every index, parent, row count
and flags question the filter proxy and the tree view ask (several per row each time the
view lays out a thousand rows) is then answered without calling into Python, and painting a
cell takes one call into Python instead of one per role. ``data`` stays in Python and is
the reference: the items are refreshed wherever a row changes (``_replace_rows``, a reset)
and hold the same values. No Python objects are kept in indexes, so nothing can dangle
after a reset.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from gui.core.checklist import STATUS_LABELS, ChecklistRow, Status

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    CATEGORY = 0
    STATUS = 1
    DECIDED = 2
    NOTE = 3
    FLAGS = 4


COLUMN_COUNT = len(Column)

HEADERS = {
    Column.CATEGORY: "Category",
    Column.STATUS: "Status",
    Column.DECIDED: "Decided on",
    Column.NOTE: "Note",
    Column.FLAGS: "Flags",
}

# Custom roles. Python objects travel through QVariant unchanged in PySide6.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ChecklistRow (None on platform rows)
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # (platform_id, category_id or "")
IS_PLATFORM_ROLE = Qt.ItemDataRole.UserRole + 3  # bool
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 4  # PlatformProgress (platform rows only)

# Looked up once: ``data`` runs for many cells.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_FONT = Qt.ItemDataRole.FontRole
_TOOL_TIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole
_PLATFORM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CATEGORY_FLAGS = _PLATFORM_FLAGS | Qt.ItemFlag.ItemNeverHasChildren

# What a delegate asks for to paint a cell (QStyledItemDelegate.initStyleOption): the
# mirrored items hold these, the text and the platform names' bold font, with the same values
# as ``data`` (no cell has a colour, icon, alignment or check box).
_PAINTED_ROLES = frozenset(
    {
        _DISPLAY,
        _FONT,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.CheckStateRole,
    }
)

# A recorder stores a new decision and returns the rebuilt row, or None when it could not
# (it has told the user why). The window's recorder writes to the store; without a recorder
# the model is read-only.
Recorder = Callable[[ChecklistRow, Status, str], ChecklistRow | None]


@dataclass(frozen=True)
class PlatformProgress:
    """How far the user got with one platform. Retired rows are not counted: there is
    nothing left to do about them."""

    total: int
    reviewed: int  # decided, and not merely "later"
    to_recheck: int  # decided but changed in the catalog since, or due again
    retired: int

    @property
    def line(self) -> str:
        text = f"{self.reviewed} of {self.total} reviewed"
        if self.to_recheck:
            text += f", {self.to_recheck} to re-check"
        if self.retired:
            text += f", {self.retired} retired"
        return text


def progress_of(rows: Sequence[ChecklistRow]) -> PlatformProgress:
    current = [r for r in rows if not r.retired]
    return PlatformProgress(
        total=len(current),
        reviewed=sum(1 for r in current if r.decision and r.status is not Status.LATER),
        to_recheck=sum(1 for r in current if r.decision and (r.changed or r.due)),
        retired=len(rows) - len(current),
    )


def search_blob(row: ChecklistRow) -> str:
    """Everything the search field looks in, lowercased once so filtering a keystroke is a
    substring test per row."""
    parts = [row.title, row.platform_name, row.category_id]
    if row.category is not None:
        parts.append(row.category.collected)
    if row.decision is not None:
        parts.append(row.decision.note)
    return "\n".join(parts).casefold()


def plain_tooltip(text: str) -> str:
    """Tool tips guess rich text from the content; escaping makes user and catalog text show
    literally whatever it contains."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def local_date(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d")


def local_datetime(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def first_line(text: str) -> str:
    line, _, rest = text.strip().partition("\n")
    return f"{line} …" if rest.strip() else line


@dataclass
class _PlatformGroup:
    platform_id: str
    name: str
    rows: list[ChecklistRow]
    blobs: list[str]
    progress: PlatformProgress
    # Unique to this state of the rows (renewed whenever one changes): the filter keeps
    # its answers for a platform until it changes.
    version: int = field(default_factory=lambda: next(_VERSIONS))


_VERSIONS = itertools.count(1)


class ChecklistModel(QIdentityProxyModel):
    """Platforms with their progress line, and their categories with the user's decision.
    Status and note are editable when a recorder is set and the row can be decided.

    The tree's shape, each cell's flags and what it paints live in a ``QStandardItemModel``
    that this model mirrors (see the module docstring); the rows themselves, and every value
    ``data`` gives, stay here in Python."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[_PlatformGroup] = []
        self._recorder: Recorder | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._incoming: list[_PlatformGroup] | None = None
        self._shape = _build_shape([], editable=False, bold=self._bold)
        self.setSourceModel(self._shape)

    # -- feeding -----------------------------------------------------------------------

    def set_recorder(self, recorder: Recorder | None) -> None:
        self._recorder = recorder
        # Which cells are editable follows (quietly, as before: nothing is shown differently).
        blocked = self._shape.blockSignals(True)
        try:
            for group_row, group in enumerate(self._groups):
                for row_number, row in enumerate(group.rows):
                    self._set_row_flags(group_row, row_number, row)
        finally:
            self._shape.blockSignals(blocked)

    def set_rows(self, rows: Sequence[ChecklistRow]) -> None:
        """Show ``rows``. When only the contents changed (the same platforms and categories
        in the same order), rows are updated in place so selection and expansion survive;
        otherwise the model resets."""
        groups = _group(rows, complete=False)  # search text and progress: for what changed
        if [(g.platform_id, [r.category_id for r in g.rows]) for g in groups] == [
            (g.platform_id, [r.category_id for r in g.rows]) for g in self._groups
        ]:
            for group_row, (old, new) in enumerate(zip(self._groups, groups, strict=True)):
                changed = [
                    row_number
                    for row_number, (before, after) in enumerate(
                        zip(old.rows, new.rows, strict=True)
                    )
                    if before != after
                ]
                if changed:
                    self._replace_rows(group_row, {n: new.rows[n] for n in changed})
            return
        for group in groups:
            _complete(group)
        # A new shape, built while nothing listens to it; swapping it in is the reset, and
        # the rows change with it, in ``resetInternalData`` (views see the old rows until
        # the reset begins and the new ones once it ends).
        self._shape = _build_shape(groups, editable=self._recorder is not None, bold=self._bold)
        self._incoming = groups
        try:
            self.setSourceModel(self._shape)
        finally:
            self._incoming = None

    def resetInternalData(self) -> None:
        # Called by Qt within a reset, between its begin and its end.
        if self._incoming is not None:
            self._groups = self._incoming
        super().resetInternalData()

    def update_row(self, row: ChecklistRow) -> None:
        """Replace the row with the same platform and category (after an edit)."""
        for group_row, group in enumerate(self._groups):
            if group.platform_id != row.platform_id:
                continue
            for row_number, existing in enumerate(group.rows):
                if existing.category_id == row.category_id:
                    self._replace(group_row, row_number, row)
                    return

    def _replace(self, group_row: int, row_number: int, row: ChecklistRow) -> None:
        self._replace_rows(group_row, {row_number: row})

    def _replace_rows(self, group_row: int, rows: dict[int, ChecklistRow]) -> None:
        """Put new rows in one platform's places (row number -> row) and say so."""
        group = self._groups[group_row]
        blocked = self._shape.blockSignals(True)  # announced below
        try:
            platform = self._shape.item(group_row, 0)
            for row_number, row in rows.items():
                group.rows[row_number] = row
                group.blobs[row_number] = search_blob(row)
                self._set_row_flags(group_row, row_number, row)
                for column, text in enumerate(_texts(row)):
                    platform.child(row_number, column).setText(text)
            group.progress = progress_of(group.rows)
            group.version = next(_VERSIONS)
            self._shape.item(group_row, Column.STATUS).setText(group.progress.line)
        finally:
            self._shape.blockSignals(blocked)
        parent = self.index(group_row, 0)
        last = COLUMN_COUNT - 1
        for row_number in rows:
            self.dataChanged.emit(
                self.index(row_number, 0, parent), self.index(row_number, last, parent)
            )
        self.dataChanged.emit(self.index(group_row, 0), self.index(group_row, last))

    def _set_row_flags(self, group_row: int, row_number: int, row: ChecklistRow) -> None:
        platform = self._shape.item(group_row, 0)
        for column, flags in enumerate(_category_flags(row, editable=self._recorder is not None)):
            item = platform.child(row_number, column)
            if item.flags() != flags:
                item.setFlags(flags)

    # -- lookups for the window and the filter -----------------------------------------

    def row_for(self, index: AnyIndex) -> ChecklistRow | None:
        """The category row at ``index`` (any column), None for platform rows."""
        if not index.isValid() or index.model() is not self:
            return None
        parent = index.parent()
        if not parent.isValid():
            return None
        return self._groups[parent.row()].rows[index.row()]

    def entry(self, platform_row: int, row: int) -> tuple[ChecklistRow, str]:
        """Row and search blob without building an index (the filter's hot path)."""
        group = self._groups[platform_row]
        return group.rows[row], group.blobs[row]

    def group_version(self, platform_row: int) -> int:
        """A number that changes whenever one of the platform's rows does (unique across
        platforms and resets)."""
        return self._groups[platform_row].version

    def group_entries(self, platform_row: int) -> zip[tuple[ChecklistRow, str]]:
        """(row, search blob) for every category of one platform, in order."""
        group = self._groups[platform_row]
        return zip(group.rows, group.blobs, strict=True)

    def platform_id_for(self, index: AnyIndex) -> str | None:
        if not index.isValid() or index.model() is not self:
            return None
        parent = index.parent()
        group_row = parent.row() if parent.isValid() else index.row()
        return self._groups[group_row].platform_id

    def progress(self, platform_id: str) -> PlatformProgress | None:
        for group in self._groups:
            if group.platform_id == platform_id:
                return group.progress
        return None

    def index_for(self, platform_id: str, category_id: str | None = None) -> QModelIndex:
        for group_row, group in enumerate(self._groups):
            if group.platform_id != platform_id:
                continue
            parent = self.index(group_row, 0)
            if category_id is None:
                return parent
            for row_number, row in enumerate(group.rows):
                if row.category_id == category_id:
                    return self.index(row_number, 0, parent)
        return QModelIndex()

    def all_rows(self) -> list[ChecklistRow]:
        return [row for group in self._groups for row in group.rows]

    def platform_count(self) -> int:
        return len(self._groups)

    # -- the item model: shape and flags come from the mirrored items (in C++); values
    # -- from here ---------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
            return HEADERS[Column(section)]
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        parent = index.parent()
        if not parent.isValid():
            return self._platform_data(self._groups[index.row()], index.column(), role)
        row = self._groups[parent.row()].rows[index.row()]
        return self._category_data(row, index.column(), role)

    def multiData(self, index: AnyIndex, roleDataSpan: Any) -> None:  # noqa: N803
        """Several roles of one cell in one call: what a delegate asks for each cell it
        paints. When every role asked for is one the mirrored items carry (the text, the
        platform names' bold font, and the colours, icons and alignment that no cell has),
        the items answer in C++; otherwise the same values as ``data``, role by role."""
        if not index.isValid():
            for role_data in roleDataSpan:
                role_data.clearData()
            return
        for role_data in roleDataSpan:
            if role_data.role() not in _PAINTED_ROLES:
                break
        else:
            self._shape.multiData(self.mapToSource(index), roleDataSpan)
            return
        column = index.column()
        parent = index.parent()
        if not parent.isValid():
            group = self._groups[index.row()]
            for role_data in roleDataSpan:
                role_data.setData(self._platform_data(group, column, role_data.role()))
            return
        row = self._groups[parent.row()].rows[index.row()]
        for role_data in roleDataSpan:
            role_data.setData(self._category_data(row, column, role_data.role()))

    def itemData(self, index: AnyIndex) -> dict[int, Any]:
        # Every role through ``data`` (the mirrored items hold none).
        return QAbstractItemModel.itemData(self, index)

    def _platform_data(self, group: _PlatformGroup, column: int, role: int) -> Any:
        if role == _DISPLAY:
            if column == Column.CATEGORY:
                return group.name
            if column == Column.STATUS:
                return group.progress.line
            return None
        if role == _FONT and column == Column.CATEGORY:
            return self._bold
        if role == _ACCESSIBLE_TEXT and column == Column.CATEGORY:
            return f"{group.name}: {group.progress.line}"
        if role == KEY_ROLE:
            return (group.platform_id, "")
        if role == IS_PLATFORM_ROLE:
            return True
        if role == PROGRESS_ROLE:
            return group.progress
        return None

    def _category_data(self, row: ChecklistRow, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return _display(row, column)
        if role == _EDIT:
            if column == Column.STATUS:
                return row.status.value if row.status else ""
            if column == Column.NOTE:
                return row.decision.note if row.decision else ""
            return _display(row, column)
        if role == _TOOL_TIP:
            return _tooltip(row, column)
        if role == ROW_ROLE:
            return row
        if role == KEY_ROLE:
            return (row.platform_id, row.category_id)
        if role == IS_PLATFORM_ROLE:
            return False
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self.row_for(index)
        if row is None or self._recorder is None:
            return False
        note = row.decision.note if row.decision else ""
        status = row.status
        if index.column() == Column.STATUS:
            try:
                status = Status(value)
            except ValueError:
                return False
        else:
            note = str(value)
        if status is None or (status is row.status and row.decision and note == row.decision.note):
            return status is not None  # nothing to record
        new_row = self._recorder(row, status, note)
        if new_row is None:
            return False
        self.update_row(new_row)
        return True


_EDITABLE_FLAGS = _CATEGORY_FLAGS | Qt.ItemFlag.ItemIsEditable


def _editable_columns(row: ChecklistRow, *, editable: bool) -> tuple[bool, bool]:
    """Whether (status, note) can be edited in place; ``editable`` when a recorder is set.
    A note belongs to a decision, so it can be typed once a status is chosen."""
    if not editable or row.retired:
        return False, False
    return True, row.decision is not None


def _category_flags(row: ChecklistRow, *, editable: bool) -> list[Qt.ItemFlag]:
    """Each column's flags for a category row."""
    status, note = _editable_columns(row, editable=editable)
    flags = [_CATEGORY_FLAGS] * COLUMN_COUNT
    if status:
        flags[Column.STATUS] = _EDITABLE_FLAGS
    if note:
        flags[Column.NOTE] = _EDITABLE_FLAGS
    return flags


def _build_shape(
    groups: Sequence[_PlatformGroup], *, editable: bool, bold: QFont
) -> QStandardItemModel:
    """The items the model mirrors: one per cell, with the cell's flags and what a delegate
    paints (``_PAINTED_ROLES``: the text, and the bold font of platform names). Categories
    never have children, which spares the view from asking."""
    shape = QStandardItemModel(0, COLUMN_COUNT)
    prototypes = []
    for flags in (_PLATFORM_FLAGS, _CATEGORY_FLAGS, _EDITABLE_FLAGS):
        prototype = QStandardItem()
        prototype.setFlags(flags)
        prototypes.append(prototype)
    platform_item, fixed, editable_item = (prototype.clone for prototype in prototypes)
    # Every category row is one of three kinds, by (status editable, note editable).
    kinds = {
        (status, note): tuple(
            editable_item
            if (column == Column.STATUS and status) or (column == Column.NOTE and note)
            else fixed
            for column in range(COLUMN_COUNT)
        )
        for status, note in ((False, False), (True, False), (True, True))
    }
    root = shape.invisibleRootItem()
    for group in groups:
        platform = [platform_item() for _ in range(COLUMN_COUNT)]
        platform[Column.CATEGORY].setText(group.name)
        platform[Column.CATEGORY].setFont(bold)
        platform[Column.STATUS].setText(group.progress.line)
        append = platform[0].appendRow
        for row in group.rows:
            items = [make() for make in kinds[_editable_columns(row, editable=editable)]]
            for item, text in zip(items, _texts(row), strict=True):
                item.setText(text)
            append(items)
        root.appendRow(platform)
    return shape


def _texts(row: ChecklistRow) -> list[str]:
    """``_display`` for every column, in one go (the model fills a thousand rows)."""
    decision = row.decision
    return [
        row.title,
        row.status_label,
        local_date(decision.decided_at) if decision else "",
        first_line(decision.note) if decision else "",
        "; ".join(row.flags),
    ]


def _group(rows: Sequence[ChecklistRow], *, complete: bool = True) -> list[_PlatformGroup]:
    """Rows by platform, in order; with ``complete``, with their search text and progress
    (see ``_complete``)."""
    groups: list[_PlatformGroup] = []
    by_id: dict[str, _PlatformGroup] = {}
    for row in rows:
        group = by_id.get(row.platform_id)
        if group is None:
            group = _PlatformGroup(row.platform_id, row.platform_name, [], [], progress_of([]))
            by_id[row.platform_id] = group
            groups.append(group)
        group.rows.append(row)
    if complete:
        for group in groups:
            _complete(group)
    return groups


def _complete(group: _PlatformGroup) -> None:
    group.blobs = [search_blob(row) for row in group.rows]
    group.progress = progress_of(group.rows)


def _display(row: ChecklistRow, column: int) -> str | None:
    if column == Column.CATEGORY:
        return row.title
    if column == Column.STATUS:
        return row.status_label
    if column == Column.DECIDED:
        return local_date(row.decision.decided_at) if row.decision else ""
    if column == Column.NOTE:
        return first_line(row.decision.note) if row.decision else ""
    if column == Column.FLAGS:
        return "; ".join(row.flags)
    return None


def _tooltip(row: ChecklistRow, column: int) -> str | None:
    if column == Column.CATEGORY and row.category is not None:
        return plain_tooltip(row.category.collected)
    if column == Column.NOTE and row.decision and row.decision.note:
        return plain_tooltip(row.decision.note)
    if column == Column.DECIDED and row.decision:
        return plain_tooltip(f"Decided {local_datetime(row.decision.decided_at)}")
    return None


def status_choices() -> list[tuple[str, str]]:
    """(value, label) pairs for an editor, in the order the wizard offers them."""
    return [(status.value, STATUS_LABELS[status]) for status in Status]
