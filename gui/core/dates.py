"""How the app writes dates for people: one style per purpose, the same in the checklist
tree, the detail pane, summaries, policy notices, requests and the command line.

- ``day``: a calendar day, "2 Dec 2026". Day, abbreviated month name, four-digit year:
  unambiguous in every country (unlike 12/02/26), short enough for a table column, and
  the month name follows the user's language once ``use_system_locale`` has run.
- ``moment``: a day and the time of day in the user's time zone, "2 Dec 2026, 14:05".
- ``dated``: ``moment`` plus its UTC offset, for a printed summary's "generated" line,
  which may be read in another time zone: "2 Dec 2026, 14:05 (UTC+01:00)".

Stored and exported timestamps are a file format, not words for people: they stay ISO 8601
and are declared with the store (``gui.core.store.exchange.format_time``).
"""

from __future__ import annotations

import contextlib
import locale
from datetime import date, datetime


def use_system_locale() -> None:
    """Month names in the user's language (the app and the command line call this once at
    start). A broken locale setting (an unknown LANG) keeps English rather than failing."""
    with contextlib.suppress(locale.Error):
        locale.setlocale(locale.LC_TIME, "")


def _local_day(value: date | datetime) -> date:
    # An aware datetime is shown on the day it was in the user's own time zone.
    return value.astimezone().date() if isinstance(value, datetime) else value


def day(value: date | datetime | None) -> str:
    """ "2 Dec 2026"; "" for no date."""
    if value is None:
        return ""
    shown = _local_day(value)
    return f"{shown.day} {shown:%b} {shown.year}"


def moment(value: datetime) -> str:
    """ "2 Dec 2026, 14:05" in the user's time zone."""
    local = value.astimezone()
    return f"{day(local)}, {local:%H:%M}"


def dated(value: datetime) -> str:
    """ "2 Dec 2026, 14:05 (UTC+01:00)": ``moment`` with the offset it was written in."""
    offset = value.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    # Written in the offset it carries, not converted: the offset says which zone that is.
    return f"{value.day} {value:%b} {value.year}, {value:%H:%M} ({zone})"
