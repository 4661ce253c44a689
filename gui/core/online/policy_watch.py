"""Policy watch: has a platform's policy text changed since the last check?

Split in two so the network never touches the store and the store never waits on the
network: ``fetch_policy`` downloads and extracts the text (any thread, cancellable),
``record_policy`` compares it with the stored snapshot and saves (the store's own thread,
fast). The first check of a policy only records the baseline; a later difference records
the date and keeps both texts, and the platform is flagged until the user reviews it again
(records any decision for it after the change).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from gui.core.catalog import Catalog, Platform
from gui.core.online.textdiff import PolicyDiff, diff_texts

if TYPE_CHECKING:
    from gui.core.checklist import Decision
    from gui.core.online.http import HttpClient
    from gui.core.store import PolicySnapshot

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


def fetch_policy(client: HttpClient, target: PolicyTarget) -> FetchedPolicy:
    """Download one policy and extract its readable text. Raises only ``Cancelled``."""
    # Here, not at the top: the window reads its policy notices from the store through
    # this module at start-up, and that must not import the network code (ssl, http).
    from gui.core.online.links import is_wall_url, status_text
    from gui.core.online.policy_text import page_text

    fetched = client.fetch(target.url, target.domains)
    now = datetime.now(UTC)
    if fetched.error is not None:
        return FetchedPolicy(target, now, None, fetched.error.message)
    if not fetched.ok:
        reason = status_text(fetched.status or 0, fetched.reason)
        return FetchedPolicy(target, now, None, f"the server answered {reason}")
    # A sign-in or cookie-consent page instead of the policy must not be recorded as the
    # policy's text: the next real fetch would then look like a complete rewrite.
    wall = next((h.location for h in fetched.redirects if is_wall_url(h.location)), None)
    if wall is not None:
        return FetchedPolicy(
            target, now, None, f"redirected to {wall} instead of the policy; nothing recorded"
        )
    text = page_text(fetched.body, fetched.content_type, fetched.charset)
    if text is None:
        return FetchedPolicy(
            target,
            now,
            None,
            f"the page is {fetched.content_type}, not a web page; the app compares HTML "
            "and plain-text policies only",
        )
    if not text.strip():
        return FetchedPolicy(
            target,
            now,
            None,
            "the page has no readable text (it may be built by JavaScript); nothing recorded",
        )
    return FetchedPolicy(target, now, text)


def record_policy(store: SnapshotStore, fetched: FetchedPolicy) -> PolicyCheckResult:
    """Compare a fetched text with the stored snapshot and save what the check found.
    Never raises for a store failure: it becomes a FAILED result."""
    from gui.core.store import StoreError

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
    from gui.core.store import PolicySnapshot

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
        detail = f"unchanged since {format_day(since)}"
        if previous.changed_at:
            detail = f"unchanged since it changed on {format_day(previous.changed_at)}"
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
        f"changed since the check of {format_day(previous.checked_at)}: {summarise(diff)}",
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


def format_day(moment: datetime | date) -> str:
    """A day as the user reads it, in their own time zone: "12 March 2026"."""
    if isinstance(moment, datetime):
        moment = moment.astimezone().date()
    return f"{moment.day} {moment:%B %Y}"


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
            f"{name}'s privacy policy{which} changed on {format_day(snapshot.changed_at)}; "
            "review again."
        )
        notices.append(
            PolicyNotice(snapshot.platform_id, name, title, snapshot.changed_at, snapshot, text)
        )
    notices.sort(key=lambda n: (n.changed_at, n.platform_id), reverse=True)
    return notices


def policy_change_notices(store: SnapshotStore, catalog: Catalog) -> list[str]:
    """The checklist's lines: "X's privacy policy changed on 12 March 2026; review again."
    Newest change first."""
    return [notice.text for notice in pending_policy_changes(store, catalog)]
