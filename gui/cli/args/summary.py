"""Arguments of the summary commands (moved here from ``gui.cli.summary_cmd``)."""

from gui.cli.summary_cmd import register

__all__ = ["register"]
