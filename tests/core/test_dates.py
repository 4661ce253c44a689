"""The one way dates are written for people."""

from __future__ import annotations

import gettext
import locale
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from gui.core import dates, i18n


@pytest.fixture
def tokyo() -> Iterator[None]:
    """The process in UTC+9, so "local" differs from UTC by a day near midnight."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


def test_a_day_is_day_month_name_year() -> None:
    assert dates.day(date(2026, 12, 2)) == "2 Dec 2026"
    assert dates.day(date(2027, 1, 31)) == "31 Jan 2027"
    assert dates.day(None) == ""


def test_a_moment_is_shown_on_the_users_own_day_and_hour(tokyo: None) -> None:
    late_evening_utc = datetime(2026, 12, 2, 20, 30, tzinfo=UTC)
    assert dates.day(late_evening_utc) == "3 Dec 2026"
    assert dates.moment(late_evening_utc) == "3 Dec 2026, 05:30"


def test_the_generated_line_keeps_its_own_offset(tokyo: None) -> None:
    written = datetime(2026, 3, 4, 14, 5, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert dates.dated(written) == "4 Mar 2026, 14:05 (UTC+05:30)"
    assert dates.dated(datetime(2026, 3, 4, 14, 5, tzinfo=UTC)) == "4 Mar 2026, 14:05 (UTC+00:00)"


def test_month_names_stay_in_the_texts_language_whatever_the_c_locale() -> None:
    previous = locale.setlocale(locale.LC_TIME)
    for name in ("fr_FR.UTF-8", "de_DE.UTF-8", "C.UTF-8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            assert dates.day(date(2026, 12, 2)) == "2 Dec 2026", name
        finally:
            locale.setlocale(locale.LC_TIME, previous)


class _German(gettext.NullTranslations):
    """A translation as gettext would load it from a .mo file: the date's pattern and one
    month name, everything else untranslated."""

    MESSAGES = {
        "{day} {month} {year}": "{day}. {month} {year}",
        "{day}, {time}": "{day}, {time} Uhr",
    }

    def gettext(self, message: str) -> str:
        return self.MESSAGES.get(message, message)

    def pgettext(self, context: str, message: str) -> str:
        return "Dez." if (context, message) == ("month, abbreviated", "Dec") else message


def test_a_translation_brings_its_own_order_and_month_names(
    monkeypatch: pytest.MonkeyPatch, tokyo: None
) -> None:
    monkeypatch.setattr(i18n, "_translation", lambda: _German())
    assert dates.day(date(2026, 12, 2)) == "2. Dez. 2026"
    assert dates.day(date(2026, 11, 2)) == "2. Nov 2026"  # not translated: as written
    assert dates.moment(datetime(2026, 12, 2, 5, 30, tzinfo=UTC)) == "2. Dez. 2026, 14:30 Uhr"
