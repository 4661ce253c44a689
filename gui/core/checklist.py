"""The checklist as the user sees it: every catalog category joined with the decision the
user recorded, plus the derived flags. Qt-free and storage-free: the store supplies the
decisions, and the wizard, the checklist window and the summary all read these rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from gui.core import words
from gui.core.catalog import Catalog, Category, Platform
from gui.core.i18n import N_, MessageTable, _

DEFAULT_RECHECK_DAYS = 180


class Status(StrEnum):
    OPTED_OUT = "opted-out"
    KEPT = "kept"
    NOT_APPLICABLE = "not-applicable"
    LATER = "later"


# Each status in words that fit every control kind: for lists of all statuses (the status
# filter, the history) and categories whose control is unknown. A row's own label is the
# choice the user picked for its control: ``ChecklistRow.label_for(region)``. Translated as
# they are read; an undecided row reads ``words.status_words(None)``.
STATUS_LABELS = MessageTable(
    {status: words.GENERIC_WORDS.message(status.value) for status in Status}
)

# Why a row needs attention, and its flags, in the words every view shows: messages, which
# ``attention_reasons`` and ``flags`` give translated.
REASON_UNREVIEWED = N_("not reviewed yet")
REASON_LATER = N_("marked for later")
FLAG_CHANGED = N_("changed since you decided")
FLAG_DUE = N_("due for a re-check")
FLAG_RETIRED = N_("retired from the catalog")
FLAG_EVIDENCE = N_("your export shows something to check")
FLAG_OVERDUE = N_("your request about it is past its legal deadline")


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
    # What a data export shows against the decision, worded as evidence to check
    # (gui.core.evidence.checks); any makes the row need attention.
    evidence: tuple[str, ...] = ()
    # A GDPR or CCPA request about this category went unanswered past its legal deadline
    # (gui.core.requests.model.overdue_by_category): time for a follow-up.
    overdue: bool = False

    @property
    def retired(self) -> bool:
        return self.category is None

    @property
    def status(self) -> Status | None:
        return self.decision.status if self.decision else None

    @property
    def title(self) -> str:
        if self.category is not None:
            return self.category.title
        # Translators: {category} is the id of a category that left the catalog.
        return _("{category} (retired)").format(category=self.category_id)

    def control_kind(self, region: str | None = None) -> str | None:
        """The kind of control a user in ``region`` has (None for a retired category)."""
        return words.control_kind(self.category, region)

    def label_for(self, region: str | None) -> str:
        """The decision in the words the user picked for the control they have in
        ``region`` ("I turned it off", "I sent the form"); "Not reviewed" when undecided."""
        return words.status_words(self.status, self.control_kind(region))

    @property
    def status_label(self) -> str:
        """``label_for`` the default control (no region known)."""
        return self.label_for(None)

    # --- The rules of "to do", "needs a re-check" and "needs attention": here only. The
    # wizard's scopes (gui.core.review.plan), the tree's filter, the finish page and the
    # summary read these properties instead of combining the fields themselves.

    @property
    def undecided(self) -> bool:
        """Not reviewed yet, or marked for later (the wizard's "to do" scope). A retired
        category is never undecided: there is nothing left to review."""
        return not self.retired and (self.decision is None or self.status is Status.LATER)

    @property
    def needs_recheck(self) -> bool:
        """Decided, but the catalog entry changed since, or the decision is due for a
        re-check (the wizard's "changed" scope; "Confirm" in the detail pane)."""
        return not self.retired and (self.changed or self.due)  # both need a decision

    @property
    def needs_attention(self) -> bool:
        """Something is left to do: undecided, changed since decided, due, a data export
        shows something to check against the decision, or a request about it is overdue."""
        flagged = bool(self.evidence) or self.overdue
        return self.undecided or self.needs_recheck or (not self.retired and flagged)

    @property
    def to_do(self) -> bool:
        """On the "Still to do" list: the same rule as ``needs_attention`` (kept under
        this name for the finish page, the summary and the tree's filter)."""
        return self.needs_attention

    @property
    def attention_reasons(self) -> tuple[str, ...]:
        """Why the row needs attention, in words ("not reviewed yet", "marked for later",
        then the flags); empty when it does not."""
        if not self.needs_attention:
            return ()
        found = []
        if self.decision is None:
            found.append(REASON_UNREVIEWED)
        elif self.status is Status.LATER:
            found.append(REASON_LATER)
        found.extend(flag for flag in self.flag_messages if flag != FLAG_RETIRED)
        return tuple(_(message) for message in found)

    @property
    def flags(self) -> tuple[str, ...]:
        """The row's flags in words ("changed since you decided", ...)."""
        return tuple(_(message) for message in self.flag_messages)

    @property
    def flag_messages(self) -> list[str]:
        """The flags as written, untranslated: compared with the FLAG_ constants, and what
        files and JSON output carry, whatever the user's language."""
        found = []
        if self.changed:
            found.append(FLAG_CHANGED)
        if self.due:
            found.append(FLAG_DUE)
        if self.retired:
            found.append(FLAG_RETIRED)
        if self.evidence:
            found.append(FLAG_EVIDENCE)
        if self.overdue:
            found.append(FLAG_OVERDUE)
        return found


def checklist_row(
    platform: Platform,
    category: Category,
    decision: Decision | None,
    *,
    now: datetime | None = None,
    recheck_days: int = DEFAULT_RECHECK_DAYS,
) -> ChecklistRow:
    """One current category's row, as ``build_checklist`` makes it (the window re-reads a
    single saved decision with it instead of rebuilding the whole checklist)."""
    return _row(
        platform, category, decision, now or datetime.now(UTC), timedelta(days=recheck_days)
    )


def _row(
    platform: Platform,
    category: Category,
    decision: Decision | None,
    now: datetime,
    interval: timedelta,
) -> ChecklistRow:
    return ChecklistRow(
        platform_id=platform.id,
        platform_name=platform.name,
        category_id=category.id,
        category=category,
        decision=decision,
        changed=bool(decision and decision.fingerprint != category.fingerprint),
        due=bool(decision and now - decision.decided_at > interval),
    )


def _rows_for_platform(
    platform: Platform,
    decisions: Mapping[tuple[str, str], Decision],
    now: datetime,
    interval: timedelta,
) -> list[ChecklistRow]:
    return [
        _row(platform, category, decisions.get((platform.id, category.id)), now, interval)
        for category in platform.categories
    ]


def build_checklist(
    catalog: Catalog,
    decisions: Iterable[Decision],
    *,
    now: datetime | None = None,
    recheck_days: int = DEFAULT_RECHECK_DAYS,
    platform_ids: Iterable[str] | None = None,
    evidence: Mapping[tuple[str, str], tuple[str, ...]] | None = None,
) -> list[ChecklistRow]:
    """Rows in catalog order, platform by platform; retired decisions follow their
    platform's categories (or stand alone when the whole platform left the catalog).
    ``evidence``: per (platform, category), checks from data exports
    (``gui.core.evidence.checks.evidence_checks``)."""
    now = now or datetime.now(UTC)
    interval = timedelta(days=recheck_days)
    by_key = {(d.platform_id, d.category_id): d for d in decisions}
    wanted = set(platform_ids) if platform_ids is not None else None
    rows: list[ChecklistRow] = []
    known: set[tuple[str, str]] = set()
    for platform in catalog.platforms:
        if wanted is not None and platform.id not in wanted:
            continue
        platform_rows = _rows_for_platform(platform, by_key, now, interval)
        if evidence:
            platform_rows = [
                replace(row, evidence=evidence.get((row.platform_id, row.category_id), ()))
                for row in platform_rows
            ]
        rows.extend(platform_rows)
        known.update((platform.id, c.id) for c in platform.categories)
    for key, decision in sorted(by_key.items()):
        if key in known or (wanted is not None and key[0] not in wanted):
            continue
        owner = catalog.platform(key[0])
        rows.append(
            ChecklistRow(
                platform_id=key[0],
                platform_name=owner.name if owner else key[0],
                category_id=key[1],
                category=None,
                decision=decision,
                changed=False,
                due=False,
            )
        )
    return rows
