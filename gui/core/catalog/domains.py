"""Whether a platform's domain is a real, registrable domain (``x.com``) or a subdomain of
one, never a public suffix (``com``, ``co.uk``, ``github.io``), a bare name such as
``localhost`` or an IP address: a platform's domains decide where its links and the network
checks' redirects may go, so a user catalog must not widen them to a whole suffix.

Uses the Public Suffix List bundled with ``tldextract``; nothing is fetched (no list URLs)
and nothing is written (no cache dir). ``tldextract`` is imported only when a domain is
checked, that is when a file is validated.
"""

from __future__ import annotations

import ipaddress
from functools import cache
from typing import Any

# Names reserved for documentation and tests (RFC 2606, RFC 6761): they never belong to a
# real platform and never resolve, so a name under them widens nothing. ("localhost" and
# ".test" are refused: they may resolve to this machine or a local network.)
RESERVED_TLDS = ("example", "invalid")


@cache
def _extractor() -> Any:
    import tldextract

    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def domain_problem(domain: str) -> str | None:
    """Why ``domain`` cannot be a platform domain, or None when it can."""
    try:
        ipaddress.ip_address(domain)
    except ValueError:
        pass
    else:
        return f"{domain!r} is an IP address; use the platform's domain name"
    labels = domain.split(".")
    if len(labels) >= 2 and labels[-1] in RESERVED_TLDS:
        return None
    parts = _extractor()(domain)
    if not parts.suffix:
        return f"{domain!r} is not a public domain name"
    if not parts.domain:
        return f"{domain!r} is a public suffix, not a domain; name the platform's own domain"
    return None
