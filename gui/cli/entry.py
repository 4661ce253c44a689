"""The ``privacy-review`` command line.

Each command group's arguments are registered by a module in ``gui.cli.args`` (cheap: the
window starts through here too); its code is in ``gui.cli.*_cmd``, imported when it runs.
Exit codes: 0 success, 1 bad input (one line on stderr naming what is wrong), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Sequence
from typing import Any

from gui import __version__
from gui.cli.errors import EXIT_BAD_INPUT, EXIT_OK, CommandError
from gui.core.i18n import _
from gui.core.lookup import suggestions

# As early as the app can note it: ``--profile-startup`` measures from here (the interpreter's
# own start-up and ``import gui`` come before this and are not counted).
STARTED_AT = time.perf_counter()

# Subcommand modules with the commands each registers, in --help order. Starting the window
# (no command) imports none of them: that keeps ~30 ms off the first paint.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "gui.cli.args.catalog": ("catalog",),
    "gui.cli.args.summary": ("summary",),
    "gui.cli.args.online": ("check-policies", "check-links"),
    "gui.cli.args.store": (
        "mark",
        "checklist",
        "export",
        "import",
        "key",
        "restore-backup",
        "store",
    ),
    "gui.cli.args.wizard": ("wizard",),
    "gui.cli.args.evidence": ("evidence",),
    "gui.cli.args.request": ("request",),
}

PROG = "privacy-review"  # the command's name, never translated


class _Parser(argparse.ArgumentParser):
    """argparse with "did you mean" for a mistyped command or choice ("catalgo" ->
    catalog). Subcommand parsers are made of the same class, so every level has it."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices or not isinstance(value, str):
            super()._check_value(action, value)
            return
        known = [str(choice) for choice in choices]
        close = suggestions(value, known)
        if close:
            message = _("invalid choice: {value}; did you mean {close}? (choose from {known})")
        else:
            message = _("invalid choice: {value} (choose from {known})")
        raise argparse.ArgumentError(
            action,
            message.format(value=repr(value), close=_(" or ").join(close), known=", ".join(known)),
        )


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=_(
            "Review what social platforms collect about you, and keep a private "
            "checklist of what you did about it. With no command, the app window opens."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_(
            "keep everything the app writes under DIR "
            "(default: the system's per-user folders; also PRIVACY_REVIEW_DATA_DIR)"
        ),
    )
    parser.add_argument(
        "--profile-startup",
        action="store_true",
        help=_(
            "open the window, print first-paint-ms and ready-ms (milliseconds since start), "
            "then exit"
        ),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "check this installation headless (resources, catalog, a temporary encrypted "
            "store, a summary PDF) and exit non-zero naming what failed"
        ),
    )
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _may_name_a_command(argv: Sequence[str]) -> bool:
    """Whether the command line has anything but the window's own options: a command (known
    or not, so a typo gets the full usage message) or a request for help."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)  # its value is a folder, not a command
        elif word in ("-h", "--help") or not word.startswith("-"):
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_commands=_may_name_a_command(arguments))
    args = parser.parse_args(arguments)
    handler = getattr(args, "handler", None)
    try:
        if args.self_test:
            from gui.desktop.selftest import run_self_test

            return run_self_test()
        if handler is None:
            if args.command:  # a command group given without its subcommand
                parser.parse_args([*arguments, "--help"])
            from gui.desktop.app import run_gui

            return run_gui(args)
        return int(handler(args) or EXIT_OK)
    except CommandError as error:
        print(_("privacy-review: {error}").format(error=error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(_("privacy-review: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
