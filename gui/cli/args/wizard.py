"""Arguments of the wizard commands (moved here from ``gui.cli.wizard_cmd``)."""

from gui.cli.wizard_cmd import register

__all__ = ["register"]
