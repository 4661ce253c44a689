"""``privacy-review request``: draft, sent, extended, answered, list, follow-up, calendar;
bad input is one clear line, never a traceback."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from gui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_draft_sent_list_follow_up_and_calendar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(
        capsys,
        "request", "draft", "x", "objection", "--law", "gdpr", "--category", "grok-xai-training",
        "--name", "Ana <b>", "--grounds", "My posts are mine.",
    )  # fmt: skip
    assert code == 0, err
    assert "Article 21(1) GDPR" in out and "Ana <b>" in out
    assert "not legal advice" in err and "kept as request 1" in err
    assert "no privacy contact" in err  # the fixed test catalog has none
    sent = (date.today() - timedelta(days=40)).isoformat()
    code, out, err = run(capsys, "request", "sent", "1", "--on", sent)
    assert code == 0, err
    assert "Overdue" in out
    code, out, _ = run(capsys, "request", "list", "--json")
    rows = json.loads(out)
    assert rows[0]["status"] == "overdue" and rows[0]["sent"] == sent
    assert "Ana" not in out  # the list shows no name
    code, out, err = run(capsys, "request", "follow-up", "1")
    assert code == 0, err
    assert "Reminder" in out and "Article 77 GDPR" in out
    complaint = tmp_path / "complaint.md"
    code, _, err = run(capsys, "request", "follow-up", "1", "--complaint", "-o", str(complaint))
    assert code == 0, err
    assert "I sent a reminder on" in complaint.read_text(encoding="utf-8")
    ics = tmp_path / "deadline.ics"
    assert run(capsys, "request", "calendar", "1", "-o", str(ics))[0] == 0
    import icalendar

    event = next(iter(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")))
    assert event.decoded("dtstart") < date.today()
    code, out, _ = run(capsys, "request", "extended", "1")
    assert code == 0 and "extended" in out.lower()
    code, out, _ = run(capsys, "request", "answered", "1")
    assert code == 0 and "Answered" in out


def test_the_summary_lists_overdue_requests(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "request", "draft", "x", "access", "--law", "uk-gdpr")
    sent = (date.today() - timedelta(days=40)).isoformat()
    run(capsys, "request", "sent", "1", "--on", sent)
    target = tmp_path / "summary.md"
    code, _, err = run(capsys, "summary", "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "## Requests past their legal deadline (1)" in text
    assert "access request (UK GDPR)" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("draft", "x", "know", "--law", "gdpr"), "valid kinds: access, correction"),
        (("draft", "x", "erasure", "--law", "ccpa"), "valid kinds: know, delete, correct"),
        (("draft", "x", "access", "--law", "lgpd"), "valid laws: gdpr, uk-gdpr, ccpa"),
        (("draft", "x", "access"), "pass --law with one of: gdpr, uk-gdpr, ccpa"),
        (("draft", "x", "objection", "--law", "gdpr"), "needs your grounds"),
        (("draft", "nope", "access", "--law", "gdpr"), "unknown platform"),
        (("draft", "x", "access", "--law", "gdpr", "--category", "nope"), "unknown category"),
        (("draft", "x", "access", "--law", "gdpr", "--name", "A" * 300), "name is too long"),
        (("sent", "5"), "There is no request 5"),
        (("sent", "5", "--on", "yesterday"), "not a date"),
        (("follow-up", "5"), "There is no request 5"),
    ],
)
def test_bad_input_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, _, err = run(capsys, "request", *args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err
