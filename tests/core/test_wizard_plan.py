"""The wizard's plan (which categories, in which order) and its saved session, without Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from gui.core.catalog import Catalog, load_catalog
from gui.core.catalog.model import RISK_ORDER
from gui.core.checklist import ChecklistRow, Decision, Status, build_checklist
from gui.core.review import session
from gui.core.review.plan import (
    PlanChoice,
    Scope,
    in_scope,
    ordered_topics,
    plan_steps,
    platform_counts,
    restore_steps,
    rows_for,
    status_counts,
)

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def decide(
    catalog: Catalog,
    platform_id: str,
    category_id: str,
    status: Status,
    *,
    days_ago: int = 1,
    stale: bool = False,
) -> Decision:
    category = catalog.platform(platform_id).category(category_id)  # type: ignore[union-attr]
    assert category is not None
    return Decision(
        platform_id,
        category_id,
        status,
        "",
        NOW - timedelta(days=days_ago),
        "old-fingerprint" if stale else category.fingerprint,
    )


def rows(catalog: Catalog, *decisions: Decision) -> list[ChecklistRow]:
    return build_checklist(catalog, decisions, now=NOW, recheck_days=180)


def keys(steps: list) -> list[tuple[str, str]]:
    return [step.key for step in steps]


def test_everything_on_x_is_every_category_highest_risk_first(catalog: Catalog) -> None:
    steps = plan_steps(rows(catalog), PlanChoice(Scope.EVERYTHING, ("x",)))
    x = catalog.platform("x")
    assert x is not None
    assert sorted(keys(steps)) == sorted(("x", c.id) for c in x.categories)
    risks = [RISK_ORDER[step.row.category.risk] for step in steps]
    assert risks == sorted(risks)
    # Ties keep catalog order: the high-risk entries come in the order the file lists them.
    high = [step.row.category_id for step in steps if step.row.category.risk == "high"]
    assert high == [c.id for c in x.categories if c.risk == "high"]


def test_platforms_follow_catalog_order_not_the_order_chosen(catalog: Catalog) -> None:
    steps = plan_steps(rows(catalog), PlanChoice(Scope.EVERYTHING, ("x", "facebook")))
    platforms = list(dict.fromkeys(step.row.platform_id for step in steps))
    assert platforms == ["facebook", "x"]


def test_to_do_scope_keeps_unreviewed_and_later_only(catalog: Catalog) -> None:
    checklist = rows(
        catalog,
        decide(catalog, "x", "biometrics", Status.OPTED_OUT),
        decide(catalog, "x", "personalised-ads", Status.LATER),
        decide(catalog, "x", "device-data", Status.KEPT, stale=True),
    )
    steps = plan_steps(checklist, PlanChoice(Scope.TO_DO, ("x",)))
    chosen = {step.row.category_id for step in steps}
    assert "biometrics" not in chosen
    assert "personalised-ads" in chosen
    assert "device-data" not in chosen  # decided; changed is the other scope's business
    assert len(steps) == 17 - 2


def test_changed_scope_keeps_changed_and_due_only(catalog: Catalog) -> None:
    checklist = rows(
        catalog,
        decide(catalog, "x", "biometrics", Status.OPTED_OUT),
        decide(catalog, "x", "device-data", Status.KEPT, stale=True),
        decide(catalog, "x", "payment-data", Status.KEPT, days_ago=400),
    )
    steps = plan_steps(checklist, PlanChoice(Scope.CHANGED, ("x",)))
    assert {step.row.category_id for step in steps} == {"device-data", "payment-data"}


def test_topic_mode_goes_topic_by_topic_across_platforms_once_each(catalog: Catalog) -> None:
    choice = PlanChoice(Scope.TOPICS, ("x", "facebook"), ("sharing", "ai-training"), None)
    steps = plan_steps(rows(catalog), choice)
    # Vocabulary order: ai-training comes before sharing whatever order they were chosen in.
    topics = [step.topic for step in steps]
    assert topics == sorted(topics, key=["ai-training", "sharing"].index)
    # grok-xai-training is on both topics: reviewed once, under the first.
    grok = [step for step in steps if step.row.category_id == "grok-xai-training"]
    assert [step.topic for step in grok] == ["ai-training"]
    assert len(set(keys(steps))) == len(steps)
    for step in steps:
        assert step.topic in step.row.category.topics
    ai = [step.key for step in steps if step.topic == "ai-training"]
    assert ai[0][0] == "facebook" and ai[-1][0] == "x"  # platform by platform inside a topic


def test_region_never_leaves_out_what_is_collected(catalog: Catalog) -> None:
    """Collection concerns everyone: a US user walks Meta's AI training too, although only
    the EU and UK have a form for it. The region changes the control shown, not the walk."""
    checklist = rows(catalog)
    walks = {
        region: keys(plan_steps(checklist, PlanChoice(Scope.EVERYTHING, ("facebook",), (), region)))
        for region in (None, "DE", "GB", "US")
    }
    assert len(walks[None]) == 8
    assert walks["DE"] == walks["GB"] == walks["US"] == walks[None]
    assert ("facebook", "ai-training") in walks["US"]
    counts = platform_counts(checklist, "facebook")
    assert (counts.offered, counts.unreviewed) == (8, 8)


def test_counts_and_finish_rows(catalog: Catalog) -> None:
    checklist = rows(
        catalog,
        decide(catalog, "x", "biometrics", Status.OPTED_OUT),
        decide(catalog, "x", "personalised-ads", Status.LATER),
        Decision("gone", "retired-entry", Status.KEPT, "", NOW, "f"),
    )
    counts = platform_counts(checklist, "x")
    assert (counts.offered, counts.unreviewed) == (17, 15)
    finished = rows_for(checklist, ["x"])
    assert len(finished) == 17
    by_status = status_counts(finished)
    assert by_status[Status.OPTED_OUT] == 1 and by_status[Status.LATER] == 1
    assert by_status[None] == 15
    assert not any(in_scope(row, Scope.EVERYTHING) for row in checklist if row.retired)


def test_nothing_chosen_means_no_steps(catalog: Catalog) -> None:
    assert plan_steps(rows(catalog), PlanChoice(Scope.EVERYTHING, ())) == []
    assert plan_steps(rows(catalog), PlanChoice(Scope.TOPICS, ("x",), ())) == []


def test_ordered_topics_keeps_vocabulary_order_and_unknown_last() -> None:
    assert ordered_topics(["ads", "zzz", "ai-training", "ads"]) == ["ai-training", "ads", "zzz"]


def test_restore_drops_entries_that_left_the_catalog(catalog: Catalog) -> None:
    steps = restore_steps(
        rows(catalog),
        [("x", "biometrics"), ("x", "no-longer-there"), ("facebook", "location")],
        ["biometrics", None, None],
    )
    assert keys(steps) == [("x", "biometrics"), ("facebook", "location")]
    assert steps[0].topic == "biometrics"


class DictSettings:
    """The two settings methods of the store, over a dict."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: str) -> None:
        assert isinstance(value, str)  # the store keeps text only
        self.values[key] = value


def test_session_round_trip(catalog: Catalog) -> None:
    store = DictSettings()
    assert session.load_walk(store) is None
    assert session.load_region(store) == (False, None)
    choice = PlanChoice(Scope.TOPICS, ("x", "facebook"), ("ai-training",), "DE")
    steps = plan_steps(rows(catalog), choice)
    session.save_walk(store, choice, steps)
    session.save_position(store, steps[1].key)
    walk = session.load_walk(store)
    assert walk is not None
    assert walk.choice == choice
    assert list(walk.keys) == keys(steps)
    assert walk.position == steps[1].key
    assert set(walk.topics) == {"ai-training"}
    assert session.load_region(store) == (True, "DE")
    session.save_position(store, None)  # finished
    assert session.load_walk(store) is None
    session.save_region(store, None)
    assert session.load_region(store) == (True, None)  # chosen: every region


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (session.POSITION_KEY, "{not json"),
        (session.POSITION_KEY, json.dumps(["x"])),
        (session.POSITION_KEY, json.dumps(["x", "not-in-plan"])),
        (session.PLAN_KEY, json.dumps({"a": 1})),
        (session.SCOPE_KEY, "sideways"),
    ],
)
def test_damaged_session_settings_are_ignored(catalog: Catalog, key: str, value: str) -> None:
    store = DictSettings()
    choice = PlanChoice(Scope.EVERYTHING, ("x",))
    steps = plan_steps(rows(catalog), choice)
    session.save_walk(store, choice, steps)
    session.save_position(store, steps[0].key)
    store.values[key] = value
    assert session.load_walk(store) is None


def test_damaged_region_is_ignored() -> None:
    store = DictSettings()
    store.values[session.REGION_KEY] = "Germany<script>"
    assert session.load_region(store) == (False, None)


def test_plan_and_session_import_without_qt() -> None:
    code = (
        "import sys, gui.core.review.plan, gui.core.review.session; "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_plan_works_on_a_catalog_with_an_edited_category(catalog: Catalog) -> None:
    x = catalog.platform("x")
    assert x is not None
    low_first = replace(x, categories=tuple(replace(c, risk="low") for c in x.categories))
    steps = plan_steps(rows(Catalog(platforms=(low_first,))), PlanChoice(Scope.EVERYTHING, ("x",)))
    assert [step.row.category_id for step in steps] == [c.id for c in x.categories]
