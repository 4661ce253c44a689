"""The catalog subcommands, run as a user runs them (a subprocess of ``python -m gui``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import CATALOG_DIR, REPO_ROOT

DATA = Path(__file__).resolve().parents[1] / "data" / "catalogs"


def run_cli(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    if data_dir is not None:
        env["PRIVACY_REVIEW_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "gui", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_version() -> None:
    from gui import __version__

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"privacy-review {__version__}"


def test_validate_bundled_catalog_passes() -> None:
    files = sorted(str(p) for p in CATALOG_DIR.glob("*.toml"))
    assert files, "no bundled catalog files"
    result = run_cli("catalog", "validate", *files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok") == len(files)


def test_validate_reports_each_problem_and_exits_1() -> None:
    bad = DATA / "bad" / "javascript-url.toml"
    good = DATA / "good" / "example.toml"
    result = run_cli("catalog", "validate", str(good), str(bad))
    assert result.returncode == 1
    assert f"{bad}: javascript-url/ai-training: links[0].url: only https" in result.stderr
    assert f"{good}: ok" in result.stdout


def test_usage_error_exits_2() -> None:
    assert run_cli("catalog", "frobnicate").returncode == 2
    assert run_cli("--no-such-option").returncode == 2


def test_list_and_show_x(tmp_path: Path) -> None:
    listed = run_cli("catalog", "list", "--json", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert "x" in rows and rows["x"]["categories"] >= 15

    shown = run_cli("catalog", "show", "x", "--json", data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    platform = json.loads(shown.stdout)
    assert platform["id"] == "x" and platform["name"]
    ids = [c["id"] for c in platform["categories"]]
    assert len(ids) == rows["x"]["categories"] == len(set(ids))
    first = platform["categories"][0]
    for field in ("title", "collected", "why", "quote", "risk", "control", "steps", "verified"):
        assert field in first


def test_show_unknown_platform_names_the_known_ones(tmp_path: Path) -> None:
    result = run_cli("catalog", "show", "myspace", data_dir=tmp_path)
    assert result.returncode == 1
    assert "unknown platform 'myspace'" in result.stderr and "x" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_user_catalog_is_listed_and_a_bad_one_reported(tmp_path: Path) -> None:
    catalogs = tmp_path / "catalogs"
    catalogs.mkdir(parents=True)
    good = (DATA / "good" / "example.toml").read_text()
    (catalogs / "example.toml").write_text(good)
    (catalogs / "broken.toml").write_text("id = ")
    result = run_cli("catalog", "list", data_dir=tmp_path)
    assert result.returncode == 0
    assert "Example Social: 2 categories  (your file)" in result.stdout
    assert "skipped user catalog file" in result.stderr and "broken.toml" in result.stderr
