"""The ``privacy-review`` command line.

Each subcommand lives in its own module under ``gui.commands`` with a ``register(subparsers)``
function; registering must stay cheap (no heavy imports) because the GUI starts through here.
Exit codes: 0 success, 1 bad input (one line on stderr naming what is wrong), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from gui import __version__

# Subcommand modules, in the order their commands appear in --help.
COMMAND_MODULES = ("gui.commands.catalog_cmd",)

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """Bad input a command reports as one line on stderr, exit 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="privacy-review",
        description="Review what social platforms collect about you, and keep a private "
        "checklist of what you did about it. With no command, the app window opens.",
    )
    parser.add_argument("--version", action="version", version=f"privacy-review {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep everything the app writes under DIR "
        "(default: the system's per-user folders; also PRIVACY_REVIEW_DATA_DIR)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            if args.command:  # a command group given without its subcommand
                parser.parse_args([*(argv or sys.argv[1:]), "--help"])
            from gui.app import run_gui

            return run_gui(args)
        return int(handler(args) or EXIT_OK)
    except CommandError as error:
        print(f"privacy-review: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("privacy-review: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
