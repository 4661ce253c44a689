"""The catalog and the store, as the window needs them: rows to show, decisions to record,
histories to list. The one place the window talks to the store about decisions."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from gui.core.catalog import Catalog, Platform
from gui.core.checklist import ChecklistRow, HistoryEntry, Status, build_checklist
from gui.core.review import session

if TYPE_CHECKING:
    from gui.core.store import Store


class ChecklistSource:
    def __init__(self, catalog: Catalog, store: Store) -> None:
        self.catalog = catalog
        self.store = store

    def rows(self) -> list[ChecklistRow]:
        """The whole checklist as it is in the store now (re-read on every call, so changes
        made from the command line show up)."""
        return build_checklist(
            self.catalog, self.store.decisions(), recheck_days=self.store.recheck_days()
        )

    def record(self, row: ChecklistRow, status: Status, note: str) -> ChecklistRow:
        """Store a decision for ``row`` against the category as the catalog has it now, and
        return the row as it reads afterwards (neither changed nor due). Raises StoreError."""
        if row.category is None:
            raise ValueError("a retired category cannot be decided again")
        decision = self.store.record(
            row.platform_id, row.category_id, status, note, row.category.fingerprint
        )
        return replace(row, decision=decision, changed=False, due=False)

    def region(self) -> str | None:
        """The region the user chose in the guided review (None: not chosen)."""
        return session.load_region(self.store)[1]

    def history(self, row: ChecklistRow) -> list[HistoryEntry]:
        return list(self.store.history(row.platform_id, row.category_id))

    def platform(self, platform_id: str) -> Platform | None:
        return self.catalog.platform(platform_id)

    def is_empty(self) -> bool:
        """Nothing decided yet: the very first start."""
        return not self.store.decisions()
