"""The ``privacy-review`` command line: ``entry`` parses and dispatches; each subcommand is
a ``*_cmd`` module here with a ``register(subparsers)`` function."""

from gui.cli.entry import (
    COMMAND_MODULES,
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    STARTED_AT,
    CommandError,
    build_parser,
    main,
)

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
