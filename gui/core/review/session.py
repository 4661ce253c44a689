"""Where the wizard keeps its state between runs: the region, the last choices, the walk in
progress and the page the user reached, as store settings. Qt-free.

Values are stored as text (JSON for lists), so they read back the same whatever types the
store's settings table keeps. Anything unreadable is treated as absent: a damaged setting
must never stop the wizard from opening.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from gui.core.review.plan import PlanChoice, PlanStep, Scope

REGION_KEY = "wizard.region"  # ISO code; "" for "every region"; absent: not chosen yet
SCOPE_KEY = "wizard.scope"
PLATFORMS_KEY = "wizard.platforms"  # JSON list of platform ids
TOPICS_KEY = "wizard.topics"  # JSON list of topics
PLAN_KEY = "wizard.plan"  # JSON list of [platform_id, category_id, topic or null]
POSITION_KEY = "wizard.position"  # JSON [platform_id, category_id]; "" when not in a walk


class SettingsStore(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class SavedWalk:
    """A walk the user left before its end."""

    choice: PlanChoice
    keys: tuple[tuple[str, str], ...]
    topics: tuple[str | None, ...]  # parallel to keys
    position: tuple[str, str]


def _json(store: SettingsStore, key: str) -> Any:
    raw = store.get_setting(key, None)
    if not isinstance(raw, str) or not raw:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def load_region(store: SettingsStore) -> tuple[bool, str | None]:
    """(chosen, region): whether the user ever chose a region, and which (None: every
    region)."""
    raw = store.get_setting(REGION_KEY, None)
    if not isinstance(raw, str):
        return False, None
    code = raw.strip().upper()
    if code and not (len(code) == 2 and code.isalpha()):
        return False, None
    return True, code or None


def save_region(store: SettingsStore, region: str | None) -> None:
    store.set_setting(REGION_KEY, region or "")


def load_choice(store: SettingsStore, region: str | None) -> PlanChoice | None:
    """The choices of the last walk, or None when there was none."""
    raw_scope = store.get_setting(SCOPE_KEY, None)
    try:
        scope = Scope(raw_scope)
    except ValueError:
        return None
    return PlanChoice(
        scope=scope,
        platform_ids=_strings(_json(store, PLATFORMS_KEY)),
        topics=_strings(_json(store, TOPICS_KEY)),
        region=region,
    )


def save_walk(store: SettingsStore, choice: PlanChoice, steps: Sequence[PlanStep]) -> None:
    """Record a new walk (its choices and pages) before its first page is shown."""
    store.set_setting(SCOPE_KEY, choice.scope.value)
    store.set_setting(PLATFORMS_KEY, json.dumps(list(choice.platform_ids)))
    store.set_setting(TOPICS_KEY, json.dumps(list(choice.topics)))
    save_region(store, choice.region)
    plan = [[step.row.platform_id, step.row.category_id, step.topic] for step in steps]
    store.set_setting(PLAN_KEY, json.dumps(plan))


def save_position(store: SettingsStore, key: tuple[str, str] | None) -> None:
    """The page the user is on; None once the walk is finished (or abandoned on purpose)."""
    store.set_setting(POSITION_KEY, json.dumps(list(key)) if key else "")


def load_walk(store: SettingsStore) -> SavedWalk | None:
    """The walk left unfinished, or None."""
    position = _strings(_json(store, POSITION_KEY))
    plan = _json(store, PLAN_KEY)
    _chosen, region = load_region(store)
    choice = load_choice(store, region)
    if len(position) != 2 or not isinstance(plan, list) or choice is None:
        return None
    keys: list[tuple[str, str]] = []
    topics: list[str | None] = []
    for entry in plan:
        if (
            isinstance(entry, list)
            and len(entry) == 3
            and isinstance(entry[0], str)
            and isinstance(entry[1], str)
            and (entry[2] is None or isinstance(entry[2], str))
        ):
            keys.append((entry[0], entry[1]))
            topics.append(entry[2])
    if (position[0], position[1]) not in keys:
        return None
    return SavedWalk(
        choice=choice,
        keys=tuple(keys),
        topics=tuple(topics),
        position=(position[0], position[1]),
    )
