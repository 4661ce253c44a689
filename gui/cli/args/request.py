"""Arguments of ``privacy-review request draft|sent|answered|extended|close|list|follow-up|
calendar``; the commands run in ``gui.cli.request_cmd``."""

from __future__ import annotations

from typing import Any

from gui.cli.args import later
from gui.core.i18n import _

COMMANDS = "gui.cli.request_cmd"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "request",
        help=_("draft a data-protection request (GDPR, UK GDPR, CCPA) and track its deadline"),
        description=_(
            "Draft a letter using your legal rights where no setting exists, and "
            "track the legal deadline. The app never sends it: you do, then say so with "
            "`request sent`. This is not legal advice."
        ),
    )
    actions = parser.add_subparsers(dest="request_action", metavar="ACTION")

    draft = actions.add_parser(
        "draft", help=_("draft a request letter and keep it in the checklist")
    )
    draft.add_argument("platform", metavar="PLATFORM")
    draft.add_argument(
        "kind",
        metavar="KIND",
        help=_(
            "GDPR / UK GDPR: access, correction, erasure, restriction, objection, "
            "objection-marketing, withdraw-consent; CCPA: know, delete, correct, opt-out, "
            "limit-sensitive"
        ),
    )
    draft.add_argument("--category", dest="categories", action="append", default=[], metavar="ID")
    draft.add_argument(
        "--law", metavar="LAW", help=_("gdpr, uk-gdpr or ccpa (default: from your region)")
    )
    draft.add_argument("--name", default=None, help=_("your name, as the letter is signed"))
    draft.add_argument(
        "--account", default=None, help=_("your account handle or e-mail on the platform")
    )
    draft.add_argument("--grounds", default="", help=_("your reasons (needed for objection)"))
    draft.add_argument("--details", default="", help=_("anything to add (what to correct, ...)"))
    draft.add_argument("--country", metavar="CC", help=_("your country (default: your region)"))
    draft.add_argument("--output", "-o", metavar="FILE", help=_("write .txt, .md or .pdf"))
    draft.set_defaults(handler=later(COMMANDS, "draft_command"))

    # One call of _() per help text: each is a whole message for a translator.
    status_help = (
        ("sent", _("say you sent request ID (the deadline runs from that day)")),
        ("answered", _("say request ID was answered")),
    )
    for name, help_text in status_help:
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("id", type=int, metavar="ID")
        sub.add_argument("--on", metavar="DATE", help=_("YYYY-MM-DD (default: today)"))
        sub.set_defaults(handler=later(COMMANDS, "status_command"), status_action=name)
    other_help = (
        ("extended", _("say the platform extended the deadline, as the law allows")),
        ("close", _("close request ID")),
    )
    for name, help_text in other_help:
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("id", type=int, metavar="ID")
        sub.set_defaults(handler=later(COMMANDS, "status_command"), status_action=name)

    listing = actions.add_parser("list", help=_("your requests with status and deadline"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=later(COMMANDS, "list_command"))

    follow = actions.add_parser(
        "follow-up",
        help=_(
            "draft the reminder for an overdue request (then, with --complaint, the "
            "complaint to the supervisory authority)"
        ),
    )
    follow.add_argument("id", type=int, metavar="ID")
    follow.add_argument("--complaint", action="store_true", help=_("draft the complaint"))
    follow.add_argument("--output", "-o", metavar="FILE", help=_("write .txt, .md or .pdf"))
    follow.set_defaults(handler=later(COMMANDS, "follow_up_command"))

    cal = actions.add_parser("calendar", help=_("save request ID's deadline as a .ics event"))
    cal.add_argument("id", type=int, metavar="ID")
    cal.add_argument("--output", "-o", required=True, metavar="FILE")
    cal.set_defaults(handler=later(COMMANDS, "calendar_command"))
