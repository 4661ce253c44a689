"""``privacy-review evidence read/show/forget`` on synthetic exports, run in-process against
a real encrypted store in the test's own data dir (in-memory keyring)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gui.cli import main

from support import export_builder as eb


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_read_show_forget(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = eb.build_x(tmp_path / "twitter-archive.zip", interests=30, disabled=4)
    code, out, _ = run(capsys, "evidence", "read", str(archive))
    assert code == 0
    assert "X export twitter-archive.zip, made 1 Jun 2024" in out
    assert "X lists 30 interests it inferred about you" in out
    assert "You switched off 4 of them." in out
    assert "evidence forget x" in out

    code, out, _ = run(capsys, "evidence", "show", "--json")
    assert code == 0
    (reading,) = json.loads(out)
    assert reading["platform"] == "x" and reading["export_name"] == "twitter-archive.zip"
    assert any(f["evidence"] == "interests" and f["count"] == 30 for f in reading["findings"])

    code, out, _ = run(capsys, "evidence", "show", "--platform", "linkedin")
    assert code == 0 and "No export from linkedin read yet" in out

    code, out, _ = run(capsys, "evidence", "forget", "x")
    assert code == 0 and "Forgot" in out
    code, out, _ = run(capsys, "evidence", "show", "--json")
    assert json.loads(out) == []
    code, _, err = run(capsys, "evidence", "forget", "x")
    assert code == 1 and "nothing to forget" in err


def test_platform_given_and_detected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = eb.build_linkedin(tmp_path / "export.zip")
    code, _, err = run(capsys, "evidence", "read", str(archive), "--platform", "x")
    assert code == 1
    assert "looks like a LinkedIn export" in err and "Nothing was kept." in err
    code, out, _ = run(capsys, "evidence", "show", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "evidence", "read", str(archive), "--platform", "linkedin")
    assert code == 0 and "LinkedIn lists 4 inferences about you" in out


def test_broken_export_names_the_member(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = eb.x_members()
    members["data/ip-audit.js"] = b"window.YTD.ip_audit.part0 = [{"
    archive = eb.write_zip(tmp_path / "x.zip", members)
    code, _, err = run(capsys, "evidence", "read", str(archive))
    assert code == 1
    assert err.startswith("privacy-review: data/ip-audit.js is not valid JSON")
    assert err.count("\n") == 1  # one line


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "evidence", "read", str(tmp_path / "nope.zip"))
    assert code == 1 and "nope.zip cannot be opened" in err


def test_terminal_escapes_in_an_export_do_not_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = eb.linkedin_members()
    members["Inferences_about_you.csv"] = eb.csv_bytes(
        ["Category", "Inference"], [["x", "evil\x1b]0;pwned\x07 title"]]
    )
    archive = eb.write_zip(tmp_path / "li.zip", members)
    code, out, _ = run(capsys, "evidence", "read", str(archive))
    assert code == 0 and "\x1b" not in out and "\x07" not in out


def _hostile(tmp_path: Path, kind: str) -> Path:
    """One broken or hostile archive of each kind the issue lists."""
    path = tmp_path / f"{kind}.zip"
    if kind == "not-a-zip":
        path.write_text("hello", encoding="utf-8")
    elif kind == "other-platform":
        eb.build_linkedin(path)
    elif kind == "truncated":
        whole = eb.build_x(tmp_path / "whole.zip").read_bytes()
        path.write_bytes(whole[: len(whole) // 2])
    elif kind == "encrypted":
        data = bytearray(eb.build_x(path).read_bytes())
        header = data.rfind(b"data/contact.js") - 46
        data[header + 8] |= 0x1
        path.write_bytes(bytes(data))
    elif kind == "bomb-ratio":
        members = eb.x_members()
        members["data/ad-impressions.js"] = b"window.YTD.a.part0 = [" + b" " * 8 * 1024**2 + b"]"
        eb.write_zip(path, members)
    elif kind == "member-too-big":
        data = bytearray(eb.build_x(path).read_bytes())
        header = data.rfind(b"data/ip-audit.js") - 46
        data[header + 24 : header + 28] = (3 * 1024**3).to_bytes(4, "little")
        path.write_bytes(bytes(data))
    elif kind == "malformed-json":
        members = eb.x_members()
        members["data/ip-audit.js"] = b"window.YTD.ip_audit.part0 = [{"
        eb.write_zip(path, members)
    elif kind == "bad-js-prefix":
        members = eb.x_members()
        members["data/personalization.js"] = b"alert(1); []"
        eb.write_zip(path, members)
    elif kind == "csv-columns":
        members = eb.linkedin_members()
        members["Connections.csv"] = eb.csv_bytes(["Who", "When"], [["a", "b"]])
        eb.write_zip(path, members)
    elif kind == "wrong-encoding":
        members = eb.linkedin_members()
        members["SearchQueries.csv"] = "Time,Search Query\r\n2024,Müll\r\n".encode("utf-16")
        eb.write_zip(path, members)
    return path


HOSTILE = {
    "not-a-zip": "is not a ZIP archive",
    "other-platform": "looks like a LinkedIn export",
    "truncated": "is damaged or incomplete",
    "encrypted": "data/contact.js in the archive is encrypted",
    "bomb-ratio": "data/ad-impressions.js in the archive unpacks to",
    "member-too-big": "data/ip-audit.js in the archive is 3.0 GB, far over",
    "malformed-json": "data/ip-audit.js is not valid JSON",
    "bad-js-prefix": "data/personalization.js does not start the way",
    "csv-columns": "Connections.csv does not have the columns expected",
    "wrong-encoding": "SearchQueries.csv is not UTF-8 text",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_exports_are_refused_and_nothing_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    archive = _hostile(tmp_path, kind)
    platform = ["--platform", "x"] if kind == "other-platform" else []
    code, out, err = run(capsys, "evidence", "read", str(archive), *platform)
    assert code == 1, out
    assert HOSTILE[kind] in err
    assert err.count("\n") == 1 and err.rstrip().endswith("Nothing was kept.")
    code, out, _ = run(capsys, "evidence", "show", "--json")
    assert code == 0 and json.loads(out) == []
