"""Arguments of the online commands (moved here from ``gui.cli.online_cmd``)."""

from gui.cli.online_cmd import register

__all__ = ["register"]
