"""Arguments of the store commands (moved here from ``gui.cli.store_cmd``)."""

from gui.cli.store_cmd import register

__all__ = ["register"]
