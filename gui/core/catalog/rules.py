"""The input rules every layer shares, in one place: what an id, a host name and a region
code look like, what counts as markup or a control character, and how long text may be.

The catalog loader, the store (ids in decisions and imports), the network checks (hosts) and
the browser guard all use these, so a rule cannot drift between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_ID_CHARS = 64
# fullmatch only: "$" would let a trailing newline through.
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HOST_RE = re.compile(
    r"(?=.{1,253}\Z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
)
REGION_RE = re.compile(r"EU|EEA|[A-Z]{2}")
# Plain-text fields must not carry markup: tags, comments or character entities.
MARKUP_RE = re.compile(r"<\s*[/!?a-zA-Z]|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);")
# C0 controls but tab and newline, DEL, and C1 controls (ESC sequences start here).
CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Length caps for catalog text, in characters.
MAX_TITLE_CHARS = 200
MAX_TEXT_CHARS = 4_000
MAX_URL_CHARS = 2_000


def is_id(value: object) -> bool:
    """A platform, category or policy id: lowercase letters, digits and single hyphens."""
    return (
        isinstance(value, str) and len(value) <= MAX_ID_CHARS and ID_RE.fullmatch(value) is not None
    )


def is_host(value: str) -> bool:
    return HOST_RE.fullmatch(value) is not None


def is_region(value: str) -> bool:
    return REGION_RE.fullmatch(value) is not None


def host_on_domains(host: str, domains: Iterable[str]) -> bool:
    """True if ``host`` is one of ``domains`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and newline kept): for notes the user types
    or imports, so that nothing stored can move a terminal's cursor or hide text."""
    return CONTROL_CHARS_RE.sub("", text)


def terminal_safe(text: str) -> str:
    """``text`` as it may be printed to a terminal: control characters shown as ``\\xNN``."""
    return CONTROL_CHARS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
