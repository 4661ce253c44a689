"""What a user can do about a category where they live, and what other regions get, in
words: shared by the wizard, the detail pane, the summary and the command line.

Collection is shown to everyone; only the control differs by region, so a US user learns
that Meta trains AI on their posts and also that people in the EU and UK can object.

The words are gettext messages (``gui.core.i18n``), translated when a function returns them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from gui.core import dates
from gui.core.catalog.model import Category, Control, Quote
from gui.core.i18n import N_, MessageTable, _

# What a control lets the user do, completing "In the EU: ..." or "Where you live (the US): ...".
CONTROL_PHRASES = MessageTable(
    {
        "toggle": N_("there is a switch in the settings"),
        "form": N_("you can send a form"),
        "request": N_("you can make a request"),
        "dont-provide": N_("the only control is not to provide the data"),
        "none": N_("no control is offered"),
        "delete-account": N_("the only way out is closing the account"),
    }
)

# Names for the region codes the catalog uses most; other codes are shown as they are, or
# named by the caller (the window uses Qt's country names).
# They read after "In" ("In the EU: ...").
REGION_NAMES = MessageTable(
    {
        "EU": N_("the EU"),
        "EEA": N_("the EEA"),
        "GB": N_("the UK"),
        "US": N_("the US"),
        "CH": N_("Switzerland"),
        "CA": N_("Canada"),
        "AU": N_("Australia"),
        "BR": N_("Brazil"),
        "IN": N_("India"),
        "JP": N_("Japan"),
        "KR": N_("South Korea"),
    }
)

# Where a quote comes from, one whole sentence per kind of page (the catalog's quote kinds):
# policies and terms carry their effective date, the other pages the day they were read.
QUOTE_SOURCES = MessageTable(
    {
        "policy": N_("Quoted from the privacy policy of {day}"),
        "terms": N_("Quoted from the terms of service of {day}"),
        "help": N_("Quoted from a help page read on {day}"),
        "settings": N_("Quoted from a settings page read on {day}"),
        "form": N_("Quoted from a form read on {day}"),
    }
)

Namer = Callable[[str], str]


def region_label(code: str) -> str:
    return REGION_NAMES.get(code, code)


def regions_phrase(codes: Iterable[str], name: Namer = region_label) -> str:
    """ "the EU, the EEA and the UK" """
    names = [name(code) for code in codes]
    if len(names) <= 1:
        return "".join(names)
    # Translators: the last two regions of a list ("the EEA and the UK").
    phrase = _("{region} and {last}").format(region=names[-2], last=names[-1])
    for earlier in reversed(names[:-2]):
        # Translators: a region put before the rest of a list ("the EU, the EEA and the UK").
        phrase = _("{region}, {rest}").format(region=earlier, rest=phrase)
    return phrase


def control_phrase(control: Control) -> str:
    return CONTROL_PHRASES.get(control.kind, control.kind)


def regional_text(category: Category, country: str | None, name: Namer = region_label) -> str:
    """What other regions get, next to the user's own control; "" when the control is the
    same everywhere. E.g. "In the EU, the EEA and the UK you can send a form. Where you
    live (the US): no control is offered." """
    own = category.control_for(country)
    # Only regions whose kind of control differs are worth a sentence: "there is a switch"
    # twice tells the reader nothing (the notes and steps of their own control still differ).
    others = [c for c in category.regional if c is not own and c.kind != own.kind]
    default = category.default_control
    if not others and (own is default or default.kind == own.kind):
        return ""
    parts = [
        _("In {regions}: {control}.").format(
            regions=regions_phrase(c.regions, name), control=control_phrase(c)
        )
        for c in others
    ]
    if own is not default and default.kind != own.kind:
        parts.append(_("Everywhere else: {control}.").format(control=control_phrase(default)))
    if country:
        parts.append(
            _("Where you live ({region}): {control}.").format(
                region=name(country), control=control_phrase(own)
            )
        )
    else:
        parts.append(_("Everywhere else: {control}.").format(control=control_phrase(own)))
    return " ".join(parts)


def quote_source_text(quote: Quote) -> str:
    """Where a quote comes from, in words: "Quoted from the privacy policy of 15 Jan
    2026", or, for pages without versions, "Quoted from a help page read on ..."."""
    day = dates.day(quote.policy_date)
    if quote.kind in QUOTE_SOURCES:
        return QUOTE_SOURCES[quote.kind].format(day=day)
    # A kind the catalog schema does not know (the loader refuses it): no page name to give.
    return _("Quoted from a page read on {day}").format(day=day)


# --- Actions and the catalog's age (appended for the wizard; Qt-free) -------------------

# A category is an action (getting a copy of your data, closing the account) when what the
# user does is a request, a form or closing the account *and* the entry is about the
# account or access to the data. A risk badge ("Low risk") on "Deleting your account" reads
# as nonsense; but a request-only control over collected data (how long chats are kept) or
# a collection entry tagged "account" (your phone number) keeps its badge.
ACTION_CONTROL_KINDS = frozenset({"request", "form", "delete-account"})
ACTION_TOPICS = frozenset({"data-access", "account"})

# The bundled catalog counts as possibly out of date when its newest check is older than this.
STALE_AFTER_MONTHS = 6


def is_action(category: Category, country: str | None = None) -> bool:
    """Whether ``category`` is something the user does rather than data a platform
    collects: such entries carry no risk badge."""
    kind = category.control_for(country).kind
    return kind in ACTION_CONTROL_KINDS and bool(ACTION_TOPICS.intersection(category.topics))


def newest_verified(categories: Iterable[Category]) -> date | None:
    """The most recent ``verified`` date among ``categories`` (None: there are none)."""
    return max((category.verified for category in categories), default=None)


def months_before(day: date, months: int) -> date:
    """``day`` moved back by whole calendar months, the day of the month clamped to the
    month's length (31 August less six months is 28 or 29 February)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - date(year, month, 1)).days
    return date(year, month, min(day.day, last_day))


def is_stale(checked: date, today: date, months: int = STALE_AFTER_MONTHS) -> bool:
    """True when ``checked`` is more than ``months`` calendar months before ``today``
    (exactly six months old is not yet stale)."""
    return checked < months_before(today, months)


def stale_catalog_text(checked: date | None, today: date) -> str:
    """ "This catalog was last checked on 1 Dec 2026; it may be out of date." when the
    newest check is more than six months old, else "" (also when nothing was checked)."""
    if checked is None or not is_stale(checked, today):
        return ""
    return _("This catalog was last checked on {day}; it may be out of date.").format(
        day=dates.day(checked)
    )
