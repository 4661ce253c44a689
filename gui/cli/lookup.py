"""Platform and category ids as a user types them on the command line: accepted in any
case, and a mistyped one answered with "did you mean" and the known ids, as one line.

For every command that takes an id (``catalog show``, ``summary --platform``, ``wizard
--platform``, ``mark``, ``checklist --platform``): one place for the rules and the words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from gui.cli.errors import CommandError
from gui.core.i18n import _
from gui.core.lookup import match_id, suggestions

if TYPE_CHECKING:
    from gui.core.catalog import Catalog, Category, Platform


def unknown_message(kind: str, text: str, known: Sequence[str], where: str = "") -> str:
    """ "unknown platform 'facebok'; did you mean facebook? known platforms: ..." with
    ``kind`` "platform", "category" or "topic"; ``where`` e.g. " for platform x"."""
    close = suggestions(text, known)
    known_text = ", ".join(known)
    if kind == "platform":
        if close:
            message = _(
                "unknown platform {text}{where}; did you mean {close}? known platforms: {known}"
            )
        else:
            message = _("unknown platform {text}{where}; known platforms: {known}")
    elif kind == "category":
        if close:
            message = _(
                "unknown category {text}{where}; did you mean {close}? known categories: {known}"
            )
        else:
            message = _("unknown category {text}{where}; known categories: {known}")
    elif close:
        message = _("unknown topic {text}{where}; did you mean {close}? topics: {known}")
    else:
        message = _("unknown topic {text}{where}; topics: {known}")
    return message.format(
        text=repr(text), where=where, close=_(" or ").join(close), known=known_text
    )


def resolve_id(kind: str, text: str, known: Sequence[str], where: str = "") -> str:
    """The known id ``text`` names (in any case), or CommandError with suggestions."""
    found = match_id(text, known)
    if found is None:
        raise CommandError(unknown_message(kind, text, known, where))
    return found


def find_platform(catalog: Catalog, text: str) -> Platform:
    """The catalog platform ``text`` names, in any case; CommandError otherwise."""
    platform_id = resolve_id("platform", text, [p.id for p in catalog.platforms])
    platform = catalog.platform(platform_id)
    assert platform is not None
    return platform


def find_category(platform: Platform, text: str) -> Category:
    """The category of ``platform`` that ``text`` names, in any case; CommandError otherwise."""
    where = _(" for platform {platform}").format(platform=platform.id)
    category_id = resolve_id("category", text, [c.id for c in platform.categories], where)
    category = platform.category(category_id)
    assert category is not None
    return category


def resolve_platform_ids(texts: Iterable[str], known: Sequence[str]) -> tuple[str, ...]:
    """Each id as the known one it names (``known`` may include platforms that left the
    catalog but still have decisions), in the order given, repeats dropped."""
    return tuple(dict.fromkeys(resolve_id("platform", text, known) for text in texts))
