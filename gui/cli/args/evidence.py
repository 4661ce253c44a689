"""Arguments of ``privacy-review evidence read|show|forget``; the commands run in
``gui.cli.evidence_cmd``."""

from __future__ import annotations

from typing import Any

from gui.cli.args import later
from gui.core.i18n import _

COMMANDS = "gui.cli.evidence_cmd"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "evidence",
        help=_("read a data export you downloaded from a platform, and what it shows"),
        description=_(
            "Read the data export a platform gave you (the ZIP, read in place: "
            "nothing is extracted, copied or sent) and keep only what it shows per category: "
            "counts, dates and a few examples, in your encrypted checklist."
        ),
    )
    commands = parser.add_subparsers(dest="evidence_command", metavar="COMMAND")
    read = commands.add_parser("read", help=_("read an export and keep what it shows"))
    read.add_argument("file", metavar="FILE", help=_("the export archive (.zip) as downloaded"))
    read.add_argument(
        "--platform", metavar="ID", help=_("the platform it is from (default: detected)")
    )
    read.set_defaults(handler=later(COMMANDS, "read_command"))
    show = commands.add_parser("show", help=_("what the exports you read show"))
    show.add_argument("--platform", metavar="ID", help=_("only this platform's export"))
    show.add_argument("--json", action="store_true", help=_("as JSON"))
    show.set_defaults(handler=later(COMMANDS, "show_command"))
    forget = commands.add_parser("forget", help=_("forget what a platform's export showed"))
    forget.add_argument("platform", metavar="PLATFORM", help=_("the platform id (x, linkedin...)"))
    forget.set_defaults(handler=later(COMMANDS, "forget_command"))
