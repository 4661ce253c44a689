"""The guided review wizard.

- ``plan``: which categories, in which order (Qt-free).
- ``session``: the wizard's settings in the store: region, last choices, place (Qt-free).
- ``region``: the default region from the system locale, and the list to choose from.
- ``start_page``, ``category_page``, ``finish_page``: the three kinds of page.
- ``wizard``: ``ReviewWizard`` itself, and ``is_first_start``.

``from gui.desktop.wizard import ReviewWizard`` works; Qt is imported only then, so the Qt-free
modules (``gui.core.review.plan``, ``gui.core.review.session``) import without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gui.desktop.wizard.wizard import ReviewWizard, is_first_start

__all__ = ["ReviewWizard", "is_first_start"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from gui.desktop.wizard import wizard

        return getattr(wizard, name)
    raise AttributeError(f"module 'gui.desktop.wizard' has no attribute {name!r}")
