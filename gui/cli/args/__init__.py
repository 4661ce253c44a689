"""The command line's arguments, one module per command group, each with
``register(subparsers)``. They import nothing heavy: every ``privacy-review`` run registers
all of them. A command's code lives in its ``gui.cli.*_cmd`` module, which imports what it
uses at the top and is imported only when its command runs (through ``later``): that is
the command line's one start-up boundary.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]


def later(module: str, function: str) -> Handler:
    """A handler that imports ``module`` when the command runs and calls ``function``."""

    def run(args: argparse.Namespace) -> int:
        handler: Handler = getattr(importlib.import_module(module), function)
        return handler(args)

    run.__qualname__ = run.__name__ = f"{module}.{function}"
    return run
