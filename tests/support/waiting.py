"""Waiting for a condition outside Qt (no tests here): the twin of ``qtbot.waitUntil`` for
tests that have no event loop. The test goes on the moment the condition holds, so a quick
machine does not wait and a busy one is given the whole ``timeout``; nothing is decided by
how long it took."""

from __future__ import annotations

import time
from collections.abc import Callable

POLL_SECONDS = 0.05  # how often the condition is looked at


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Return once ``condition()`` is true; fail, naming ``what``, after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}")
        time.sleep(POLL_SECONDS)
