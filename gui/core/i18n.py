"""gettext translation for what runs without Qt: every message a command prints goes
through ``_`` (counted ones through ``ngettext``, words that need a context through
``pgettext``), and so do the date patterns of ``gui.core.dates``, so that ``xgettext`` or
``pybabel extract`` can collect them into a template. No translation ships yet; without
one the English text is used as it is. (The window's own texts go through Qt's
translation, ``gui.desktop.i18n``.)

Messages with values use named ``{placeholders}`` filled by ``.format`` after translation,
never f-strings: a translator must see the whole sentence, and an f-string cannot be
extracted.

Texts in module-level tables and constants (the decision words of ``gui.core.words``, the
checklist's flags, the catalog's topic titles) are created at import, before a translation
could be chosen: they are marked with ``N_``, which only shows ``xgettext`` the message
(``--keyword=N_``), and translated where they are read: a lone constant with
``_(CONSTANT)``, a table by being a ``MessageTable``, whose every read translates, so that
the modules that index it (the window, the commands) get the translated words without
wrapping them.
"""

from __future__ import annotations

import gettext
from collections.abc import Hashable, Iterator, Mapping
from functools import cache
from typing import TypeVar

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


def N_(message: str) -> str:
    """Marks ``message`` for extraction and returns it untranslated: for texts defined at
    import (tables, constants), translated later where they are shown."""
    return message


K = TypeVar("K", bound=Hashable)


class MessageTable(Mapping[K, str]):
    """A read-only table of messages marked with ``N_``, translated each time one is read
    (``table[key]``, ``get``, ``values``, ``items``): the translation is the one in use
    then, not the one at import. ``message`` gives the untranslated text."""

    def __init__(self, messages: Mapping[K, str]) -> None:
        self._messages = dict(messages)

    def __getitem__(self, key: K) -> str:
        return _(self._messages[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)

    def __contains__(self, key: object) -> bool:
        return key in self._messages

    def __repr__(self) -> str:
        return f"MessageTable({self._messages!r})"

    def message(self, key: K) -> str:
        """The untranslated message (the one ``N_`` marked)."""
        return self._messages[key]
