"""Arguments of ``privacy-review catalog list|show|topics|validate``; the commands run in
``gui.cli.catalog_cmd``."""

from __future__ import annotations

from typing import Any

from gui.cli.args import later
from gui.core.i18n import _

COMMANDS = "gui.cli.catalog_cmd"
SHOW_COMMANDS = "gui.cli.catalog_show_cmd"  # show and topics


def register(subparsers: Any) -> None:
    catalog = subparsers.add_parser("catalog", help=_("list, show and validate platform catalogs"))
    actions = catalog.add_subparsers(dest="catalog_command", metavar="ACTION")

    list_parser = actions.add_parser("list", help=_("platforms with their number of categories"))
    list_parser.add_argument("--json", action="store_true", help=_("print JSON"))
    list_parser.set_defaults(handler=later(COMMANDS, "list_platforms"))

    show = actions.add_parser("show", help=_("one platform with all its categories"))
    show.add_argument("platform", metavar="PLATFORM", help=_("platform id, e.g. x"))
    show.add_argument("--json", action="store_true", help=_("print the parsed platform as JSON"))
    show.set_defaults(handler=later(SHOW_COMMANDS, "show_platform"))

    topics = actions.add_parser(
        "topics",
        help=_("for a topic, which platforms have a switch, a form, or no control"),
    )
    topics.add_argument(
        "topic", nargs="?", metavar="TOPIC", help=_("e.g. ai-training; all if omitted")
    )
    topics.add_argument("--region", metavar="CC", help=_("country code, e.g. DE or GB"))
    topics.add_argument("--json", action="store_true", help=_("print JSON"))
    topics.set_defaults(handler=later(SHOW_COMMANDS, "show_topics"))

    validate = actions.add_parser("validate", help=_("check catalog files; exit 1 on any problem"))
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.set_defaults(handler=later(COMMANDS, "validate_paths"))
