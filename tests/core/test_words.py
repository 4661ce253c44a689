"""One vocabulary: a decision reads the way the user picked it ("I don't provide it", "I
left it on") wherever it is shown, worded for the control the user has where they live,
while the store keeps the machine-readable status; categories that are actions (get a copy,
delete the account) carry no risk level. Against the fixed test catalog; no Qt."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from gui.core.catalog import Catalog, Category, load_catalog
from gui.core.checklist import Decision, Status, build_checklist
from gui.core.lookup import match_id, suggestions
from gui.core.summary.model import SummaryOptions, build_summary, default_platform_ids
from gui.core.summary.render_html import render_html
from gui.core.summary.render_text import render_markdown, render_text
from gui.core.words import (
    CHOICE_WORDS,
    is_action,
    risk_words,
    shown_risk,
    status_words,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def category(catalog: Catalog, platform_id: str, category_id: str) -> Category:
    platform = catalog.platform(platform_id)
    assert platform is not None
    found = platform.category(category_id)
    assert found is not None, category_id
    return found


def decided(catalog: Catalog, platform_id: str, category_id: str, status: Status) -> Decision:
    return Decision(
        platform_id=platform_id,
        category_id=category_id,
        status=status,
        note="",
        decided_at=NOW,
        fingerprint=category(catalog, platform_id, category_id).fingerprint,
    )


def row_label(catalog: Catalog, decision: Decision, region: str | None = None) -> str:
    rows = build_checklist(catalog, [decision], now=NOW, platform_ids=[decision.platform_id])
    (row,) = [r for r in rows if r.category_id == decision.category_id]
    return row.label_for(region)


@pytest.mark.parametrize(
    ("platform_id", "category_id", "status", "words"),
    [
        ("x", "biometrics", Status.OPTED_OUT, "I don't provide it"),  # was "Opted out"
        ("x", "biometrics", Status.KEPT, "I left it as it is"),  # was "Kept"
        ("linkedin", "processing-objection", Status.OPTED_OUT, "I sent the form"),
        ("linkedin", "close-account", Status.OPTED_OUT, "I deleted my account"),
        ("tiktok", "pre-upload", Status.KEPT, "I left it as it is"),
        ("x", "ai-training-x-models", Status.LATER, "Decide later"),
    ],
)
def test_a_row_reads_as_the_choice_the_user_picked(
    catalog: Catalog, platform_id: str, category_id: str, status: Status, words: str
) -> None:
    decision = decided(catalog, platform_id, category_id, status)
    assert row_label(catalog, decision) == words
    assert decision.status.value == status.value  # stored as before: machine-readable


def test_a_switch_left_on_reads_left_it_on(catalog: Catalog) -> None:
    toggle = next(
        (p.id, c.id) for p in catalog.platforms for c in p.categories if c.control == "toggle"
    )
    assert row_label(catalog, decided(catalog, *toggle, Status.KEPT)) == "I left it on"
    assert row_label(catalog, decided(catalog, *toggle, Status.OPTED_OUT)) == "I turned it off"


def test_the_words_follow_the_control_where_the_user_lives(catalog: Catalog) -> None:
    # Facebook's AI training: no control by default, a form in the EU and the UK.
    decision = decided(catalog, "facebook", "ai-training", Status.OPTED_OUT)
    assert row_label(catalog, decision, "DE") == "I sent the form"
    # Outside those regions nothing can be opted out of: the stored status still shows.
    assert row_label(catalog, decision, "US") == "Opted out"


def test_every_status_of_every_kind_has_words_and_none_is_an_id() -> None:
    for kind, choices in CHOICE_WORDS.items():
        for status in Status:
            words = status_words(status, kind)
            assert words and words != status.value and "-" not in words, (kind, status)
        assert Status.OPTED_OUT.value not in choices or kind != "none"
    assert status_words(None, "toggle") == "Not reviewed"
    assert status_words(Status.KEPT, None) == "Left as it is"  # a retired category


def test_actions_carry_no_risk(catalog: Catalog) -> None:
    copy = category(catalog, "linkedin", "data-download")
    close = category(catalog, "linkedin", "close-account")
    assert is_action(copy) and is_action(close)
    assert shown_risk(close) == "" and risk_words(copy) == ""
    data = category(catalog, "x", "biometrics")
    assert not is_action(data) and risk_words(data) == f"{data.risk} risk"
    # Data whose only control is closing the account is data at risk, not an action.
    streaming = replace(data, control="delete-account", topics=("activity",))
    assert not is_action(streaming)


def test_summary_shows_the_picked_words_and_no_risk_for_actions(catalog: Catalog) -> None:
    decisions = [
        decided(catalog, "x", "biometrics", Status.OPTED_OUT),
        decided(catalog, "linkedin", "processing-objection", Status.OPTED_OUT),
    ]
    options = SummaryOptions(platform_ids=("x", "linkedin"))
    summary = build_summary(catalog, decisions, options, now=NOW)
    statuses = {line.title: line.status for s in summary.platforms for line in s.lines}
    assert statuses[category(catalog, "x", "biometrics").title] == "I don't provide it"
    assert "Opted out" not in statuses.values()
    action_titles = {
        c.title
        for p in catalog.platforms
        if p.id in ("x", "linkedin")
        for c in p.categories
        if is_action(c)
    }
    assert "Deleting your X account" in action_titles
    actions = [i for i in summary.to_do if i.title in action_titles]
    assert actions and all(item.risk == "" for item in actions)
    others = [i for i in summary.to_do if i not in actions]
    assert all(item.risk for item in others)
    text = render_text(summary)
    markdown = render_markdown(summary)
    page = render_html(summary)
    for title in (item.title for item in actions):
        assert f"{title} [" not in text
        assert f"{title} (" not in markdown
        assert f"{title} <span" not in page
    assert "I don't provide it" in text and "I don't provide it" in markdown


def test_summaries_default_to_the_platforms_reviewed(catalog: Catalog) -> None:
    decisions = [decided(catalog, "x", "biometrics", Status.KEPT)]
    assert default_platform_ids(catalog, decisions) == ("x",)
    gone = replace(decisions[0], platform_id="myspace", category_id="music")
    assert default_platform_ids(catalog, [*decisions, gone]) == ("x", "myspace")
    assert default_platform_ids(catalog, []) is None  # nothing reviewed: everything


def test_ids_match_in_any_case_and_typos_get_suggestions() -> None:
    known = ["facebook", "instagram", "x", "linkedin"]
    assert match_id("X", known) == "x"
    assert match_id(" LinkedIn ", known) == "linkedin"
    assert match_id("myspace", known) is None
    assert suggestions("facebok", known) == ["facebook"]
    assert suggestions("insta", known) == ["instagram"]
    assert suggestions("myspace", known) == []
