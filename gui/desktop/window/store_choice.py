"""How the user chose to protect or unlock the checklist: shared by the welcome page, the
key problem dialog and the store dialogs without any of them importing another."""

from __future__ import annotations

from enum import Enum


class KeyChoice(Enum):
    KEYRING = "keyring"
    PASSPHRASE = "passphrase"
    UNENCRYPTED = "unencrypted"
    RETRY = "retry"  # ask the keyring again (after unlocking it, say)
    KEY_FILE = "key-file"  # import a key saved with `privacy-review key export`
    QUIT = "quit"
