"""A ``StorePrompts`` that answers from a script, so no modal dialog runs in a test."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gui.core.store import KeyUnavailableError, StoreError
from gui.desktop.window.store_choice import KeyChoice


@dataclass
class FakePrompts:
    choice: KeyChoice = KeyChoice.QUIT  # the answer to the key question, once ``choices`` ran out
    first: KeyChoice = KeyChoice.KEYRING  # the answer on the welcome page
    passphrases: list[str | None] = field(default_factory=list)
    choices: list[KeyChoice] = field(default_factory=list)  # answers to the key question, in turn
    key_files: list[Path | None] = field(default_factory=list)  # answers to "which key file"
    welcomed: list[bool] = field(default_factory=list)  # keyring_available, per welcome
    asked: list[KeyUnavailableError] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the problem line, per key question
    passphrase_requests: list[tuple[bool, str]] = field(default_factory=list)
    errors: list[StoreError] = field(default_factory=list)

    def welcome(self, parent, *, keyring_available: bool) -> KeyChoice:
        self.welcomed.append(keyring_available)
        return self.first

    def choose(self, parent, error: KeyUnavailableError, *, problem: str = "") -> KeyChoice:
        self.asked.append(error)
        self.problems.append(problem)
        return self.choices.pop(0) if self.choices else self.choice

    def key_file(self, parent) -> Path | None:
        return self.key_files.pop(0) if self.key_files else None

    def passphrase(self, parent, *, new: bool, problem: str) -> str | None:
        self.passphrase_requests.append((new, problem))
        return self.passphrases.pop(0) if self.passphrases else None

    def show_error(self, parent, error: StoreError) -> None:
        self.errors.append(error)
