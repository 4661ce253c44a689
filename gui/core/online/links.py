"""Link check: do the catalog's settings pages and sources still lead somewhere?

Each URL gets one honest outcome. Most settings pages need the user to be signed in, and an
automated check is not; such a page answering "sign in first" is working as intended, so it
is reported as ``login-required``, not as broken.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from enum import StrEnum
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from gui.core.catalog import Platform
from gui.core.online.http import ErrorKind, FetchResult, HttpClient

# Enough of a page to find a sign-in form near its top; the rest is not needed.
PEEK_BYTES = 256_000

# A path segment naming a sign-in page, alone or as a file ("login.php"); not "login_verification",
# which is a settings page about signing in.
_LOGIN_SEGMENT_RE = re.compile(
    r"^(?:login|log-in|log_in|signin|sign-in|sign_in|logon|servicelogin|authenticate|auth|"
    r"oauth2?|sso|authwall|checkpoint|uas)(?:$|\.)"
)
_LOGIN_HOST_PREFIXES = ("accounts.", "login.", "signin.", "auth.", "sso.", "id.")
_PASSWORD_FIELD_RE = re.compile(rb"<input\b[^>]*\btype\s*=\s*[\"']?password", re.IGNORECASE)


class LinkOutcome(StrEnum):
    REACHABLE = "reachable"
    REDIRECTED = "redirected"
    LOGIN_REQUIRED = "login-required"
    NOT_FOUND = "not-found"
    FAILED = "failed"


class LinkKind(StrEnum):
    SETTINGS = "settings"  # a category's link to a settings page or form
    SOURCE = "source"  # a policy document or the source of a quote


@dataclass(frozen=True)
class LinkTarget:
    platform_id: str
    platform_name: str
    domains: tuple[str, ...]
    url: str
    kind: LinkKind
    label: str


@dataclass(frozen=True)
class LinkResult:
    platform_id: str
    platform_name: str
    url: str
    kind: LinkKind
    label: str
    outcome: LinkOutcome
    detail: str  # one line saying what the server did, in words
    final_url: str  # where the check ended (a refused redirect's target included)
    status: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "platform": self.platform_id,
            "url": self.url,
            "kind": str(self.kind),
            "label": self.label,
            "result": str(self.outcome),
            "detail": self.detail,
            "final_url": self.final_url,
            "status": self.status,
        }


def link_targets(platform: Platform) -> list[LinkTarget]:
    """Every distinct settings and source URL of a platform, policies first, then in
    catalog order. A URL used several times is checked once, under its first use."""
    seen: set[str] = set()
    targets: list[LinkTarget] = []

    def add(url: str, kind: LinkKind, label: str) -> None:
        if url and url not in seen:
            seen.add(url)
            targets.append(
                LinkTarget(platform.id, platform.name, platform.domains, url, kind, label)
            )

    for policy in platform.policies:
        add(policy.url, LinkKind.SOURCE, policy.title)
    for category in platform.categories:
        add(category.quote.source, LinkKind.SOURCE, f"{category.title} (quote source)")
        for link in category.links:
            add(link.url, LinkKind.SETTINGS, link.label)
    return targets


def is_login_url(url: str) -> bool:
    """Whether ``url`` looks like a sign-in page: a login-like path segment or host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if host.startswith(_LOGIN_HOST_PREFIXES):
        return True
    # Facebook's "checkpoint", LinkedIn's "uas" and "authwall" are their sign-in walls.
    return any(_LOGIN_SEGMENT_RE.match(s) for s in parts.path.lower().split("/"))


def is_wall_url(url: str) -> bool:
    """A sign-in page, or a cookie-consent page (``consent.google.com``, ``consent.
    youtube.com``) that some sites put in front of every page in the EU."""
    if is_login_url(url):
        return True
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    return host.startswith("consent.")


def status_text(status: int, reason: str = "") -> str:
    """ "404 Not Found": the standard phrase when there is one (servers spell it in many
    ways, and HTTP/2 sends none), else what the server said."""
    with contextlib.suppress(ValueError):  # a non-standard code keeps the server's words
        reason = HTTPStatus(status).phrase
    return f"{status} {reason}".strip()


def classify(result: FetchResult) -> tuple[LinkOutcome, str]:
    """The outcome of one fetched link and a line explaining it."""
    if result.error is not None:
        if result.error.kind is ErrorKind.REDIRECT_REFUSED and result.redirects:
            first = result.redirects[0]
            return LinkOutcome.FAILED, f"{result.error.message} (after {first.status})"
        return LinkOutcome.FAILED, result.error.message
    status = result.status or 0
    login_hop = next((hop for hop in result.redirects if is_login_url(hop.location)), None)
    if login_hop is not None:
        return (
            LinkOutcome.LOGIN_REQUIRED,
            f"redirected to the sign-in page {login_hop.location}: signing in is needed "
            "to see it (expected for settings pages)",
        )
    if status == 401:
        return (
            LinkOutcome.LOGIN_REQUIRED,
            f"the server answered {status_text(status, result.reason)}: signing in is needed",
        )
    if status == 403:
        return (
            LinkOutcome.LOGIN_REQUIRED,
            f"the server answered {status_text(status, result.reason)}: the page needs signing "
            "in, or the site turned the automated check away",
        )
    if status in (404, 410):
        return LinkOutcome.NOT_FOUND, f"the server answered {status_text(status, result.reason)}"
    if 200 <= status < 300:
        if _PASSWORD_FIELD_RE.search(result.body):
            return (
                LinkOutcome.LOGIN_REQUIRED,
                f"the server answered {status_text(status, result.reason)} with a sign-in "
                "form: signing in is needed to see the page",
            )
        if result.redirects:
            chain = " -> ".join(f"{hop.status} {hop.location}" for hop in result.redirects)
            return LinkOutcome.REDIRECTED, f"redirected: {chain}"
        return LinkOutcome.REACHABLE, status_text(status, result.reason)
    if status in (301, 302, 303, 307, 308):
        return LinkOutcome.FAILED, f"the server answered {status} without saying where to go"
    if status == 429:
        return (
            LinkOutcome.FAILED,
            "the server answered 429 Too Many Requests: it is limiting requests; try later",
        )
    if 500 <= status < 600:
        return (
            LinkOutcome.FAILED,
            f"the server answered {status_text(status, result.reason)}: "
            "a problem on the site's side",
        )
    if status >= 600:
        # LinkedIn answers 999 to anything it takes for a robot.
        return (
            LinkOutcome.FAILED,
            f"the server answered {status}, a non-standard code sites use to turn "
            "automated checks away",
        )
    return LinkOutcome.FAILED, f"the server answered {status_text(status, result.reason)}"


def check_link(client: HttpClient, target: LinkTarget) -> LinkResult:
    """Fetch and classify one link; raises only ``Cancelled``."""
    fetched = client.fetch(target.url, target.domains, max_bytes=PEEK_BYTES, allow_truncated=True)
    outcome, detail = classify(fetched)
    return LinkResult(
        platform_id=target.platform_id,
        platform_name=target.platform_name,
        url=target.url,
        kind=target.kind,
        label=target.label,
        outcome=outcome,
        detail=detail,
        final_url=fetched.refused_url or fetched.final_url,
        status=fetched.status,
    )
