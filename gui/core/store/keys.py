"""The checklist's encryption key: a random 256-bit key kept in the system keyring, or the
user's passphrase. Every keyring call goes through here and any failure, whatever the
backend raises, becomes ``KeyringProblem`` with a reason a person can read.

``keyring`` is imported inside the functions: importing it and discovering the backend
costs ~180 ms, most of a window's start-up.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gui.core.store.config import CONFIG_NAME, read_config, read_identity
from gui.core.store.errors import StoreError
from gui.core.store.files import read_limited, write_private_file

SERVICE = "privacy-review"
KEY_BYTES = 32  # 256-bit, SQLCipher's raw key size
KEY_FILE_FORMAT = "privacy-review-key"
KEY_FILE_VERSION = 1
# For new passphrases only (an existing checklist opens with whatever it was made with).
# Where no keyring works the passphrase is the only protection, and the checklist file
# can be copied and guessed at offline as fast as the attacker's hardware allows.
MIN_PASSPHRASE_CHARS = 12
MAX_PASSPHRASE_CHARS = 1024
_HEX_KEY_RE = re.compile(r"^[0-9a-f]{64}$")


class KeyringProblem(Exception):
    """The keyring could not be used; ``reason`` completes "The key could not be read
    because ..."; ``backend`` names the keyring backend in use."""

    def __init__(self, reason: str, backend: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.backend = backend


@dataclass(frozen=True)
class KeySpec:
    """What SQLCipher is keyed with: ``x'<hex>'`` for a raw key, else a passphrase that
    SQLCipher stretches itself (PBKDF2, salt in the file header), so a passphrase-protected
    file is self-contained and opens with any SQLCipher tool."""

    material: str

    @classmethod
    def raw(cls, key: bytes) -> KeySpec:
        return cls(f"x'{key.hex()}'")

    @classmethod
    def passphrase(cls, passphrase: str) -> KeySpec:
        return cls(passphrase)

    def __repr__(self) -> str:  # never let a key reach a log or a traceback
        return "KeySpec(<hidden>)"


def key_username(data_dir: Path) -> str:
    """The keyring entry's user name for the checklist in ``data_dir``: by the checklist's
    id (``checklist.id``, which moves with the folder), or, for a checklist without one,
    by the folder's path, as older versions named it. One key per checklist, so a portable
    install or a test run with ``--data-dir`` never touches the user's main key."""
    checklist_id = read_identity(data_dir, read_config(data_dir / CONFIG_NAME))
    return id_key_name(checklist_id) if checklist_id else path_key_name(data_dir)


def id_key_name(checklist_id: str) -> str:
    return f"checklist-key id:{checklist_id}"


def path_key_name(data_dir: Path) -> str:
    """The name older versions used; still read, and migrated to the id-based one."""
    return f"checklist-key {data_dir}"


def generate_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def check_new_passphrase(passphrase: str) -> str | None:
    """Why this passphrase cannot protect a new checklist, or None when it can."""
    if "\x00" in passphrase:
        return "the passphrase must not contain NUL characters"
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        return f"choose a passphrase of at least {MIN_PASSPHRASE_CHARS} characters"
    if len(passphrase) > MAX_PASSPHRASE_CHARS:
        return f"a passphrase can have at most {MAX_PASSPHRASE_CHARS} characters"
    return None


def _describe(error: BaseException) -> str:
    return str(error).strip() or type(error).__name__


def _reason(error: BaseException) -> str:
    """Why a keyring call failed, in words. The order matters: KeyringLocked, InitError and
    NoKeyringError are all KeyringError subclasses."""
    from keyring import errors

    if isinstance(error, errors.NoKeyringError):
        return "no usable system keyring was found"
    if isinstance(error, errors.KeyringLocked):
        return "the system keyring is locked"
    if isinstance(error, errors.InitError):
        return f"the system keyring could not be started ({_describe(error)})"
    if isinstance(error, PermissionError):
        return "access to the system keyring was denied"
    if isinstance(error, errors.KeyringError):
        return f"the system keyring reported an error ({_describe(error)})"
    return f"the system keyring failed ({type(error).__name__}: {_describe(error)})"


def _backend() -> Any:
    """The active keyring backend, or KeyringProblem when there is no usable one."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception as error:  # any backend can fail while starting; none may crash us
        raise KeyringProblem(_reason(error), "unknown") from None
    if isinstance(backend, fail.Keyring):
        raise KeyringProblem("no usable system keyring was found", backend_label(backend))
    return backend


def backend_label(backend: Any) -> str:
    """A backend's display name, e.g. "SecretService Keyring"."""
    try:
        name = str(backend.name)
    except Exception:  # a broken backend class still gets a name
        name = type(backend).__name__
    return " ".join(name.split())


def active_backend_name() -> str:
    """The keyring backend this run would use, for `store info`; never raises."""
    try:
        return backend_label(_backend())
    except KeyringProblem as problem:
        return f"{problem.backend} ({problem.reason})"


def _holder_label(backend: Any, username: str, value: str) -> str:
    """The backend that actually holds the key. keyring's chainer backend merges several
    stores; the user wants to know which one the key is in."""
    for member in getattr(backend, "backends", ()) or ():
        try:
            if member.get_password(SERVICE, username) == value:
                return backend_label(member)
        except Exception:  # a member failing here only costs us the precise name
            continue
    return backend_label(backend)


def load_key(username: str) -> tuple[bytes | None, str]:
    """The stored key (None when the keyring has none) and the name of the backend holding
    it. Raises KeyringProblem when the keyring is missing, locked or refuses access."""
    backend = _backend()
    label = backend_label(backend)
    try:
        value = backend.get_password(SERVICE, username)
    except Exception as error:
        raise KeyringProblem(_reason(error), label) from None
    if value is None:
        return None, label
    if not isinstance(value, str) or not _HEX_KEY_RE.match(value):
        raise KeyringProblem(
            "the system keyring holds an entry for this checklist that is not a valid key",
            label,
        )
    return bytes.fromhex(value), _holder_label(backend, username, value)


def save_key(username: str, key: bytes) -> str:
    """Store the key and read it back (some backends accept a write and drop it). Returns
    the backend name. Raises KeyringProblem."""
    if len(key) != KEY_BYTES:
        raise ValueError("a checklist key has 32 bytes")
    backend = _backend()
    label = backend_label(backend)
    try:
        backend.set_password(SERVICE, username, key.hex())
        stored = backend.get_password(SERVICE, username)
    except Exception as error:
        raise KeyringProblem(_reason(error), label) from None
    if stored != key.hex():
        raise KeyringProblem("the system keyring did not keep the key it was given", label)
    return _holder_label(backend, username, stored)


# --- key files: `privacy-review key export|import` --------------------------------------


def write_key_file(path: Path, key: bytes, database: Path) -> None:
    """Write the key for safekeeping: mode 0600, never over an existing file."""
    document = {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "key": key.hex(),
        "checklist": str(database),
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warning": "Anyone with this file and your checklist file can read your checklist. "
        "Keep it private, e.g. on a USB stick in a drawer.",
    }
    data = (json.dumps(document, indent=2) + "\n").encode("utf-8")
    try:
        write_private_file(path, data, overwrite=False)
    except FileExistsError:
        raise StoreError(
            f"{path} already exists; the key was not written.",
            "Choose a new file name (an existing file is never overwritten).",
        ) from None
    except OSError as error:
        raise StoreError(
            f"The key could not be written to {path}: {error.strerror or error}.",
            "Choose a folder you can write to.",
        ) from None


def read_key_file(path: Path) -> bytes:
    """The key from a file written by ``write_key_file``; StoreError when it is not one."""
    try:
        document = json.loads(read_limited(path, 64_000).decode("utf-8"))
    except OSError as error:
        raise StoreError(f"{path} could not be read: {error.strerror or error}.") from None
    except (ValueError, RecursionError):
        document = None
    key = document.get("key") if isinstance(document, dict) else None
    if (
        not isinstance(document, dict)
        or document.get("format") != KEY_FILE_FORMAT
        or document.get("version") != KEY_FILE_VERSION
        or not isinstance(key, str)
        or not _HEX_KEY_RE.match(key)
    ):
        raise StoreError(
            f"{path} is not a Privacy Review key file.",
            "Use a file written by `privacy-review key export`.",
        )
    return bytes.fromhex(key)
