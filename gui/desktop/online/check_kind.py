"""Which online check runs, and what one yields: the two kinds the window offers."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

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
        return "Checking links" if self is CheckKind.LINKS else "Checking for policy changes"

    @property
    def go_text(self) -> str:
        """The button that says yes to contacting the sites."""
        return "Check links" if self is CheckKind.LINKS else "Check policies"

    @property
    def check_name(self) -> str:
        """How the status bar names the check."""
        return "Link check" if self is CheckKind.LINKS else "Policy check"
