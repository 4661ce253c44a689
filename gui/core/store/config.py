"""``store.json``, the small plain file beside the database that records how the checklist is
protected: by a key in the system keyring, by a passphrase, or not at all. It never holds
the key. It is a hint: when it is missing or unreadable, the database file itself tells
whether it is encrypted, and the keyring is tried before asking for a passphrase.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from gui.core.store.files import read_limited, write_private_file

CONFIG_FORMAT = 1
MAX_CONFIG_BYTES = 64_000
CHECKLIST_ID_RE = re.compile(r"[0-9a-f]{32}")
# The two files that name a checklist: the hint file and its identity (written once).
CONFIG_NAME = "store.json"
ID_FILE_NAME = "checklist.id"


def new_checklist_id() -> str:
    return secrets.token_hex(16)


class Mode(StrEnum):
    KEYRING = "keyring"  # a random 256-bit key kept in the system keyring
    PASSPHRASE = "passphrase"  # SQLCipher derives the key from the user's passphrase
    UNENCRYPTED = "unencrypted"  # the user chose plain SQLite


@dataclass(frozen=True)
class StoreConfig:
    mode: Mode
    key_backend: str  # where the key was the last time the store opened, for `store info`
    # The checklist's identity: its keyring entry is found by this, not by the folder's
    # path, so a data dir moved, copied or on a USB stick mounted elsewhere keeps its key.
    checklist_id: str = ""
    # Where the data dir was when last opened: tells a move apart from a lost key.
    location: str = ""

    def with_identity(self, checklist_id: str, location: str) -> StoreConfig:
        return replace(self, checklist_id=checklist_id, location=location)

    def to_json(self) -> dict[str, object]:
        return {
            "format": CONFIG_FORMAT,
            "mode": self.mode.value,
            "key_backend": self.key_backend,
            "checklist_id": self.checklist_id,
            "location": self.location,
            "about": "How the Privacy Review checklist is protected. This file never holds "
            "the key.",
        }


def read_config(path: Path) -> StoreConfig | None:
    """The recorded choice, or None when there is none or it cannot be read."""
    with contextlib.suppress(OSError, ValueError, RecursionError):
        data = json.loads(read_limited(path, MAX_CONFIG_BYTES).decode("utf-8"))
        if isinstance(data, dict) and data.get("mode") in set(Mode):
            backend = data.get("key_backend")
            identity = data.get("checklist_id")
            location = data.get("location")
            return StoreConfig(
                Mode(data["mode"]),
                backend if isinstance(backend, str) else "",
                identity
                if isinstance(identity, str) and CHECKLIST_ID_RE.fullmatch(identity)
                else "",
                location if isinstance(location, str) else "",
            )
    return None


def write_config(path: Path, config: StoreConfig) -> None:
    text = json.dumps(config.to_json(), indent=2, ensure_ascii=False) + "\n"
    write_private_file(path, text.encode("utf-8"))


def read_identity(data: Path, config: StoreConfig | None) -> str:
    """The checklist's id: from ``store.json`` when it names one, else from
    ``checklist.id``; "" when it has none. Here, beside the config it reads, so that both
    the key names (``keys``) and the identity code (``identity``) can use it."""
    if config is not None and config.checklist_id:
        return config.checklist_id
    with contextlib.suppress(OSError, ValueError):
        text = read_limited(data / ID_FILE_NAME, 1000).decode("ascii").strip()
        if CHECKLIST_ID_RE.fullmatch(text):
            return text
    return ""
