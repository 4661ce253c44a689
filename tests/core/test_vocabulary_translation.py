"""The vocabulary of gui/core (decision words, flags, controls and regions, quote sources,
topic titles) goes through gettext when it is read, not when its module is imported: with a
translation installed every word a view shows comes out translated, whole sentences with
their placeholders filled after translation, while stored values stay as they are. Without
one, the English is the one the app always showed. Against the fixed test catalog; no Qt."""

from __future__ import annotations

import gettext
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from gui.core import i18n
from gui.core.catalog import Catalog, load_catalog
from gui.core.catalog.controls import (
    CONTROL_PHRASES,
    QUOTE_SOURCES,
    control_phrase,
    quote_source_text,
    region_label,
    regional_text,
    regions_phrase,
    stale_catalog_text,
)
from gui.core.catalog.model import (
    DATED_QUOTE_KINDS,
    GROUP_TITLES,
    QUOTE_KINDS,
    TOPIC_TITLES,
    Category,
    Quote,
)
from gui.core.checklist import (
    FLAG_CHANGED,
    REASON_UNREVIEWED,
    STATUS_LABELS,
    Decision,
    Status,
    build_checklist,
)
from gui.core.i18n import N_, MessageTable
from gui.core.words import GENERIC_WORDS, choice_words, risk_words, status_words

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class _Bracketed(gettext.NullTranslations):
    """A translation that puts every message in brackets: what was translated shows."""

    def gettext(self, message: str) -> str:
        return f"[{message}]"


@pytest.fixture
def bracketed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translation", lambda: _Bracketed())


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _category(catalog: Catalog, platform_id: str, category_id: str) -> Category:
    platform = catalog.platform(platform_id)
    found = platform.category(category_id) if platform else None
    assert found is not None, category_id
    return found


def test_n_marks_without_translating(bracketed: None) -> None:
    assert N_("Opted out") == "Opted out"
    table = MessageTable({"a": N_("Opted out")})
    assert table["a"] == "[Opted out]" and table.message("a") == "Opted out"
    assert table.get("b", "b") == "b" and "a" in table and "b" not in table
    assert dict(table) == {"a": "[Opted out]"} and list(table.values()) == ["[Opted out]"]


def test_decision_words_are_translated_when_read(bracketed: None) -> None:
    assert status_words(Status.OPTED_OUT, "toggle") == "[I turned it off]"
    assert status_words(Status.KEPT, None) == "[Left as it is]"
    assert status_words(None) == "[Not reviewed]"
    assert choice_words("form")["opted-out"] == "[I sent the form]"
    assert GENERIC_WORDS["later"] == "[Decide later]"
    assert STATUS_LABELS[Status.NOT_APPLICABLE] == "[Does not apply to me]"
    assert status_words("withdrawn") == "withdrawn"  # an unknown stored value, shown as it is


def test_a_rows_flags_and_reasons_are_translated_and_its_status_is_not(
    catalog: Catalog, bracketed: None
) -> None:
    category = _category(catalog, "x", "biometrics")
    changed = Decision("x", "biometrics", Status.LATER, "", NOW, "old fingerprint")
    gone = Decision("x", "gone-category", Status.KEPT, "", NOW, "")
    rows = build_checklist(catalog, [changed, gone], now=NOW, platform_ids=["x"])
    row = next(r for r in rows if r.category_id == "biometrics")
    assert row.status is Status.LATER and row.decision == changed  # stored values stay
    assert row.flags == (f"[{FLAG_CHANGED}]",)
    assert row.attention_reasons == ("[marked for later]", "[changed since you decided]")
    assert row.label_for(None) == "[Decide later]"
    retired = next(r for r in rows if r.category_id == "gone-category")
    assert retired.title == "[{category} (retired)]".format(category="gone-category")
    assert retired.flags == ("[retired from the catalog]",) and retired.attention_reasons == ()
    fresh = build_checklist(catalog, [], now=NOW, platform_ids=["x"])[0]
    assert fresh.attention_reasons == (f"[{REASON_UNREVIEWED}]",)
    assert risk_words(category) == f"[{category.risk} risk]"


def test_controls_regions_and_dates_are_whole_translated_sentences(bracketed: None) -> None:
    assert region_label("GB") == "[the UK]" and region_label("DE") == "DE"
    assert regions_phrase(["EU", "GB"]) == "[[the EU] and [the UK]]"
    assert regions_phrase(["EU", "EEA", "GB"]) == "[[the EU], [[the EEA] and [the UK]]]"
    assert CONTROL_PHRASES["none"] == "[no control is offered]"
    quote = Quote(text="t", source="https://example.com", policy_date=date(2026, 1, 15))
    assert quote_source_text(quote) == "[Quoted from the privacy policy of {day}]".format(
        day="[{day} {month} {year}]".format(day=15, month="Jan", year=2026)
    )
    assert stale_catalog_text(date(2026, 1, 1), date(2026, 12, 1)).startswith(
        "[This catalog was last checked on "
    )
    assert TOPIC_TITLES["ai-training"] == "[AI training]"
    assert GROUP_TITLES["messaging"] == "[Messaging]"


def test_regional_text_translates_each_part(catalog: Catalog, bracketed: None) -> None:
    meta = next(
        c
        for p in catalog.platforms
        for c in p.categories
        if any(r.kind != c.default_control.kind for r in c.regional)
    )
    text = regional_text(meta, "US")
    assert text.startswith("[In ") and "[Where you live ([the US]): " in text
    assert control_phrase(meta.control_for("US")) in text


def test_english_reads_as_it_always_did() -> None:
    # The sentences per quote kind say what the kind's title and article used to glue.
    day = date(2026, 1, 15)
    titles = {"policy": "privacy policy", "terms": "terms of service", "help": "help page",
              "settings": "settings page", "form": "form"}  # fmt: skip
    for kind in QUOTE_KINDS:
        title = titles[kind]
        article = "an" if title[:1] in "aeiou" else "a"
        old = (
            f"Quoted from the {title} of 15 Jan 2026"
            if kind in DATED_QUOTE_KINDS
            else f"Quoted from {article} {title} read on 15 Jan 2026"
        )
        quote = Quote(text="t", source="https://example.com", policy_date=day, kind=kind)
        assert quote_source_text(quote) == old, kind
    assert set(QUOTE_SOURCES) == set(QUOTE_KINDS)
    assert (
        quote_source_text(replace(quote, kind="video")) == "Quoted from a page read on 15 Jan 2026"
    )
    assert regions_phrase([]) == "" and regions_phrase(["EU"]) == "the EU"
    assert regions_phrase(["EU", "GB"]) == "the EU and the UK"
    assert regions_phrase(["EU", "EEA", "GB", "CH"]) == "the EU, the EEA, the UK and Switzerland"
    assert regions_phrase(["FR", "DE"], name=str.lower) == "fr and de"
