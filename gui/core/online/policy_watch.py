"""Policy watch: has a platform's policy text changed since the last check?

Split in two so the network never touches the store and the store never waits on the
network: ``gui.core.online.policy_fetch.fetch_policy`` downloads and extracts the text (any
thread, cancellable), ``record_policy`` here compares it with the stored snapshot and saves
(the store's own thread, fast). The window reads its policy notices through this module at
start-up, so it imports no network code (http, ssl, the HTML parser).

The first check of a policy only records the baseline; a later difference records the date
and keeps both texts, and the platform is flagged until the user reviews it again (records
any decision for it after the change).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from gui.core import dates
from gui.core.catalog import Catalog, Platform
from gui.core.online.textdiff import PolicyDiff, diff_texts
from gui.core.store.errors import StoreError
from gui.core.store.snapshots import PolicySnapshot

if TYPE_CHECKING:
    from gui.core.checklist import Decision

ProgressCallback = Callable[[str, int, int], None]  # platform name, done, total


class SnapshotStore(Protocol):
    """The part of the store the policy watch uses (``gui.core.store.Store`` provides it)."""

    def policy_snapshot(self, platform_id: str, policy_id: str) -> PolicySnapshot | None: ...

    def save_policy_snapshot(self, snapshot: PolicySnapshot) -> None: ...

    def policy_snapshots(self, platform_id: str | None = None) -> list[PolicySnapshot]: ...

    def decisions(self) -> Iterable[Decision]: ...


class PolicyOutcome(StrEnum):
    BASELINE = "baseline"  # first check: the text was recorded to compare with next time
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    FAILED = "failed"  # nothing recorded; the previous snapshot stays as it was


@dataclass(frozen=True)
class PolicyTarget:
    platform_id: str
    platform_name: str
    domains: tuple[str, ...]
    policy_id: str
    title: str
    url: str


@dataclass(frozen=True)
class FetchedPolicy:
    """The network half of a check: the readable text, or why there is none."""

    target: PolicyTarget
    fetched_at: datetime
    text: str | None
    error: str | None = None


@dataclass(frozen=True)
class PolicyCheckResult:
    platform_id: str
    platform_name: str
    policy_id: str
    policy_title: str
    url: str
    outcome: PolicyOutcome
    detail: str
    checked_at: datetime
    changed_at: datetime | None = None
    diff: PolicyDiff | None = None  # set for CHANGED

    def to_json(self) -> dict[str, Any]:
        return {
            "platform": self.platform_id,
            "policy": self.policy_id,
            "title": self.policy_title,
            "url": self.url,
            "result": str(self.outcome),
            "detail": self.detail,
            "checked_at": self.checked_at.isoformat(),
            "changed_at": self.changed_at.isoformat() if self.changed_at else None,
            "added": list(self.diff.added) if self.diff else [],
            "removed": list(self.diff.removed) if self.diff else [],
        }


def policy_targets(platform: Platform) -> list[PolicyTarget]:
    return [
        PolicyTarget(platform.id, platform.name, platform.domains, p.id, p.title, p.url)
        for p in platform.policies
    ]


def record_policy(store: SnapshotStore, fetched: FetchedPolicy) -> PolicyCheckResult:
    """Compare a fetched text with the stored snapshot and save what the check found.
    Never raises for a store failure: it becomes a FAILED result."""
    target = fetched.target
    now = fetched.fetched_at

    def result(
        outcome: PolicyOutcome,
        detail: str,
        changed_at: datetime | None = None,
        diff: PolicyDiff | None = None,
    ) -> PolicyCheckResult:
        return PolicyCheckResult(
            target.platform_id,
            target.platform_name,
            target.policy_id,
            target.title,
            target.url,
            outcome,
            detail,
            now,
            changed_at,
            diff,
        )

    if fetched.text is None:
        return result(PolicyOutcome.FAILED, fetched.error or "the policy could not be read")
    try:
        return _compare_and_save(store, target, fetched.text, now, result)
    except StoreError as error:
        # The checklist file refused (disk full, read-only): the check is a failure for
        # this policy, said in the store's own words; the next check tries again.
        return result(PolicyOutcome.FAILED, f"fetched, but not saved: {error.message}")


def _compare_and_save(
    store: SnapshotStore,
    target: PolicyTarget,
    text: str,
    now: datetime,
    result: Callable[..., PolicyCheckResult],
) -> PolicyCheckResult:
    previous = store.policy_snapshot(target.platform_id, target.policy_id)
    if previous is None:
        store.save_policy_snapshot(
            PolicySnapshot(
                platform_id=target.platform_id,
                policy_id=target.policy_id,
                url=target.url,
                checked_at=now,
                text=text,
                changed_at=None,
                previous_text=None,
            )
        )
        return result(
            PolicyOutcome.BASELINE, "first check: text recorded to compare with next time"
        )
    if previous.text == text:
        # The change date and the earlier text stay: an unreviewed change stays flagged.
        store.save_policy_snapshot(replace(previous, url=target.url, checked_at=now))
        since = previous.changed_at or previous.checked_at
        detail = f"unchanged since {dates.day(since)}"
        if previous.changed_at:
            detail = f"unchanged since it changed on {dates.day(previous.changed_at)}"
        return result(PolicyOutcome.UNCHANGED, detail, previous.changed_at)
    diff = diff_texts(previous.text, text)
    store.save_policy_snapshot(
        PolicySnapshot(
            platform_id=target.platform_id,
            policy_id=target.policy_id,
            url=target.url,
            checked_at=now,
            text=text,
            changed_at=now,
            previous_text=previous.text,
        )
    )
    return result(
        PolicyOutcome.CHANGED,
        f"changed since the check of {dates.day(previous.checked_at)}: {summarise(diff)}",
        now,
        diff,
    )


def summarise(diff: PolicyDiff) -> str:
    added, removed = len(diff.added), len(diff.removed)
    parts = []
    if added:
        parts.append(f"{added} passage{'s' if added != 1 else ''} added")
    if removed:
        parts.append(f"{removed} passage{'s' if removed != 1 else ''} removed")
    return ", ".join(parts) or "only spacing or layout changed"


def reviewed_platform_ids(store: SnapshotStore) -> list[str]:
    """Platforms with at least one decision: the ones whose policies the user cares about."""
    return sorted({d.platform_id for d in store.decisions()})


@dataclass(frozen=True)
class PolicyNotice:
    """A policy that changed since the user last decided anything for its platform."""

    platform_id: str
    platform_name: str
    policy_title: str
    changed_at: datetime
    snapshot: PolicySnapshot
    text: str  # the line shown in the checklist

    @property
    def diff(self) -> PolicyDiff:
        return diff_texts(self.snapshot.previous_text or "", self.snapshot.text)


def pending_policy_changes(store: SnapshotStore, catalog: Catalog) -> list[PolicyNotice]:
    """Changed policies not yet reviewed again: a change stays flagged until the user
    records a decision for that platform after the change date."""
    last_decided: dict[str, datetime] = {}
    for decision in store.decisions():
        known = last_decided.get(decision.platform_id)
        if known is None or decision.decided_at > known:
            last_decided[decision.platform_id] = decision.decided_at
    notices = []
    for snapshot in store.policy_snapshots():
        if snapshot.changed_at is None or snapshot.previous_text is None:
            continue
        decided = last_decided.get(snapshot.platform_id)
        if decided is not None and decided > snapshot.changed_at:
            continue
        platform = catalog.platform(snapshot.platform_id)
        name = platform.name if platform else snapshot.platform_id
        policy = (
            next((p for p in platform.policies if p.id == snapshot.policy_id), None)
            if platform
            else None
        )
        title = policy.title if policy else snapshot.policy_id
        several = platform is not None and len(platform.policies) > 1
        which = f" ({title})" if several else ""
        text = (
            f"{name}'s privacy policy{which} changed on {dates.day(snapshot.changed_at)}; "
            "review again."
        )
        notices.append(
            PolicyNotice(snapshot.platform_id, name, title, snapshot.changed_at, snapshot, text)
        )
    notices.sort(key=lambda n: (n.changed_at, n.platform_id), reverse=True)
    return notices


def policy_change_notices(store: SnapshotStore, catalog: Catalog) -> list[str]:
    """The checklist's lines: "X's privacy policy changed on 12 Mar 2026; review again."
    Newest change first."""
    return [notice.text for notice in pending_policy_changes(store, catalog)]
