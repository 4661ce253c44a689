"""The checklist as the user sees it: every catalog category joined with the decision the
user recorded, plus the derived flags. Qt-free and storage-free: the store supplies the
decisions, and the wizard, the checklist window and the summary all read these rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from gui.core.catalog import Catalog, Category, Platform

DEFAULT_RECHECK_DAYS = 180


class Status(StrEnum):
    OPTED_OUT = "opted-out"
    KEPT = "kept"
    NOT_APPLICABLE = "not-applicable"
    LATER = "later"


STATUS_LABELS = {
    Status.OPTED_OUT: "Opted out",
    Status.KEPT: "Kept",
    Status.NOT_APPLICABLE: "Not applicable",
    Status.LATER: "Later",
}
UNREVIEWED_LABEL = "Not reviewed"


@dataclass(frozen=True)
class Decision:
    """What the user decided for one category; ``decided_at`` is timezone-aware UTC and
    ``fingerprint`` is the category's content hash when the user decided."""

    platform_id: str
    category_id: str
    status: Status
    note: str
    decided_at: datetime
    fingerprint: str


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a decision; never rewritten. ``old_status`` is None for the first."""

    platform_id: str
    category_id: str
    old_status: Status | None
    new_status: Status
    note: str
    at: datetime


@dataclass(frozen=True)
class ChecklistRow:
    """One line of the checklist. ``category`` is None when the category left the catalog
    (retired): its decision is kept and shown, never deleted."""

    platform_id: str
    platform_name: str
    category_id: str
    category: Category | None
    decision: Decision | None
    changed: bool  # the catalog entry changed since the user decided
    due: bool  # decided longer ago than the re-check interval

    @property
    def retired(self) -> bool:
        return self.category is None

    @property
    def status(self) -> Status | None:
        return self.decision.status if self.decision else None

    @property
    def title(self) -> str:
        return self.category.title if self.category else f"{self.category_id} (retired)"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status] if self.status else UNREVIEWED_LABEL

    @property
    def to_do(self) -> bool:
        """Still to do: unreviewed, marked later, changed since decided, or due."""
        if self.retired:
            return False
        return self.decision is None or self.status is Status.LATER or self.changed or self.due

    @property
    def flags(self) -> tuple[str, ...]:
        found = []
        if self.changed:
            found.append("changed since you decided")
        if self.due:
            found.append("due for a re-check")
        if self.retired:
            found.append("retired from the catalog")
        return tuple(found)


def _rows_for_platform(
    platform: Platform,
    decisions: Mapping[tuple[str, str], Decision],
    now: datetime,
    interval: timedelta,
) -> list[ChecklistRow]:
    rows = []
    for category in platform.categories:
        decision = decisions.get((platform.id, category.id))
        rows.append(
            ChecklistRow(
                platform_id=platform.id,
                platform_name=platform.name,
                category_id=category.id,
                category=category,
                decision=decision,
                changed=bool(decision and decision.fingerprint != category.fingerprint),
                due=bool(decision and now - decision.decided_at > interval),
            )
        )
    return rows


def build_checklist(
    catalog: Catalog,
    decisions: Iterable[Decision],
    *,
    now: datetime | None = None,
    recheck_days: int = DEFAULT_RECHECK_DAYS,
    platform_ids: Iterable[str] | None = None,
) -> list[ChecklistRow]:
    """Rows in catalog order, platform by platform; retired decisions follow their
    platform's categories (or stand alone when the whole platform left the catalog)."""
    now = now or datetime.now(UTC)
    interval = timedelta(days=recheck_days)
    by_key = {(d.platform_id, d.category_id): d for d in decisions}
    wanted = set(platform_ids) if platform_ids is not None else None
    rows: list[ChecklistRow] = []
    known: set[tuple[str, str]] = set()
    for platform in catalog.platforms:
        if wanted is not None and platform.id not in wanted:
            continue
        rows.extend(_rows_for_platform(platform, by_key, now, interval))
        known.update((platform.id, c.id) for c in platform.categories)
    for key, decision in sorted(by_key.items()):
        if key in known or (wanted is not None and key[0] not in wanted):
            continue
        platform = catalog.platform(key[0])
        rows.append(
            ChecklistRow(
                platform_id=key[0],
                platform_name=platform.name if platform else key[0],
                category_id=key[1],
                category=None,
                decision=decision,
                changed=False,
                due=False,
            )
        )
    return rows
