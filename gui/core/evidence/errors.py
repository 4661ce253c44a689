"""Why an export was refused: one plain sentence naming the file inside the archive."""

from __future__ import annotations


class ExportError(Exception):
    """An export that cannot be read. ``member`` is the file inside the archive the problem
    is in (empty when it is the archive itself)."""

    def __init__(self, message: str, member: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.member = member

    def __str__(self) -> str:
        return self.message


class ReadCancelled(Exception):
    """The user cancelled the reading; nothing was kept."""
