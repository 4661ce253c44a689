"""The catalog and the store, as the window needs them: rows to show, decisions to record,
histories to list. The one place the window talks to the store about decisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from gui.core.catalog import Catalog, Platform
from gui.core.checklist import (
    ChecklistRow,
    HistoryEntry,
    Status,
    build_checklist,
    checklist_row,
)
from gui.core.evidence.checks import evidence_checks
from gui.core.requests.model import overdue_by_category
from gui.core.review import session
from gui.core.store.findings import database_of, load_readings
from gui.core.store.requests_store import RequestBook

if TYPE_CHECKING:
    from gui.core.store import Store


class ChecklistSource:
    def __init__(self, catalog: Catalog, store: Store) -> None:
        self.catalog = catalog
        self.store = store

    def rows(self) -> list[ChecklistRow]:
        """The whole checklist as it is in the store now (re-read on every call, so changes
        made from the command line show up)."""
        decisions = self.store.decisions()
        checks = evidence_checks(load_readings(database_of(self.store)), decisions)
        rows = build_checklist(
            self.catalog, decisions, recheck_days=self.store.recheck_days(), evidence=checks
        )
        overdue = self._overdue_keys()
        if not overdue:
            return rows
        return [replace(r, overdue=(r.platform_id, r.category_id) in overdue) for r in rows]

    def _overdue_keys(self) -> set[tuple[str, str]]:
        """The (platform, category) pairs a request past its legal deadline is about."""
        return set(overdue_by_category(RequestBook(self.store).all(), date.today()))

    def row(self, platform_id: str, category_id: str) -> ChecklistRow | None:
        """One category's row as it is in the store now (after a save elsewhere, e.g. the
        guided review), without rebuilding the checklist. None when the category is not
        in the catalog (a retired one: re-read the whole checklist). Raises StoreError."""
        platform = self.catalog.platform(platform_id)
        category = platform.category(category_id) if platform is not None else None
        if platform is None or category is None:
            return None
        decision = self.store.decision(platform_id, category_id)
        row = checklist_row(platform, category, decision, recheck_days=self.store.recheck_days())
        # As ``rows`` does, for this one decision: checks are per category.
        checks = evidence_checks(
            load_readings(database_of(self.store)), [decision] if decision else []
        )
        evidence = checks.get((platform_id, category_id), ())
        overdue = (platform_id, category_id) in self._overdue_keys()
        return replace(row, evidence=evidence, overdue=overdue) if evidence or overdue else row

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
