"""The network rules, against a real https server on localhost with a throwaway CA.

Nothing here is timed: a timeout is shown to be a timeout by a server that never answers
within the test (a held page, see ``support.online_servers.Gate``) and by the error the
client reports; how quickly cancelling and the timeouts land is measured in
``benchmarks/online_waits.py``."""

from __future__ import annotations

import gzip
import socket
import threading
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

from support.online_servers import Gate, TlsServer, refused_port, serve_https

DOMAINS = ("localhost",)
# Generous timeouts for answers that come: a busy machine must not turn them into failures.
# Each test of a timeout sets its own small one against a server that never answers.
FAST = FetchLimits(connect_timeout=10, read_timeout=10, total_timeout=30, max_bytes=10_000)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsServer]:
    yield from serve_https(tmp_path, monkeypatch)


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(FAST) as http:
        yield http


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


def test_server_that_never_answers_hits_the_read_timeout(server: TlsServer) -> None:
    held = server.hold("/slow")  # answers only after the test
    limits = FetchLimits(read_timeout=0.5, total_timeout=60)
    with HttpClient(limits) as http:
        result = http.fetch(server.url("/slow"), DOMAINS)
    assert held.holding  # the request arrived and was never answered
    assert result.error is not None and result.error.kind is ErrorKind.READ_TIMEOUT
    assert result.error.message == "the server stopped answering (nothing for 0.5 s)"


def test_trickling_server_hits_the_total_deadline(server: TlsServer) -> None:
    ended = threading.Event()

    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            # Ten bytes at a time until the test ends: every read gets something well
            # within the read timeout, and the answer is never complete.
            while not ended.is_set():
                yield b"." * 10
                ended.wait(0.05)

        return Response(body(), direct_passthrough=True)

    server.server.expect_request("/trickle").respond_with_handler(trickle)
    limits = FetchLimits(read_timeout=30, total_timeout=1, max_bytes=10_000_000)
    try:
        with HttpClient(limits) as http:
            result = http.fetch(server.url("/trickle"), DOMAINS)
    finally:
        ended.set()
    assert result.error is not None and result.error.kind is ErrorKind.TOTAL_TIMEOUT
    assert result.error.message == "no complete answer within 1 s"


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


def test_unknown_host_fails_and_is_not_asked_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def no_such_name(host: str, *args: object, **kwargs: object) -> list[object]:
        calls.append(host)  # what a resolver says for a name that does not exist
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr("gui.core.online.http._getaddrinfo", no_such_name)
    with HttpClient(FAST) as http:
        first = http.fetch("https://no-such-host.invalid/a", ("invalid",))
        second = http.fetch("https://no-such-host.invalid/b", ("invalid",))
    assert calls == ["no-such-host.invalid"]  # looked up once for the whole check
    assert first.error is not None and first.error.kind is ErrorKind.DNS
    assert first.error.message.startswith("could not connect: the host name could not be")
    assert second.error is not None and second.error.kind is ErrorKind.DNS
    assert (
        second.error.message == f"{first.error.message} (not retried: no-such-host.invalid "
        "already failed in this check)"
    )


def test_a_resolver_that_never_answers_is_given_up_on(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    never = Gate()

    def stuck(host: str, *args: object, **kwargs: object) -> list[object]:
        calls.append(host)
        never.wait()  # no answer while the test runs
        return []

    monkeypatch.setattr("gui.core.online.http._getaddrinfo", stuck)
    limits = FetchLimits(dns_timeout=0.3)
    try:
        with HttpClient(limits) as http:
            result = http.fetch("https://slow-dns.example/", ("example",))
        assert never.holding  # given up on while the lookup still had no answer
    finally:
        never.open()
    assert calls == ["slow-dns.example"]
    assert result.error is not None and result.error.kind is ErrorKind.DNS
    assert result.error.message == (
        "could not connect: the host name lookup got no answer within 0.3 s"
    )


def test_urls_off_the_rules_are_not_requested(client: HttpClient) -> None:
    for url in ("http://localhost/", "https://example.org/"):
        result = client.fetch(url, DOMAINS)
        assert result.error is not None and result.error.kind is ErrorKind.BAD_URL


def test_cancel_interrupts_a_request_the_server_never_answers(server: TlsServer) -> None:
    held = server.hold("/slow")
    cancel = threading.Event()
    limits = FetchLimits(read_timeout=60, total_timeout=120)  # neither can end it first
    # Cancel once the request is in: the fetch can then only end by being cancelled.
    threading.Thread(target=lambda: held.reached.wait(30) and cancel.set(), daemon=True).start()
    with HttpClient(limits, cancel=cancel) as http:
        with pytest.raises(Cancelled):
            http.fetch(server.url("/slow"), DOMAINS)
        assert held.holding  # cancelled, not waited out
        with pytest.raises(Cancelled):  # and nothing more starts once cancelled
            http.fetch(server.url("/slow"), DOMAINS)
    assert held.arrivals == 1
