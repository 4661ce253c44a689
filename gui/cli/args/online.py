"""Arguments of the online checks, ``check-policies`` and ``check-links``. Their code is in
``gui.cli.online_cmd``."""

from __future__ import annotations

import argparse
from typing import Any

from gui.cli.args import later
from gui.core.i18n import _

_CODE = "gui.cli.online_cmd"


def register(subparsers: Any) -> None:
    policies = subparsers.add_parser(
        "check-policies",
        help=_(
            "fetch the privacy policies of the platforms you reviewed and report changes "
            "(contacts the platforms' servers)"
        ),
        description=_(
            "Fetch each policy document, compare its text with the copy kept at the "
            "previous check, and report what changed. The first check of a policy records it."
        ),
    )
    _platform_option(policies, _("default: every platform you have reviewed"))
    policies.add_argument("--json", action="store_true", help=_("print JSON"))
    policies.set_defaults(handler=later(_CODE, "check_policies"))

    links = subparsers.add_parser(
        "check-links",
        help=_(
            "check that the catalog's settings and source links still work "
            "(contacts the platforms' servers)"
        ),
        description=_(
            "Request every settings and source URL of the platforms and report for "
            "each: reachable, redirected, login-required, not-found or failed."
        ),
    )
    _platform_option(links, _("default: every platform in the catalog"))
    links.add_argument("--json", action="store_true", help=_("print JSON"))
    links.set_defaults(handler=later(_CODE, "check_links"))


def _platform_option(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--platform",
        dest="platforms",
        action="extend",
        nargs="+",
        metavar="ID",
        help=_("check only these platforms (repeatable); {default}").format(default=default),
    )
