"""The pure parts of the online checks: text extraction, the diff, link classification and
the URL rules. No network, no Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gui.core.online.http import ErrorKind, FetchError, FetchResult, Hop, check_url
from gui.core.online.links import LinkOutcome, classify, is_login_url, link_targets
from gui.core.online.policy_text import decode_body, html_to_text, page_text, plain_to_text
from gui.core.online.textdiff import Change, Gap, diff_as_text, diff_texts

from support.online_servers import policy_page

# --- text extraction -------------------------------------------------------------------


def test_policy_page_keeps_the_text_and_drops_the_noise() -> None:
    html = policy_page("We collect   your\n posts.", "We share them &amp; more.")
    assert html_to_text(html) == (
        "Privacy Policy\n\nWe collect your posts.\n\nWe share them & more."
    )


def test_skipped_elements_and_roles_leave_no_trace() -> None:
    html = """<body><p>Kept.</p>
    <script>var a = 1;</script><style>.x{}</style><noscript>Enable JS</noscript>
    <svg><text>icon</text></svg><nav>Menu</nav><header>Site header</header>
    <footer>Site footer</footer><div role="navigation">Crumbs</div>
    <div role="dialog"><p>We use cookies</p></div><div hidden>Hidden</div>
    <span aria-hidden="true">Decor</span><form><p>Search</p></form>
    <p>Also kept.</p></body>"""
    assert html_to_text(html) == "Kept.\n\nAlso kept."


def test_article_header_is_content_but_site_header_is_not() -> None:
    html = """<header>Site</header><article><header><h1>Policy</h1>
    <p>Last updated: 1 May 2026</p></header><p>Text.</p></article>"""
    assert html_to_text(html) == "Policy\n\nLast updated: 1 May 2026\n\nText."


def test_main_content_is_preferred_to_the_rest_of_the_page() -> None:
    html = """<div class="teaser">Try our new app!</div>
    <div role="main"><div><p>Policy text.</p></div><div>More policy.</div></div>
    <div>Related articles</div>"""
    assert html_to_text(html) == "Policy text.\n\nMore policy."


def test_block_structure_becomes_paragraphs() -> None:
    html = """<h2>Sharing</h2><ul><li>With partners</li><li></li><li>With <b>xAI</b></li></ul>
    <p>Line one<br>line two</p><table><tr><td>Data</td><td>Purpose</td></tr>
    <tr><td>Posts</td><td>Training</td></tr></table>"""
    assert html_to_text(html).split("\n\n") == [
        "Sharing",
        "- With partners",
        "- With xAI",
        "Line one",
        "line two",
        "Data Purpose",
        "Posts Training",
    ]


def test_whitespace_and_invisible_characters_are_normalised() -> None:
    html = "<p>A\u00a0non-breaking\u200b space and a soft\u00adhyphen\t\n here</p>"
    assert html_to_text(html) == "A non-breaking space and a softhyphen here"


def test_malformed_html_does_not_raise() -> None:
    html = "<p>Open <b>bold <i>italic</p><div>after</span></div><p>end &bogus; <"
    assert html_to_text(html).startswith("Open bold italic\n\nafter")


def test_unclosed_skipped_element_stops_at_its_own_end_tag() -> None:
    html = "<nav><nav>inner</nav>still nav</nav><p>Text</p>"
    assert html_to_text(html) == "Text"


def test_plain_text_policy_keeps_paragraphs() -> None:
    assert plain_to_text("First  line\nwraps.\n\n\n  Second.  \n") == "First line wraps.\n\nSecond."


def test_decoding_uses_the_declared_or_meta_charset() -> None:
    assert decode_body("Café".encode("latin-1"), "iso-8859-1") == "Café"
    meta = b'<meta charset="windows-1252"><p>caf\xe9</p>'
    assert "café" in decode_body(meta, None)
    assert decode_body(b"\xff\xfe ok", "no-such-charset").endswith(" ok")


def test_page_text_refuses_types_it_cannot_read() -> None:
    assert page_text(b"%PDF-1.7", "application/pdf", None) is None
    assert page_text(b"<p>x</p>", "text/html", "utf-8") == "x"
    assert page_text(b"a\n\nb", "text/plain", None) == "a\n\nb"


# --- diff -------------------------------------------------------------------------------


def test_same_text_has_no_passages() -> None:
    diff = diff_texts("A.\n\nB.", "A.\n\nB.")
    assert diff.unchanged
    assert all(p.unchanged for p in diff.paragraphs)


def test_added_and_removed_paragraphs_are_whole_passages() -> None:
    diff = diff_texts("Intro.\n\nOld rule.\n\nEnd.", "Intro.\n\nEnd.\n\nNew rule about AI.")
    assert diff.removed == ("Old rule.",)
    assert diff.added == ("New rule about AI.",)
    kinds = [[s.change for s in p.segments] for p in diff.paragraphs]
    assert kinds == [[Change.SAME], [Change.REMOVED], [Change.SAME], [Change.ADDED]]


def test_edited_sentence_is_marked_word_by_word() -> None:
    old = "We may share your posts with partners. We keep logs for a year."
    new = "We will share your posts with partners. We keep logs for a year."
    diff = diff_texts(old, new)
    (paragraph,) = diff.paragraphs
    assert [(s.change, s.text) for s in paragraph.segments] == [
        (Change.SAME, "We"),
        (Change.REMOVED, "may"),
        (Change.ADDED, "will"),
        (Change.SAME, "share your posts with partners. We keep logs for a year."),
    ]
    # The summary passages stay whole sentences, readable on their own.
    assert diff.removed == ("We may share your posts with partners.",)
    assert diff.added == ("We will share your posts with partners.",)


def test_rewritten_sentence_is_replaced_whole() -> None:
    intro = "This section explains how we use the information we collect about you."
    old = f"{intro} Your data is never sold."
    new = f"{intro} We license your posts to train AI models."
    (paragraph,) = diff_texts(old, new).paragraphs
    assert [s.change for s in paragraph.segments] == [Change.SAME, Change.REMOVED, Change.ADDED]
    assert paragraph.segments[1].text == "Your data is never sold."
    assert paragraph.segments[2].text == "We license your posts to train AI models."


def test_condensed_view_keeps_context_and_counts_the_rest() -> None:
    old = "\n\n".join(f"Paragraph {i} says something about data." for i in range(10))
    new = old.replace("5 says something", "5 says something new")
    shown = diff_texts(old, new).condensed(context=1)
    assert isinstance(shown[0], Gap) and shown[0].count == 4
    assert isinstance(shown[-1], Gap) and shown[-1].count == 3
    assert len(shown) == 5


def test_diff_as_text_marks_and_shortens() -> None:
    diff = diff_texts("Keep.\n\nGone for good.", "Keep.\n\n" + "New " * 40)
    lines = diff_as_text(diff, width=30)
    assert lines[0] == "- Gone for good."
    assert lines[1].startswith("+ New New") and lines[1].endswith("...")
    assert len(lines[1]) <= 32


# --- link classification ----------------------------------------------------------------

URL = "https://x.com/settings/ads"


def fetched(status: int | None = 200, **changes: object) -> FetchResult:
    return FetchResult(URL, str(changes.pop("final_url", URL)), status, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("result", "outcome", "words"),
    [
        (fetched(200, reason="OK"), LinkOutcome.REACHABLE, "200 OK"),
        (fetched(401), LinkOutcome.LOGIN_REQUIRED, "401 Unauthorized: signing in is needed"),
        (fetched(403), LinkOutcome.LOGIN_REQUIRED, "turned the automated check away"),
        (fetched(404), LinkOutcome.NOT_FOUND, "404 Not Found"),
        (fetched(410), LinkOutcome.NOT_FOUND, "410 Gone"),
        (fetched(429), LinkOutcome.FAILED, "try later"),
        (fetched(503), LinkOutcome.FAILED, "503 Service Unavailable: a problem on the site"),
        (fetched(999), LinkOutcome.FAILED, "turn automated checks away"),
        (fetched(302), LinkOutcome.FAILED, "without saying where to go"),
        (
            fetched(200, body=b'<form><input name="p" type="password"></form>'),
            LinkOutcome.LOGIN_REQUIRED,
            "with a sign-in form",
        ),
        (
            fetched(
                200,
                final_url="https://x.com/i/flow/login",
                redirects=(Hop(URL, 302, "https://x.com/i/flow/login"),),
            ),
            LinkOutcome.LOGIN_REQUIRED,
            "redirected to the sign-in page https://x.com/i/flow/login",
        ),
        (
            fetched(
                200,
                final_url="https://x.com/en/settings/ads",
                redirects=(Hop(URL, 301, "https://x.com/en/settings/ads"),),
            ),
            LinkOutcome.REDIRECTED,
            "redirected: 301 https://x.com/en/settings/ads",
        ),
        (
            fetched(None, error=FetchError(ErrorKind.DNS, "could not connect: no name")),
            LinkOutcome.FAILED,
            "could not connect: no name",
        ),
    ],
)
def test_classify(result: FetchResult, outcome: LinkOutcome, words: str) -> None:
    got, detail = classify(result)
    assert got is outcome
    assert words in detail


@pytest.mark.parametrize(
    ("url", "login"),
    [
        ("https://x.com/i/flow/login", True),
        ("https://www.facebook.com/login.php?next=%2Fsettings", True),
        ("https://www.instagram.com/accounts/login/", True),
        ("https://accounts.google.com/ServiceLogin", True),
        ("https://www.linkedin.com/authwall?trk=x", True),
        ("https://www.facebook.com/checkpoint/block", True),
        ("https://x.com/settings/login_verification", False),
        ("https://example.com/authors/jane", False),
        ("https://x.com/settings", False),
    ],
)
def test_login_urls(url: str, login: bool) -> None:
    assert is_login_url(url) is login


def test_link_targets_are_distinct_and_labelled() -> None:
    from gui.core.catalog import load_catalog

    for platform in load_catalog().platforms:
        targets = link_targets(platform)
        urls = [t.url for t in targets]
        assert len(urls) == len(set(urls))
        assert {p.url for p in platform.policies} <= set(urls)
        settings = {link.url for c in platform.categories for link in c.links}
        assert settings <= set(urls)
        assert all(t.label for t in targets)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://x.com/privacy", None),
        ("https://help.x.com/privacy", None),
        ("http://x.com/privacy", "not an https address"),
        ("https://evil.example/x.com", "not one of the platform's domains"),
        ("https://x.com.evil.example/", "not one of the platform's domains"),
        ("https://user@x.com/", "carries a user name"),
        ("https://x.com:99999/", "malformed address"),
    ],
)
def test_url_rules(url: str, problem: str | None) -> None:
    found = check_url(url, ("x.com",))
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_requests_and_qt_are_not_imported_until_needed() -> None:
    code = (
        "import sys, gui.cli\n"
        "gui.cli.build_parser()\n"
        "import gui.core.online.http, gui.core.online.links, gui.core.online.policy_watch\n"
        "import gui.core.online.checks, gui.core.online.policy_text, gui.core.online.textdiff\n"
        "import gui.core.online.settings, gui.cli.online_cmd\n"
        "bad = sorted(m for m in ('requests', 'urllib3', 'PySide6') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""
