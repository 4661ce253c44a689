"""Arguments of ``privacy-review wizard [--platform ID ...] [--topic TOPIC ...]``. Its code
(checking the choices, then opening the app) is in ``gui.cli.wizard_cmd``."""

from __future__ import annotations

from typing import Any

from gui.cli.args import later
from gui.core.i18n import _


def register(subparsers: Any) -> None:
    wizard = subparsers.add_parser(
        "wizard",
        help=_("open the guided review"),
        description=_(
            "Open the app with the guided review. Platforms and topics given here "
            "are chosen on its first page; a topic reviews that topic across the platforms."
        ),
    )
    wizard.add_argument(
        "--platform",
        dest="platform_ids",
        action="append",
        metavar="ID",
        help=_("a platform to review, e.g. x (repeat for more; see `catalog list`)"),
    )
    wizard.add_argument(
        "--topic",
        dest="topic_ids",
        action="append",
        metavar="TOPIC",
        help=_("review one topic across platforms, e.g. ai-training (repeat for more)"),
    )
    wizard.set_defaults(handler=later("gui.cli.wizard_cmd", "open_wizard"))
