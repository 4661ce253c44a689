"""``privacy-review check-policies`` and ``privacy-review check-links``: the online checks.
Their arguments are in ``gui.cli.args.online``.

Both contact the platforms' servers, and only when run. Exit 0 when the check ran, whatever
it found (an unreachable page is a finding, not a failure of the command); 1 when it could
not run at all (unknown platform, checklist cannot be opened, nothing to check).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import TYPE_CHECKING

from gui.cli.catalog_cmd import load_for_command
from gui.cli.errors import CommandError
from gui.cli.store_access import open_for_command
from gui.core.i18n import _, ngettext
from gui.core.online import checks
from gui.core.online.http import HttpClient
from gui.core.online.policy_watch import (
    PolicyOutcome,
    policy_change_notices,
    reviewed_platform_ids,
)
from gui.core.online.textdiff import diff_as_text
from gui.core.store import StoreError

if TYPE_CHECKING:
    from gui.core.catalog import Catalog, Platform


def _chosen(catalog: Catalog, ids: list[str]) -> list[Platform]:
    try:
        return checks.select_platforms(catalog, ids)
    except checks.UnknownPlatformError as error:
        raise CommandError(str(error)) from None


class _Progress:
    """``[3/12] X`` on a terminal's stderr, rewritten in place; silent when redirected so
    logs and pipes get only the results."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._width = 0

    def __call__(self, platform: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        line = f"[{done}/{total}] {platform}" if done < total else ""
        print("\r" + line.ljust(self._width), end="\r" if not line else "", file=sys.stderr)
        self._width = max(self._width, len(line))
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled and self._width:
            print("\r" + " " * self._width + "\r", end="", file=sys.stderr)
            self._width = 0


def check_links(args: argparse.Namespace) -> int:
    catalog = load_for_command(args)
    platforms = _chosen(catalog, args.platforms) if args.platforms else list(catalog.platforms)
    tasks = checks.link_check_tasks(platforms)
    progress = _Progress()
    results = []
    with HttpClient() as client:
        for result in checks.run_tasks(tasks, client, progress):
            results.append(result)
            if not args.json:
                progress.clear()
                print(f"{result.outcome:<14}  {result.url}  {result.detail}", flush=True)
    progress.clear()
    if args.json:
        print(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return 0
    # The outcomes are the ids the JSON has too (reachable, not-found...): not translated.
    counts = Counter(str(r.outcome) for r in results)
    summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
    links = ngettext("{count} link", "{count} links", len(results)).format(count=len(results))
    on = ngettext("{count} platform", "{count} platforms", len(platforms)).format(
        count=len(platforms)
    )
    print(
        _("{links} on {platforms}: {summary}").format(
            links=links, platforms=on, summary=summary or _("nothing to check")
        )
    )
    return 0


def check_policies(args: argparse.Namespace) -> int:
    try:
        return _check_policies(args)
    except StoreError as error:  # reading the checklist failed; saving failures are results
        raise CommandError(str(error)) from None


def _check_policies(args: argparse.Namespace) -> int:
    catalog = load_for_command(args)
    platforms = _chosen(catalog, args.platforms) if args.platforms else []
    with open_for_command(args) as store:
        if not args.platforms:
            reviewed = reviewed_platform_ids(store)
            platforms = [p for p in map(catalog.platform, reviewed) if p is not None]
            if not platforms:
                raise CommandError(
                    _(
                        "no platform to check: you have not reviewed any platform yet; "
                        "name one with --platform ID"
                    )
                )
        progress = _Progress()
        with HttpClient() as client:
            results = checks.check_policies(store, platforms, client, progress)
        progress.clear()
        notices = policy_change_notices(store, catalog)
    if args.json:
        print(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return 0
    for result in results:
        print(f"{result.outcome:<10}  {result.platform_name}: {result.policy_title}")
        print(f"            {result.url}")
        print(f"            {result.detail}")
        if result.outcome is PolicyOutcome.CHANGED and result.diff is not None:
            for line in diff_as_text(result.diff, width=300):
                print(f"            {line}")
    for notice in notices:
        print(notice)
    return 0
