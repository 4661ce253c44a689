"""The ``privacy-review`` command line: ``entry`` parses and dispatches; each command group
registers its arguments in ``args`` and runs in a ``*_cmd`` module here."""

from gui.cli.entry import COMMAND_MODULES, STARTED_AT, build_parser, main
from gui.cli.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, CommandError

__all__ = [
    "COMMAND_MODULES",
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "EXIT_USAGE",
    "STARTED_AT",
    "CommandError",
    "build_parser",
    "main",
]
