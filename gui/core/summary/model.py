"""The summary as a document model: what goes on paper, decided once, rendered many ways.

Qt-free. ``build_summary`` joins the catalog with the user's decisions (through
``build_checklist``, so the summary and the checklist window can never disagree about what is
still to do) and returns immutable dataclasses that every renderer reads. Text in the model
is plain text, cleaned of control characters; each renderer escapes it for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from gui.core import dates
from gui.core.catalog import Catalog, Category, Platform
from gui.core.catalog.controls import quote_source_text, regional_text
from gui.core.catalog.model import Control
from gui.core.checklist import (
    DEFAULT_RECHECK_DAYS,
    ChecklistRow,
    Decision,
    Status,
    build_checklist,
)
from gui.core.words import shown_risk

TITLE = "Privacy Review summary"

# Output formats by name, with the file extensions that select them.
FORMATS: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "html": (".html", ".htm"),
    "md": (".md", ".markdown"),
    "txt": (".txt", ".text"),
}

REASON_UNREVIEWED = "not reviewed yet"
REASON_LATER = "marked for later"
REASON_CHANGED = "changed since you decided"
REASON_DUE = "due for a re-check"

# What the user can do, in the words the app uses (docs/catalog-format.md).
CONTROL_LABELS = {
    "toggle": "a setting",
    "form": "a form to send",
    "request": "a request",
    "dont-provide": "not providing the data",
    "none": "no control",
    "delete-account": "closing the account",
}

# What to print where a settings link would go, when the catalog has none.
NO_LINK_HINTS = {
    "none": "No setting or form exists; the checklist says what limits the damage.",
    "dont-provide": "No setting: the only control is not to provide the data.",
    "delete-account": "No setting: the only way out is closing the account.",
}
NO_LINK_DEFAULT = "No web address is known for this; the checklist has the steps."

# C0/C1 control characters other than tab and newline, and the bidirectional overrides and
# isolates: a note must not be able to reorder or hide what is printed next to it.
_UNSAFE_CHARS_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Plain text safe to put on paper: line ends normalised, control characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE_CHARS_RE.sub("", text).strip()


@dataclass(frozen=True)
class SummaryOptions:
    """What the user chose to print.

    ``platform_ids`` None means every platform in the catalog (plus platforms that only have
    retired decisions); ``default_platform_ids`` gives the platforms the user reviewed,
    which is what a summary shows unless the user asks for all. ``country`` (ISO code, e.g.
    "DE") lets region-limited controls count as unavailable where they are not offered;
    None treats every control as available.
    """

    platform_ids: tuple[str, ...] | None = None
    include_notes: bool = True
    include_unreviewed: bool = True
    country: str | None = None
    recheck_days: int = DEFAULT_RECHECK_DAYS
    # "What your exports show" (gui.core.summary.exports): off unless asked for.
    include_exports: bool = False


@dataclass(frozen=True)
class SettingsLink:
    label: str
    url: str
    confirmed: bool  # seen in the platform's own text, not only in third-party guides


@dataclass(frozen=True)
class ToDoItem:
    platform_name: str
    title: str
    risk: str  # "low" | "medium" | "high"; "" when unknown or an action (get a copy, ...)
    reasons: tuple[str, ...]
    links: tuple[SettingsLink, ...]
    control: str  # what the user can do, from CONTROL_LABELS
    no_link: str  # said instead of a settings link when the catalog has none
    elsewhere: str  # what other regions get, when the control differs by region; else ""
    quote_source: str = ""  # "Quoted from the privacy policy of 15 Jan 2026"


@dataclass(frozen=True)
class CategoryLine:
    title: str
    status: str  # the words the user picked, e.g. "I turned it off"; or "Not reviewed"
    decided: date | None  # local date of the decision
    note: str  # "" when there is none or notes are left out
    flags: tuple[str, ...]  # "changed since you decided", "due for a re-check", ...


@dataclass(frozen=True)
class PolicySource:
    title: str
    url: str
    effective: date


@dataclass(frozen=True)
class PlatformSection:
    platform_id: str
    name: str
    lines: tuple[CategoryLine, ...]  # categories with a control the user can use
    no_control: tuple[CategoryLine, ...]  # categories with no available control
    policies: tuple[PolicySource, ...]  # empty when the platform left the catalog
    last_verified: date | None  # newest "verified" date of its catalog entries


@dataclass(frozen=True)
class ExportSection:
    """What one data export showed, as kept: one sentence per finding."""

    platform_name: str
    export_name: str
    export_date: date | None
    findings: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    title: str
    generated_at: datetime  # timezone-aware, in the zone the summary was made for
    catalog_version: str
    options: SummaryOptions
    to_do: tuple[ToDoItem, ...]
    platforms: tuple[PlatformSection, ...]
    unreviewed_left_out: int = field(default=0)  # when include_unreviewed is False
    # Privacy requests past their legal deadline, one sentence each (gui.core.requests.
    # summary_lines); empty when there are none or the caller has no store.
    overdue_requests: tuple[str, ...] = field(default=())
    # What the user's data exports showed; empty unless options.include_exports.
    exports: tuple[ExportSection, ...] = field(default=())

    @property
    def include_notes(self) -> bool:
        return self.options.include_notes


OVERDUE_HEADING = "Requests past their legal deadline"
EXPORTS_HEADING = "What your exports show"


def export_caption(section: ExportSection) -> str:
    """ "Facebook, from facebook-ana.zip (made 1 Nov 2026)": which kept reading it is."""
    caption = section.platform_name
    if section.export_name:
        caption += f", from {section.export_name}"
    if section.export_date is not None:
        caption += f" (made {dates.day(section.export_date)})"
    return caption


NOTHING_TO_SHOW = "Nothing to show for this platform with the options chosen."
SOURCES_INTRO = (
    "What each platform collects and where its settings are comes from the Privacy Review "
    "catalog, checked against each platform's own policy. Your decisions and notes come from "
    "the checklist kept on this computer."
)


def left_out_sentence(options: SummaryOptions) -> str:
    """What the reader should know was left out on purpose ('' when nothing was)."""
    left_out = []
    if not options.include_notes:
        left_out.append("notes")
    if not options.include_unreviewed:
        left_out.append("categories not yet reviewed")
    if not left_out:
        return ""
    return "Left out at your request: " + " and ".join(left_out) + "."


def unreviewed_sentence(count: int) -> str:
    noun = "category" if count == 1 else "categories"
    verb = "is" if count == 1 else "are"
    return f"{count} {noun} not yet reviewed {verb} left out of this summary."


def default_platform_ids(catalog: Catalog, decisions: Iterable[Decision]) -> tuple[str, ...] | None:
    """The platforms the user reviewed (at least one decision), in catalog order, then any
    that left the catalog; None (every platform) when nothing is reviewed yet, so a first
    summary still shows what there is to do."""
    decided = {d.platform_id for d in decisions}
    if not decided:
        return None
    ordered = [p.id for p in catalog.platforms if p.id in decided]
    return (*ordered, *sorted(decided - set(ordered)))


def format_for_path(path: str | Path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` when given, else from the file extension.
    Raises ValueError naming the formats when neither says."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    for name, extensions in FORMATS.items():
        if suffix in extensions:
            return name
    known = ", ".join(ext for extensions in FORMATS.values() for ext in extensions)
    raise ValueError(
        f"cannot tell the format from {Path(path).name!r}; use one of {known} or choose a format"
    )


def _reasons(row: ChecklistRow) -> tuple[str, ...]:
    reasons = []
    if row.decision is None:
        reasons.append(REASON_UNREVIEWED)
    elif row.status is Status.LATER:
        reasons.append(REASON_LATER)
    if row.changed:
        reasons.append(REASON_CHANGED)
    if row.due:
        reasons.append(REASON_DUE)
    return tuple(reasons)


def control_available(category: Category, country: str | None) -> bool:
    """False where a user in ``country`` has no control at all over the category; with no
    country, False only where no region has one."""
    if country is None:
        return any(control.kind != "none" for control in category.controls)
    return category.control_for(country).kind != "none"


def _links(controls: Iterable[Control]) -> tuple[SettingsLink, ...]:
    links = dict.fromkeys(link for control in controls for link in control.links)
    return tuple(
        SettingsLink(
            label=clean_text(link.label),
            url=link.url,
            confirmed=link.confidence == "confirmed",
        )
        for link in links
        # The loader only admits https URLs on the platform's domains; checked again here
        # because a printed link is something a user will type in.
        if link.url.startswith("https://")
    )


def _line(row: ChecklistRow, options: SummaryOptions, zone: tzinfo | None) -> CategoryLine:
    decision = row.decision
    decided = decision.decided_at.astimezone(zone).date() if decision else None
    note = clean_text(decision.note) if decision and options.include_notes else ""
    return CategoryLine(
        title=clean_text(row.title),
        status=row.label_for(options.country),  # worded for the reader's own control
        decided=decided,
        note=note,
        flags=row.flags,
    )


def _to_do_item(row: ChecklistRow, category: Category, country: str | None) -> ToDoItem:
    control = category.control_for(country)
    # With no country known, every region's links are printed (``elsewhere`` says which
    # region has which control); with one, only the reader's own.
    controls = category.controls if country is None else (control,)
    return ToDoItem(
        platform_name=clean_text(row.platform_name),
        title=clean_text(category.title),
        risk=shown_risk(category, country),
        reasons=_reasons(row),
        links=_links(controls),
        control=CONTROL_LABELS.get(control.kind, control.kind),
        no_link=NO_LINK_HINTS.get(control.kind, NO_LINK_DEFAULT),
        elsewhere=regional_text(category, country),
        quote_source=quote_source_text(category.quote),
    )


def _section(
    platform_id: str,
    name: str,
    platform: Platform | None,
    rows: list[ChecklistRow],
    options: SummaryOptions,
    zone: tzinfo | None,
) -> PlatformSection:
    lines: list[CategoryLine] = []
    no_control: list[CategoryLine] = []
    for row in rows:
        line = _line(row, options, zone)
        if row.category is not None and not control_available(row.category, options.country):
            no_control.append(line)
        else:
            lines.append(line)
    policies: tuple[PolicySource, ...] = ()
    last_verified = None
    if platform is not None:
        policies = tuple(
            PolicySource(title=clean_text(p.title), url=p.url, effective=p.effective)
            for p in platform.policies
        )
        last_verified = max((c.verified for c in platform.categories), default=None)
    return PlatformSection(
        platform_id=platform_id,
        name=clean_text(name),
        lines=tuple(lines),
        no_control=tuple(no_control),
        policies=policies,
        last_verified=last_verified,
    )


def build_summary(
    catalog: Catalog,
    decisions: Iterable[Decision],
    options: SummaryOptions | None = None,
    *,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> Summary:
    """The summary of ``decisions`` against ``catalog``.

    ``now`` (timezone-aware) is when the summary is made, also used for "due for a
    re-check"; ``zone`` is the time zone dates are printed in (None: the computer's own).
    """
    options = options or SummaryOptions()
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    rows = build_checklist(
        catalog,
        decisions,
        now=now,
        recheck_days=options.recheck_days,
        platform_ids=options.platform_ids,
    )
    left_out = 0
    if not options.include_unreviewed:
        left_out = sum(1 for row in rows if row.decision is None)
        rows = [row for row in rows if row.decision is not None]

    to_do = tuple(
        _to_do_item(row, row.category, options.country)
        for row in rows
        if row.to_do and row.category is not None
    )

    # Group by platform in checklist order (catalog order, retired decisions after).
    grouped: dict[str, list[ChecklistRow]] = {}
    names: dict[str, str] = {}
    for row in rows:
        grouped.setdefault(row.platform_id, []).append(row)
        names.setdefault(row.platform_id, row.platform_name)
    if options.platform_ids is not None:
        # Keep a platform the user asked for even when nothing of it is left to show.
        for platform_id in options.platform_ids:
            platform = catalog.platform(platform_id)
            if platform is not None and platform_id not in grouped:
                grouped[platform_id] = []
                names[platform_id] = platform.name
    sections = tuple(
        _section(pid, names[pid], catalog.platform(pid), grouped[pid], options, zone)
        for pid in grouped
    )
    return Summary(
        title=TITLE,
        generated_at=now.astimezone(zone),
        catalog_version=catalog.version,
        options=options,
        to_do=to_do,
        platforms=sections,
        unreviewed_left_out=left_out,
    )
