"""Finding a platform or category by the id a user typed: in any case, with surrounding
spaces ignored, and with "did you mean" suggestions when nothing matches. Qt-free; the
command line words the messages (``gui.cli.lookup``), the window can use the same rules."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence


def normalise_id(text: str) -> str:
    """Ids are lowercase (``gui.core.catalog.rules.is_id``): "X", " x " and "x" are one id."""
    return text.strip().lower()


def match_id(text: str, known: Iterable[str]) -> str | None:
    """The known id ``text`` names, ignoring case and surrounding spaces; None if none."""
    wanted = normalise_id(text)
    return next((each for each in known if each.lower() == wanted), None)


def suggestions(text: str, known: Sequence[str], limit: int = 3) -> list[str]:
    """Known ids close to a mistyped one, closest first: "facebok" -> ["facebook"]. An id
    that starts with what was typed counts as close too ("insta" -> "instagram")."""
    wanted = normalise_id(text)
    if not wanted:
        return []
    close = difflib.get_close_matches(wanted, known, n=limit, cutoff=0.6)
    starts = [each for each in known if each.startswith(wanted) and each not in close]
    return (close + starts)[:limit]
