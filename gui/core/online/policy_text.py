"""The readable text of a policy page, stable enough to compare from one check to the next.

Markup, scripts, styles and the site's navigation, header, footer and dialogs (cookie
banners) are dropped; headings, paragraphs, list items and table rows become paragraphs;
whitespace is normalised. When the page marks its main content (``<main>`` or
``role="main"``), only that is kept: menus and teasers around it change far more often than
the policy does, and every such change would otherwise look like a policy change.

Built on ``html.parser``, which never raises on malformed HTML; the result is plain text,
never interpreted as markup anywhere in the app.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

# Elements whose whole content is noise for a reader of the policy.
SKIPPED_ELEMENTS = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "canvas",
        "iframe",
        "object",
        "nav",
        "header",
        "footer",
        "aside",
        "dialog",
        "form",
        "button",
        "select",
    }
)
SKIPPED_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar"}
)
# Elements that start and end a paragraph of the readable text.
BLOCK_ELEMENTS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "br",
    }
)
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
CELL_ELEMENTS = frozenset({"td", "th"})
CONTENT_HEADERS = frozenset({"header", "footer"})
# Invisible characters that differ between renderings of the same text.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACE_RE = re.compile(r"\s+")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # Open skipped elements, innermost last; a skipped element ends at its own end tag.
        self._skip: list[str] = []
        self._article_depth = 0
        self._main_stack: list[str] = []
        self.paragraphs: list[str] = []
        self.main_paragraphs: list[str] = []
        self._current: list[str] = []
        self._in_list_item = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): (value or "") for name, value in attrs}
        if self._skip:
            if tag == self._skip[-1] and tag not in VOID_ELEMENTS:
                self._skip.append(tag)  # the same element nested: its end tag is not ours
            return
        if tag in VOID_ELEMENTS:
            if tag in ("br", "hr"):
                self._break()
            return
        # A header or footer inside the content (an article's title and "last updated"
        # line) is part of the policy; only the site's own are noise.
        in_content = bool(self._main_stack or self._article_depth)
        if _is_skipped(tag, attributes) and not (in_content and tag in CONTENT_HEADERS):
            self._skip.append(tag)
            return
        if tag == "article":
            self._article_depth += 1
        if tag == "main" or attributes.get("role", "").lower() == "main":
            self._break()
            self._main_stack.append(tag)
            return
        if self._main_stack and tag == self._main_stack[-1]:
            self._main_stack.append(tag)  # nested element of the same name as main
        if tag in BLOCK_ELEMENTS:
            self._break()
            if tag == "li":
                self._current.append("- ")
        elif tag in CELL_ELEMENTS:
            self._current.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <div/> in HTML is an open tag; only void elements really close themselves.
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if self._main_stack and tag == self._main_stack[-1]:
            self._main_stack.pop()
            if not self._main_stack:
                self._break()
                return
        if tag in BLOCK_ELEMENTS:
            self._break()
        elif tag in CELL_ELEMENTS:
            self._current.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)

    def _break(self) -> None:
        text = normalise_space("".join(self._current))
        self._current = []
        if not text or text == "-":
            return
        self.paragraphs.append(text)
        if self._main_stack:
            self.main_paragraphs.append(text)

    def close(self) -> None:
        super().close()
        self._break()


def _is_skipped(tag: str, attributes: dict[str, str]) -> bool:
    if tag in SKIPPED_ELEMENTS:
        return True
    if "hidden" in attributes or attributes.get("aria-hidden", "").lower() == "true":
        return True
    return attributes.get("role", "").lower() in SKIPPED_ROLES


def normalise_space(text: str) -> str:
    """One paragraph: NFC, invisible characters removed, any run of whitespace (including
    non-breaking spaces) as one space."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACE_RE.sub(" ", text).strip()


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: paragraphs separated by one blank line."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    paragraphs = parser.main_paragraphs or parser.paragraphs
    return "\n\n".join(paragraphs)


def plain_to_text(text: str) -> str:
    """A plain-text policy with the same normalisation: blank lines separate paragraphs."""
    paragraphs = (normalise_space(block) for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def decode_body(body: bytes, charset: str | None) -> str:
    """Bytes to text: the charset the server named, else the page's own ``<meta charset>``,
    else UTF-8; undecodable bytes become U+FFFD rather than failing the check."""
    candidates = [charset]
    match = _META_CHARSET_RE.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "replace"))
    candidates.append("utf-8")
    for name in candidates:
        if not name:
            continue
        try:
            return body.decode(name, errors="replace")
        except LookupError:  # a charset name Python does not know
            continue
    return body.decode("utf-8", errors="replace")


def page_text(body: bytes, content_type: str, charset: str | None) -> str | None:
    """The readable text of a fetched page, or None for a type the app does not read
    (a PDF, an image)."""
    if content_type in ("text/html", "application/xhtml+xml", ""):
        return html_to_text(decode_body(body, charset))
    if content_type == "text/plain":
        return plain_to_text(decode_body(body, charset))
    return None
