"""The guided review wizard.

- ``region``: the default region from the system locale, and the list to choose from.
- ``start_page``, ``category_page``, ``finish_page``: the three kinds of page.
- ``wizard``: ``ReviewWizard`` itself, and ``is_first_start``.

Which categories, in which order, and the wizard's settings in the store are Qt-free and
live in ``gui.core.review`` (``plan``, ``session``).
"""

from __future__ import annotations

from gui.desktop.wizard.wizard import ReviewWizard, is_first_start

__all__ = ["ReviewWizard", "is_first_start"]
