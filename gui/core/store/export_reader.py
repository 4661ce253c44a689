"""Reading an export file so that memory stays proportional to the entries kept, not to
what the file claims: the top-level object is walked by hand and each entry of
``decisions`` and ``history`` is parsed, checked and reduced to a Decision or HistoryEntry
on its own against its part of the schema (``export_format``). A file of millions of
empty objects is refused after MAX_PROBLEMS of them, having held only one at a time.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any, NoReturn

from gui.core.checklist import Decision, HistoryEntry
from gui.core.store.errors import ImportRejectedError
from gui.core.store.export_format import (
    LISTS,
    ExportChecker,
    ValidExport,
    reject_constant,
    reject_duplicate_keys,
)

_SPACE = re.compile(r"[ \t\n\r]*")


class _Walker:
    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.at = 0
        self.decoder = json.JSONDecoder(
            object_pairs_hook=reject_duplicate_keys, parse_constant=reject_constant
        )

    def space(self) -> str:
        found = _SPACE.match(self.text, self.at)
        assert found is not None  # the pattern matches the empty string everywhere
        self.at = found.end()
        return self.text[self.at : self.at + 1]

    def expect(self, char: str) -> None:
        if self.space() != char:
            self.fail(f"expected {char!r}")
        self.at += 1

    def value(self) -> Any:
        self.space()
        try:
            value, self.at = self.decoder.raw_decode(self.text, self.at)
        except RecursionError:
            raise ImportRejectedError([f"{self.name} is nested too deeply"]) from None
        except ValueError as error:
            raise ImportRejectedError([f"{self.name} is not valid JSON: {error}"]) from None
        return value

    def fail(self, what: str) -> NoReturn:
        line = self.text.count("\n", 0, self.at) + 1
        raise ImportRejectedError(
            [f"{self.name} is not valid JSON: {what} at line {line} (char {self.at})"]
        )


def load_export_text(
    text: str,
    name: str,
    now: datetime | None = None,
    *,
    limits: tuple[int, int],
) -> ValidExport | None:
    """A ValidExport from the text of an export file; ImportRejectedError otherwise; None
    when the text is not an object (the caller parses it whole for the exact message).
    ``limits``: the most decisions and history entries accepted."""
    walker = _Walker(text, name)
    if walker.space() != "{":
        return None
    walker.at += 1
    checker = ExportChecker(now or datetime.now(UTC))
    top: dict[str, Any] = {}
    decisions: list[Decision] = []
    history: list[HistoryEntry] = []
    first = True
    while True:
        char = walker.space()
        if char == "}":
            walker.at += 1
            break
        if not first:
            walker.expect(",")
        first = False
        key = walker.value()
        if not isinstance(key, str):
            walker.fail("expected a field name")
        if key in top:
            raise ImportRejectedError([f"{name} is not valid JSON: duplicate key {key!r}"])
        walker.expect(":")
        if key in LISTS and walker.space() == "[":
            top[key] = []  # a marker: the entries are checked as they are read
            walker.at += 1
            limit = limits[0] if key == "decisions" else limits[1]
            index = 0
            while walker.space() != "]":
                if index:
                    walker.expect(",")
                item = walker.value()
                # Past the limit the problem is said once; the rest is only read to find
                # the end of the list.
                if index == limit:
                    checker.problem(key, f"more than {limit} entries")
                elif index < limit and key == "decisions":
                    if (decision := checker.decision(item, index)) is not None:
                        decisions.append(decision)
                elif index < limit and (entry := checker.history(item, index)) is not None:
                    history.append(entry)
                del item
                index += 1
                if checker.full():
                    raise ImportRejectedError(checker.problems)
            walker.at += 1
        elif walker.space() in ("[", "{"):
            # Every other field holds text or a number: refused before a hostile list or
            # object there is parsed (that would cost memory for nothing).
            checker.problem(key[:80], "expected text or a number, got a list or an object")
            checker.top(top)
            raise ImportRejectedError(checker.problems)
        else:
            top[key] = walker.value()
    if walker.space():
        walker.fail("extra data after the document")
    checker.top(top)
    if checker.problems:
        raise ImportRejectedError(checker.problems)
    return ValidExport(tuple(decisions), tuple(history))
