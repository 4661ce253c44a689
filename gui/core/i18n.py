"""gettext translation for what runs without Qt: every message a command prints goes
through ``_`` (counted ones through ``ngettext``, words that need a context through
``pgettext``), and so do the date patterns of ``gui.core.dates``, so that ``xgettext`` or
``pybabel extract`` can collect them into a template. No translation ships yet; without
one the English text is used as it is. (The window's own texts go through Qt's
translation, ``gui.desktop.i18n``.)

Messages with values use named ``{placeholders}`` filled by ``.format`` after translation,
never f-strings: a translator must see the whole sentence, and an f-string cannot be
extracted.
"""

from __future__ import annotations

import gettext
from functools import cache

DOMAIN = "privacy-review"


@cache
def _translation() -> gettext.NullTranslations:
    # Looked up once, on the first message: registering the commands stays cheap.
    return gettext.translation(DOMAIN, fallback=True)


def _(message: str) -> str:
    return _translation().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A short word that means different things in different places ("May" the month)."""
    return _translation().pgettext(context, message)
