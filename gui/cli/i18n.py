"""Translation for the command line: every message a command prints goes through ``_``
(and counted ones through ``ngettext``), so that ``xgettext`` or ``pybabel extract`` can
collect them into a template. No translation ships yet; without one the English text is
used as it is.

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
