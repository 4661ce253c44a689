"""``store.json``, the small plain file beside the database that records how the checklist is
protected: by a key in the system keyring, by a passphrase, or not at all. It never holds
the key. It is a hint: when it is missing or unreadable, the database file itself tells
whether it is encrypted, and the keyring is tried before asking for a passphrase.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from gui.core.store.files import read_limited, write_private_file

CONFIG_FORMAT = 1
MAX_CONFIG_BYTES = 64_000


class Mode(StrEnum):
    KEYRING = "keyring"  # a random 256-bit key kept in the system keyring
    PASSPHRASE = "passphrase"  # SQLCipher derives the key from the user's passphrase
    UNENCRYPTED = "unencrypted"  # the user chose plain SQLite


@dataclass(frozen=True)
class StoreConfig:
    mode: Mode
    key_backend: str  # where the key was the last time the store opened, for `store info`

    def to_json(self) -> dict[str, object]:
        return {
            "format": CONFIG_FORMAT,
            "mode": self.mode.value,
            "key_backend": self.key_backend,
            "about": "How the Privacy Review checklist is protected. This file never holds "
            "the key.",
        }


def read_config(path: Path) -> StoreConfig | None:
    """The recorded choice, or None when there is none or it cannot be read."""
    with contextlib.suppress(OSError, ValueError, RecursionError):
        data = json.loads(read_limited(path, MAX_CONFIG_BYTES).decode("utf-8"))
        if isinstance(data, dict) and data.get("mode") in set(Mode):
            backend = data.get("key_backend")
            return StoreConfig(Mode(data["mode"]), backend if isinstance(backend, str) else "")
    return None


def write_config(path: Path, config: StoreConfig) -> None:
    text = json.dumps(config.to_json(), indent=2, ensure_ascii=False) + "\n"
    write_private_file(path, text.encode("utf-8"))
