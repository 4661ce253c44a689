"""Where the store's files live and how an open checklist is protected: the small facts
the store, opening and recovery code share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gui.core.paths import AppDirs
from gui.core.store.config import CONFIG_NAME, Mode
from gui.core.store.errors import StorageError
from gui.core.store.files import make_private_dir
from gui.core.store.keys import KeySpec

DB_NAME = "checklist.db"
LOCK_NAME = ".store.lock"

NOT_ENCRYPTED = "none (not encrypted)"
PASSPHRASE_BACKEND = "passphrase"


@dataclass(frozen=True)
class StoreLayout:
    """Where each file of the store lives."""

    data: Path
    backups: Path

    @classmethod
    def of(cls, dirs: AppDirs) -> StoreLayout:
        return cls(data=dirs.data, backups=dirs.backups)

    @property
    def database(self) -> Path:
        return self.data / DB_NAME

    @property
    def config(self) -> Path:
        return self.data / CONFIG_NAME


@dataclass(frozen=True)
class Protection:
    """How the open checklist is protected and where its key came from."""

    mode: Mode
    key: KeySpec | None
    backend: str  # Store.key_backend

    @classmethod
    def unencrypted(cls) -> Protection:
        return cls(Mode.UNENCRYPTED, None, NOT_ENCRYPTED)

    @classmethod
    def from_passphrase(cls, passphrase: str) -> Protection:
        return cls(Mode.PASSPHRASE, KeySpec.passphrase(passphrase), PASSPHRASE_BACKEND)

    @classmethod
    def from_keyring(cls, key: bytes, label: str) -> Protection:
        return cls(Mode.KEYRING, KeySpec.raw(key), f"keyring: {label}")


def prepare_dir(directory: Path) -> None:
    try:
        make_private_dir(directory)
    except OSError as error:
        raise StorageError(
            f"The folder {directory} could not be created: {error.strerror or error}.",
            "Check that the disk is writable, or start with --data-dir pointing to a "
            "writable folder.",
        ) from None
