"""How the app writes dates for people: one style per purpose, the same in the checklist
tree, the detail pane, summaries, policy notices, requests and the command line.

- ``day``: a calendar day, "2 Dec 2026". Day, abbreviated month name, four-digit year:
  unambiguous in every country (unlike 12/02/26, which is February in one and December in
  another), and short enough for a table column.
- ``moment``: a day and the time of day in the user's time zone, "2 Dec 2026, 14:05".
- ``dated``: ``moment`` plus its UTC offset, for a printed summary's "generated" line,
  which may be read in another time zone: "2 Dec 2026, 14:05 (UTC+01:00)".

Dates follow the language of the texts around them, not the C library's locale: the
order ("{day} {month} {year}") and the month names are translatable messages
(``gui.core.i18n``), so a translation brings its own, and until one ships every date is
English like the text it sits in (a date inside an English letter must not read "2 déc.
2026", which ``%b`` would give on a French system: Qt sets the C locale from the system at
start-up). Days and times are the user's local ones.

Stored and exported timestamps are a file format, not words for people: they stay ISO 8601
and are declared with the store (``gui.core.store.exchange.format_time``).
"""

from __future__ import annotations

from datetime import date, datetime

from gui.core.i18n import _, pgettext


def _month(number: int) -> str:
    # One literal call per month, so that xgettext collects each.
    return (
        pgettext("month, abbreviated", "Jan"),
        pgettext("month, abbreviated", "Feb"),
        pgettext("month, abbreviated", "Mar"),
        pgettext("month, abbreviated", "Apr"),
        pgettext("month, abbreviated", "May"),
        pgettext("month, abbreviated", "Jun"),
        pgettext("month, abbreviated", "Jul"),
        pgettext("month, abbreviated", "Aug"),
        pgettext("month, abbreviated", "Sep"),
        pgettext("month, abbreviated", "Oct"),
        pgettext("month, abbreviated", "Nov"),
        pgettext("month, abbreviated", "Dec"),
    )[number - 1]


def _words(shown: date) -> str:
    return _("{day} {month} {year}").format(
        day=shown.day, month=_month(shown.month), year=shown.year
    )


def day(value: date | datetime | None) -> str:
    """ "2 Dec 2026"; "" for no date. An aware datetime is shown on the day it was in the
    user's own time zone."""
    if value is None:
        return ""
    return _words(value.astimezone().date() if isinstance(value, datetime) else value)


def moment(value: datetime) -> str:
    """ "2 Dec 2026, 14:05" in the user's time zone."""
    local = value.astimezone()
    return _("{day}, {time}").format(day=_words(local.date()), time=f"{local:%H:%M}")


def dated(value: datetime) -> str:
    """ "2 Dec 2026, 14:05 (UTC+01:00)": the time as written, with the offset it carries
    (not converted: the offset says which zone that is)."""
    offset = value.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return _("{day}, {time} ({zone})").format(
        day=_words(value.date()), time=f"{value:%H:%M}", zone=zone
    )
