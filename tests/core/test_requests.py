"""Privacy request letters: each kind and law cites the right article or section with the
right deadline; overdue requests; follow-up and complaint authorities; literal output of
what the user typed; mailto fallback; calendar events read back."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from gui.core import dates
from gui.core.catalog import load_catalog
from gui.core.catalog.model import Contact, Platform
from gui.core.requests import (
    RIGHTS,
    DataRequest,
    Kind,
    Law,
    Requester,
    RequestInputError,
    RequestStatus,
    authorities,
    deadline,
    draft_complaint,
    draft_follow_up,
    draft_request,
    law_for_region,
    overdue_requests,
    right_for,
)
from gui.core.requests.deadlines import add_months
from gui.core.requests.model import overdue_by_category, overdue_summary_lines
from gui.core.requests.render import letter_markdown, letter_text, mailto, markdown_literal

TODAY = date(2026, 12, 1)
READ = date(2026, 8, 1)

# What each letter must cite, word for word as a privacy team knows it.
CITATIONS = {
    Kind.ACCESS: "Article 15",
    Kind.CORRECTION: "Article 16",
    Kind.ERASURE: "Article 17",
    Kind.RESTRICTION: "Article 18",
    Kind.OBJECTION: "Article 21(1)",
    Kind.OBJECTION_MARKETING: "Article 21(2)",
    Kind.WITHDRAW_CONSENT: "Article 7(3)",
    Kind.KNOW: "1798.110",
    Kind.DELETE: "section 1798.105",
    Kind.CORRECT: "section 1798.106",
    Kind.OPT_OUT: "section 1798.120",
    Kind.LIMIT_SENSITIVE: "section 1798.121",
}
LAW_WORDS = {Law.GDPR: " GDPR", Law.UK_GDPR: " UK GDPR", Law.CCPA: "Cal. Civ. Code"}


def platform(contacts: tuple[Contact, ...] = ()) -> Platform:
    base = load_catalog().platform("x")
    assert base is not None
    return dataclasses.replace(base, contacts=contacts)


IRISH = Contact(
    "postal",
    "X Internet Unlimited Company, Attn: Data Protection Officer, Dublin 2, Ireland",
    "Controller for the EU",
    "https://x.com/en/privacy",
    READ,
    ("EEA", "GB"),
)
EMAIL = Contact("email", "dpo@x.com", "Data Protection Officer", "https://x.com/en/privacy", READ)
FORM = Contact(
    "web-form", "https://help.x.com/forms/privacy", "Privacy form", "https://x.com/", READ
)


def sent_request(law: Law, sent: date, **changes: object) -> DataRequest:
    request = DataRequest(
        id=7,
        platform_id="x",
        category_ids=("grok-xai-training",),
        kind=Kind.OBJECTION if law is not Law.CCPA else Kind.OPT_OUT,
        law=law,
        status=RequestStatus.SENT,
        drafted_at=datetime(2026, 1, 1, tzinfo=UTC),
        sent_on=sent,
        requester=Requester("Ana Example", "@ana"),
    )
    return dataclasses.replace(request, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("law", "kind"), [(law, kind) for law, rights in RIGHTS.items() for kind in rights]
)
def test_each_kind_cites_its_article_and_the_deadline(law: Law, kind: Kind) -> None:
    letter = draft_request(
        platform((EMAIL,)), kind.value, law, grounds="My posts are private to me.", today=TODAY
    )
    text = letter_text(letter)
    assert CITATIONS[kind] in text
    assert LAW_WORDS[law] in text
    assert "This is my own request" in text
    expected = date(2027, 1, 1) if law is not Law.CCPA else TODAY + timedelta(days=45)
    assert letter.deadline == expected
    assert f"Please answer by {dates.day(expected)}" in text
    rule = "1798.130" if law is Law.CCPA else "Article 12(3)"
    assert rule in text


def test_deadlines_follow_article_12_and_section_1798_130() -> None:
    assert deadline(Law.GDPR, date(2026, 1, 31)) == date(2026, 2, 28)
    assert deadline(Law.GDPR, date(2026, 1, 31), extended=True) == date(2026, 4, 30)
    assert deadline(Law.UK_GDPR, date(2026, 11, 15)) == date(2026, 12, 15)
    assert deadline(Law.CCPA, date(2026, 1, 1)) == date(2026, 2, 15)
    assert deadline(Law.CCPA, date(2026, 1, 1), extended=True) == date(2026, 4, 1)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 30), 2) == date(2027, 1, 30)


def test_a_gdpr_request_sent_40_days_ago_is_overdue_unless_extended() -> None:
    request = sent_request(Law.GDPR, TODAY - timedelta(days=40))
    assert request.status_on(TODAY)[0] is RequestStatus.OVERDUE
    assert overdue_requests([request], TODAY) == [request]
    extended = dataclasses.replace(request, status=RequestStatus.EXTENDED, extended=True)
    assert extended.status_on(TODAY)[0] is RequestStatus.EXTENDED
    assert overdue_requests([extended], TODAY) == []
    answered = dataclasses.replace(request, status=RequestStatus.ANSWERED)
    assert not answered.is_overdue(TODAY)
    # A CCPA request has 45 days: 40 days is still within them.
    assert not sent_request(Law.CCPA, TODAY - timedelta(days=40)).is_overdue(TODAY)
    assert sent_request(Law.CCPA, TODAY - timedelta(days=46)).is_overdue(TODAY)


def test_overdue_requests_are_listed_for_the_summary_and_the_checklist() -> None:
    late = sent_request(Law.GDPR, TODAY - timedelta(days=40))
    on_time = dataclasses.replace(late, id=8, sent_on=TODAY - timedelta(days=3))
    lines = overdue_summary_lines([late, on_time], {"x": "X"}, TODAY)
    assert len(lines) == 1 and lines[0].startswith("X: objection request (GDPR)")
    assert "request follow-up 7" in lines[0]
    assert "Ana" not in lines[0] and "@ana" not in lines[0]
    assert overdue_by_category([late, on_time], TODAY) == {("x", "grok-xai-training"): (late,)}


def test_objection_under_21_1_needs_grounds_and_says_why() -> None:
    with pytest.raises(RequestInputError, match="grounds relating to your particular situation"):
        draft_request(platform(), "objection", Law.GDPR, today=TODAY)
    marketing = draft_request(platform(), "objection-marketing", Law.GDPR, today=TODAY)
    assert "Article 21(2)" in letter_text(marketing)


def test_unknown_kinds_and_laws_list_the_valid_ones() -> None:
    with pytest.raises(RequestInputError, match="valid kinds: know, delete, correct"):
        right_for(Law.CCPA, "erasure")
    with pytest.raises(RequestInputError, match="valid kinds: access, correction"):
        right_for(Law.UK_GDPR, "opt-out")
    from gui.core.requests import parse_law

    with pytest.raises(RequestInputError, match="valid laws: gdpr, uk-gdpr, ccpa"):
        parse_law("lgpd")


def test_the_law_follows_the_region() -> None:
    assert law_for_region("DE") is Law.GDPR
    assert law_for_region("no") is Law.GDPR  # EEA
    assert law_for_region("GB") is Law.UK_GDPR
    assert law_for_region("US") is Law.CCPA
    assert law_for_region("JP") is None
    assert law_for_region(None) is None


def test_the_letter_carries_category_quote_and_export_findings() -> None:
    x = platform((EMAIL,))
    category = x.category("grok-xai-training")
    assert category is not None
    letter = draft_request(
        x,
        "objection",
        Law.GDPR,
        categories=[category],
        grounds="I never agreed.",
        findings=["312 inferred interests"],
        today=TODAY,
    )
    text = letter_text(letter)
    assert category.quote.text in text and category.quote.source in text
    assert "312 inferred interests" in text
    assert "train or improve artificial intelligence models" in text
    assert letter.email == "dpo@x.com"
    assert letter.addressee[-1] == "dpo@x.com"


def test_a_platform_without_a_contact_says_so_and_the_letter_has_no_addressee() -> None:
    letter = draft_request(platform(), "access", Law.GDPR, today=TODAY)
    assert letter.addressee == () and letter.email is None
    assert "no privacy contact" in letter.notice
    assert letter_text(letter).startswith("Date: ")


def test_a_web_form_platform_gets_the_form_to_open() -> None:
    letter = draft_request(platform((FORM,)), "access", Law.GDPR, today=TODAY)
    assert letter.web_form == "https://help.x.com/forms/privacy" and letter.email is None
    assert mailto(letter) is None


def test_follow_up_and_complaint_name_the_right_authority() -> None:
    late = sent_request(Law.GDPR, TODAY - timedelta(days=40), grounds="mine")
    irish = platform((IRISH, EMAIL))
    follow_up = letter_text(draft_follow_up(late, irish, today=TODAY))
    assert "Data Protection Commission (Ireland)" in follow_up
    assert "ended on 22 Nov 2026" in follow_up
    complaint = draft_complaint(dataclasses.replace(late, follow_up_on=TODAY), irish, today=TODAY)
    text = letter_text(complaint)
    assert complaint.addressee[0].startswith("The Data Protection Commission (Ireland)")
    assert "Article 77 GDPR" in text and "I sent a reminder on 1 Dec 2026" in text
    assert "where I live or work" in text  # the Article 77 alternative
    # Without an Irish establishment, the authority where the user lives.
    assert authorities(Law.GDPR, platform((EMAIL,)))[0].name.startswith("the supervisory")
    uk = letter_text(
        draft_complaint(sent_request(Law.UK_GDPR, date(2026, 9, 1)), irish, today=TODAY)
    )
    assert "Information Commissioner's Office" in uk and "section 165" in uk
    ccpa = sent_request(Law.CCPA, date(2026, 9, 1))
    assert "California Privacy Protection Agency" in letter_text(
        draft_follow_up(ccpa, irish, today=TODAY)
    )
    assert "California Privacy Protection Agency" in letter_text(
        draft_complaint(ccpa, irish, today=TODAY)
    )


HOSTILE_NAME = "<b>Ana</b> & [x](javascript:alert(1)) \x1b[31m\u202eevil"


def test_markup_and_control_characters_come_out_literally() -> None:
    letter = draft_request(
        platform((EMAIL,)),
        "access",
        Law.GDPR,
        requester=Requester(HOSTILE_NAME, "# @ana"),
        today=TODAY,
    )
    text = letter_text(letter)
    assert "<b>Ana</b> & [x](javascript:alert(1)) \\x1b[31m\\u202eevil" in text
    assert "\x1b" not in text and "\u202e" not in text
    md = letter_markdown(letter)
    assert "\\<b\\>Ana\\</b\\> \\& \\[x\\](javascript:alert(1))" in md
    assert "\n\\# @ana" in md or "\\# @ana" in md
    assert "\x1b" not in md
    assert markdown_literal("1. not a list\n- nor this") == "1\\. not a list  \n\\- nor this"


def test_very_long_names_are_refused_with_a_clear_message() -> None:
    with pytest.raises(RequestInputError, match="name is too long"):
        draft_request(platform(), "access", Law.GDPR, requester=Requester("A" * 201), today=TODAY)


def test_mailto_carries_subject_and_body_and_falls_back_when_too_long() -> None:
    from urllib.parse import parse_qs, urlsplit

    short = draft_request(platform((EMAIL,)), "access", Law.GDPR, today=TODAY)
    link = mailto(short, limit=100_000)
    assert link is not None and link.body_in_url
    parts = urlsplit(link.url)
    assert parts.scheme == "mailto" and parts.path == "dpo@x.com"
    query = parse_qs(parts.query)
    assert query["subject"][0] == short.subject
    assert "Article 15" in query["body"][0]
    long = draft_request(
        platform((EMAIL,)), "correction", Law.GDPR, details="wrong " * 600, today=TODAY
    )
    fallback = mailto(long)
    assert fallback is not None and not fallback.body_in_url
    assert "body=" not in fallback.url and "subject=" in fallback.url
    assert len(fallback.url) < 1_900


def test_a_deadline_exported_as_ics_reads_back() -> None:
    import icalendar

    from gui.core.requests.calendar import deadline_event

    request = sent_request(Law.GDPR, date(2026, 10, 1))
    data = deadline_event(request, "X", now=datetime(2026, 12, 1, tzinfo=UTC), today=TODAY)
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == date(2026, 11, 1)
    assert "GDPR" in str(event.get("summary"))
    assert list(event.walk("VALARM"))
    with pytest.raises(ValueError, match="no deadline"):
        deadline_event(
            dataclasses.replace(request, sent_on=None, status=RequestStatus.DRAFTED),
            "X",
            now=datetime(2026, 12, 1, tzinfo=UTC),
            today=TODAY,
        )
