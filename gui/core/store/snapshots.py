"""The last seen text of a platform's policy document, kept for the policy-change watch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PolicySnapshot:
    """``checked_at`` and ``changed_at`` are timezone-aware UTC. ``text`` is the current
    normalised text; ``previous_text`` the text before the last detected change (None when
    no change was ever seen)."""

    platform_id: str
    policy_id: str
    url: str
    checked_at: datetime
    text: str
    changed_at: datetime | None = None
    previous_text: str | None = None
