"""The online checks in the window, by the names older code and the tests import.

The parts live beside it: ``online_controller`` (``OnlineChecks``, the controller),
``online_dialogs`` (the question before contacting anything and the progress),
``online_results`` (the results dialogs) and ``policy_notices`` (the bar above the checklist);
the check kind is ``gui.desktop.online.check_kind.CheckKind``.
"""

from __future__ import annotations

from gui.desktop.online.check_kind import CheckKind
from gui.desktop.window.online_controller import CONFIRM_SETTING, OnlineChecks
from gui.desktop.window.online_dialogs import (
    CheckProgressDialog,
    ContactConfirmation,
    StatusProgress,
)
from gui.desktop.window.online_results import LinkResultsDialog, PolicyResultsDialog
from gui.desktop.window.policy_notices import PolicyNoticeBar

__all__ = [
    "CONFIRM_SETTING",
    "CheckKind",
    "CheckProgressDialog",
    "ContactConfirmation",
    "LinkResultsDialog",
    "OnlineChecks",
    "PolicyNoticeBar",
    "PolicyResultsDialog",
    "StatusProgress",
]
