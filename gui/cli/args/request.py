"""Arguments of the request commands (moved here from ``gui.cli.request_cmd``)."""

from gui.cli.request_cmd import register

__all__ = ["register"]
