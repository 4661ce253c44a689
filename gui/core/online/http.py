"""The one way the app talks to the network: GET requests under fixed rules.

Rules, each for a reason:
- https only, and only to the platform's own domains: the catalog promises where its links
  lead, so a redirect elsewhere is refused rather than followed (``allow_redirects=False``
  and our own loop, because requests would follow any host);
- certificates always verified (``verify`` is never False; ``REQUESTS_CA_BUNDLE`` or an
  explicit bundle path may replace the default trust store, as requests does);
- connect and read timeouts, plus a deadline for the whole answer, so a trickling server or
  a stuck name lookup cannot hang a check;
- a size cap on the body, counted after decompression, so a huge or compressed-bomb page
  cannot fill memory;
- an honest User-Agent naming the app, and no cookies or passwords: the system's
  proxy settings are honoured (``trust_env``) but ``~/.netrc`` is not, since it would hand
  the user's credentials to the site;
- every request can be cancelled: the request runs on a helper thread and the caller waits
  on the cancel event, so cancelling does not wait for a slow server to answer.

Expected network failures never raise: they come back as a ``FetchResult`` with a
``FetchError`` saying what happened in words. Only ``Cancelled`` is raised.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from gui import __version__
from gui.core.catalog.rules import host_on_domains

if TYPE_CHECKING:
    import requests

USER_AGENT = f"privacy-review/{__version__} (+policy and link check)"
# Sent with every request; README's "What the app sends over the network" lists them.
REQUEST_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
    # One fixed language, so a policy does not "change" because a server guessed another
    # language from the user's address; the catalog's quotes are in English.
    "Accept-Language": "en",
    # Fixed rather than requests' default, which grows when optional decoders are installed.
    "Accept-Encoding": "gzip, deflate",
}
# Indirection so a test can stand in for a resolver that never answers.
_getaddrinfo = socket.getaddrinfo
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DNS_FAILED = (
    "could not connect: the host name could not be looked up (no network, or the name "
    "does not exist)"
)
_POLL_SECONDS = 0.05  # how often a waiting caller looks at the cancel event
# Small reads: the size cap is checked between them, after decompression, so a compressed
# page cannot expand far past the cap in one read.
_CHUNK_BYTES = 16 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """Timeouts in seconds and sizes in bytes. ``total_timeout`` bounds one URL from the
    first byte sent to the last byte read, redirects included."""

    connect_timeout: float = 5.0
    dns_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 30.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5


class ErrorKind(StrEnum):
    DNS = "dns"
    REFUSED = "refused"
    CONNECT_TIMEOUT = "connect-timeout"
    READ_TIMEOUT = "read-timeout"
    TOTAL_TIMEOUT = "total-timeout"
    TLS = "tls"
    PROXY = "proxy"
    CONNECTION = "connection"
    TOO_LARGE = "too-large"
    REDIRECT_REFUSED = "redirect-refused"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    BAD_URL = "bad-url"


# Failures that say the host itself cannot be reached; the rest of that host's links in the
# same check are not tried again (see HttpClient._unreachable).
_HOST_FAILURES = frozenset(
    {ErrorKind.DNS, ErrorKind.REFUSED, ErrorKind.CONNECT_TIMEOUT, ErrorKind.PROXY}
)


@dataclass(frozen=True)
class FetchError:
    kind: ErrorKind
    message: str  # one line, in words a user understands

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Hop:
    """One redirect: ``url`` answered ``status`` with ``Location: location`` (absolute)."""

    url: str
    status: int
    location: str


@dataclass(frozen=True)
class FetchResult:
    """What happened to one URL. ``final_url`` is the last URL requested; a refused redirect
    target is in ``refused_url``. ``body`` is read only for 2xx answers."""

    url: str
    final_url: str
    status: int | None = None
    reason: str = ""
    redirects: tuple[Hop, ...] = ()
    content_type: str = ""  # media type in lower case, without parameters
    charset: str | None = None
    body: bytes = b""
    truncated: bool = False
    refused_url: str | None = None
    error: FetchError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


class Cancelled(Exception):
    """The user cancelled the check."""


class _NoNetrcAuth:
    """A do-nothing auth: with ``trust_env`` on, requests would otherwise look up
    ``~/.netrc`` and send the user's stored password for the host."""

    def __call__(self, request: Any) -> Any:
        return request


def new_session() -> requests.Session:
    """A requests session with the app's headers; requests is imported here, not earlier."""
    from http.cookiejar import DefaultCookiePolicy

    import requests

    session = requests.Session()
    session.headers.clear()
    session.headers.update(REQUEST_HEADERS)
    session.auth = _NoNetrcAuth()
    # No cookies, not even within one check: nothing links one request to the next, and
    # the README can say plainly that the app never sends one.
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    session.trust_env = True  # proxies from the environment, REQUESTS_CA_BUNDLE
    return session


def check_url(url: str, domains: Iterable[str]) -> str | None:
    """Why the app will not request ``url`` for a platform with ``domains``, or None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return f"malformed address {url!r}"
    if parts.scheme.lower() != "https":
        return f"not an https address: {url}"
    if parts.username is not None or parts.password is not None:
        return f"address carries a user name: {url}"
    domains = tuple(domains)
    if not host or not host_on_domains(host, domains):
        return f"{host or 'no host'} is not one of the platform's domains ({', '.join(domains)})"
    return None


class HttpClient:
    """Fetches URLs under the rules above. One client serves one check (a run over several
    platforms); it is used from one thread at a time. ``cancel`` is the event a UI sets."""

    def __init__(
        self,
        limits: FetchLimits | None = None,
        *,
        cancel: threading.Event | None = None,
        ca_bundle: str | None = None,
    ) -> None:
        self.limits = limits or FetchLimits()
        self.cancel_event = cancel or threading.Event()
        # A path replaces the trust store; there is deliberately no way to pass False.
        self._verify: bool | str = ca_bundle or True
        self._session: requests.Session | None = None
        self._unreachable: dict[tuple[str, int], FetchError] = {}
        self._resolved: set[tuple[str, int]] = set()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def raise_if_cancelled(self) -> None:
        if self.cancel_event.is_set():
            raise Cancelled

    def fetch(
        self,
        url: str,
        domains: Iterable[str],
        *,
        max_bytes: int | None = None,
        allow_truncated: bool = False,
    ) -> FetchResult:
        """GET ``url``, following redirects within ``domains``. With ``allow_truncated`` a
        body over ``max_bytes`` is cut there; otherwise it is an error. Raises only
        ``Cancelled``."""
        self.raise_if_cancelled()
        domains = tuple(domains)
        problem = check_url(url, domains)
        if problem:
            return FetchResult(url, url, error=FetchError(ErrorKind.BAD_URL, problem))
        if self._session is None:
            self._session = new_session()
        session = self._session
        deadline = time.monotonic() + self.limits.total_timeout
        cap = self.limits.max_bytes if max_bytes is None else max_bytes
        box: list[FetchResult | BaseException] = []
        done = threading.Event()

        def work() -> None:
            try:
                box.append(self._fetch_chain(session, url, domains, deadline, cap, allow_truncated))
            except BaseException as error:  # handed to the waiting caller, never lost
                box.append(error)
            finally:
                done.set()
                if self._session is not session:  # abandoned meanwhile: nobody else closes it
                    session.close()

        threading.Thread(target=work, name="privacy-review-fetch", daemon=True).start()
        while not done.wait(_POLL_SECONDS):
            if self.cancel_event.is_set():
                self._abandon()
                raise Cancelled
            # The helper checks the deadline itself between reads; this catches what it
            # cannot interrupt (a name lookup, a blocked read within its read timeout).
            if time.monotonic() > deadline + 1.0:
                self._abandon()
                return FetchResult(url, url, error=self._total_timeout_error())
        outcome = box[0]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _abandon(self) -> None:
        """Leave an unfinished request to end on its own (its timeouts bound it) and use a
        fresh session for anything after it, so two threads never share one."""
        self._session = None

    def _total_timeout_error(self) -> FetchError:
        return FetchError(
            ErrorKind.TOTAL_TIMEOUT,
            f"no complete answer within {self.limits.total_timeout:g} s",
        )

    def _fetch_chain(
        self,
        session: requests.Session,
        url: str,
        domains: tuple[str, ...],
        deadline: float,
        cap: int,
        allow_truncated: bool,
    ) -> FetchResult:
        import requests

        hops: list[Hop] = []
        current = url
        while True:
            self.raise_if_cancelled()
            key = _host_key(current)
            failure = self._unreachable.get(key)
            if failure is not None:
                failure = FetchError(
                    failure.kind,
                    f"{failure.message} (not retried: {key[0]} already failed in this check)",
                )
                return FetchResult(url, current, redirects=tuple(hops), error=failure)
            failure = self._look_up(key, current)
            if failure is not None:
                self._unreachable[key] = failure
                return FetchResult(url, current, redirects=tuple(hops), error=failure)
            try:
                response = session.get(
                    current,
                    allow_redirects=False,
                    stream=True,
                    timeout=(self.limits.connect_timeout, self.limits.read_timeout),
                    verify=self._verify,
                )
            except requests.RequestException as error:
                failure = describe_error(error, self.limits)
                if failure.kind in _HOST_FAILURES:
                    self._unreachable[key] = failure
                return FetchResult(url, current, redirects=tuple(hops), error=failure)
            with response:
                status = response.status_code
                location = response.headers.get("Location")
                if status in REDIRECT_STATUSES and location:
                    target = urljoin(current, location.strip())
                    hops.append(Hop(current, status, target))
                    base = FetchResult(url, current, status, response.reason or "", tuple(hops))
                    refusal = _redirect_refusal(target, domains)
                    if refusal:
                        refused = FetchError(ErrorKind.REDIRECT_REFUSED, refusal)
                        return replace(base, refused_url=target, error=refused)
                    if len(hops) > self.limits.max_redirects:
                        message = f"more than {self.limits.max_redirects} redirects; stopped"
                        too_many = FetchError(ErrorKind.TOO_MANY_REDIRECTS, message)
                        return replace(base, error=too_many)
                    if time.monotonic() > deadline:
                        return replace(base, error=self._total_timeout_error())
                    current = target
                    continue
                return self._read_final(
                    response, url, current, tuple(hops), deadline, cap, allow_truncated
                )

    def _look_up(self, key: tuple[str, int], url: str) -> FetchError | None:
        """Resolve a new host with a time limit. requests' timeouts do not cover the name
        lookup, and a configured but unreachable DNS server can block it for half a minute
        or more. Skipped when a proxy is used: the proxy looks names up, and asking the
        local resolver would reveal (and could fail on) names the user routes elsewhere."""
        import requests.utils

        if key in self._resolved:
            return None
        if requests.utils.select_proxy(url, requests.utils.get_environ_proxies(url)):
            return None
        box: list[BaseException | None] = []
        done = threading.Event()

        def work() -> None:
            try:
                _getaddrinfo(key[0], key[1], type=socket.SOCK_STREAM)
                box.append(None)
            except (OSError, UnicodeError) as error:
                box.append(error)
            finally:
                done.set()

        threading.Thread(target=work, name="privacy-review-dns", daemon=True).start()
        waited = 0.0
        while not done.wait(_POLL_SECONDS):
            self.raise_if_cancelled()
            waited += _POLL_SECONDS
            if waited >= self.limits.dns_timeout:
                return FetchError(
                    ErrorKind.DNS,
                    "could not connect: the host name lookup got no answer within "
                    f"{self.limits.dns_timeout:g} s",
                )
        if box[0] is not None:
            return FetchError(ErrorKind.DNS, _DNS_FAILED)
        self._resolved.add(key)
        return None

    def _read_final(
        self,
        response: requests.Response,
        url: str,
        current: str,
        hops: tuple[Hop, ...],
        deadline: float,
        cap: int,
        allow_truncated: bool,
    ) -> FetchResult:
        import requests

        content_type, charset = _parse_content_type(response.headers.get("Content-Type", ""))
        result = FetchResult(
            url,
            current,
            response.status_code,
            response.reason or "",
            hops,
            content_type=content_type,
            charset=charset,
        )
        if not 200 <= response.status_code < 300:
            return result  # an error page's body tells us nothing we use
        declared = _declared_length(response)
        if declared is not None and declared > cap and not allow_truncated:
            return replace(result, error=_too_large(cap))
        chunks: list[bytes] = []
        size = 0
        truncated = False
        try:
            for chunk in response.iter_content(_CHUNK_BYTES):
                self.raise_if_cancelled()
                if time.monotonic() > deadline:
                    return replace(result, error=self._total_timeout_error())
                chunks.append(chunk)
                size += len(chunk)
                if size > cap:
                    if not allow_truncated:
                        return replace(result, error=_too_large(cap))
                    truncated = True
                    break
        except requests.RequestException as error:
            return replace(result, error=describe_error(error, self.limits))
        body = b"".join(chunks)[:cap]
        return replace(result, body=body, truncated=truncated)


def _host_key(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return (parts.hostname or "", parts.port or 443)


def _too_large(cap: int) -> FetchError:
    return FetchError(ErrorKind.TOO_LARGE, f"the page is larger than {_size(cap)}; not read")


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:g} MB"
    if count >= 1_000:
        return f"{count / 1_000:g} kB"
    return f"{count} bytes"


def _declared_length(response: requests.Response) -> int | None:
    # Compressed bodies are capped after decompression while reading; a declared length
    # only says something about the bytes on the wire, so it is trusted only uncompressed.
    if response.headers.get("Content-Encoding", "identity").lower() not in ("", "identity"):
        return None
    try:
        return int(response.headers.get("Content-Length", ""))
    except ValueError:
        return None


def _parse_content_type(value: str) -> tuple[str, str | None]:
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset" and raw.strip():
            charset = raw.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _redirect_refusal(target: str, domains: tuple[str, ...]) -> str | None:
    try:
        parts = urlsplit(target)
        host = parts.hostname or ""
    except ValueError:
        return f"redirect to a malformed address refused: {target!r}"
    if parts.scheme.lower() != "https":
        return f"redirect to a non-https address refused: {target}"
    if parts.username is not None or parts.password is not None:
        return f"redirect to an address carrying a user name refused: {target}"
    if not host or not host_on_domains(host, domains):
        return (
            f"redirect to {host or target} refused: not one of the platform's domains "
            f"({', '.join(domains)})"
        )
    return None


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what it wraps (urllib3 hides the real cause in args and ``reason``) and
    what caused it, each once."""
    seen: set[int] = set()
    todo: list[BaseException] = [error]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for candidate in (
            *current.args,
            getattr(current, "reason", None),
            current.__cause__,
            current.__context__,
        ):
            if isinstance(candidate, BaseException):
                todo.append(candidate)


def describe_error(error: BaseException, limits: FetchLimits) -> FetchError:
    """A requests exception as a kind and a line for the user (no traceback, no repr)."""
    import requests
    from urllib3.exceptions import NameResolutionError

    causes = list(_causes(error))
    if isinstance(error, requests.exceptions.SSLError):
        detail = next(
            (
                c.verify_message
                for c in causes
                if isinstance(c, ssl.SSLCertVerificationError) and c.verify_message
            ),
            None,
        )
        reason = f"the certificate could not be verified ({detail})" if detail else "TLS failed"
        return FetchError(ErrorKind.TLS, f"could not connect securely: {reason}")
    if isinstance(error, requests.exceptions.ProxyError):
        return FetchError(ErrorKind.PROXY, "could not connect through the configured proxy")
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return FetchError(
            ErrorKind.CONNECT_TIMEOUT,
            f"could not connect: no answer within {limits.connect_timeout:g} s",
        )
    if isinstance(error, requests.exceptions.ReadTimeout):
        return FetchError(
            ErrorKind.READ_TIMEOUT,
            f"the server stopped answering (nothing for {limits.read_timeout:g} s)",
        )
    if isinstance(
        error, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError
    ):
        return FetchError(ErrorKind.CONNECTION, "the connection broke while reading the page")
    if isinstance(error, requests.exceptions.ConnectionError):
        if any(isinstance(c, NameResolutionError | socket.gaierror) for c in causes):
            return FetchError(ErrorKind.DNS, _DNS_FAILED)
        if any(isinstance(c, ConnectionRefusedError) for c in causes):
            return FetchError(ErrorKind.REFUSED, "could not connect: connection refused")
        if any(isinstance(c, TimeoutError | socket.timeout) for c in causes):
            return FetchError(
                ErrorKind.CONNECT_TIMEOUT,
                f"could not connect: no answer within {limits.connect_timeout:g} s",
            )
        os_error = next((c for c in causes if isinstance(c, OSError) and c.strerror), None)
        failure = (os_error.strerror if os_error else None) or "the connection failed"
        return FetchError(ErrorKind.CONNECTION, f"could not connect: {failure}")
    if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.URLRequired):
        return FetchError(ErrorKind.BAD_URL, "malformed address")
    return FetchError(ErrorKind.CONNECTION, f"the request failed ({type(error).__name__})")
