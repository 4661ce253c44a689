"""``mark`` and ``checklist`` speak the user's words (gui.core.words), take ids in any case
with "did you mean", count in words, and ``checklist`` ends with the overdue requests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from gui.cli import main
from gui.core import dates
from gui.core.checklist import HistoryEntry, Status
from gui.core.paths import resolve
from gui.core.review.session import save_region
from gui.core.store import open_store
from gui.desktop.window.history_view import change_text


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_mark_says_the_choice_for_the_control_and_takes_ids_in_any_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "mark", "X", "GROK-XAI-Training", "Opted-Out")
    assert code == 0, err
    assert out.startswith("Saved: x/grok-xai-training: I turned it off (")  # a switch
    # Facebook's AI objection form is for the EU and the UK: elsewhere there is no control.
    code, out, err = run(capsys, "mark", "facebook", "ai-training", "opted-out")
    assert code == 0, err
    assert out.startswith("Saved: facebook/ai-training: Opted out (")
    with open_store(resolve()) as store:
        save_region(store, "DE")
    code, out, err = run(capsys, "mark", "facebook", "ai-training", "opted-out")
    assert code == 0, err
    assert out.startswith("Saved: facebook/ai-training: I sent the form (")
    # Dates in the words people read (gui.core.dates), in the user's time zone.
    with open_store(resolve()) as store:
        (decided_at,) = {d.decided_at for d in store.decisions() if d.platform_id == "facebook"}
    assert out == f"Saved: facebook/ai-training: I sent the form ({dates.moment(decided_at)})\n"
    code, out, err = run(capsys, "checklist", "--platform", "facebook")
    assert code == 0, err
    assert f"  (decided {dates.day(decided_at)})" in out


def test_a_mistyped_id_is_answered_with_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "mark", "facebok", "ai-training", "kept")
    assert code == 1 and "did you mean facebook?" in err and "Traceback" not in err
    code, _, err = run(capsys, "mark", "x", "grok-xai-trainin", "kept")
    assert code == 1 and "did you mean grok-xai-training?" in err
    code, _, err = run(capsys, "checklist", "--platform", "facebok")
    assert code == 1 and "did you mean facebook?" in err


def test_checklist_words_counts_and_overdue_requests(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "mark", "x", "grok-xai-training", "kept")[0] == 0
    code, out, err = run(capsys, "checklist", "--platform", "X")
    assert code == 0, err
    assert "I left it on" in out and "Left as it is" not in out
    assert " categories, " in out and "Requests past their legal deadline" not in out

    code, _, err = run(
        capsys,
        "request", "draft", "x", "objection", "--law", "gdpr",
        "--category", "grok-xai-training", "--name", "Ana", "--grounds", "Mine.",
    )  # fmt: skip
    assert code == 0, err
    sent_on = date.today() - timedelta(days=40)
    assert run(capsys, "request", "sent", "1", "--on", sent_on.isoformat())[0] == 0
    code, out, err = run(capsys, "checklist")
    assert code == 0, err
    tail = out.split("Requests past their legal deadline: ", 1)[1]
    assert tail.startswith("1 request\n")
    assert f"sent {dates.day(sent_on)}" in tail and "privacy-review request follow-up 1" in tail
    assert "Ana" not in out  # the requester's name is not in the checklist


def test_the_history_speaks_the_words_of_the_control() -> None:
    at = datetime(2026, 12, 1, tzinfo=UTC)
    entry = HistoryEntry("x", "grok-xai-training", None, Status.OPTED_OUT, "", at)
    assert change_text(entry, "toggle") == "Not reviewed → I turned it off"
    assert change_text(entry, "form") == "Not reviewed → I sent the form"
    assert change_text(entry) == "Not reviewed → Opted out"  # retired: generic words
