"""The two checks as lists of small tasks, one per URL, run one after another.

The command line runs them in a loop; the window hands the same list to a worker thread.
Between tasks the cancel event is looked at, and progress is reported as (platform name,
tasks done, tasks in all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from gui.core.catalog import Catalog, Platform
from gui.core.online.http import HttpClient
from gui.core.online.links import LinkTarget, check_link, link_targets
from gui.core.online.policy_fetch import fetch_policy
from gui.core.online.policy_watch import (
    PolicyCheckResult,
    PolicyTarget,
    SnapshotStore,
    policy_targets,
    record_policy,
)

ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class OnlineTask:
    platform_name: str
    url: str
    run: Callable[[HttpClient], Any]  # raises only Cancelled


class UnknownPlatformError(ValueError):
    """A platform id the catalog does not know."""


def select_platforms(catalog: Catalog, platform_ids: Iterable[str]) -> list[Platform]:
    """The named platforms in the order given, each once."""
    chosen: list[Platform] = []
    for platform_id in platform_ids:
        platform = catalog.platform(platform_id)
        if platform is None:
            known = ", ".join(p.id for p in catalog.platforms) or "none"
            raise UnknownPlatformError(
                f"unknown platform {platform_id!r}; known platforms: {known}"
            )
        if platform not in chosen:
            chosen.append(platform)
    return chosen


def _check_link(target: LinkTarget, client: HttpClient) -> Any:
    return check_link(client, target)


def _fetch_policy(target: PolicyTarget, client: HttpClient) -> Any:
    return fetch_policy(client, target)


def link_check_tasks(platforms: Sequence[Platform]) -> list[OnlineTask]:
    """One task per distinct settings or source URL; each returns a ``LinkResult``."""
    return [
        OnlineTask(target.platform_name, target.url, partial(_check_link, target))
        for platform in platforms
        for target in link_targets(platform)
    ]


def policy_fetch_tasks(platforms: Sequence[Platform]) -> list[OnlineTask]:
    """One task per policy document; each returns a ``FetchedPolicy`` for
    ``policy_watch.record_policy`` to compare and save on the store's thread."""
    return [
        OnlineTask(target.platform_name, target.url, partial(_fetch_policy, target))
        for platform in platforms
        for target in policy_targets(platform)
    ]


def run_tasks(
    tasks: Sequence[OnlineTask], client: HttpClient, progress: ProgressCallback | None = None
) -> Iterator[Any]:
    """Run the tasks in order, yielding each result. Raises ``Cancelled`` between or
    during tasks once the client's cancel event is set."""
    total = len(tasks)
    for index, task in enumerate(tasks):
        client.raise_if_cancelled()
        if progress:
            progress(task.platform_name, index, total)
        yield task.run(client)
    if progress and tasks:
        progress(tasks[-1].platform_name, total, total)


def check_policies(
    store: SnapshotStore,
    platforms: Sequence[Platform],
    client: HttpClient,
    progress: ProgressCallback | None = None,
) -> list[PolicyCheckResult]:
    """Check every policy of ``platforms`` one after the other (the command line's way;
    the window runs the fetches on a worker thread instead). Raises only ``Cancelled``."""
    tasks = policy_fetch_tasks(platforms)
    return [record_policy(store, fetched) for fetched in run_tasks(tasks, client, progress)]
