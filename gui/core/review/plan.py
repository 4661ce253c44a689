"""Which categories the wizard walks through, and in which order. Qt-free and store-free:
it reads checklist rows (``gui.core.checklist.build_checklist``) and returns steps.

Order: platform by platform (catalog order), highest risk first within a platform, catalog
order breaking ties; in topic mode, topic by topic (vocabulary order), then the same order
within each topic. A category on two chosen topics is reviewed once, under the first.

Region: every category is walked, in every region: what a platform collects concerns
everyone. The region decides only which control a page shows (``Category.control_for``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gui.core.catalog.model import RISK_ORDER, TOPICS
from gui.core.checklist import ChecklistRow, Status


class Scope(StrEnum):
    EVERYTHING = "everything"
    TO_DO = "to-do"  # not reviewed yet, or marked "later"
    CHANGED = "changed"  # changed since the user decided, or due for a re-check
    # Everything still to do: not reviewed, later, changed since decided or due (Review >
    # Review what needs attention).
    ATTENTION = "attention"
    TOPICS = "topics"  # every category on the chosen topics, across the chosen platforms


@dataclass(frozen=True)
class PlanChoice:
    """What the user chose on the start page. ``region`` is an ISO 3166 country code
    ("DE", "GB"); None shows the controls of every region."""

    scope: Scope
    platform_ids: tuple[str, ...]
    topics: tuple[str, ...] = ()
    region: str | None = None


@dataclass(frozen=True)
class PlanStep:
    """One page of the wizard. ``topic`` is the topic it is reviewed under (topic mode)."""

    row: ChecklistRow
    topic: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.row.platform_id, self.row.category_id)


@dataclass(frozen=True)
class PlatformCounts:
    """For the start page: the platform's current categories and how many are not reviewed."""

    offered: int
    unreviewed: int


def current(row: ChecklistRow) -> bool:
    """A category still in the catalog (retired ones are not walked)."""
    return row.category is not None


def in_scope(row: ChecklistRow, scope: Scope) -> bool:
    """Whether a row belongs to a status scope (topic mode filters by topic instead)."""
    if row.retired:
        return False
    if scope is Scope.TO_DO:
        return row.undecided
    if scope is Scope.CHANGED:
        return row.needs_recheck
    if scope is Scope.ATTENTION:
        return row.needs_attention
    return True


def platforms_needing_attention(rows: Iterable[ChecklistRow]) -> tuple[str, ...]:
    """The platforms with at least one row that needs attention, in the rows' order."""
    return tuple(dict.fromkeys(row.platform_id for row in rows if row.needs_attention))


def attention_choice(rows: Iterable[ChecklistRow], current: PlanChoice) -> PlanChoice:
    """Review > Review what needs attention: the platforms with something to do (the
    current ones when none has) in the attention scope, keeping the chosen region."""
    platform_ids = platforms_needing_attention(rows)
    return PlanChoice(Scope.ATTENTION, platform_ids or current.platform_ids, (), current.region)


def _risk_key(row: ChecklistRow) -> int:
    return RISK_ORDER.get(row.category.risk if row.category else "", len(RISK_ORDER))


def _platform_then_risk(rows: list[ChecklistRow]) -> list[ChecklistRow]:
    """Platform by platform in the order the rows came (catalog order), highest risk first;
    ``sorted`` is stable, so catalog order breaks ties."""
    platform_rank: dict[str, int] = {}
    for row in rows:
        platform_rank.setdefault(row.platform_id, len(platform_rank))
    return sorted(rows, key=lambda row: (platform_rank[row.platform_id], _risk_key(row)))


def plan_steps(rows: Iterable[ChecklistRow], choice: PlanChoice) -> list[PlanStep]:
    """The wizard's pages for ``choice``, in order."""
    wanted = set(choice.platform_ids)
    usable = [row for row in rows if row.platform_id in wanted and current(row)]
    if choice.scope is not Scope.TOPICS:
        return [PlanStep(row) for row in _platform_then_risk(usable) if in_scope(row, choice.scope)]
    steps: list[PlanStep] = []
    seen: set[tuple[str, str]] = set()
    for topic in ordered_topics(choice.topics):
        on_topic = [row for row in usable if row.category and topic in row.category.topics]
        for row in _platform_then_risk(on_topic):
            key = (row.platform_id, row.category_id)
            if key not in seen:
                seen.add(key)
                steps.append(PlanStep(row, topic))
    return steps


def ordered_topics(topics: Iterable[str]) -> list[str]:
    """The chosen topics in vocabulary order (unknown ones last, as given)."""
    chosen = list(dict.fromkeys(topics))
    known = [t for t in TOPICS if t in chosen]
    return known + [t for t in chosen if t not in TOPICS]


def platform_counts(rows: Iterable[ChecklistRow], platform_id: str) -> PlatformCounts:
    offered = unreviewed = 0
    for row in rows:
        if row.platform_id != platform_id or not current(row):
            continue
        offered += 1
        unreviewed += row.decision is None
    return PlatformCounts(offered=offered, unreviewed=unreviewed)


def status_counts(rows: Iterable[ChecklistRow]) -> Counter[Status | None]:
    """How many rows have each status; None counts the rows not reviewed yet."""
    return Counter(row.status for row in rows if not row.retired)


def rows_for(rows: Iterable[ChecklistRow], platform_ids: Sequence[str]) -> list[ChecklistRow]:
    """The chosen platforms' current rows (for the finish page)."""
    wanted = set(platform_ids)
    return [row for row in rows if row.platform_id in wanted and current(row)]


def restore_steps(
    rows: Iterable[ChecklistRow], keys: Sequence[tuple[str, str]], topics: Sequence[str | None]
) -> list[PlanStep]:
    """Rebuild a saved walk from its keys against fresh rows; entries that left the catalog
    since are dropped. ``topics`` runs parallel to ``keys``."""
    by_key = {(row.platform_id, row.category_id): row for row in rows if not row.retired}
    steps = []
    for key, topic in zip(keys, topics, strict=False):
        row = by_key.get((key[0], key[1]))  # a saved walk may hold lists, not tuples
        if row is not None:
            steps.append(PlanStep(row, topic))
    return steps
