"""Where a catalog file is wrong, said so a contributor can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem: ``PATH: platform/category: field: message``."""

    path: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.entry or '-'}: {self.field or '-'}: {self.message}"


class CatalogError(ValueError):
    """A catalog file could not be loaded; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("CatalogError needs at least one problem")
        self.problems = tuple(problems)
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")

    @property
    def path(self) -> str:
        return self.problems[0].path
