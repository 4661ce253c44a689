"""The network half of a policy check: download one policy and extract its readable text.

Kept apart from ``policy_watch`` (which compares and saves on the store's thread, and which
the window reads its policy notices through at start-up) because this half needs the
network code: http, ssl and the HTML parser are imported only when a check runs.
"""

from __future__ import annotations

from datetime import UTC, datetime

from gui.core.online.http import HttpClient
from gui.core.online.links import is_wall_url, status_text
from gui.core.online.policy_text import page_text
from gui.core.online.policy_watch import FetchedPolicy, PolicyTarget


def fetch_policy(client: HttpClient, target: PolicyTarget) -> FetchedPolicy:
    """Download one policy and extract its readable text. Raises only ``Cancelled``."""
    fetched = client.fetch(target.url, target.domains)
    now = datetime.now(UTC)
    if fetched.error is not None:
        return FetchedPolicy(target, now, None, fetched.error.message)
    if not fetched.ok:
        reason = status_text(fetched.status or 0, fetched.reason)
        return FetchedPolicy(target, now, None, f"the server answered {reason}")
    # A sign-in or cookie-consent page instead of the policy must not be recorded as the
    # policy's text: the next real fetch would then look like a complete rewrite.
    wall = next((h.location for h in fetched.redirects if is_wall_url(h.location)), None)
    if wall is not None:
        return FetchedPolicy(
            target, now, None, f"redirected to {wall} instead of the policy; nothing recorded"
        )
    text = page_text(fetched.body, fetched.content_type, fetched.charset)
    if text is None:
        return FetchedPolicy(
            target,
            now,
            None,
            f"the page is {fetched.content_type}, not a web page; the app compares HTML "
            "and plain-text policies only",
        )
    if not text.strip():
        return FetchedPolicy(
            target,
            now,
            None,
            "the page has no readable text (it may be built by JavaScript); nothing recorded",
        )
    return FetchedPolicy(target, now, text)
