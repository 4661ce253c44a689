"""The window's checklist source: the same reads and writes as ``ChecklistSource``, and a
word to the window after every decision stored, whichever part of the window stored it
(the tree's editors or the detail pane), so every save can say which category it saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from gui.core.checklist import ChecklistRow, Status
from gui.core.checklist_source import ChecklistSource

if TYPE_CHECKING:
    from gui.core.catalog import Catalog
    from gui.core.store import Store


class ReportingSource(ChecklistSource):
    def __init__(
        self, catalog: Catalog, store: Store, on_saved: Callable[[ChecklistRow], None]
    ) -> None:
        super().__init__(catalog, store)
        self._on_saved = on_saved

    def record(self, row: ChecklistRow, status: Status, note: str) -> ChecklistRow:
        new_row = super().record(row, status, note)  # raises StoreError: nothing said then
        self._on_saved(new_row)
        return new_row
