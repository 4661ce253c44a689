"""Arguments of the evidence commands (moved here from ``gui.cli.evidence_cmd``)."""

from gui.cli.evidence_cmd import register

__all__ = ["register"]
