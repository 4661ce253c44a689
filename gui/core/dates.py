"""How the app writes dates for people: one style per purpose, the same in the checklist
tree, the detail pane, summaries, policy notices, requests and the command line.

- ``day``: a calendar day, "2 Dec 2026". Day, abbreviated month name, four-digit year:
  unambiguous in every country (unlike 12/02/26, which is February in one and December in
  another), and short enough for a table column.
- ``moment``: a day and the time of day in the user's time zone, "2 Dec 2026, 14:05".
- ``dated``: ``moment`` plus its UTC offset, for a printed summary's "generated" line,
  which may be read in another time zone: "2 Dec 2026, 14:05 (UTC+01:00)".

Month names are in the language of the texts around them, which is English until a
translation ships: a date inside an English letter or summary must not read "2 déc. 2026".
So they come from this module's table, not from ``%b``, which follows the C library's
locale (and Qt sets that from the system at start-up). A translation will bring its own
table. Days and times are the user's local ones.

Stored and exported timestamps are a file format, not words for people: they stay ISO 8601
and are declared with the store (``gui.core.store.exchange.format_time``).
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _words(shown: date) -> str:
    return f"{shown.day} {MONTHS[shown.month - 1]} {shown.year}"


def day(value: date | datetime | None) -> str:
    """ "2 Dec 2026"; "" for no date. An aware datetime is shown on the day it was in the
    user's own time zone."""
    if value is None:
        return ""
    return _words(value.astimezone().date() if isinstance(value, datetime) else value)


def moment(value: datetime) -> str:
    """ "2 Dec 2026, 14:05" in the user's time zone."""
    local = value.astimezone()
    return f"{_words(local.date())}, {local:%H:%M}"


def dated(value: datetime) -> str:
    """ "2 Dec 2026, 14:05 (UTC+01:00)": the time as written, with the offset it carries
    (not converted: the offset says which zone that is)."""
    offset = value.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{_words(value.date())}, {value:%H:%M} ({zone})"
