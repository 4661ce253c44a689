"""What changed between two versions of a policy's text, in passages a person can read.

Paragraphs are compared first; paragraphs that were edited (rather than added or removed)
are compared sentence by sentence, and a sentence that was only lightly edited word by word,
so "We may share" -> "We will share" marks two words instead of striking a whole sentence.
Besides the marked-up paragraphs, the diff lists the changed passages at sentence level
(whole sentences, in document order) for a summary or the command line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

# Paragraphs this similar are treated as one edited paragraph, below as one removed and one
# added: an edit that keeps under 40% of a paragraph is better read as a rewrite.
PARAGRAPH_SIMILARITY = 0.4
# Sentences this similar get word-level marks; below, the whole sentence is replaced.
SENTENCE_SIMILARITY = 0.6
# How far ahead to look for the match of an edited paragraph before calling it removed.
_LOOKAHEAD = 5
_SENTENCE_END_RE = re.compile(r"(?<=[.!?;:])\s+")


class Change(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Segment:
    """A run of text with one kind of change; segments of a paragraph are joined by one
    space when shown."""

    change: Change
    text: str


@dataclass(frozen=True)
class DiffParagraph:
    segments: tuple[Segment, ...]

    @property
    def unchanged(self) -> bool:
        return all(s.change is Change.SAME for s in self.segments)


@dataclass(frozen=True)
class Gap:
    """Unchanged paragraphs left out of a condensed view."""

    count: int


@dataclass(frozen=True)
class PolicyDiff:
    paragraphs: tuple[DiffParagraph, ...]
    # Changed passages at sentence level, in document order: ADDED or REMOVED segments.
    passages: tuple[Segment, ...]

    @property
    def unchanged(self) -> bool:
        return not self.passages

    @property
    def added(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.passages if p.change is Change.ADDED)

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.passages if p.change is Change.REMOVED)

    def condensed(self, context: int = 1) -> list[DiffParagraph | Gap]:
        """The changed paragraphs with ``context`` unchanged ones around each; longer runs
        of unchanged paragraphs become a ``Gap``."""
        changed = [i for i, p in enumerate(self.paragraphs) if not p.unchanged]
        keep = {
            j
            for i in changed
            for j in range(i - context, i + context + 1)
            if 0 <= j < len(self.paragraphs)
        }
        shown: list[DiffParagraph | Gap] = []
        skipped = 0
        for index, paragraph in enumerate(self.paragraphs):
            if index in keep:
                if skipped:
                    shown.append(Gap(skipped))
                    skipped = 0
                shown.append(paragraph)
            else:
                skipped += 1
        if skipped:
            shown.append(Gap(skipped))
        return shown


def split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def split_sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END_RE.split(paragraph.strip()) if s]


def diff_texts(old: str, new: str) -> PolicyDiff:
    builder = _Builder()
    old_paragraphs = split_paragraphs(old)
    new_paragraphs = split_paragraphs(new)
    matcher = SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for paragraph in old_paragraphs[i1:i2]:
                builder.paragraph([Segment(Change.SAME, paragraph)])
        elif tag == "delete":
            builder.whole(old_paragraphs[i1:i2], Change.REMOVED)
        elif tag == "insert":
            builder.whole(new_paragraphs[j1:j2], Change.ADDED)
        else:
            _align_paragraphs(builder, old_paragraphs[i1:i2], new_paragraphs[j1:j2])
    return PolicyDiff(tuple(builder.paragraphs), tuple(builder.passages))


class _Builder:
    def __init__(self) -> None:
        self.paragraphs: list[DiffParagraph] = []
        self.passages: list[Segment] = []

    def paragraph(self, segments: list[Segment]) -> None:
        self.paragraphs.append(DiffParagraph(_merge(segments)))

    def whole(self, paragraphs: Sequence[str], change: Change) -> None:
        for paragraph in paragraphs:
            self.paragraph([Segment(change, paragraph)])
            self.passages.append(Segment(change, paragraph))

    def passage(self, change: Change, sentences: Sequence[str]) -> None:
        if sentences:
            self.passages.append(Segment(change, " ".join(sentences)))


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _align_paragraphs(builder: _Builder, olds: list[str], news: list[str]) -> None:
    """Pair edited paragraphs in order; what has no similar partner was removed or added."""
    i = j = 0
    while i < len(olds) and j < len(news):
        if _similarity(olds[i], news[j]) >= PARAGRAPH_SIMILARITY:
            _edited_paragraph(builder, olds[i], news[j])
            i += 1
            j += 1
            continue
        later_new = next(
            (
                k
                for k in range(j + 1, min(len(news), j + 1 + _LOOKAHEAD))
                if _similarity(olds[i], news[k]) >= PARAGRAPH_SIMILARITY
            ),
            None,
        )
        if later_new is not None:
            builder.whole(news[j:later_new], Change.ADDED)
            j = later_new
            continue
        builder.whole([olds[i]], Change.REMOVED)
        i += 1
    builder.whole(olds[i:], Change.REMOVED)
    builder.whole(news[j:], Change.ADDED)


def _edited_paragraph(builder: _Builder, old: str, new: str) -> None:
    old_sentences = split_sentences(old)
    new_sentences = split_sentences(new)
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, old_sentences, new_sentences, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = old_sentences[i1:i2]
        added = new_sentences[j1:j2]
        if tag == "equal":
            segments.extend(Segment(Change.SAME, s) for s in removed)
            continue
        builder.passage(Change.REMOVED, removed)
        builder.passage(Change.ADDED, added)
        if tag == "replace" and len(removed) == len(added):
            for before, after in zip(removed, added, strict=True):
                if _similarity(before, after) >= SENTENCE_SIMILARITY:
                    segments.extend(_word_segments(before, after))
                else:
                    segments += [Segment(Change.REMOVED, before), Segment(Change.ADDED, after)]
        else:
            segments.extend(Segment(Change.REMOVED, s) for s in removed)
            segments.extend(Segment(Change.ADDED, s) for s in added)
    builder.paragraph(segments)


def _word_segments(old: str, new: str) -> list[Segment]:
    old_words = old.split()
    new_words = new.split()
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(Change.SAME, " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment(Change.REMOVED, " ".join(old_words[i1:i2])))
        if j2 > j1:
            segments.append(Segment(Change.ADDED, " ".join(new_words[j1:j2])))
    return segments


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    """Neighbouring segments with the same change as one (fewer, longer highlights)."""
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].change is segment.change:
            merged[-1] = Segment(segment.change, f"{merged[-1].text} {segment.text}")
        else:
            merged.append(segment)
    return tuple(merged)


def diff_as_text(diff: PolicyDiff, *, width: int = 0) -> list[str]:
    """The changed passages as lines for a terminal: ``+ added`` and ``- removed``;
    with ``width``, long passages are shortened to it."""
    lines = []
    for passage in diff.passages:
        mark = "+" if passage.change is Change.ADDED else "-"
        text = passage.text
        if width and len(text) > width:
            text = text[: max(width - 3, 1)].rstrip() + "..."
        lines.append(f"{mark} {text}")
    return lines
