"""Which online check runs, and what one yields: the two kinds the window offers."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

from gui.desktop.i18n import translate

if TYPE_CHECKING:
    # For the type checker only: the window must not pay for the checks' modules at start-up.
    from gui.core.online.links import LinkResult
    from gui.core.online.policy_watch import PolicyCheckResult

    # One result per URL: a link check gives ``LinkResult``, a policy check a
    # ``PolicyCheckResult``. Import it under ``TYPE_CHECKING`` too.
    CheckResult: TypeAlias = LinkResult | PolicyCheckResult


class CheckKind(StrEnum):
    """A ``StrEnum`` so that "links" and "policies" (the values scripts pass) still work."""

    LINKS = "links"
    POLICIES = "policies"

    @property
    def progress_title(self) -> str:
        """The progress dialog's title."""
        if self is CheckKind.LINKS:
            return translate("CheckKind", "Checking links")
        return translate("CheckKind", "Checking for policy changes")

    @property
    def go_text(self) -> str:
        """The button that says yes to contacting the sites."""
        if self is CheckKind.LINKS:
            return translate("CheckKind", "Check links")
        return translate("CheckKind", "Check policies")

    @property
    def check_name(self) -> str:
        """How the status bar names the check."""
        if self is CheckKind.LINKS:
            return translate("CheckKind", "Link check")
        return translate("CheckKind", "Policy check")
