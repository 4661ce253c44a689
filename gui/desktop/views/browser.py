"""Opening a catalog address in the user's browser, and the check that comes first.

Catalog files are validated when loaded, but a user catalog file is still untrusted input and
the loader's rules may change, so every address is checked again, just before it is opened,
by the same rules: ``https``, a host on the platform's own domains, no user name or password,
no explicit port. The address handed to the browser is the very ``QUrl`` that was checked.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QUrl
from PySide6.QtGui import QClipboard, QDesktopServices, QGuiApplication

from gui.core.catalog import Platform
from gui.core.catalog.rules import host_on_domains, is_host

# Opens a URL; returns False when the system could not. QDesktopServices.openUrl by default,
# a recorder in tests.
Opener = Callable[[QUrl], bool]

# Characters a browser may read differently from Python and Qt: a backslash is a path
# separator to browsers ("https://x.com\@evil.example" goes to evil.example), and whitespace
# or control characters can be stripped or split on.
_AMBIGUOUS = frozenset("\\\"'<>^`{|}")


def safe_settings_url(url: str, platform: Platform) -> QUrl | None:
    """The address as a ``QUrl`` when it is safe to open for ``platform``, else None."""
    if not url or not url.isascii() or any(ch in _AMBIGUOUS for ch in url):
        return None
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme != "https" or port is not None or "@" in parts.netloc:
        return None
    if not host or not is_host(host) or not host_on_domains(host, platform.domains):
        return None
    qurl = QUrl(url, QUrl.ParsingMode.StrictMode)
    # Both parsers must agree on where the address goes; a disagreement means the text is
    # ambiguous, and the browser might pick a third reading.
    if (
        not qurl.isValid()
        or qurl.scheme() != "https"
        or qurl.userInfo()
        or qurl.port() != -1
        or qurl.host().rstrip(".") != host
    ):
        return None
    return qurl


def open_in_browser(url: str, platform: Platform, opener: Opener | None = None) -> bool:
    """Open ``url`` in the default browser after checking it; False when it was refused or
    the system could not open it (``safe_settings_url`` tells the two apart). Nothing is
    opened when the check fails."""
    qurl = safe_settings_url(url, platform)
    if qurl is None:
        return False
    # Looked up at call time, not bound as a default, so tests can patch QDesktopServices.
    open_url = opener or QDesktopServices.openUrl
    return bool(open_url(qurl))


def copy_text(text: str) -> None:
    """Put ``text`` on the clipboard (and the X11 selection, for a middle-click paste): the
    way out when an address or folder cannot be opened."""
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(text, QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.setText(text, QClipboard.Mode.Selection)


def open_folder(path: str, opener: Opener | None = None) -> bool:
    """Open a local folder in the system's file manager; False when none answered (common
    on minimal Linux installs), so the caller can say so."""
    open_url = opener or QDesktopServices.openUrl
    return bool(open_url(QUrl.fromLocalFile(path)))
