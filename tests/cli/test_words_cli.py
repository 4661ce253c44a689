"""The command line in plain words: ``catalog topics`` and ``catalog show`` without raw ids
of control kinds, no risk level for actions, counts that agree with their number, ids in
any case, and "did you mean" for a mistyped platform, category, topic or command. Run in
process against the fixed test catalog."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from gui.cli import entry as cli
from gui.cli.errors import EXIT_USAGE
from gui.core.catalog import CONTROL_KINDS, load_catalog
from gui.desktop import app

GOOD_EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "catalogs" / "good" / "example.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def raw_control_ids(text: str) -> list[str]:
    """Control kinds written as ids ("dont-provide", "[none, toggle]", "control form")."""
    kinds = "|".join(re.escape(kind) for kind in CONTROL_KINDS if "-" in kind)
    found = re.findall(rf"\b({kinds})\b", text)
    found += re.findall(r"\[[a-z-]+(?:, [a-z-]+)+\]", text)
    found += re.findall(r"control (?:toggle|form|request|none)\b", text)
    return found


@pytest.fixture
def one_regional_category(isolated_data_dir: Path) -> Path:
    """A user catalog file with one category: a form in the EU and the UK, nothing
    elsewhere (the fixed catalog has no topic whose best control differs by region)."""
    header, _, objection = GOOD_EXAMPLE.read_text(encoding="utf-8").split("[[categories]]")[:3]
    folder = isolated_data_dir / "catalogs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "example.toml"
    path.write_text(header + "[[categories]]" + objection, encoding="utf-8")
    return path


def test_topics_speak_plain_words_and_name_what_other_regions_get(
    capsys: pytest.CaptureFixture[str], one_regional_category: Path
) -> None:
    code, out, err = run(capsys, "catalog", "topics")
    assert code == 0, err
    assert raw_control_ids(out) == []
    assert "ai-training" not in out and "AI training:" in out
    assert "  Example Social: no real control. In the EU and the UK: a form or request." in out
    code, out, err = run(capsys, "catalog", "topics", "account", "--region", "FR")
    assert code == 0, err
    assert "  Example Social: a form or request." in out


def test_topics_name_the_platforms_with_no_entry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "catalog", "topics", "biometrics")
    assert code == 0, err
    covered = {
        p.name
        for p in load_catalog().platforms
        if any("biometrics" in c.topics for c in p.categories)
    }
    missing = [p.name for p in load_catalog().platforms if p.name not in covered]
    assert missing, "the fixed catalog should have a platform without biometrics"
    assert f"  No entry in the catalog for: {', '.join(missing)}." in out


def test_topics_for_a_region_say_what_the_others_get(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "catalog", "topics", "AI-Training", "--region", "de")
    assert code == 0, err
    assert "What someone in the country DE can do:" in out
    assert "  Facebook: a form or request." in out
    code, _, err = run(capsys, "catalog", "topics", "--region", "Germany")
    assert code == cli.EXIT_BAD_INPUT and "--region takes a country code" in err


def test_show_has_no_risk_for_actions_and_words_for_controls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "catalog", "show", "LinkedIn")  # any case
    assert code == 0, err
    assert "close-account: Closing your LinkedIn account (the only way out is closing" in out
    assert "data-download: Getting a copy of your LinkedIn data (you can make a request)" in out
    assert re.search(r"^processing-objection: .* \((low|medium|high) risk; you can send a form\)$",
                     out, re.MULTILINE), out  # fmt: skip
    assert raw_control_ids(out) == []
    assert "LinkedIn (linkedin): 10 categories" in out


def test_a_single_category_is_one_category(
    capsys: pytest.CaptureFixture[str], one_regional_category: Path
) -> None:
    code, out, err = run(capsys, "catalog", "list")
    assert code == 0, err
    assert "Example Social: 1 category  (your file)" in out
    code, out, err = run(capsys, "catalog", "show", "example")
    assert code == 0, err
    assert "Example Social (example): 1 category\n" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["catalog", "show", "facebok"], "unknown platform 'facebok'; did you mean facebook?"),
        (["catalog", "show", "myspace"], "unknown platform 'myspace'; known platforms: "),
        (["catalog", "topics", "biometric"], "unknown topic 'biometric'; did you mean biometrics?"),
        (["wizard", "--platform", "linkdin"], "unknown platform 'linkdin'; did you mean linkedin?"),
        (
            ["wizard", "--topic", "ai-trainig"],
            "unknown topic 'ai-trainig'; did you mean ai-training?",
        ),
    ],
)
def test_mistyped_ids_get_did_you_mean(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(app, "run_gui", lambda args: pytest.fail("the app must not start"))
    code, _, err = run(capsys, *argv)
    assert code == cli.EXIT_BAD_INPUT
    assert expected in err
    assert len(err.strip().splitlines()) == 1


def test_wizard_accepts_ids_in_any_case(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    launched: list[argparse.Namespace] = []
    monkeypatch.setattr(app, "run_gui", lambda args: launched.append(args) or 0)
    code, _, err = run(capsys, "wizard", "--platform", "X", "--platform", "x", "--topic", "ADS")
    assert code == 0, err
    assert launched[0].wizard_platforms == ["x"] and launched[0].wizard_topics == ["ads"]


def test_lookup_helper_finds_categories_in_any_case() -> None:
    from gui.cli import CommandError
    from gui.cli.lookup import find_category, find_platform

    platform = find_platform(load_catalog(), "LINKEDIN")
    assert find_category(platform, "Close-Account").id == "close-account"
    with pytest.raises(CommandError, match=r"did you mean close-account\?"):
        find_category(platform, "close-acount")


def test_mistyped_command_gets_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["catalgo", "list"])
    assert exited.value.code == EXIT_USAGE
    assert "invalid choice: 'catalgo'; did you mean catalog?" in capsys.readouterr().err
