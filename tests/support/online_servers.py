"""Helpers for the online-check tests (no tests here): a real https server on localhost with
a certificate from a throwaway CA, and user catalog files pointing at it."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme
from pytest_httpserver import HTTPServer

CATALOG_DAY = "2025-01-15"  # any past day: catalog dates must not be in the future


@dataclass
class TlsServer:
    server: HTTPServer
    ca_bundle: Path

    @property
    def port(self) -> int:
        return self.server.port

    def url(self, path: str) -> str:
        return f"https://localhost:{self.server.port}{path}"


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
    try:
        yield TlsServer(server, bundle)
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def allow_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let catalogs written by these tests name ``localhost`` as their domain."""
    from gui.core.catalog import domains

    real = domains.domain_problem
    monkeypatch.setattr(
        domains, "domain_problem", lambda domain: None if domain == "localhost" else real(domain)
    )


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
