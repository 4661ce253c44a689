"""Policy watch against a local https server and the real (unencrypted, per-test) store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from werkzeug import Request, Response

from gui.core import dates, paths
from gui.core.catalog import Catalog, Platform, load_catalog
from gui.core.checklist import Status
from gui.core.online.checks import check_policies
from gui.core.online.http import FetchLimits, HttpClient
from gui.core.online.policy_fetch import fetch_policy
from gui.core.online.policy_watch import (
    PolicyOutcome,
    pending_policy_changes,
    policy_change_notices,
    policy_targets,
    record_policy,
    reviewed_platform_ids,
)
from gui.core.online.settings import (
    LAST_WEEKLY_CHECK_SETTING,
    WEEKLY_CHECK_SETTING,
    record_weekly_check,
    set_weekly_check,
    weekly_check_due,
)
from gui.core.online.textdiff import Change
from gui.core.store import Mode, PolicySnapshot, StorageError, Store, init_store

from support.online_servers import Gate, TlsServer, policy_page, serve_https, write_catalog

# Generous timeouts: on a busy machine a page that answers must not count as timed out.
LIMITS = FetchLimits(connect_timeout=10, read_timeout=10, total_timeout=30, max_bytes=20_000)
OLD = (
    "We collect the posts you write and the accounts you follow.",
    "We may share your data with partners who help us run the service.",
    "You can download a copy of your data at any time.",
)


class Site:
    """The policy page the server answers with; tests change it between checks."""

    def __init__(self, server: TlsServer) -> None:
        self.html = policy_page(*OLD)
        self.content_type = "text/html; charset=utf-8"
        self.held: Gate | None = None  # set: the answer waits for this gate
        self.status = 200
        self.server = server
        server.server.expect_request("/privacy").respond_with_handler(self.handle)

    def hold(self) -> Gate:
        """From now on the page answers only when the test ends (or opens the gate)."""
        self.held = self.server.gate()
        return self.held

    def handle(self, request: Request) -> Response:
        if self.held is not None:
            self.held.wait()
        return Response(self.html, status=self.status, content_type=self.content_type)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsServer]:
    yield from serve_https(tmp_path, monkeypatch)


@pytest.fixture
def store(isolated_data_dir: Path) -> Iterator[Store]:
    with init_store(paths.resolve(), Mode.UNENCRYPTED) as opened:
        yield opened


@pytest.fixture
def site(server: TlsServer) -> Site:
    return Site(server)


@pytest.fixture
def catalog(server: TlsServer, isolated_data_dir: Path) -> Catalog:
    write_catalog(
        isolated_data_dir / "catalogs",
        "acme",
        name="Acme",
        domains=["localhost"],
        policies=[("privacy-policy", server.url("/privacy"))],
    )
    return load_catalog(user_dir=isolated_data_dir / "catalogs")


def acme(catalog: Catalog) -> Platform:
    platform = catalog.platform("acme")
    assert platform is not None
    return platform


def run(store: Store, catalog: Catalog) -> PolicyOutcome:
    with HttpClient(LIMITS) as client:
        (result,) = check_policies(store, [acme(catalog)], client)
    return result.outcome


def test_first_check_records_the_baseline_then_unchanged(
    site: Site, store: Store, catalog: Catalog
) -> None:
    with HttpClient(LIMITS) as client:
        (first,) = check_policies(store, [acme(catalog)], client)
    assert first.outcome is PolicyOutcome.BASELINE
    assert first.detail == "first check: text recorded to compare with next time"
    snapshot = store.policy_snapshot("acme", "privacy-policy")
    assert snapshot is not None
    assert snapshot.text == "\n\n".join(("Privacy Policy", *OLD))
    assert snapshot.changed_at is None and snapshot.previous_text is None

    # Noise around the text (menus, footer, scripts) changes; the policy does not.
    site.html = site.html.replace("Help</a>", "Help centre</a> <a>New!</a>").replace(
        "Copyright 2026", "Copyright 2027"
    )
    with HttpClient(LIMITS) as client:
        (second,) = check_policies(store, [acme(catalog)], client)
    assert second.outcome is PolicyOutcome.UNCHANGED
    assert second.detail == f"unchanged since {dates.day(snapshot.checked_at)}"
    again = store.policy_snapshot("acme", "privacy-policy")
    assert again is not None and again.checked_at >= snapshot.checked_at
    assert again.text == snapshot.text
    assert policy_change_notices(store, catalog) == []


def test_changed_policy_is_recorded_with_a_correct_diff(
    site: Site, store: Store, catalog: Catalog
) -> None:
    assert run(store, catalog) is PolicyOutcome.BASELINE
    site.html = policy_page(
        OLD[0],
        "We will share your data with partners who help us run the service.",
        "Your posts may be used to train our AI models.",
        OLD[2],
    )
    with HttpClient(LIMITS) as client:
        (result,) = check_policies(store, [acme(catalog)], client)
    assert result.outcome is PolicyOutcome.CHANGED
    assert result.detail.endswith(": 2 passages added, 1 passage removed")
    diff = result.diff
    assert diff is not None
    assert diff.removed == ("We may share your data with partners who help us run the service.",)
    assert diff.added == (
        "We will share your data with partners who help us run the service.",
        "Your posts may be used to train our AI models.",
    )
    marked = [[(s.change, s.text) for s in p.segments] for p in diff.paragraphs if not p.unchanged]
    assert marked == [
        [
            (Change.SAME, "We"),
            (Change.REMOVED, "may"),
            (Change.ADDED, "will"),
            (Change.SAME, "share your data with partners who help us run the service."),
        ],
        [(Change.ADDED, "Your posts may be used to train our AI models.")],
    ]
    # Both texts are kept, with the date of the change.
    snapshot = store.policy_snapshot("acme", "privacy-policy")
    assert snapshot is not None and snapshot.changed_at is not None
    assert snapshot.previous_text == "\n\n".join(("Privacy Policy", *OLD))
    assert "train our AI models" in snapshot.text
    assert snapshot.changed_at == result.changed_at

    notice = f"Acme's privacy policy changed on {dates.day(snapshot.changed_at)}; review again."
    assert policy_change_notices(store, catalog) == [notice]
    (pending,) = pending_policy_changes(store, catalog)
    assert pending.diff.added == diff.added  # the view can be rebuilt from the store

    # Still flagged after a check that finds nothing new ...
    assert run(store, catalog) is PolicyOutcome.UNCHANGED
    assert policy_change_notices(store, catalog) == [notice]
    # ... until the user reviews the platform again.
    category = acme(catalog).categories[0]
    store.record("acme", category.id, Status.OPTED_OUT, "", category.fingerprint)
    assert policy_change_notices(store, catalog) == []


def test_page_grown_past_the_cap_fails_and_keeps_the_snapshot(
    site: Site, store: Store, catalog: Catalog
) -> None:
    assert run(store, catalog) is PolicyOutcome.BASELINE
    before = store.policy_snapshot("acme", "privacy-policy")
    site.html = policy_page(*OLD, "More words. " * 5_000)
    with HttpClient(LIMITS) as client:
        (result,) = check_policies(store, [acme(catalog)], client)
    assert result.outcome is PolicyOutcome.FAILED
    assert result.detail == "the page is larger than 20 kB; not read"
    assert store.policy_snapshot("acme", "privacy-policy") == before


def test_slow_server_times_out_without_touching_the_snapshot(
    site: Site, store: Store, catalog: Catalog
) -> None:
    assert run(store, catalog) is PolicyOutcome.BASELINE
    before = store.policy_snapshot("acme", "privacy-policy")
    held = site.hold()  # the server never answers within the test
    with HttpClient(FetchLimits(read_timeout=0.5, total_timeout=60)) as client:
        (result,) = check_policies(store, [acme(catalog)], client)
    assert held.holding
    assert result.outcome is PolicyOutcome.FAILED
    assert result.detail == "the server stopped answering (nothing for 0.5 s)"
    assert store.policy_snapshot("acme", "privacy-policy") == before


@pytest.mark.parametrize(
    ("html", "content_type", "status", "detail"),
    [
        ("%PDF-1.7", "application/pdf", 200, "the page is application/pdf, not a web page"),
        (
            "<html><body><div id=app></div><script>render()</script></body></html>",
            "text/html",
            200,
            "the page has no readable text (it may be built by JavaScript); nothing recorded",
        ),
        ("", "text/html", 404, "the server answered 404 Not Found"),
    ],
)
def test_unreadable_pages_are_failures_not_baselines(
    site: Site,
    store: Store,
    catalog: Catalog,
    html: str,
    content_type: str,
    status: int,
    detail: str,
) -> None:
    site.html, site.content_type, site.status = html, content_type, status
    with HttpClient(LIMITS) as client:
        (result,) = check_policies(store, [acme(catalog)], client)
    assert result.outcome is PolicyOutcome.FAILED
    assert result.detail.startswith(detail)
    assert store.policy_snapshot("acme", "privacy-policy") is None


def test_a_store_that_refuses_to_save_gives_a_failed_result(
    site: Site, store: Store, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(snapshot: PolicySnapshot) -> None:
        raise StorageError("The disk is full.", "Free some space.")

    monkeypatch.setattr(store, "save_policy_snapshot", refuse)
    (target,) = policy_targets(acme(catalog))
    with HttpClient(LIMITS) as client:
        result = record_policy(store, fetch_policy(client, target))
    assert result.outcome is PolicyOutcome.FAILED
    assert result.detail == "fetched, but not saved: The disk is full."


def test_reviewed_platforms_are_those_with_a_decision(store: Store, catalog: Catalog) -> None:
    assert reviewed_platform_ids(store) == []
    category = acme(catalog).categories[0]
    store.record("acme", category.id, Status.LATER, "", category.fingerprint)
    store.record("x", "grok-ai-training", Status.KEPT, "", "abc")
    assert reviewed_platform_ids(store) == ["acme", "x"]


def test_a_policy_notice_names_the_day_of_the_change(store: Store, catalog: Catalog) -> None:
    # Noon UTC is 12 March in every time zone the tests may run in.
    changed = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)
    store.save_policy_snapshot(
        PolicySnapshot(
            "acme", "privacy-policy", "https://localhost/p", changed, "new", changed, "old"
        )
    )
    assert policy_change_notices(store, catalog) == [
        "Acme's privacy policy changed on 12 Mar 2026; review again."
    ]


def test_weekly_check_is_off_by_default_and_then_weekly(store: Store) -> None:
    now = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    assert store.get_setting(WEEKLY_CHECK_SETTING) is None
    assert not weekly_check_due(store, now)
    set_weekly_check(store, True)
    assert weekly_check_due(store, now)  # never checked yet

    from gui.core.online.policy_watch import PolicyCheckResult

    def outcome(kind: PolicyOutcome) -> PolicyCheckResult:
        return PolicyCheckResult("acme", "Acme", "p", "P", "https://x", kind, "", now)

    # A check where nothing could be read (offline) does not count ...
    assert not record_weekly_check(store, [outcome(PolicyOutcome.FAILED)], now)
    assert weekly_check_due(store, now)
    # ... one that read a policy does, for a week.
    assert record_weekly_check(
        store, [outcome(PolicyOutcome.FAILED), outcome(PolicyOutcome.UNCHANGED)], now
    )
    assert store.get_setting(LAST_WEEKLY_CHECK_SETTING) == "2026-06-01T09:00:00+00:00"
    assert not weekly_check_due(store, now + timedelta(days=6, hours=23))
    assert weekly_check_due(store, now + timedelta(days=7))
    assert weekly_check_due(store, now - timedelta(days=1))  # clock moved back
    store.set_setting(LAST_WEEKLY_CHECK_SETTING, "garbage")
    assert weekly_check_due(store, now)
    set_weekly_check(store, False)
    assert not weekly_check_due(store, now + timedelta(days=30))


def test_a_sign_in_wall_is_not_recorded_as_the_policy(
    server: TlsServer, store: Store, catalog: Catalog
) -> None:
    server.server.expect_request("/privacy").respond_with_data(
        "", status=302, headers={"Location": "/accounts/login?next=/privacy"}
    )
    server.server.expect_request("/accounts/login").respond_with_data(
        "<p>Sign in to continue</p>", content_type="text/html"
    )
    with HttpClient(LIMITS) as client:
        (result,) = check_policies(store, [acme(catalog)], client)
    assert result.outcome is PolicyOutcome.FAILED
    assert result.detail == (
        f"redirected to {server.url('/accounts/login?next=/privacy')} instead of the policy; "
        "nothing recorded"
    )
    assert store.policy_snapshot("acme", "privacy-policy") is None
