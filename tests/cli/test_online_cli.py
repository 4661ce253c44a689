"""``privacy-review check-links`` and ``check-policies``, in-process against a local https
server, and for real without a network."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gui.cli import main
from gui.core import paths
from gui.core.store import Mode, init_store

from support.online_servers import TlsServer, policy_page, serve_https, write_catalog

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsServer]:
    yield from serve_https(tmp_path, monkeypatch)


@pytest.fixture
def acme(server: TlsServer, isolated_data_dir: Path) -> TlsServer:
    server.server.expect_request("/privacy").respond_with_data(
        policy_page("We collect data."), content_type="text/html"
    )
    server.server.expect_request("/settings").respond_with_data("", status=404)
    write_catalog(
        isolated_data_dir / "catalogs",
        "acme",
        name="Acme",
        domains=["localhost"],
        policies=[("privacy-policy", server.url("/privacy"))],
        links=[server.url("/settings")],
    )
    return server


def test_check_links_prints_one_line_per_link(
    acme: TlsServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-links", "--platform", "acme"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"reachable       {acme.url('/privacy')}  200 OK",
        f"not-found       {acme.url('/settings')}  the server answered 404 Not Found",
        "2 links on 1 platform: 1 not-found, 1 reachable",
    ]


def test_check_links_json(acme: TlsServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-links", "--platform", "acme", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["url"], r["result"], r["status"]) for r in rows] == [
        (acme.url("/privacy"), "reachable", 200),
        (acme.url("/settings"), "not-found", 404),
    ]
    assert set(rows[0]) == {
        "platform",
        "url",
        "kind",
        "label",
        "result",
        "detail",
        "final_url",
        "status",
    }


def test_unknown_platform_is_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-links", "--platform", "nope"]) == 1
    assert "unknown platform 'nope'; known platforms: " in capsys.readouterr().err
    assert main(["check-policies", "--platform", "nope"]) == 1


def test_check_policies_needs_a_reviewed_platform(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    init_store(paths.resolve(), Mode.UNENCRYPTED).close()
    assert main(["check-policies"]) == 1
    assert "you have not reviewed any platform yet" in capsys.readouterr().err


def test_check_policies_baseline_then_change(
    acme: TlsServer, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    init_store(paths.resolve(), Mode.UNENCRYPTED).close()
    assert main(["check-policies", "--platform", "acme"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "baseline    Acme: Acme Privacy Policy",
        f"            {acme.url('/privacy')}",
        "            first check: text recorded to compare with next time",
    ]
    acme.server.clear()
    acme.server.expect_request("/privacy").respond_with_data(
        policy_page("We collect data.", "We sell it too."), content_type="text/html"
    )
    assert main(["check-policies", "--platform", "acme", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["result"], row["added"], row["removed"]) == ("changed", ["We sell it too."], [])
    # The notice stays until the user reviews Acme again.
    assert main(["check-policies", "--platform", "acme"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "unchanged   Acme: Acme Privacy Policy"
    assert out[-1].startswith("Acme's privacy policy changed on ")
    assert out[-1].endswith("; review again.")


def test_offline_hosts_give_could_not_connect_per_link(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # .invalid never resolves (RFC 2606), with or without a network.
    write_catalog(
        isolated_data_dir / "catalogs",
        "gone",
        name="Gone",
        domains=["gone.invalid"],
        policies=[("privacy-policy", "https://www.gone.invalid/privacy")],
        links=["https://www.gone.invalid/settings", "https://help.gone.invalid/privacy"],
    )
    assert main(["check-links", "--platform", "gone"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    for line in lines[:3]:
        assert line.startswith("failed          https://")
        assert "could not connect: the host name could not be looked up" in line
    assert lines[3] == "3 links on 1 platform: 3 failed"


def _has_network() -> bool:
    try:
        socket.getaddrinfo("x.com", 443)
    except OSError:
        return False
    return True


@pytest.mark.skipif(_has_network(), reason="this machine can resolve x.com: not offline")
def test_real_offline_run_of_the_bundled_x_catalog(tmp_path: Path) -> None:
    """The issue's acceptance check, as a user would run it on a machine without network:
    every link fails with a reason, and each host is looked up once (the rest of its links
    are not tried again), so the run does not wait once per link."""
    env = {**os.environ, "PRIVACY_REVIEW_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "gui", "check-links", "--platform", "x"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) > 5
    failed_hosts: set[str] = set()
    for line in lines[:-1]:
        assert line.startswith("failed          https://")
        assert "could not connect" in line
        host = urlsplit(line.split()[1]).hostname or ""
        not_retried = f"(not retried: {host} already failed in this check)"
        assert line.endswith(not_retried) == (host in failed_hosts), line
        failed_hosts.add(host)
    assert len(failed_hosts) < len(lines) - 1  # fewer hosts than links: some not retried
    assert lines[-1].endswith("failed")
