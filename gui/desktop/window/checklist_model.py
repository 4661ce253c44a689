"""The checklist as a Qt item model: platforms at the top level, their categories below.

The model holds ``ChecklistRow`` objects built by ``gui.core.checklist.build_checklist`` and never
talks to the store itself: edits go through a *recorder* the window supplies, so the model
can be tested (and checked by ``qtmodeltester``) without a database.

One source of truth, and what is derived from it
-------------------------------------------------
The rows (``_PlatformGroup.rows``, platform by platform, in order) are the only state.
Everything else is worked out from them, and only by the functions named here:

- each row's search text (``search_blob``) and each platform's progress (``progress_of``);
- a *mirror* of the rows in C++: a ``QStandardItemModel`` with one item per cell that this
  model shows through (it is a ``QIdentityProxyModel``), so that the index, parent, row
  count and flags questions the filter proxy and the tree view ask, several per row each
  time a thousand rows are laid out, never call into Python, and a delegate painting a
  cell gets its text and font in one C++ call (``multiData``). Items hold ``_cells`` of
  their row and nothing else: made by ``_build_shape``, rewritten by ``_write_rows``
  (through ``_fill_items``);
- lookups by key (``_where``, ``_platform_rows``), made at each reset;
- outside the model, the filter's answers (``ChecklistFilter``): worked out from the rows
  once per change of its criteria, and again for one platform on ``rowsReplaced``.

The invariant, checked after random sequences of changes by
tests/desktop/test_checklist_model_property.py: for every platform ``g`` and row ``r``,
``data(index(r, c, index(g, 0)), role)`` equals ``COLUMNS[c]``'s value for
``rows[g][r]``; the mirror item of that cell holds its text and flags from ``_cells``;
the platform row shows the platform's name and ``progress_of(rows[g]).line``; and the
blobs, progress and ``_where`` match the rows. A column is declared once, in ``COLUMNS``
(header, text, edit value, tool tip, sort key, when editable).

Changes: ``set_rows`` with another shape resets (a new mirror swapped in); with the same
shape, and ``update_row``, rewrite only the rows that changed, whose mirror items then
announce themselves (``dataChanged``, through the identity proxy); the platform row is
announced too, so a filter re-asks whether the platform still has a matching row. No
Python objects are kept in indexes, so nothing can dangle after a reset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from gui.core import dates
from gui.core.checklist import STATUS_LABELS, ChecklistRow, Status
from gui.desktop.i18n import translate
from gui.desktop.views.plain_text import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    CATEGORY = 0
    STATUS = 1
    DECIDED = 2
    NOTE = 3
    FLAGS = 4


COLUMN_COUNT = len(Column)

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
        # Numerus messages by the count each part is about (see gui.desktop.i18n). The counts
        # are plain names: pyside6-lupdate skips a call whose count is an attribute.
        total, to_recheck, retired = self.total, self.to_recheck, self.retired
        text = translate("ChecklistModel", "{reviewed} of %n reviewed", "", total).format(
            reviewed=self.reviewed
        )
        if to_recheck:
            text += translate("ChecklistModel", ", %n to re-check", "", to_recheck)
        if retired:
            text += translate("ChecklistModel", ", %n retired", "", retired)
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


# Sort order of statuses in the Status column: what needs doing first.
_STATUS_ORDER = {None: 0, Status.LATER: 1, Status.KEPT: 2, Status.OPTED_OUT: 3}


def _no_tooltip(_row: ChecklistRow) -> str | None:
    return None


def _never(_row: ChecklistRow) -> bool:
    return False


@dataclass(frozen=True)
class ColumnSpec:
    """Everything about one column of category rows, in one place."""

    header: Callable[[], str]  # a function: translated when asked, after start-up
    text: Callable[[ChecklistRow], str]  # what the cell shows (and the mirror holds)
    sort_key: Callable[[ChecklistRow], tuple[Any, ...]]
    tooltip: Callable[[ChecklistRow], str | None] = _no_tooltip
    edit: Callable[[ChecklistRow], str] | None = None  # the editor's value; None: ``text``
    editable: Callable[[ChecklistRow], bool] = _never  # when a recorder is set


def _decided_text(row: ChecklistRow) -> str:
    return dates.day(row.decision.decided_at) if row.decision else ""


# Undecided rows sort before every date (ascending), as they are what is left to do.
_NO_DATE = datetime.min.replace(tzinfo=UTC)


def _decided_key(row: ChecklistRow) -> tuple[Any, ...]:
    # By the moment itself, not its text: "9 Jan 2026" comes before "10 Feb 2026".
    decided = row.decision.decided_at if row.decision else _NO_DATE
    return (decided, row.title.casefold())


def _note(row: ChecklistRow) -> str:
    return row.decision.note if row.decision else ""


def _decided_tooltip(row: ChecklistRow) -> str | None:
    if row.decision is None:
        return None
    return plain_tooltip(
        translate("ChecklistModel", "Decided {moment}").format(
            moment=dates.moment(row.decision.decided_at)
        )
    )


COLUMNS: dict[Column, ColumnSpec] = {
    Column.CATEGORY: ColumnSpec(
        lambda: translate("ChecklistModel", "Category"),
        text=lambda row: row.title,
        sort_key=lambda row: (row.title.casefold(),),
        tooltip=lambda row: plain_tooltip(row.category.collected) if row.category else None,
    ),
    Column.STATUS: ColumnSpec(
        lambda: translate("ChecklistModel", "Status"),
        text=lambda row: row.status_label,
        sort_key=lambda row: (_STATUS_ORDER.get(row.status, 4), row.title.casefold()),
        edit=lambda row: row.status.value if row.status else "",
        editable=lambda row: not row.retired,
    ),
    Column.DECIDED: ColumnSpec(
        lambda: translate("ChecklistModel", "Decided on"),
        text=_decided_text,
        sort_key=_decided_key,
        tooltip=_decided_tooltip,
    ),
    Column.NOTE: ColumnSpec(
        lambda: translate("ChecklistModel", "Note"),
        text=lambda row: first_line(row.decision.note) if row.decision else "",
        sort_key=lambda row: (_note(row).casefold(), row.title.casefold()),
        tooltip=lambda row: plain_tooltip(_note(row)) if _note(row) else None,
        edit=_note,
        # A note belongs to a decision, so it can be typed once a status is chosen.
        editable=lambda row: not row.retired and row.decision is not None,
    ),
    Column.FLAGS: ColumnSpec(
        lambda: translate("ChecklistModel", "Flags"),
        text=lambda row: "; ".join(row.flags),
        sort_key=lambda row: (len(row.flags), row.title.casefold()),
    ),
}
assert list(COLUMNS) == list(Column), "every column is declared once, in order"  # not shown
_SPECS = tuple(COLUMNS.values())
_EDITABLE_FLAGS = _CATEGORY_FLAGS | Qt.ItemFlag.ItemIsEditable


def _cells(row: ChecklistRow, *, editable: bool) -> list[tuple[str, Qt.ItemFlag]]:
    """(text, flags) of every cell of a category row: what its mirror items hold."""
    if not editable:  # the model filled without a recorder: nothing to ask per column
        return [(spec.text(row), _CATEGORY_FLAGS) for spec in _SPECS]
    return [
        (spec.text(row), _EDITABLE_FLAGS if spec.editable(row) else _CATEGORY_FLAGS)
        for spec in _SPECS
    ]


def sort_key(row: ChecklistRow, column: int) -> tuple[Any, ...]:
    return _SPECS[column].sort_key(row)


class ChecklistModel(QIdentityProxyModel):
    """Platforms with their progress line, and their categories with the user's decision.
    Status and note are editable when a recorder is set and the row can be decided.

    See the module docstring for what is kept where, and the invariant between them."""

    # Some rows of the platform at this row were replaced; sent before the mirror is
    # rewritten (and announces it), so that what is worked out from rows can follow first.
    rowsReplaced = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[_PlatformGroup] = []
        self._where: dict[tuple[str, str], tuple[int, int]] = {}  # key -> (platform, row)
        self._platform_rows: dict[str, int] = {}
        self._recorder: Recorder | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._incoming: list[_PlatformGroup] | None = None
        self._shape = _build_shape([], editable=False, bold=self._bold)
        self.setSourceModel(self._shape)

    # -- feeding -----------------------------------------------------------------------

    def set_recorder(self, recorder: Recorder | None) -> None:
        """Which cells are editable follows; with rows shown, through a reset (the window
        sets its recorder once, before the first rows)."""
        was_editable = self._recorder is not None
        self._recorder = recorder
        if self._groups and was_editable != (recorder is not None):
            self._reset(self._groups)

    def set_rows(self, rows: Sequence[ChecklistRow]) -> None:
        """Show ``rows``. When only the contents changed (the same platforms and categories
        in the same order), rows are updated in place so selection and expansion survive;
        otherwise the model resets."""
        groups = _group(rows, complete=False)  # search text and progress: for what changed
        if [(g.platform_id, [r.category_id for r in g.rows]) for g in groups] == [
            (g.platform_id, [r.category_id for r in g.rows]) for g in self._groups
        ]:
            for group_row, (old, new) in enumerate(zip(self._groups, groups, strict=True)):
                changed = {
                    row_number: after
                    for row_number, (before, after) in enumerate(
                        zip(old.rows, new.rows, strict=True)
                    )
                    if before != after
                }
                if changed:
                    self._replace_rows(group_row, changed)
            return
        for group in groups:
            _complete(group)
        self._reset(groups)

    def _reset(self, groups: list[_PlatformGroup]) -> None:
        # A new mirror, built while nothing listens to it; swapping it in is the reset, and
        # the rows change with it, in ``resetInternalData`` (views see the old rows until
        # the reset begins and the new ones once it ends).
        shape = _build_shape(groups, editable=self._recorder is not None, bold=self._bold)
        self._incoming = groups
        try:
            self._shape = shape
            self.setSourceModel(shape)
        finally:
            self._incoming = None

    def resetInternalData(self) -> None:
        # Called by Qt within a reset, between its begin and its end.
        if self._incoming is not None:
            groups = self._incoming
            self._groups = groups
            self._platform_rows = {g.platform_id: n for n, g in enumerate(groups)}
            self._where = {
                (row.platform_id, row.category_id): (group_row, row_number)
                for group_row, group in enumerate(groups)
                for row_number, row in enumerate(group.rows)
            }
        super().resetInternalData()

    def update_row(self, row: ChecklistRow) -> bool:
        """Replace the row with the same platform and category (after an edit or a save
        elsewhere); False when there is none."""
        place = self._where.get((row.platform_id, row.category_id))
        if place is None:
            return False
        self._replace_rows(place[0], {place[1]: row})
        return True

    def _replace_rows(self, group_row: int, rows: dict[int, ChecklistRow]) -> None:
        """Put new rows in one platform's places (row number -> row), then rewrite what
        is derived from them."""
        group = self._groups[group_row]
        for row_number, row in rows.items():
            group.rows[row_number] = row
            group.blobs[row_number] = search_blob(row)
        group.progress = progress_of(group.rows)
        self.rowsReplaced.emit(group_row)  # before the items announce it (a filter listens)
        self._write_rows(group_row, rows)

    def _write_rows(self, group_row: int, row_numbers: Iterable[int]) -> None:
        """Rewrite the mirror of some rows of one platform, and its progress line. Each item
        that changes announces itself; the platform row is announced in any case, so that a
        filter asks again whether the platform still has a row that matches."""
        group = self._groups[group_row]
        platform = self._shape.item(group_row, 0)
        editable = self._recorder is not None
        for row_number in row_numbers:
            cells = _cells(group.rows[row_number], editable=editable)
            _fill_items([platform.child(row_number, c) for c in range(COLUMN_COUNT)], cells)
        progress = self._shape.item(group_row, Column.STATUS)
        if progress.text() != group.progress.line:
            progress.setText(group.progress.line)
        else:
            self.dataChanged.emit(self.index(group_row, 0), self.index(group_row, COLUMN_COUNT - 1))

    # -- lookups for the window and the filter -----------------------------------------

    def row_for(self, index: AnyIndex) -> ChecklistRow | None:
        """The category row at ``index`` (any column), None for platform rows."""
        if not index.isValid() or index.model() is not self:
            return None
        parent = index.parent()
        if not parent.isValid():
            return None
        return self._groups[parent.row()].rows[index.row()]

    def row(self, platform_id: str, category_id: str) -> ChecklistRow | None:
        place = self._where.get((platform_id, category_id))
        return self._groups[place[0]].rows[place[1]] if place else None

    def entry(self, platform_row: int, row: int) -> tuple[ChecklistRow, str]:
        """Row and search blob without building an index."""
        group = self._groups[platform_row]
        return group.rows[row], group.blobs[row]

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
        group_row = self._platform_rows.get(platform_id)
        return self._groups[group_row].progress if group_row is not None else None

    def index_for(self, platform_id: str, category_id: str | None = None) -> QModelIndex:
        group_row = self._platform_rows.get(platform_id)
        if group_row is None:
            return QModelIndex()
        parent = self.index(group_row, 0)
        if category_id is None:
            return parent
        place = self._where.get((platform_id, category_id))
        return self.index(place[1], 0, parent) if place else QModelIndex()

    def all_rows(self) -> list[ChecklistRow]:
        return [row for group in self._groups for row in group.rows]

    def category_count(self) -> int:
        return len(self._where)

    def platform_count(self) -> int:
        return len(self._groups)

    # -- the item model: shape and flags come from the mirror (in C++); values from the
    # -- rows, through COLUMNS ------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
            return _SPECS[section].header()
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
        paints. When every role asked for is one the mirror carries (the text, the
        platform names' bold font, and the colours, icons and alignment that no cell has),
        the mirror answers in C++; otherwise the same values as ``data``, role by role."""
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
        for role_data in roleDataSpan:
            role_data.setData(self.data(index, role_data.role()))

    def itemData(self, index: AnyIndex) -> dict[int, Any]:
        # Every role through ``data`` (the mirror holds only what is painted).
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
            return translate("ChecklistModel", "{platform}: {progress}").format(
                platform=group.name, progress=group.progress.line
            )
        if role == KEY_ROLE:
            return (group.platform_id, "")
        if role == IS_PLATFORM_ROLE:
            return True
        if role == PROGRESS_ROLE:
            return group.progress
        return None

    def _category_data(self, row: ChecklistRow, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return _SPECS[column].text(row)
        if role == _EDIT:
            spec = _SPECS[column]
            return (spec.edit or spec.text)(row)
        if role == _TOOL_TIP:
            return _SPECS[column].tooltip(row)
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


def _fill_items(items: Sequence[QStandardItem], cells: Sequence[tuple[str, Qt.ItemFlag]]) -> None:
    """Rewrites mirror items: each gets its cell's text and flags (an item left as it was
    says nothing)."""
    for item, (text, flags) in zip(items, cells, strict=True):
        if item.text() != text:
            item.setText(text)
        if item.flags() != flags:
            item.setFlags(flags)


def _build_shape(
    groups: Sequence[_PlatformGroup], *, editable: bool, bold: QFont
) -> QStandardItemModel:
    """The mirror: one item per cell, with the cell's flags and what a delegate paints
    (``_PAINTED_ROLES``: the text, and the bold font of platform names), from ``_cells``
    as ``_fill_items`` writes them (fresh items are cloned with their flags, the filling
    of ten thousand rows being what start-up waits for). Categories never have
    children, which spares the view from asking."""
    shape = QStandardItemModel(0, COLUMN_COUNT)
    makers = {}
    for flags in (_PLATFORM_FLAGS, _CATEGORY_FLAGS, _EDITABLE_FLAGS):
        prototype = QStandardItem()
        prototype.setFlags(flags)
        makers[flags] = prototype.clone
    new_platform_item = makers[_PLATFORM_FLAGS]
    root = shape.invisibleRootItem()
    for group in groups:
        platform = [new_platform_item() for _ in range(COLUMN_COUNT)]
        platform[Column.CATEGORY].setText(group.name)
        platform[Column.CATEGORY].setFont(bold)
        platform[Column.STATUS].setText(group.progress.line)
        append = platform[0].appendRow
        for row in group.rows:
            items = []
            for text, flags in _cells(row, editable=editable):
                item = makers[flags]()
                item.setText(text)
                items.append(item)
            append(items)
        root.appendRow(platform)
    return shape


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


def status_choices() -> list[tuple[str, str]]:
    """(value, label) pairs for an editor, in the order the wizard offers them."""
    return [(status.value, STATUS_LABELS[status]) for status in Status]
