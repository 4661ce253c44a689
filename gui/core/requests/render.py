"""A letter as plain text, as Markdown, and as a ``mailto:`` link.

Whatever the user typed comes out literally: control characters are shown as ``\\xNN``
(they would otherwise move a terminal's cursor or hide text), bidirectional overrides
likewise, and in Markdown every character that would become markup is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from gui.core import dates
from gui.core.requests.letters import Letter

# C0/C1 controls but tab and newline, and the bidirectional overrides and isolates.
_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN_RE = re.compile(r"([\\`*_{}\[\]<>#|~&!])")
# A list marker or setext underline at the start of a line ("- ", "+ ", "= ", "1. ", "2) ").
_LINE_START_RE = re.compile(r"^(\s*)(\d*)([-+=.)])", re.MULTILINE)

# Mail clients and browsers cut or refuse longer mailto: links (Windows' ShellExecute stops
# near 2,000 characters; some browsers at 2,083): past this the body goes to the clipboard.
MAX_MAILTO_CHARS = 1_900


def visible(text: str) -> str:
    """``text`` with control and direction characters shown as ``\\xNN`` / ``\\uNNNN``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    def show(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE_RE.sub(show, text)


def markdown_literal(text: str) -> str:
    """``text`` as Markdown that renders exactly as the text."""
    text = _MARKDOWN_RE.sub(r"\\\1", visible(text))
    text = _LINE_START_RE.sub(lambda m: m.group(1) + m.group(2) + "\\" + m.group(3), text)
    return text.replace("\n", "  \n")


def _body_lines(letter: Letter) -> list[str]:
    lines: list[str] = []
    for block in letter.blocks:
        if isinstance(block, tuple):
            lines.extend(f"- {item}" for item in block)
        else:
            lines.append(block)
        lines.append("")
    lines.extend(letter.signature)
    return [visible(line) for line in lines]


def letter_body_text(letter: Letter) -> str:
    """The body only (from the greeting to the signature): what goes in an e-mail or a
    web form."""
    return "\n".join(_body_lines(letter)).rstrip() + "\n"


def letter_text(letter: Letter) -> str:
    """The whole letter as plain text: addressee, date, subject, body."""
    head = [visible(line) for line in letter.addressee]
    if head:
        head.append("")
    head.append(f"Date: {dates.day(letter.dated)}")
    head.append(f"Subject: {visible(letter.subject)}")
    head.append("")
    return "\n".join(head) + "\n" + letter_body_text(letter)


def letter_markdown(letter: Letter) -> str:
    out: list[str] = [f"# {markdown_literal(letter.subject)}", ""]
    if letter.addressee:
        out.append("  \n".join(markdown_literal(line) for line in letter.addressee))
        out.append("")
    out.append(f"Date: {dates.day(letter.dated)}")
    out.append("")
    for block in letter.blocks:
        if isinstance(block, tuple):
            out.extend(f"- {markdown_literal(item)}" for item in block)
        else:
            out.append(markdown_literal(block))
        out.append("")
    out.append("  \n".join(markdown_literal(line) for line in letter.signature))
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class MailLink:
    """``url`` opens the mail client with the letter; when the letter is too long for a
    link, ``body_in_url`` is False: the link carries only the subject and the user pastes
    the body, which the app has put on the clipboard."""

    url: str
    body_in_url: bool


def mailto(letter: Letter, *, limit: int = MAX_MAILTO_CHARS) -> MailLink | None:
    """The ``mailto:`` link for a letter with an e-mail addressee (None without one)."""
    if not letter.email:
        return None
    to = quote(letter.email, safe="@")
    subject = quote(visible(letter.subject), safe="")
    body = quote(letter_body_text(letter).replace("\n", "\r\n"), safe="")
    full = f"mailto:{to}?subject={subject}&body={body}"
    if len(full) <= limit:
        return MailLink(full, True)
    return MailLink(f"mailto:{to}?subject={subject}", False)
