"""The decision editor offers the words of the shared vocabulary (gui.core.words), only
with its Alt-key mnemonics added: what the user picks in the window is what the tree, the
summary, the command line and the exports show afterwards."""

from __future__ import annotations

from gui.core.checklist import Status
from gui.core.words import CHOICE_WORDS, GENERIC_WORDS
from gui.desktop.views.decision_editor import all_decision_labels, generic_labels


def without_mnemonic(label: str) -> str:
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


def test_every_choice_reads_as_the_shared_words() -> None:
    assert set(all_decision_labels()) == set(CHOICE_WORDS)
    for kind, labels in all_decision_labels().items():
        words = {Status(status): text for status, text in CHOICE_WORDS[kind].items()}
        assert {s: without_mnemonic(label) for s, label in labels.items()} == words, kind
    generic = {Status(status): text for status, text in GENERIC_WORDS.items()}
    assert {s: without_mnemonic(label) for s, label in generic_labels().items()} == generic
