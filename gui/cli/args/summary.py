"""Arguments of ``privacy-review summary``; the command runs in ``gui.cli.summary_cmd``."""

from __future__ import annotations

from typing import Any

from gui.cli.args import later
from gui.core.i18n import _

# The same names as gui.core.summary.model.FORMATS (a test keeps them equal); repeated here so
# that registering the command imports nothing but argparse.
FORMAT_NAMES = ("pdf", "html", "md", "txt")
PAGE_SIZES = ("a4", "letter")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "summary",
        help=_("write a summary of your checklist (PDF, HTML, Markdown or text)"),
        description=_(
            "Write the summary of your checklist: what is still to do, then each "
            "platform's categories with what you decided, when, and your notes."
        ),
    )
    parser.add_argument("--output", "-o", required=True, metavar="FILE", help=_("file to write"))
    parser.add_argument(
        "--format",
        choices=FORMAT_NAMES,
        help=_("output format (default: from the extension of FILE)"),
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--platform",
        dest="platforms",
        action="extend",
        nargs="+",
        metavar="ID",
        help=_(
            "only these platforms (default: the ones you reviewed, or all when you have "
            "reviewed none); repeat or list several"
        ),
    )
    which.add_argument(
        "--all-platforms",
        action="store_true",
        help=_("every platform in the catalog, also the ones you have not reviewed"),
    )
    parser.add_argument(
        "--no-notes",
        dest="include_notes",
        action="store_false",
        help=_("leave your notes out"),
    )
    unreviewed = parser.add_mutually_exclusive_group()
    unreviewed.add_argument(
        "--include-unreviewed",
        dest="include_unreviewed",
        action="store_true",
        default=True,
        help=_("include categories you have not reviewed yet (the default)"),
    )
    unreviewed.add_argument(
        "--no-unreviewed",
        dest="include_unreviewed",
        action="store_false",
        help=_("leave categories you have not reviewed yet out"),
    )
    parser.add_argument(
        "--page-size",
        choices=PAGE_SIZES,
        help=_("paper size of a PDF (default: Letter in the US and Canada, else A4, by locale)"),
    )
    parser.add_argument(
        "--country",
        metavar="CODE",
        help=_("two-letter country code; controls not offered there are listed as unavailable"),
    )
    parser.add_argument(
        "--with-exports",
        dest="include_exports",
        action="store_true",
        help=_(
            "add what your data exports showed (from `privacy-review evidence`; off by "
            "default, as an export can say more about you than the checklist does)"
        ),
    )
    parser.set_defaults(handler=later("gui.cli.summary_cmd", "write_summary_command"))
