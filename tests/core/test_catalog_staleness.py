"""The catalog's age ("last checked on ...; it may be out of date") and which categories are
actions rather than risks, from gui.core.catalog.controls (Qt-free)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gui.core.catalog import load_catalog
from gui.core.catalog.controls import (
    is_action,
    is_stale,
    months_before,
    newest_verified,
    stale_catalog_text,
)

from conftest import CATALOG_DIR


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 1), 6, date(2026, 6, 1)),
        (date(2026, 3, 15), 6, date(2025, 9, 15)),  # across a year
        (date(2026, 8, 31), 6, date(2026, 2, 28)),  # clamped to February's end
        (date(2028, 8, 31), 6, date(2028, 2, 29)),  # a leap year
        (date(2026, 12, 31), 1, date(2026, 11, 30)),
        (date(2026, 1, 31), 13, date(2024, 12, 31)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_stale_only_after_more_than_six_months() -> None:
    today = date(2027, 6, 1)
    assert not is_stale(date(2027, 5, 1), today)
    assert not is_stale(date(2026, 12, 1), today)  # exactly six months: not yet
    assert is_stale(date(2026, 11, 30), today)
    assert is_stale(date(2020, 1, 1), today)


def test_stale_catalog_text() -> None:
    today = date(2027, 7, 1)
    assert stale_catalog_text(date(2027, 6, 1), today) == ""
    assert stale_catalog_text(None, today) == ""
    assert stale_catalog_text(date(2026, 12, 1), today) == (
        "This catalog was last checked on 1 Dec 2026; it may be out of date."
    )


def test_newest_verified_is_the_latest_check() -> None:
    catalog = load_catalog(CATALOG_DIR)
    categories = [c for p in catalog.platforms for c in p.categories]
    newest = newest_verified(categories)
    assert newest is not None
    assert newest == max(c.verified for c in categories)
    older = replace(categories[0], verified=date(2001, 1, 1))
    assert newest_verified([older]) == date(2001, 1, 1)
    assert newest_verified([]) is None


def test_actions_are_copies_and_closing_the_account_not_collection() -> None:
    catalog = load_catalog(CATALOG_DIR)

    def entry(platform_id: str, category_id: str):  # type: ignore[no-untyped-def]
        platform = catalog.platform(platform_id)
        assert platform is not None
        found = platform.category(category_id)
        assert found is not None
        return found

    for key in [("x", "download-your-data"), ("x", "delete-account"), ("google", "data-export")]:
        assert is_action(entry(*key)), key
    for key in [
        ("x", "grok-xai-training"),  # a switch over collected data
        ("grok", "conversation-retention"),  # a request, but about data kept: a risk
        ("spotify", "streaming-history"),  # the only way out is closing, but it is collection
        ("bluesky", "email-phone"),  # tagged "account", yet data the platform holds
    ]:
        assert not is_action(entry(*key)), key
    # Every "get a copy" and "delete the account" entry of the bundled catalog is an action.
    for platform in catalog.platforms:
        for category in platform.categories:
            if category.topics == ("data-access",) and category.control == "request":
                assert is_action(category), (platform.id, category.id)
            if category.control == "delete-account" and "account" in category.topics:
                assert is_action(category), (platform.id, category.id)
