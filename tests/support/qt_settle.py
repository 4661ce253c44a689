"""Letting widgets settle before a picture is taken or a size is read (no tests here).

A change to a widget reaches the screen over a few passes of the event loop: a label that
wraps asks its layout for a new height on one pass, the layout resizes the scroll area's
content on the next, and the repaint they ask for comes on a third. Each pass here runs
whatever is already posted (layout requests, zero-length timers, updates) without waiting
for time to pass, so the result is the same on a quiet and on a busy machine.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# Three passes were enough for every picture the tests take; two more cost microseconds.
PASSES = 5


def settle(passes: int = PASSES) -> None:
    """Run the event loop over what is pending, ``passes`` times."""
    for _ in range(passes):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
