"""The summary as one self-contained HTML page. Qt-free.

The same HTML is saved for browsers and laid out by ``QTextDocument`` for printing and PDF,
so it keeps to what Qt's rich-text engine understands (tables with ``thead``, cell padding,
``border-collapse``, class selectors, ``white-space: pre-wrap``) and adds print rules that
only browsers read (``break-inside``, ``@page``); Qt ignores those and ``gui.desktop.summary.pdf``
does the page breaking itself.

Every piece of catalog and user text goes through ``html.escape``. The page links to
nothing it would load: no images, fonts, scripts or style sheets, and a Content Security
Policy that forbids them in a browser should anything slip through.
"""

from __future__ import annotations

from html import escape

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
    export_caption,
    left_out_sentence,
    unreviewed_sentence,
)

# Qt reads: font sizes in pt, margins, padding, border-collapse, colours, pre-wrap.
# Browsers also read the @page and break rules, which Qt's parser skips.
STYLE = """
@page { size: auto; margin: 18mm 16mm 20mm 16mm; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif;
       font-size: 9.5pt; color: #111111; }
h1 { font-size: 17pt; font-weight: bold; margin-top: 0; margin-bottom: 4px; }
h2 { font-size: 13pt; font-weight: bold; margin-top: 20px; margin-bottom: 6px; }
h3 { font-size: 10.5pt; font-weight: bold; margin-top: 10px; margin-bottom: 4px; }
p { margin-top: 0; margin-bottom: 6px; }
p.meta { color: #444444; }
table { border-collapse: collapse; border-color: #9a9a9a; border-style: solid;
        margin-bottom: 4px; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { background-color: #e6e6e6; text-align: left; font-weight: bold; }
td, th { padding: 4px; vertical-align: top; }
.flag { color: #8a3b00; font-style: italic; }
.note { white-space: pre-wrap; }
.url { font-size: 8pt; color: #333333; }
.muted { color: #555555; }
.sources { font-size: 8.5pt; color: #333333; }
"""

# Browsers honour this; it keeps a saved page from fetching anything even if some markup
# were to get past the escaping.
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _table_open() -> str:
    # Attributes as well as CSS: Qt takes cellspacing/cellpadding/border from attributes.
    # Column widths go on the header cells, where both Qt and browsers read them.
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="4" '
        'style="border-collapse: collapse; border-color: #9a9a9a; border-style: solid;">'
    )


def _header(cells: tuple[tuple[str, int], ...]) -> str:
    heads = "".join(f'<th width="{width}%">{_e(label)}</th>' for label, width in cells)
    return f"<thead><tr>{heads}</tr></thead>"


def _link_html(item: ToDoItem) -> str:
    if not item.links:
        return f'<span class="muted">{_e(item.no_link)}</span>'
    parts = []
    for link in item.links:
        url = _e(link.url)
        unconfirmed = ""
        if not link.confirmed:
            unconfirmed = ' <span class="muted">(address from third-party guides)</span>'

        parts.append(
            f'<a href="{url}">{_e(link.label)}</a>{unconfirmed}<br><span class="url">{url}</span>'
        )
    return "<br>".join(parts)


def _to_do_row(item: ToDoItem) -> str:
    category = _e(item.title)
    if item.risk:
        category += f' <span class="muted">({_e(item.risk)} risk)</span>'
    if item.elsewhere:
        category += f'<br><span class="muted">{_e(item.elsewhere)}</span>'
    return (
        f"<tr><td>{_e(item.platform_name)}</td><td>{category}</td>"
        f"<td>{_e('; '.join(item.reasons))}</td><td>{_link_html(item)}</td></tr>"
    )


def _line_row(line: CategoryLine, notes: bool) -> str:
    title = _e(line.title)
    if line.flags:
        title += f'<br><span class="flag">{_e("; ".join(line.flags))}</span>'
    decided = _e(dates.day(line.decided)) or "&ndash;"
    row = f"<tr><td>{title}</td><td>{_e(line.status)}</td><td>{decided}</td>"
    if notes:
        row += f'<td class="note">{_e(line.note)}</td>'
    return row + "</tr>"


def _lines_table(lines: tuple[CategoryLine, ...], notes: bool) -> str:
    if notes:
        columns: tuple[tuple[str, int], ...] = (
            ("Category", 36),
            ("Status", 16),
            ("Decided", 13),
            ("Note", 35),
        )
    else:
        columns = (("Category", 62), ("Status", 20), ("Decided", 18))
    body = "".join(_line_row(line, notes) for line in lines)
    return f"{_table_open()}{_header(columns)}<tbody>{body}</tbody></table>"


def _section(section: PlatformSection, notes: bool) -> str:
    parts = [f"<h2>{_e(section.name)}</h2>"]
    if section.lines:
        parts.append(_lines_table(section.lines, notes))
    elif not section.no_control:
        parts.append(f'<p class="muted">{_e(NOTHING_TO_SHOW)}</p>')
    if section.no_control:
        parts.append("<h3>No control available</h3>")
        parts.append(
            '<p class="muted">The platform offers no setting or form for these (or none where '
            "you live); the checklist says what limits the damage.</p>"
        )
        parts.append(_lines_table(section.no_control, notes))
    return "\n".join(parts)


def _sources(summary: Summary) -> str:
    items = []
    for section in summary.platforms:
        if not section.policies:
            items.append(f"<li>{_e(section.name)}: no longer in the catalog</li>")
            continue
        for policy in section.policies:
            items.append(
                f"<li>{_e(section.name)}: {_e(policy.title)}, effective "
                f"{_e(dates.day(policy.effective))}: "
                f'<span class="url">{_e(policy.url)}</span></li>'
            )
        if section.last_verified:
            items.append(
                f"<li>{_e(section.name)}: entries last checked "
                f"{_e(dates.day(section.last_verified))}</li>"
            )
    items.append(f"<li>Catalog version {_e(summary.catalog_version)}</li>")
    return (
        '<h2>Where this comes from</h2><div class="sources">'
        f"<p>{_e(SOURCES_INTRO)}</p><ul>{''.join(items)}</ul></div>"
    )


def render_html(summary: Summary) -> str:
    notes = summary.include_notes
    to_do_columns = (("Platform", 15), ("Category", 33), ("Why", 18), ("Where to act", 34))
    meta = (
        f"Made {_e(dates.dated(summary.generated_at))}. "
        f"Catalog version {_e(summary.catalog_version)}."
    )
    if sentence := left_out_sentence(summary.options):
        meta += " " + _e(sentence)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(summary.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head><body>",
        f"<h1>{_e(summary.title)}</h1>",
        f'<p class="meta">{meta}</p>',
        f"<h2>Still to do ({len(summary.to_do)})</h2>",
    ]
    if summary.to_do:
        rows = "".join(_to_do_row(item) for item in summary.to_do)
        parts.append(f"{_table_open()}{_header(to_do_columns)}<tbody>{rows}</tbody></table>")
    else:
        parts.append("<p>Nothing: every category is decided and up to date.</p>")
    if summary.unreviewed_left_out:
        parts.append(f'<p class="muted">{_e(unreviewed_sentence(summary.unreviewed_left_out))}</p>')
    if summary.overdue_requests:
        parts.append(f"<h2>{OVERDUE_HEADING} ({len(summary.overdue_requests)})</h2>")
        items = "".join(f"<li>{_e(line)}</li>" for line in summary.overdue_requests)
        parts.append(f"<ul>{items}</ul>")
    parts += [_section(section, notes) for section in summary.platforms]
    if summary.exports:
        parts.append(f"<h2>{EXPORTS_HEADING}</h2>")
        for reading in summary.exports:
            parts.append(f"<h3>{_e(export_caption(reading))}</h3>")
            items = "".join(f"<li>{_e(text)}</li>" for text in reading.findings)
            parts.append(f"<ul>{items}</ul>")
    parts.append(_sources(summary))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
