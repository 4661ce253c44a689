"""Arguments of the catalog commands (moved here from ``gui.cli.catalog_cmd``)."""

from gui.cli.catalog_cmd import register

__all__ = ["register"]
