"""What a command reports when it stops: the exit codes and the one exception for bad
input. Its own module so that every command module can import it at the top without
importing the dispatcher."""

from __future__ import annotations

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """Bad input a command reports as one line on stderr, exit 1."""
