"""The summary as Markdown (GitHub-flavoured tables) and as plain text. Qt-free.

Markdown renderers turn ``<b>`` into bold and ``&amp;`` into ``&``, and load whatever an
``<img>`` names, so every piece of catalog and user text is backslash-escaped where it
would make markup (and only there, so "[beta]" stays readable): the file shows it literally
in any CommonMark viewer. The only raw HTML written is ``<br>`` for line
breaks inside table cells, which tables cannot hold otherwise.
"""

from __future__ import annotations

import re
import textwrap
from urllib.parse import quote

from gui.core import dates
from gui.core.summary.model import (
    EXPORTS_HEADING,
    NOTHING_TO_SHOW,
    OVERDUE_HEADING,
    SOURCES_INTRO,
    CategoryLine,
    PlatformSection,
    Summary,
    ToDoItem,
    clean_text,
    export_caption,
    left_out_sentence,
    unreviewed_sentence,
)

# CommonMark lets any ASCII punctuation be backslash-escaped, but escaping all of it makes
# the file hard to read ("Ads \\[beta\\]"). Escaped anywhere in a line: what starts emphasis,
# code, raw HTML, strikethrough and table cells; "&" only where it would make an entity; "]"
# only where it would close a link or image ("](", "][") or a link definition ("]:"), which
# is enough to keep "[text](url)" in a note from becoming a link.
_MD_INLINE_RE = re.compile(r"[\\`*_<|~]|&(?=#?[A-Za-z0-9]+;)|\](?=[(\[:])")
# ... and these only at the start of a line (headings, quotes, lists, rules, setext).
_MD_LINE_START_RE = re.compile(r"^(\s*)([-+=#>]|\d+(?=[.)]))", re.MULTILINE)

TEXT_WIDTH = 78


def md_escape(text: str) -> str:
    """``text`` as Markdown that displays exactly ``text`` (newlines kept)."""
    escaped = _MD_INLINE_RE.sub(lambda match: "\\" + match.group(0), text)
    return _MD_LINE_START_RE.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker.isdigit():  # "1. " starts a list; the escape goes on the dot, not the digit
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def md_cell(text: str) -> str:
    """Escaped text for a table cell: a cell is one line, so line breaks become ``<br>``."""
    return "<br>".join(md_escape(line) for line in text.split("\n"))


def md_url(url: str) -> str:
    """A URL safe inside ``(...)`` of a Markdown link: no spaces, brackets or angle brackets."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


def _md_links(item: ToDoItem) -> str:
    if not item.links:
        return md_escape(item.no_link)
    parts = []
    for link in item.links:
        unconfirmed = "" if link.confirmed else " (address from third-party guides)"
        parts.append(f"[{md_escape(link.label)}]({md_url(link.url)}){unconfirmed}")
    return "<br>".join(parts)


def _md_to_do(item: ToDoItem) -> str:
    category = md_escape(item.title)
    if item.risk:
        category += f" ({item.risk} risk)"
    if item.elsewhere:
        category += f"<br>{md_escape(item.elsewhere)}"
    return (
        f"| {md_escape(item.platform_name)} | {category} "
        f"| {md_escape('; '.join(item.reasons))} | {_md_links(item)} |"
    )


def _md_table(lines: tuple[CategoryLine, ...], notes: bool) -> list[str]:
    header = "| Category | Status | Decided |" + (" Note |" if notes else "")
    rule = "|---|---|---|" + ("---|" if notes else "")
    out = [header, rule]
    for line in lines:
        title = md_cell(line.title)
        if line.flags:
            title += "<br>*" + md_escape("; ".join(line.flags)) + "*"
        row = f"| {title} | {md_escape(line.status)} | {dates.day(line.decided) or '-'} |"
        if notes:
            row += f" {md_cell(line.note)} |"
        out.append(row)
    return out


def _md_section(section: PlatformSection, notes: bool) -> list[str]:
    out = [f"## {md_escape(section.name)}", ""]
    if section.lines:
        out += _md_table(section.lines, notes)
    elif not section.no_control:
        out.append(NOTHING_TO_SHOW)
    if section.no_control:
        out += ["", "### No control available", ""]
        out.append(
            "The platform offers no setting or form for these (or none where you live); the "
            "checklist says what limits the damage."
        )
        out.append("")
        out += _md_table(section.no_control, notes)
    out.append("")
    return out


def _sources_lines(summary: Summary) -> list[tuple[str, str]]:
    """(platform name, plain-text source line) pairs shared by both text formats."""
    lines = []
    for section in summary.platforms:
        if not section.policies:
            lines.append((section.name, "no longer in the catalog"))
            continue
        for policy in section.policies:
            lines.append(
                (
                    section.name,
                    f"{policy.title}, effective {dates.day(policy.effective)}: {policy.url}",
                )
            )
        if section.last_verified:
            lines.append((section.name, f"entries last checked {dates.day(section.last_verified)}"))
    return lines


def render_markdown(summary: Summary) -> str:
    notes = summary.include_notes
    out = [
        f"# {md_escape(summary.title)}",
        "",
        " ".join(
            filter(
                None,
                [
                    f"Made {dates.dated(summary.generated_at)}.",
                    f"Catalog version {md_escape(summary.catalog_version)}.",
                    md_escape(left_out_sentence(summary.options)),
                ],
            )
        ),
        "",
        f"## Still to do ({len(summary.to_do)})",
        "",
    ]
    if summary.to_do:
        out += ["| Platform | Category | Why | Where to act |", "|---|---|---|---|"]
        out += [_md_to_do(item) for item in summary.to_do]
    else:
        out.append("Nothing: every category is decided and up to date.")
    if summary.unreviewed_left_out:
        out += ["", unreviewed_sentence(summary.unreviewed_left_out)]
    out.append("")
    if summary.overdue_requests:
        out += [f"## {OVERDUE_HEADING} ({len(summary.overdue_requests)})", ""]
        out += [f"- {md_escape(line)}" for line in summary.overdue_requests]
        out.append("")
    for section in summary.platforms:
        out += _md_section(section, notes)
    if summary.exports:
        out += [f"## {EXPORTS_HEADING}", ""]
        for reading in summary.exports:
            out += [f"### {md_escape(export_caption(reading))}", ""]
            out += [f"- {md_escape(text)}" for text in reading.findings]
            out.append("")
    out += ["## Where this comes from", "", md_escape(SOURCES_INTRO), ""]
    out += [f"- {md_escape(name)}: {md_escape(text)}" for name, text in _sources_lines(summary)]
    out.append(f"- Catalog version {md_escape(summary.catalog_version)}")
    return "\n".join(out) + "\n"


# ---- plain text -------------------------------------------------------------------------

_TITLE_COL = 44
_STATUS_COL = 16


def _wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Wrap each of the user's own lines separately so their line breaks survive."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(
            paragraph,
            width=width,
            initial_indent=indent,
            subsequent_indent=indent if subsequent is None else subsequent,
            break_long_words=False,  # a long word or URL stays whole
            break_on_hyphens=False,
        )
        out += wrapped or [indent.rstrip()]
    return out


def _heading(text: str, underline: str) -> list[str]:
    return [text, underline * min(len(text), TEXT_WIDTH)]


def _text_table(lines: tuple[CategoryLine, ...], notes: bool) -> list[str]:
    out = [f"{'Category':<{_TITLE_COL}}  {'Status':<{_STATUS_COL}}  Decided"]
    out.append("-" * (_TITLE_COL + _STATUS_COL + 14))
    for line in lines:
        titles = _wrap(line.title, _TITLE_COL)
        decided = dates.day(line.decided) or "-"
        out.append(f"{titles[0]:<{_TITLE_COL}}  {line.status:<{_STATUS_COL}}  {decided}")
        out += titles[1:]
        if line.flags:
            out += _wrap("(" + "; ".join(line.flags) + ")", TEXT_WIDTH, "    ")
        if notes and line.note:
            out += _wrap("Note: " + line.note, TEXT_WIDTH, "    ")
    return out


def render_text(summary: Summary) -> str:
    notes = summary.include_notes
    out = _heading(summary.title.upper(), "=")
    out += [
        f"Made {dates.dated(summary.generated_at)}",
        f"Catalog version {summary.catalog_version}",
    ]
    if sentence := left_out_sentence(summary.options):
        out.append(sentence)
    out.append("")
    out += _heading(f"Still to do ({len(summary.to_do)})", "-")
    if not summary.to_do:
        out.append("Nothing: every category is decided and up to date.")
    for item in summary.to_do:
        risk = f" [{item.risk} risk]" if item.risk else ""
        out += _wrap(f"* {item.platform_name}: {item.title}{risk}", TEXT_WIDTH, "", "  ")
        out += _wrap("Why: " + "; ".join(item.reasons), TEXT_WIDTH, "    ")
        if item.elsewhere:
            out += _wrap(item.elsewhere, TEXT_WIDTH, "    ")
        if not item.links:
            out += _wrap(item.no_link, TEXT_WIDTH, "    ")
        for link in item.links:
            unconfirmed = "" if link.confirmed else " (address from third-party guides)"
            out += _wrap(f"Settings: {link.label}{unconfirmed}", TEXT_WIDTH, "    ")
            out.append(f"    {link.url}")  # never wrapped: a URL must stay whole to be typed
    if summary.unreviewed_left_out:
        out += ["", unreviewed_sentence(summary.unreviewed_left_out)]
    out.append("")
    if summary.overdue_requests:
        out += _heading(f"{OVERDUE_HEADING} ({len(summary.overdue_requests)})", "-")
        for line in summary.overdue_requests:
            out += _wrap(f"* {clean_text(line)}", TEXT_WIDTH, "", "  ")
        out.append("")
    for section in summary.platforms:
        out += _heading(section.name, "=")
        if section.lines:
            out += _text_table(section.lines, notes)
        elif not section.no_control:
            out.append(NOTHING_TO_SHOW)
        if section.no_control:
            out += ["", "No control available (the checklist says what limits the damage):"]
            out += _text_table(section.no_control, notes)
        out.append("")
    if summary.exports:
        out += _heading(EXPORTS_HEADING, "-")
        for reading in summary.exports:
            out += _wrap(clean_text(export_caption(reading)) + ":", TEXT_WIDTH)
            for text in reading.findings:
                out += _wrap(f"* {clean_text(text)}", TEXT_WIDTH, "", "  ")
            out.append("")
    out += _heading("Where this comes from", "-")
    out += _wrap(SOURCES_INTRO, TEXT_WIDTH)
    for name, text in _sources_lines(summary):
        out += _wrap(f"- {name}: {text}", TEXT_WIDTH, "", "  ")
    out.append(f"- Catalog version {summary.catalog_version}")
    return "\n".join(out) + "\n"
