"""``privacy-review check-policies`` and ``privacy-review check-links``: the online checks.

Both contact the platforms' servers, and only when run. Exit 0 when the check ran, whatever
it found (an unreachable page is a finding, not a failure of the command); 1 when it could
not run at all (unknown platform, checklist cannot be opened, nothing to check).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gui.core.catalog import Catalog, Platform


def register(subparsers: Any) -> None:
    policies = subparsers.add_parser(
        "check-policies",
        help="fetch the privacy policies of the platforms you reviewed and report changes "
        "(contacts the platforms' servers)",
        description="Fetch each policy document, compare its text with the copy kept at the "
        "previous check, and report what changed. The first check of a policy records it.",
    )
    _platform_option(policies, "default: every platform you have reviewed")
    policies.add_argument("--json", action="store_true", help="print JSON")
    policies.set_defaults(handler=check_policies)

    links = subparsers.add_parser(
        "check-links",
        help="check that the catalog's settings and source links still work "
        "(contacts the platforms' servers)",
        description="Request every settings and source URL of the platforms and report for "
        "each: reachable, redirected, login-required, not-found or failed.",
    )
    _platform_option(links, "default: every platform in the catalog")
    links.add_argument("--json", action="store_true", help="print JSON")
    links.set_defaults(handler=check_links)


def _platform_option(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--platform",
        dest="platforms",
        action="extend",
        nargs="+",
        metavar="ID",
        help=f"check only these platforms (repeatable); {default}",
    )


def _chosen(catalog: Catalog, ids: list[str]) -> list[Platform]:
    from gui.cli import CommandError
    from gui.core.online.checks import UnknownPlatformError, select_platforms

    try:
        return select_platforms(catalog, ids)
    except UnknownPlatformError as error:
        raise CommandError(str(error)) from None


def _require_requests() -> None:
    from gui.cli import CommandError

    try:
        import requests  # noqa: F401 - only to say clearly when it is missing
    except ImportError:
        raise CommandError(
            "the online checks need the 'requests' package, which is not installed"
        ) from None


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
    from gui.cli.catalog_cmd import load_for_command
    from gui.core.online.checks import link_check_tasks, run_tasks
    from gui.core.online.http import HttpClient

    catalog = load_for_command(args)
    platforms = _chosen(catalog, args.platforms) if args.platforms else list(catalog.platforms)
    _require_requests()
    tasks = link_check_tasks(platforms)
    progress = _Progress()
    results = []
    with HttpClient() as client:
        for result in run_tasks(tasks, client, progress):
            results.append(result)
            if not args.json:
                progress.clear()
                print(f"{result.outcome:<14}  {result.url}  {result.detail}", flush=True)
    progress.clear()
    if args.json:
        print(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return 0
    counts = Counter(str(r.outcome) for r in results)
    summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
    from gui.core.words import count_words

    links = count_words(len(results), "link")
    print(f"{links} on {count_words(len(platforms), 'platform')}: {summary or 'nothing to check'}")
    return 0


def check_policies(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.core.store import StoreError

    try:
        return _check_policies(args)
    except StoreError as error:  # reading the checklist failed; saving failures are results
        raise CommandError(str(error)) from None


def _check_policies(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.cli.catalog_cmd import load_for_command
    from gui.cli.store_cmd import open_for_command
    from gui.core.online.checks import check_policies
    from gui.core.online.http import HttpClient
    from gui.core.online.policy_watch import (
        PolicyOutcome,
        policy_change_notices,
        reviewed_platform_ids,
    )
    from gui.core.online.textdiff import diff_as_text

    catalog = load_for_command(args)
    platforms = _chosen(catalog, args.platforms) if args.platforms else []
    _require_requests()
    with open_for_command(args) as store:
        if not args.platforms:
            reviewed = reviewed_platform_ids(store)
            platforms = [p for p in map(catalog.platform, reviewed) if p is not None]
            if not platforms:
                raise CommandError(
                    "no platform to check: you have not reviewed any platform yet; "
                    "name one with --platform ID"
                )
        progress = _Progress()
        with HttpClient() as client:
            results = check_policies(store, platforms, client, progress)
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
