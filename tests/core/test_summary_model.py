"""The summary's document model: what is on the to-do list, what each platform section
holds, and what the options leave out. No Qt here."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from gui.core.catalog import Catalog
from gui.core.checklist import Decision, Status
from gui.core.summary.model import (
    NO_LINK_HINTS,
    REASON_CHANGED,
    REASON_DUE,
    REASON_LATER,
    REASON_UNREVIEWED,
    SummaryOptions,
    build_summary,
    clean_text,
    format_for_path,
)
from gui.core.summary.render_text import render_text

from conftest import REPO_ROOT
from support.summary_data import (
    EXPECTED_TO_DO,
    HOSTILE_NOTE,
    NOW,
    decisions_for,
    load_test_catalog,
)


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_test_catalog(tmp_path / "catalog")


def test_to_do_list_is_built_from_checklist_flags(catalog: Catalog) -> None:
    summary = build_summary(catalog, decisions_for(catalog), now=NOW)
    got = [(item.platform_name, item.title, item.reasons) for item in summary.to_do]
    assert got == EXPECTED_TO_DO


def test_to_do_items_carry_settings_links_and_regions(catalog: Catalog) -> None:
    options = SummaryOptions(country="DE")
    summary = build_summary(catalog, decisions_for(catalog), options, now=NOW)
    objection = next(i for i in summary.to_do if i.title == "Objecting to profiling")
    assert [link.url for link in objection.links] == ["https://alpha.example/settings/objection"]
    assert "Everywhere else: no control is offered." in objection.elsewhere
    assert objection.control == "a form to send"


def test_a_regional_control_is_named_where_the_reader_has_none(catalog: Catalog) -> None:
    """The category stays on a US reader's list; its form is named as what the EU and UK
    get, and no link to a form they cannot use is printed."""
    options = SummaryOptions(country="US")
    summary = build_summary(catalog, decisions_for(catalog), options, now=NOW)
    objection = next(i for i in summary.to_do if i.title == "Objecting to profiling")
    assert objection.links == ()
    assert "In the EU and the UK: you can send a form." in objection.elsewhere
    assert "Where you live (the US): no control is offered." in objection.elsewhere


def test_to_do_item_without_link_says_why(catalog: Catalog) -> None:
    summary = build_summary(catalog, [], now=NOW)
    messages = next(i for i in summary.to_do if i.title == "Messages scanned for safety")
    assert messages.links == ()
    assert messages.no_link == NO_LINK_HINTS["none"]
    ads = next(i for i in summary.to_do if i.title == "Ads based on your activity")
    assert not ads.links[0].confirmed  # printed with "(address from third-party guides)"
    text = render_text(summary)
    assert NO_LINK_HINTS["none"] in text
    assert "Settings: Ad preferences (address from third-party guides)" in text


def test_sections_hold_every_decision_with_local_date_and_note(catalog: Catalog) -> None:
    decisions = decisions_for(catalog)
    zone = timezone(timedelta(hours=-10))  # far enough west to move 09:00 UTC a day back
    summary = build_summary(catalog, decisions, now=NOW, zone=zone)
    lines = {
        (section.platform_id, line.title): line
        for section in summary.platforms
        for line in section.lines + section.no_control
    }
    for decision in decisions:
        platform = catalog.platform(decision.platform_id)
        assert platform is not None
        category = platform.category(decision.category_id)
        title = category.title if category else f"{decision.category_id} (retired)"
        line = lines[(decision.platform_id, title)]
        assert line.decided == decision.decided_at.astimezone(zone).date()
        assert line.decided != decision.decided_at.date()  # the zone really applied
        assert line.note == decision.note
        assert line.status != "Not reviewed"
    assert summary.generated_at.utcoffset() == timedelta(hours=-10)


def test_no_control_categories_are_listed_apart(catalog: Catalog) -> None:
    summary = build_summary(catalog, decisions_for(catalog), now=NOW)
    alpha = summary.platforms[0]
    assert [line.title for line in alpha.no_control] == ["Messages scanned for safety"]
    assert "Messages scanned for safety" not in [line.title for line in alpha.lines]


def test_country_makes_region_limited_controls_unavailable(catalog: Catalog) -> None:
    in_eu = build_summary(catalog, [], SummaryOptions(country="DE"), now=NOW)
    in_us = build_summary(catalog, [], SummaryOptions(country="US"), now=NOW)
    eu_titles = [line.title for line in in_eu.platforms[0].no_control]
    us_titles = [line.title for line in in_us.platforms[0].no_control]
    assert "Objecting to profiling" not in eu_titles
    assert "Objecting to profiling" in us_titles


def test_retired_decision_is_kept_and_flagged(catalog: Catalog) -> None:
    summary = build_summary(catalog, decisions_for(catalog), now=NOW)
    beta = summary.platforms[1]
    retired = [line for line in beta.lines if line.title == "old-feature (retired)"]
    assert len(retired) == 1
    assert retired[0].flags == ("retired from the catalog",)
    assert retired[0].note == "From an older catalog"
    assert all("old-feature" not in item.title for item in summary.to_do)


def test_options_leave_out_notes(catalog: Catalog) -> None:
    summary = build_summary(
        catalog, decisions_for(catalog), SummaryOptions(include_notes=False), now=NOW
    )
    notes = [line.note for s in summary.platforms for line in s.lines + s.no_control]
    assert notes and all(note == "" for note in notes)


def test_options_leave_out_unreviewed(catalog: Catalog) -> None:
    summary = build_summary(
        catalog, decisions_for(catalog), SummaryOptions(include_unreviewed=False), now=NOW
    )
    statuses = [line.status for s in summary.platforms for line in s.lines + s.no_control]
    assert "Not reviewed" not in statuses
    assert summary.unreviewed_left_out == 2
    reasons = {reason for item in summary.to_do for reason in item.reasons}
    assert REASON_UNREVIEWED not in reasons
    assert reasons == {REASON_LATER, REASON_DUE, REASON_CHANGED}


def test_options_choose_platforms(catalog: Catalog) -> None:
    summary = build_summary(
        catalog, decisions_for(catalog), SummaryOptions(platform_ids=("beta",)), now=NOW
    )
    assert [s.platform_id for s in summary.platforms] == ["beta"]
    assert {item.platform_name for item in summary.to_do} == {"Beta Chat"}


def test_platform_with_nothing_to_show_still_appears(catalog: Catalog) -> None:
    options = SummaryOptions(platform_ids=("alpha", "beta"), include_unreviewed=False)
    only_alpha = [d for d in decisions_for(catalog) if d.platform_id == "alpha"]
    summary = build_summary(catalog, only_alpha, options, now=NOW)
    assert [s.platform_id for s in summary.platforms] == ["alpha", "beta"]
    assert summary.platforms[1].lines == () and summary.platforms[1].no_control == ()


def test_recheck_interval_option(catalog: Catalog) -> None:
    decisions = decisions_for(catalog)
    short = build_summary(catalog, decisions, SummaryOptions(recheck_days=7), now=NOW)
    due = [i.title for i in short.to_do if REASON_DUE in i.reasons]
    assert "Posts used to train AI" in due  # decided 10 days before NOW


def test_sources_are_each_platforms_policies(catalog: Catalog) -> None:
    summary = build_summary(catalog, [], now=NOW)
    alpha, beta = summary.platforms
    assert [(p.title, p.effective.isoformat()) for p in alpha.policies] == [
        ("Alpha Social Privacy Policy", "2025-02-01")
    ]
    assert beta.policies[0].url == "https://beta.example/privacy"
    assert beta.last_verified is not None and beta.last_verified.isoformat() == "2025-07-15"
    assert summary.catalog_version == catalog.version


def test_text_is_cleaned_of_control_and_bidi_characters(catalog: Catalog) -> None:
    sneaky = "fine\r\nline two\x1b[31m red\u202e evil\x00"
    decision = replace(decisions_for(catalog)[0], note=sneaky)
    summary = build_summary(catalog, [decision], now=NOW)
    note = summary.platforms[0].lines[0].note
    assert note == "fine\nline two[31m red evil"
    assert clean_text(HOSTILE_NOTE) == HOSTILE_NOTE  # markup is text, left for escaping


def test_naive_now_is_refused(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        build_summary(catalog, [], now=datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("out.pdf", None, "pdf"),
        ("OUT.HTM", None, "html"),
        ("notes.markdown", None, "md"),
        ("a.txt", None, "txt"),
        ("a.txt", "pdf", "pdf"),
        ("no-extension", "md", "md"),
    ],
)
def test_format_for_path(name: str, fmt: str | None, expected: str) -> None:
    assert format_for_path(name, fmt) == expected


def test_format_for_path_refuses_unknown() -> None:
    with pytest.raises(ValueError, match=r"cannot tell the format from 'a\.docx'"):
        format_for_path("a.docx")
    with pytest.raises(ValueError, match="unknown format 'rtf'"):
        format_for_path("a.pdf", "rtf")


def test_generated_time_shows_offset() -> None:
    zone = timezone(timedelta(hours=5, minutes=30))
    moment = datetime(2026, 3, 4, 14, 5, tzinfo=zone)
    there = build_summary(Catalog(platforms=()), [], now=moment, zone=zone)
    assert "Made 4 Mar 2026, 14:05 (UTC+05:30)" in render_text(there)
    in_utc = build_summary(Catalog(platforms=()), [], now=moment, zone=UTC)
    assert "Made 4 Mar 2026, 08:35 (UTC+00:00)" in render_text(in_utc)


def test_decision_type_is_the_checklists() -> None:
    # The builder takes the store's own Decision objects; no adapter type in between.
    decision = Decision("alpha", "ads", Status.KEPT, "", NOW, "x")
    assert build_summary(Catalog(platforms=()), [decision], now=NOW).platforms[0].lines


def test_qt_free_modules_import_no_qt() -> None:
    code = (
        "import sys\n"
        "import gui.core.summary, gui.core.summary.model, gui.core.summary.render_text\n"
        # (gui.desktop.summary.pdf is the Qt half, imported only to draw a PDF.)
        "import gui.core.summary.render_html, gui.core.summary.export\n"
        "import gui.cli.summary_cmd\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
