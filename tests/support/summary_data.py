"""Shared data for the summary tests: a small two-platform catalog written as real catalog
files (so it goes through the strict loader), decisions on both platforms, and helpers that
read each output format back as the text a reader would see. No tests live here."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pypdf

from gui.core.catalog import Catalog, Category, Link, Platform, PolicyDocument, Quote, load_catalog
from gui.core.checklist import Decision, Status

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
# Markup and an entity that must come out literally, never rendered or fetched.
HOSTILE_NOTE = 'Watch <b>this</b> <img src="http://127.0.0.1:9/x.png"> &amp; that'

_CATEGORY = """
[[categories]]
id = "{id}"
title = "{title}"
collected = "What {title} covers."
why = "Why it matters."
risk = "{risk}"
control = "{control}"
steps = ["Open the settings.", "Change it."]
topics = ["activity"]
regions = {regions}
verified = {verified}

[categories.quote]
text = "We collect it."
source = "https://{domain}/privacy"
policy_date = 2025-01-01
{links}"""

_LINK = """
[[categories.links]]
url = "https://{domain}/settings/{id}"
label = "{label}"
confidence = "{confidence}"
"""


@dataclass(frozen=True)
class Cat:
    id: str
    title: str
    control: str = "toggle"
    risk: str = "medium"
    regions: tuple[str, ...] = ()
    link_label: str = ""
    confirmed: bool = True
    verified: str = "2025-06-01"


def platform_toml(
    platform_id: str, name: str, domain: str, cats: list[Cat], effective: str = "2025-01-01"
) -> str:
    parts = [
        "schema = 1",
        f'id = "{platform_id}"',
        f'name = "{name}"',
        f'domains = ["{domain}"]',
        "",
        "[[policies]]",
        'id = "privacy-policy"',
        f'title = "{name} Privacy Policy"',
        f'url = "https://{domain}/privacy"',
        f"effective = {effective}",
    ]
    for cat in cats:
        links = ""
        if cat.link_label:
            links = _LINK.format(
                domain=domain,
                id=cat.id,
                label=cat.link_label,
                confidence="confirmed" if cat.confirmed else "third-party",
            )
        parts.append(
            _CATEGORY.format(
                id=cat.id,
                title=cat.title,
                risk=cat.risk,
                control=cat.control,
                regions="[" + ", ".join(f'"{r}"' for r in cat.regions) + "]",
                verified=cat.verified,
                domain=domain,
                links=links,
            )
        )
    return "\n".join(parts) + "\n"


ALPHA = [
    Cat("ai-training", "Posts used to train AI", risk="high", link_label="AI data settings"),
    Cat("ads", "Ads based on your activity", link_label="Ad preferences", confirmed=False),
    Cat("objection", "Objecting to profiling", control="form", regions=("EU", "GB"),
        link_label="Objection form"),
    Cat("messages", "Messages scanned for safety", control="none", risk="high"),
    Cat("location", "Precise location history", link_label="Location settings"),
]  # fmt: skip
BETA = [
    Cat("contacts", "Uploaded address book", link_label="Contact syncing", verified="2025-07-15"),
    Cat("download", "A copy of your data", control="request", risk="low",
        link_label="Download your data"),
    Cat("face", "Face recognition", control="toggle", link_label="Face recognition"),
]  # fmt: skip


def write_catalog(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "alpha.toml").write_text(
        platform_toml("alpha", "Alpha Social", "alpha.example", ALPHA, "2025-02-01")
    )
    (directory / "beta.toml").write_text(
        platform_toml("beta", "Beta Chat", "beta.example", BETA, "2024-11-20")
    )
    return directory


def load_test_catalog(directory: Path) -> Catalog:
    return load_catalog(bundled_dir=write_catalog(directory), today=date(2026, 1, 1))


def decisions_for(catalog: Catalog) -> list[Decision]:
    """Decisions on both platforms covering every to-do reason:
    alpha/ai-training opted out (up to date); alpha/ads kept, note with markup;
    alpha/objection later; alpha/messages not applicable; alpha/location unreviewed;
    beta/contacts opted out long ago (due); beta/download kept but the catalog changed
    since (stale fingerprint); beta/face unreviewed; plus a retired decision (beta/old)."""

    def fp(platform_id: str, category_id: str) -> str:
        platform = catalog.platform(platform_id)
        assert platform is not None
        category = platform.category(category_id)
        assert category is not None
        return category.fingerprint

    def at(days_ago: int) -> datetime:
        return NOW - timedelta(days=days_ago, hours=3)

    return [
        Decision("alpha", "ai-training", Status.OPTED_OUT, "Switched off on the phone too",
                 at(10), fp("alpha", "ai-training")),
        Decision("alpha", "ads", Status.KEPT, HOSTILE_NOTE, at(20), fp("alpha", "ads")),
        Decision("alpha", "objection", Status.LATER, "Need the EU form", at(5),
                 fp("alpha", "objection")),
        Decision("alpha", "messages", Status.NOT_APPLICABLE, "I never use messages\nat all",
                 at(30), fp("alpha", "messages")),
        Decision("beta", "contacts", Status.OPTED_OUT, "Deleted uploaded contacts", at(400),
                 fp("beta", "contacts")),
        Decision("beta", "download", Status.KEPT, "Asked for a copy in May", at(40),
                 "0000000000000000"),
        Decision("beta", "old-feature", Status.OPTED_OUT, "From an older catalog", at(50),
                 "1111111111111111"),
    ]  # fmt: skip


# The to-do list the data above must produce: (platform name, category title, reasons).
EXPECTED_TO_DO = [
    ("Alpha Social", "Objecting to profiling", ("marked for later",)),
    ("Alpha Social", "Precise location history", ("not reviewed yet",)),
    ("Beta Chat", "Uploaded address book", ("due for a re-check",)),
    ("Beta Chat", "A copy of your data", ("changed since you decided",)),
    ("Beta Chat", "Face recognition", ("not reviewed yet",)),
]


def long_catalog(rows: int) -> tuple[Catalog, list[Decision]]:
    """One platform whose every row has a note of 2 to 13 lines with markers at both ends,
    so a row cut by a page end shows up as a marker pair split over two pages."""
    categories = []
    decisions = []
    for i in range(rows):
        category = Category(
            id=f"c{i}",
            title=f"Row{i:03d} title",
            collected="c",
            why="w",
            quote=Quote("q", "https://long.example/p", date(2025, 1, 1)),
            risk="low",
            control="toggle",
            control_note="",
            links=(Link(f"https://long.example/s/{i}", f"Setting {i}", "confirmed"),),
            steps=("s",),
            undo="",
            topics=("activity",),
            verified=date(2025, 6, 1),
        )
        categories.append(category)
        middle = "\n".join(f"line {n} of the note" for n in range(i % 12))
        note = f"N{i:03d}start\n{middle}\nN{i:03d}end"
        status = Status.LATER if i % 2 == 0 else Status.KEPT  # half also on the to-do list
        decisions.append(
            Decision("long", category.id, status, note, NOW - timedelta(days=i % 50),
                     category.fingerprint)
        )  # fmt: skip
    platform = Platform(
        id="long",
        name="Long Platform",
        domains=("long.example",),
        policies=(PolicyDocument("p", "Long Policy", "https://long.example/p", date(2025, 1, 1)),),
        categories=tuple(categories),
    )
    return Catalog(platforms=(platform,)), decisions


def category_title(catalog: Catalog, decision: Decision) -> str:
    """The title a decision is printed under (retired ones by their id)."""
    platform = catalog.platform(decision.platform_id)
    category = platform.category(decision.category_id) if platform else None
    return category.title if category else f"{decision.category_id} (retired)"


def to_do_section(text: str) -> str:
    """The to-do list of a summary of the data above: from its heading to the first
    platform section (Alpha Social's heading, which follows the last Beta Chat item)."""
    start = text.index("Still to do (")
    end = text.index("Alpha Social", text.index("Beta Chat", start))
    return text[start:end]


def squash(text: str) -> str:
    """Whitespace-insensitive text: wrapping and page layout may break lines anywhere."""
    return " ".join(text.split())


def unescape_markdown(text: str) -> str:
    """What a CommonMark viewer shows for our Markdown: backslash escapes of ASCII
    punctuation removed and the ``<br>`` cell breaks turned back into line breaks."""
    text = text.replace("<br>", "\n")
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def markdown_raw_tags(text: str) -> list[str]:
    """Raw HTML tags in Markdown (a ``<`` not escaped by a backslash), other than ``<br>``."""
    return [m.group(0) for m in re.finditer(r"(?<!\\)<(?!br>)[^>]*>?", text)]


class PageText(HTMLParser):
    """The text a browser shows (not <head>), plus every tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("head", "style", "title", "script"):
            self._hidden += 1
        if tag in ("br", "p", "tr", "li", "h1", "h2", "h3", "td", "th"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "title", "script"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_text(data: bytes) -> str:
    parser = PageText()
    parser.feed(data.decode("utf-8"))
    return "".join(parser.parts)


def pdf_pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    # NFKC undoes the fi/ff ligatures the PDF's fonts use; a line broken at a hyphen is
    # joined again.
    return [
        re.sub(r"-\s+", "-", unicodedata.normalize("NFKC", page.extract_text() or ""))
        for page in reader.pages
    ]


READERS: dict[str, Callable[[bytes], str]] = {
    "html": html_text,
    "md": lambda data: unescape_markdown(data.decode("utf-8")),
    "txt": lambda data: data.decode("utf-8"),
    "pdf": lambda data: "\n".join(pdf_pages(data)),
}


def parse_html(data: bytes) -> PageText:
    parser = PageText()
    parser.feed(data.decode("utf-8"))
    return parser
