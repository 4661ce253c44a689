"""The rules of "to do", "needs a re-check" and "needs attention" live on the checklist row;
the wizard's scopes and Review > Review what needs attention read them from there."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import ChecklistRow, Decision, Status, build_checklist
from gui.core.review.plan import PlanChoice, Scope, attention_choice, in_scope

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def row_for(
    catalog: Catalog,
    status: Status | None,
    *,
    days_ago: int = 1,
    stale: bool = False,
    evidence: tuple[str, ...] = (),
) -> ChecklistRow:
    platform = catalog.platforms[0]
    category = platform.categories[0]
    decisions = []
    if status is not None:
        fingerprint = "old" if stale else category.fingerprint
        when = NOW - timedelta(days=days_ago)
        decisions = [Decision(platform.id, category.id, status, "", when, fingerprint)]
    rows = build_checklist(catalog, decisions, now=NOW, recheck_days=180)
    return replace(rows[0], evidence=evidence)


CASES = [
    # status, days ago, stale, evidence -> undecided, needs re-check, needs attention, reasons
    (None, 1, False, (), True, False, True, ("not reviewed yet",)),
    (Status.LATER, 1, False, (), True, False, True, ("marked for later",)),
    (Status.KEPT, 1, False, (), False, False, False, ()),
    (Status.KEPT, 1, True, (), False, True, True, ("changed since you decided",)),
    (Status.OPTED_OUT, 400, False, (), False, True, True, ("due for a re-check",)),
    (
        Status.KEPT,
        1,
        False,
        ("ads seen",),
        False,
        False,
        True,
        ("your export shows something to check",),
    ),
]


@pytest.mark.parametrize(
    ("status", "days", "stale", "evidence", "undecided", "recheck", "attention", "reasons"), CASES
)
def test_each_rule_on_the_row(
    catalog: Catalog,
    status: Status | None,
    days: int,
    stale: bool,
    evidence: tuple[str, ...],
    undecided: bool,
    recheck: bool,
    attention: bool,
    reasons: tuple[str, ...],
) -> None:
    row = row_for(catalog, status, days_ago=days, stale=stale, evidence=evidence)
    assert (row.undecided, row.needs_recheck, row.needs_attention) == (
        undecided,
        recheck,
        attention,
    )
    assert row.to_do == row.needs_attention
    assert row.attention_reasons == reasons
    # The wizard's scopes are these rules, nothing else.
    assert in_scope(row, Scope.TO_DO) == undecided
    assert in_scope(row, Scope.CHANGED) == recheck
    assert in_scope(row, Scope.ATTENTION) == attention


def test_a_retired_row_needs_nothing(catalog: Catalog) -> None:
    row = replace(row_for(catalog, Status.LATER, stale=True), category=None, evidence=("x",))
    assert not (row.undecided or row.needs_recheck or row.needs_attention or row.to_do)
    assert row.attention_reasons == ()
    assert not any(in_scope(row, scope) for scope in Scope if scope is not Scope.TOPICS)


def test_attention_choice_picks_the_platforms_with_something_to_do(catalog: Catalog) -> None:
    first, second = catalog.platforms[0], catalog.platforms[1]
    decided = [
        Decision(p.id, c.id, Status.KEPT, "", NOW, c.fingerprint)
        for p in catalog.platforms
        for c in p.categories
    ]
    stale = decided[len(first.categories)]  # the second platform's first category
    decided[len(first.categories)] = replace(stale, fingerprint="old")
    rows = build_checklist(catalog, decided, now=NOW, recheck_days=180)
    current = PlanChoice(Scope.EVERYTHING, (first.id,), ("ads",), "DE")
    assert attention_choice(rows, current) == PlanChoice(Scope.ATTENTION, (second.id,), (), "DE")
    everything_done = build_checklist(catalog, [replace(stale)], now=NOW)
    nothing = [r for r in everything_done if not r.needs_attention]
    assert attention_choice(nothing, current).platform_ids == (first.id,)
