"""The online-check settings kept in the store: the opt-in weekly policy check.

Off by default: the app contacts no server unless the user asks, by a menu action or by
turning this on. When on, the window runs the policy check at startup if the last
completed weekly check is a week old or more (or there never was one).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from gui.core.online.policy_watch import PolicyCheckResult, PolicyOutcome

WEEKLY_CHECK_SETTING = "online.weekly_check"
LAST_WEEKLY_CHECK_SETTING = "online.last_weekly_check"
WEEKLY = timedelta(days=7)
_ON = "on"
_OFF = "off"


class SettingsStore(Protocol):
    def get_setting(self, key: str, default: str | None = None) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...


def weekly_check_enabled(store: SettingsStore) -> bool:
    # Anything but an explicit "on" (missing, damaged, an older spelling) means off.
    return store.get_setting(WEEKLY_CHECK_SETTING) == _ON


def set_weekly_check(store: SettingsStore, enabled: bool) -> None:
    store.set_setting(WEEKLY_CHECK_SETTING, _ON if enabled else _OFF)


def last_weekly_check(store: SettingsStore) -> datetime | None:
    value = store.get_setting(LAST_WEEKLY_CHECK_SETTING)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def weekly_check_due(store: SettingsStore, now: datetime | None = None) -> bool:
    """Whether the window should start the policy check now: the setting is on and the
    last completed weekly check is at least a week old, missing, unreadable, or in the
    future (the clock was moved back; better one check too many than none for months)."""
    if not weekly_check_enabled(store):
        return False
    now = now or datetime.now(UTC)
    last = last_weekly_check(store)
    return last is None or last > now or now - last >= WEEKLY


def record_weekly_check(
    store: SettingsStore, results: Iterable[PolicyCheckResult], now: datetime | None = None
) -> bool:
    """Call when a weekly check ran to the end (not when it was cancelled). It counts, and
    the next one is a week away, only when at least one policy was read: a check made
    offline, where everything failed, is tried again at the next start. True if recorded."""
    if all(result.outcome is PolicyOutcome.FAILED for result in results):
        return False
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    store.set_setting(LAST_WEEKLY_CHECK_SETTING, moment.isoformat(timespec="seconds"))
    return True
