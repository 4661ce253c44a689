"""Link check of a user catalog hosted on a local https server: every outcome, for real."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.core.catalog import Platform, load_catalog
from gui.core.online.checks import link_check_tasks, run_tasks, select_platforms
from gui.core.online.http import FetchLimits, HttpClient
from gui.core.online.links import LinkKind, LinkOutcome, LinkResult

from support.online_servers import TlsServer, policy_page, refused_port, serve_https, write_catalog

LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=5)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsServer]:
    yield from serve_https(tmp_path, monkeypatch)


def serve_site(server: TlsServer) -> None:
    s = server.server
    s.expect_request("/privacy").respond_with_data(
        policy_page("We collect data."), content_type="text/html"
    )
    s.expect_request("/settings/ok").respond_with_data("<p>Settings</p>", content_type="text/html")
    s.expect_request("/settings/moved").respond_with_data(
        "", status=301, headers={"Location": "/en/settings/moved"}
    )
    s.expect_request("/en/settings/moved").respond_with_data("<p>Moved here</p>")
    s.expect_request("/settings/wall").respond_with_data(
        "", status=302, headers={"Location": "/login?next=%2Fsettings%2Fwall"}
    )
    s.expect_request("/login").respond_with_data("<p>Sign in</p>")
    s.expect_request("/settings/form").respond_with_data(
        '<form><input name="user"><input type="password" name="pw"></form>'
    )
    s.expect_request("/settings/401").respond_with_data("", status=401)
    s.expect_request("/settings/403").respond_with_data("", status=403)
    s.expect_request("/settings/gone").respond_with_data("", status=404)
    s.expect_request("/settings/broken").respond_with_data("", status=500)
    s.expect_request("/settings/away").respond_with_data(
        "", status=302, headers={"Location": "https://evil.example/phish"}
    )


def acme(server: TlsServer, data_dir: Path, dead_port: int) -> Platform:
    paths = [
        "/settings/ok",
        "/settings/moved",
        "/settings/wall",
        "/settings/form",
        "/settings/401",
        "/settings/403",
        "/settings/gone",
        "/settings/broken",
        "/settings/away",
    ]
    write_catalog(
        data_dir / "catalogs",
        "acme",
        name="Acme",
        domains=["localhost"],
        policies=[("privacy-policy", server.url("/privacy"))],
        links=[server.url(p) for p in paths] + [f"https://localhost:{dead_port}/settings"],
    )
    catalog = load_catalog(user_dir=data_dir / "catalogs")
    assert not catalog.skipped
    (platform,) = select_platforms(catalog, ["acme"])
    return platform


def test_every_outcome_against_a_real_server(server: TlsServer, isolated_data_dir: Path) -> None:
    serve_site(server)
    dead = refused_port()
    platform = acme(server, isolated_data_dir, dead)
    progress: list[tuple[str, int, int]] = []
    with HttpClient(LIMITS) as client:
        tasks = link_check_tasks([platform])
        results: list[LinkResult] = list(
            run_tasks(tasks, client, lambda *args: progress.append(args))
        )
    by_url = {r.url: r for r in results}
    assert len(results) == 11  # the policy (also the quote source) and ten settings links

    def check(path: str, outcome: LinkOutcome, detail: str, final: str | None = None) -> None:
        url = server.url(path) if path.startswith("/") else path
        result = by_url[url]
        assert (result.outcome, result.detail) == (outcome, detail), url
        if final is not None:
            assert result.final_url == final

    check("/privacy", LinkOutcome.REACHABLE, "200 OK")
    assert by_url[server.url("/privacy")].kind is LinkKind.SOURCE
    check("/settings/ok", LinkOutcome.REACHABLE, "200 OK")
    assert by_url[server.url("/settings/ok")].kind is LinkKind.SETTINGS
    check(
        "/settings/moved",
        LinkOutcome.REDIRECTED,
        f"redirected: 301 {server.url('/en/settings/moved')}",
        final=server.url("/en/settings/moved"),
    )
    login = server.url("/login?next=%2Fsettings%2Fwall")
    check(
        "/settings/wall",
        LinkOutcome.LOGIN_REQUIRED,
        f"redirected to the sign-in page {login}: signing in is needed to see it "
        "(expected for settings pages)",
    )
    check(
        "/settings/form",
        LinkOutcome.LOGIN_REQUIRED,
        "the server answered 200 OK with a sign-in form: signing in is needed to see the page",
    )
    check(
        "/settings/401",
        LinkOutcome.LOGIN_REQUIRED,
        "the server answered 401 Unauthorized: signing in is needed",
    )
    check(
        "/settings/403",
        LinkOutcome.LOGIN_REQUIRED,
        "the server answered 403 Forbidden: the page needs signing in, or the site turned "
        "the automated check away",
    )
    check("/settings/gone", LinkOutcome.NOT_FOUND, "the server answered 404 Not Found")
    check(
        "/settings/broken",
        LinkOutcome.FAILED,
        "the server answered 500 Internal Server Error: a problem on the site's side",
    )
    check(
        "/settings/away",
        LinkOutcome.FAILED,
        "redirect to evil.example refused: not one of the platform's domains (localhost) "
        "(after 302)",
        final="https://evil.example/phish",
    )
    check(
        f"https://localhost:{dead}/settings",
        LinkOutcome.FAILED,
        "could not connect: connection refused",
    )
    assert progress[0] == ("Acme", 0, 11)
    assert progress[-1] == ("Acme", 11, 11)
    assert [p[1] for p in progress] == list(range(12))
    # The foreign host was never contacted; the login page was, once.
    paths = [request.path for request, _ in server.server.log]
    assert paths.count("/login") == 1
    assert "/phish" not in paths


def test_results_serialise_for_json(server: TlsServer, isolated_data_dir: Path) -> None:
    serve_site(server)
    platform = acme(server, isolated_data_dir, refused_port())
    with HttpClient(LIMITS) as client:
        result = next(run_tasks(link_check_tasks([platform]), client))
    assert result.to_json() == {
        "platform": "acme",
        "url": server.url("/privacy"),
        "kind": "source",
        "label": "Acme Privacy Policy",
        "result": "reachable",
        "detail": "200 OK",
        "final_url": server.url("/privacy"),
        "status": 200,
    }
