"""The checklist as a Qt item model: platforms at the top level, their categories below.

The model holds ``ChecklistRow`` objects built by ``gui.checklist.build_checklist`` and never
talks to the store itself: edits go through a *recorder* the window supplies, so the model
can be tested (and checked by ``qtmodeltester``) without a database.

Index layout: a platform index has internal id 0; a category index has internal id
``platform_row + 1``, which is all ``parent()`` needs. No Python object pointers are kept in
indexes, so nothing can dangle after a reset.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from gui.checklist import STATUS_LABELS, ChecklistRow, Status

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    CATEGORY = 0
    STATUS = 1
    DECIDED = 2
    NOTE = 3
    FLAGS = 4


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


class ChecklistModel(QAbstractItemModel):
    """Platforms with their progress line, and their categories with the user's decision.
    Status and note are editable when a recorder is set and the row can be decided."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[_PlatformGroup] = []
        self._recorder: Recorder | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # -- feeding -----------------------------------------------------------------------

    def set_recorder(self, recorder: Recorder | None) -> None:
        self._recorder = recorder

    def set_rows(self, rows: Sequence[ChecklistRow]) -> None:
        """Show ``rows``. When only the contents changed (the same platforms and categories
        in the same order), rows are updated in place so selection and expansion survive;
        otherwise the model resets."""
        groups = _group(rows)
        if [(g.platform_id, [r.category_id for r in g.rows]) for g in groups] == [
            (g.platform_id, [r.category_id for r in g.rows]) for g in self._groups
        ]:
            for group_row, (old, new) in enumerate(zip(self._groups, groups, strict=True)):
                for row_number, (before, after) in enumerate(zip(old.rows, new.rows, strict=True)):
                    if before != after:
                        self._replace(group_row, row_number, after)
            return
        self.beginResetModel()
        self._groups = groups
        self.endResetModel()

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
        group = self._groups[group_row]
        group.rows[row_number] = row
        group.blobs[row_number] = search_blob(row)
        group.progress = progress_of(group.rows)
        parent = self.index(group_row, 0)
        last = len(Column) - 1
        self.dataChanged.emit(
            self.index(row_number, 0, parent), self.index(row_number, last, parent)
        )
        self.dataChanged.emit(self.index(group_row, 0), self.index(group_row, last))

    # -- lookups for the window and the filter -----------------------------------------

    def row_for(self, index: AnyIndex) -> ChecklistRow | None:
        """The category row at ``index`` (any column), None for platform rows."""
        if not index.isValid() or index.model() is not self or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        return group.rows[index.row()]

    def entry(self, platform_row: int, row: int) -> tuple[ChecklistRow, str]:
        """Row and search blob without building an index (the filter's hot path)."""
        group = self._groups[platform_row]
        return group.rows[row], group.blobs[row]

    def platform_id_for(self, index: AnyIndex) -> str | None:
        if not index.isValid() or index.model() is not self:
            return None
        group_row = index.row() if index.internalId() == 0 else index.internalId() - 1
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

    # -- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0:  # categories have no children
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self._groups[parent.row()].rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() == 0:
            return flags
        row = self.row_for(index)
        if self._recorder is None or row is None or row.retired:
            return flags
        # A note belongs to a decision, so it can be typed once a status is chosen.
        if index.column() == Column.STATUS or (
            index.column() == Column.NOTE and row.decision is not None
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._platform_data(self._groups[index.row()], index.column(), role)
        row = self.row_for(index)
        assert row is not None
        return self._category_data(row, index.column(), role)

    def _platform_data(self, group: _PlatformGroup, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.CATEGORY:
                return group.name
            if column == Column.STATUS:
                return group.progress.line
            return None
        if role == Qt.ItemDataRole.FontRole and column == Column.CATEGORY:
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.CATEGORY:
            return f"{group.name}: {group.progress.line}"
        if role == KEY_ROLE:
            return (group.platform_id, "")
        if role == IS_PLATFORM_ROLE:
            return True
        if role == PROGRESS_ROLE:
            return group.progress
        return None

    def _category_data(self, row: ChecklistRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == Column.STATUS:
                return row.status.value if row.status else ""
            if column == Column.NOTE:
                return row.decision.note if row.decision else ""
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
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


def _group(rows: Sequence[ChecklistRow]) -> list[_PlatformGroup]:
    groups: list[_PlatformGroup] = []
    by_id: dict[str, _PlatformGroup] = {}
    for row in rows:
        group = by_id.get(row.platform_id)
        if group is None:
            group = _PlatformGroup(row.platform_id, row.platform_name, [], [], progress_of([]))
            by_id[row.platform_id] = group
            groups.append(group)
        group.rows.append(row)
        group.blobs.append(search_blob(row))
    for group in groups:
        group.progress = progress_of(group.rows)
    return groups


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
