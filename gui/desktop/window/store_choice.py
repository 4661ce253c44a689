"""How the user chose to protect the checklist: shared by the welcome page and the store
dialogs without either importing the other."""

from __future__ import annotations

from enum import Enum


class KeyChoice(Enum):
    KEYRING = "keyring"
    PASSPHRASE = "passphrase"
    UNENCRYPTED = "unencrypted"
    QUIT = "quit"
