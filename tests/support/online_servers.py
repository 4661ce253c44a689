"""Helpers for the online-check tests (no tests here): a real https server on localhost with
a certificate from a throwaway CA, pages that answer only when the test says so, and user
catalog files pointing at it."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import trustme
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from gui.core.catalog import domains as catalog_domains
from gui.core.catalog import loader as catalog_loader

CATALOG_DAY = "2025-01-15"  # any past day: catalog dates must not be in the future
# How long a held answer waits at most when nobody opens its gate: longer than any wait in
# a test, so only a test that never ends its hold (a crashed fixture) is cut short.
HOLD_LIMIT_SECONDS = 120.0


class Gate:
    """A point a test server's handler stops at until the test opens it: a slow platform
    without a length of time. ``reached`` is set when a request arrives (the test waits on
    it instead of sleeping "until the request is in flight"); nothing passes before
    ``open()``, so a check that ends meanwhile cannot have ended because the server
    answered. Opened by the server fixture at the end of every test."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.passed = threading.Event()
        self._open = threading.Event()
        self._lock = threading.Lock()
        self.arrivals = 0

    def wait(self) -> None:
        """Called by a handler: count the request, then wait for the gate."""
        with self._lock:
            self.arrivals += 1
        self.reached.set()
        self._open.wait(HOLD_LIMIT_SECONDS)
        self.passed.set()

    def open(self) -> None:
        self._open.set()

    @property
    def holding(self) -> bool:
        """A request has arrived and has not been answered."""
        return self.reached.is_set() and not self.passed.is_set()


class HeldPage:
    """A handler answering ``body`` once its gate opens."""

    def __init__(self, gate: Gate, body: str, content_type: str) -> None:
        self.gate = gate
        self.body = body
        self.content_type = content_type

    def __call__(self, request: Request) -> Response:
        self.gate.wait()
        return Response(self.body, content_type=self.content_type)


@dataclass
class TlsServer:
    server: HTTPServer
    ca_bundle: Path
    gates: list[Gate] = field(default_factory=list)

    @property
    def port(self) -> int:
        return self.server.port

    def url(self, path: str) -> str:
        return f"https://localhost:{self.server.port}{path}"

    def gate(self) -> Gate:
        """A gate for a handler of the test's own, opened when the test ends."""
        made = Gate()
        self.gates.append(made)
        return made

    def hold(self, path: str, body: str = "<p>late</p>", content_type: str = "text/html") -> Gate:
        """Serve ``path`` with an answer that waits for the returned gate."""
        gate = self.gate()
        self.server.expect_request(path).respond_with_handler(HeldPage(gate, body, content_type))
        return gate

    def open_gates(self) -> None:
        for gate in self.gates:
            gate.open()


def serve_https(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsServer]:
    """Start a threaded https server for ``localhost`` and make requests trust its CA the
    way a user would: ``REQUESTS_CA_BUNDLE``."""
    ca = trustme.CA()
    cert = ca.issue_cert("localhost", "127.0.0.1", "::1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    bundle = tmp_path / "test-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    # A proxy configured on the test machine must not see (or break) requests to localhost.
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1,::1")
    monkeypatch.setenv("no_proxy", "localhost,127.0.0.1,::1")
    # The test server is on localhost, which a real catalog may never name as a platform
    # domain (tests/core/test_catalog_validation.py checks that); these tests allow it.
    allow_localhost(monkeypatch)
    # threaded: a slow handler must not hold up the next request or the server's shutdown.
    server = HTTPServer(host="localhost", port=0, ssl_context=context, threaded=True)
    server.start()
    tls = TlsServer(server, bundle)
    try:
        yield tls
    finally:
        tls.open_gates()  # held handlers are let go before the server stops
        server.clear()
        if server.is_running():
            server.stop()


def allow_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let catalogs written by these tests name ``localhost`` as their domain."""
    real = catalog_domains.domain_problem

    def allowing_localhost(domain: str) -> str | None:
        return None if domain == "localhost" else real(domain)

    # Replaced where it is defined and where the loader holds it (imported by name).
    monkeypatch.setattr(catalog_domains, "domain_problem", allowing_localhost)
    monkeypatch.setattr(catalog_loader, "domain_problem", allowing_localhost)


def refused_port() -> int:
    """A localhost port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def write_catalog(
    directory: Path,
    platform_id: str,
    *,
    name: str,
    domains: Sequence[str],
    policies: Sequence[tuple[str, str]],
    links: Sequence[str] = (),
    quote_source: str | None = None,
) -> Path:
    """A valid user catalog file: ``policies`` as (id, url), ``links`` as settings URLs of
    one category."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = [
        "schema = 1",
        f'id = "{platform_id}"',
        f'name = "{name}"',
        f"domains = {_toml_list(domains)}",
    ]
    for policy_id, url in policies:
        lines += [
            "",
            "[[policies]]",
            f'id = "{policy_id}"',
            f'title = "{name} {policy_id.replace("-", " ").title()}"',
            f'url = "{url}"',
            f"effective = {CATALOG_DAY}",
        ]
    lines += [
        "",
        "[[categories]]",
        'id = "ads"',
        'title = "Ads based on your activity"',
        'collected = "What you do on the site."',
        'why = "It builds a profile of you."',
        'risk = "medium"',
        'control = "toggle"',
        'steps = ["Open the settings.", "Turn it off."]',
        'topics = ["ads"]',
        f"verified = {CATALOG_DAY}",
        "",
        "[categories.quote]",
        'text = "We use your activity to show ads"',
        f'source = "{quote_source or policies[0][1]}"',
        f"policy_date = {CATALOG_DAY}",
    ]
    for index, url in enumerate(links):
        lines += [
            "",
            "[[categories.links]]",
            f'url = "{url}"',
            f'label = "Settings page {index + 1}"',
            'confidence = "confirmed"',
        ]
    path = directory / f"{platform_id}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def policy_page(*paragraphs: str, title: str = "Privacy Policy") -> str:
    """A policy page with the noise a real one has around the text."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html><head><title>{title}</title><style>p {{ color: black }}</style>
<script>window.tracking = "<p>not text</p>";</script></head>
<body>
<nav><a href="/">Home</a> <a href="/help">Help</a></nav>
<header><div class="logo">Example</div></header>
<main><h1>{title}</h1>
{body}
</main>
<footer>Copyright 2026 Example. <a href="/terms">Terms</a></footer>
</body></html>"""
