"""Markdown escapes what would become markup, and nothing else: brackets, parentheses and
an ampersand in plain text stay as they are, so the file reads well as text too, while a
link, an image, an entity or raw HTML in a note still comes out literally."""

from __future__ import annotations

import pytest

from gui.core.summary.render_text import md_escape

from support.summary_data import unescape_markdown

PLAIN = [
    "Ads [beta] (new)",
    "Photos (and videos) you upload {if any}!",
    "R&D teams",
    "Step 3 of 4",
    "Topic #ads",
]
HOSTILE = [
    "[click me](https://evil.example)",
    "![pixel](https://evil.example/p.png)",
    "[ref][1]",
    "[1]: https://evil.example",
    "<b>bold</b>",
    "&amp; &#65;",
    "*em* _em_ `code` ~~gone~~",
    "# heading",
    "> quote",
    "1) list",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_punctuation_is_not_escaped(text: str) -> None:
    assert md_escape(text) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_is_still_escaped(text: str) -> None:
    escaped = md_escape(text)
    assert escaped != text
    assert unescape_markdown(escaped) == text


@pytest.mark.parametrize("text", PLAIN + HOSTILE)
def test_a_commonmark_viewer_shows_the_text_and_no_markup(text: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = html.render(md_escape(text))
    assert rendered.startswith("<p>") and rendered.count("<") == 2, rendered  # <p>...</p>
