"""The network rules, against a real https server on localhost with a throwaway CA."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug import Request, Response

from gui import __version__
from gui.core.online.http import (
    USER_AGENT,
    Cancelled,
    ErrorKind,
    FetchLimits,
    HttpClient,
)

from support.online_servers import TlsServer, refused_port, serve_https

DOMAINS = ("localhost",)
FAST = FetchLimits(connect_timeout=2, read_timeout=0.5, total_timeout=5, max_bytes=10_000)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsServer]:
    yield from serve_https(tmp_path, monkeypatch)


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(FAST) as http:
        yield http


def slow(seconds: float, body: str = "late") -> object:
    def handler(request: Request) -> Response:
        time.sleep(seconds)
        return Response(body)

    return handler


def test_get_sends_honest_headers_and_no_credentials(
    server: TlsServer, client: HttpClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A ~/.netrc entry for the host must not be sent: trust_env would do that by default.
    netrc = tmp_path / "netrc"
    netrc.write_text("machine localhost login me password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        response = Response("<p>hello</p>", content_type="text/html; charset=utf-8")
        response.set_cookie("tracker", "abc")
        return response

    server.server.expect_request("/page").respond_with_handler(handler)
    result = client.fetch(server.url("/page"), DOMAINS)
    assert result.ok and result.body == b"<p>hello</p>"
    assert (result.content_type, result.charset) == ("text/html", "utf-8")
    assert client.fetch(server.url("/page"), DOMAINS).ok  # the cookie set is not sent back
    first, request = seen
    assert "Cookie" not in first.headers
    assert request.method == "GET"
    assert request.headers["User-Agent"] == f"privacy-review/{__version__} (+policy and link check)"
    assert request.headers["User-Agent"] == USER_AGENT
    assert request.headers["Accept-Language"] == "en"
    assert "Authorization" not in request.headers
    assert "Cookie" not in request.headers


def test_certificate_is_verified_against_requests_ca_bundle(
    server: TlsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.server.expect_request("/").respond_with_data("ok")
    # The system store does not know the throwaway CA: the connection must be refused.
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    with HttpClient(FAST) as http:
        result = http.fetch(server.url("/"), DOMAINS)
    assert result.error is not None and result.error.kind is ErrorKind.TLS
    assert result.error.message.startswith("could not connect securely: the certificate")
    # ... and accepted when the bundle is named, by variable or explicitly.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))
    with HttpClient(FAST) as http:
        assert http.fetch(server.url("/"), DOMAINS).ok
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    with HttpClient(FAST, ca_bundle=str(server.ca_bundle)) as http:
        assert http.fetch(server.url("/"), DOMAINS).ok


def test_body_over_the_cap_is_refused(server: TlsServer, client: HttpClient) -> None:
    server.server.expect_request("/big").respond_with_data("x" * 20_000)
    result = client.fetch(server.url("/big"), DOMAINS)
    assert result.error is not None and result.error.kind is ErrorKind.TOO_LARGE
    assert result.error.message == "the page is larger than 10 kB; not read"
    assert result.body == b""


def test_cap_holds_without_content_length_and_after_decompression(
    server: TlsServer, client: HttpClient
) -> None:
    def stream(request: Request) -> Response:
        return Response((b"y" * 1000 for _ in range(50)), direct_passthrough=True)

    bomb = gzip.compress(b"z" * 200_000)  # ~200 bytes on the wire
    server.server.expect_request("/stream").respond_with_handler(stream)
    server.server.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip", "Content-Length": str(len(bomb))}
    )
    for path in ("/stream", "/bomb"):
        result = client.fetch(server.url(path), DOMAINS)
        assert result.error is not None and result.error.kind is ErrorKind.TOO_LARGE, path


def test_truncation_when_allowed(server: TlsServer, client: HttpClient) -> None:
    server.server.expect_request("/big").respond_with_data("x" * 20_000)
    result = client.fetch(server.url("/big"), DOMAINS, max_bytes=500, allow_truncated=True)
    assert result.ok and result.truncated and result.body == b"x" * 500


def test_slow_server_hits_the_read_timeout(server: TlsServer, client: HttpClient) -> None:
    server.server.expect_request("/slow").respond_with_handler(slow(3))
    started = time.monotonic()
    result = client.fetch(server.url("/slow"), DOMAINS)
    elapsed = time.monotonic() - started
    assert result.error is not None and result.error.kind is ErrorKind.READ_TIMEOUT
    assert result.error.message == "the server stopped answering (nothing for 0.5 s)"
    assert elapsed < 2.5


def test_trickling_server_hits_the_total_deadline(server: TlsServer) -> None:
    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            for _ in range(40):
                time.sleep(0.1)  # each read is quick; the whole answer is not
                yield b"." * 10

        return Response(body(), direct_passthrough=True)

    server.server.expect_request("/trickle").respond_with_handler(trickle)
    limits = FetchLimits(read_timeout=1, total_timeout=1, max_bytes=100_000)
    started = time.monotonic()
    with HttpClient(limits) as http:
        result = http.fetch(server.url("/trickle"), DOMAINS)
    assert result.error is not None and result.error.kind is ErrorKind.TOTAL_TIMEOUT
    assert time.monotonic() - started < 3


def test_redirect_within_the_domains_is_followed(server: TlsServer, client: HttpClient) -> None:
    server.server.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    server.server.expect_request("/new").respond_with_data("here")
    result = client.fetch(server.url("/old"), DOMAINS)
    assert result.ok and result.body == b"here"
    assert result.final_url == server.url("/new")
    assert [(h.status, h.location) for h in result.redirects] == [(301, server.url("/new"))]


@pytest.mark.parametrize(
    ("location", "words"),
    [
        ("https://evil.example/steal", "redirect to evil.example refused"),
        ("https://localhost.evil.example/", "redirect to localhost.evil.example refused"),
        ("http://localhost/plain", "redirect to a non-https address refused"),
        ("https://me:pw@localhost/", "carrying a user name refused"),
    ],
)
def test_redirect_off_the_rules_is_refused(
    server: TlsServer, client: HttpClient, location: str, words: str
) -> None:
    server.server.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": location}
    )
    result = client.fetch(server.url("/go"), DOMAINS)
    assert result.error is not None and result.error.kind is ErrorKind.REDIRECT_REFUSED
    assert words in result.error.message
    assert result.refused_url == location
    assert result.final_url == server.url("/go")  # nothing was requested from the target


def test_redirect_loop_stops(server: TlsServer, client: HttpClient) -> None:
    server.server.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    result = client.fetch(server.url("/loop"), DOMAINS)
    assert result.error is not None and result.error.kind is ErrorKind.TOO_MANY_REDIRECTS
    assert len(result.redirects) == FAST.max_redirects + 1


def test_connection_refused_is_a_result(client: HttpClient) -> None:
    result = client.fetch(f"https://localhost:{refused_port()}/", DOMAINS)
    assert result.error is not None and result.error.kind is ErrorKind.REFUSED
    assert result.error.message == "could not connect: connection refused"


def test_unknown_host_fails_fast_and_is_not_asked_twice() -> None:
    with HttpClient(FAST) as http:
        started = time.monotonic()
        first = http.fetch("https://no-such-host.invalid/a", ("invalid",))
        second = http.fetch("https://no-such-host.invalid/b", ("invalid",))
        elapsed = time.monotonic() - started
    assert first.error is not None and first.error.kind is ErrorKind.DNS
    assert first.error.message.startswith("could not connect: the host name could not be")
    assert second.error is not None and second.error.kind is ErrorKind.DNS
    assert (
        second.error.message == f"{first.error.message} (not retried: no-such-host.invalid "
        "already failed in this check)"
    )
    assert elapsed < 5


def test_a_resolver_that_never_answers_is_given_up_on(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def stuck(host: str, *args: object, **kwargs: object) -> list[object]:
        calls.append(host)
        time.sleep(5)
        return []

    monkeypatch.setattr("gui.core.online.http._getaddrinfo", stuck)
    limits = FetchLimits(dns_timeout=0.3)
    started = time.monotonic()
    with HttpClient(limits) as http:
        result = http.fetch("https://slow-dns.example/", ("example",))
    assert time.monotonic() - started < 1.5
    assert calls == ["slow-dns.example"]
    assert result.error is not None and result.error.kind is ErrorKind.DNS
    assert result.error.message == (
        "could not connect: the host name lookup got no answer within 0.3 s"
    )


def test_urls_off_the_rules_are_not_requested(client: HttpClient) -> None:
    for url in ("http://localhost/", "https://example.org/"):
        result = client.fetch(url, DOMAINS)
        assert result.error is not None and result.error.kind is ErrorKind.BAD_URL


def test_cancel_interrupts_a_slow_request(server: TlsServer) -> None:
    server.server.expect_request("/slow").respond_with_handler(slow(3))
    cancel = threading.Event()
    limits = FetchLimits(read_timeout=10, total_timeout=30)
    with HttpClient(limits, cancel=cancel) as http:
        threading.Timer(0.3, cancel.set).start()
        started = time.monotonic()
        with pytest.raises(Cancelled):
            http.fetch(server.url("/slow"), DOMAINS)
        assert time.monotonic() - started < 1.0
        with pytest.raises(Cancelled):  # and nothing more starts once cancelled
            http.fetch(server.url("/slow"), DOMAINS)
