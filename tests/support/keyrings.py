"""Keyring backends for tests: real ``KeyringBackend`` subclasses, so the store goes
through the same keyring API it uses with the system keyring, without ever touching it.

- ``InMemoryKeyring``: a working keyring, one per test (conftest installs it).
- ``FileKeyring``: a working keyring kept in a JSON file named by
  ``PRIVACY_REVIEW_TEST_KEYRING_FILE``, so subprocesses (CLI tests, the crash test) share
  keys across runs: ``PYTHON_KEYRING_BACKEND=support.keyrings.FileKeyring``.
- ``LockedKeyring``, ``DeniedKeyring``, ``BrokenKeyring``, ``UnstartableKeyring``: the
  ways a system keyring refuses (locked, access denied, an error, cannot start).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import InitError, KeyringError, KeyringLocked, PasswordDeleteError

KEYRING_FILE_ENV = "PRIVACY_REVIEW_TEST_KEYRING_FILE"


# Every KeyringBackend subclass is seen by keyring's automatic discovery. A priority below
# that of keyring.backends.fail.Keyring (0) means discovery never picks a test backend,
# while naming one explicitly (set_keyring, PYTHON_KEYRING_BACKEND) still works.
TEST_PRIORITY = -1


class InMemoryKeyring(KeyringBackend):
    priority = TEST_PRIORITY  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise PasswordDeleteError("no such password") from None


class FileKeyring(KeyringBackend):
    priority = TEST_PRIORITY  # type: ignore[assignment]

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        chosen = path or os.environ.get(KEYRING_FILE_ENV)
        if not chosen:
            raise InitError(f"{KEYRING_FILE_ENV} is not set")
        self.path = Path(chosen)

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def _save(self, data: dict[str, str]) -> None:
        temp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("no such password")
        self._save(data)


class _Refusing(KeyringBackend):
    priority = TEST_PRIORITY  # type: ignore[assignment]

    def refusal(self) -> Exception:
        raise NotImplementedError

    def get_password(self, service: str, username: str) -> str | None:
        raise self.refusal()

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.refusal()

    def delete_password(self, service: str, username: str) -> None:
        raise self.refusal()


class LockedKeyring(_Refusing):
    def refusal(self) -> Exception:
        return KeyringLocked("Failed to unlock the collection!")


class DeniedKeyring(_Refusing):
    def refusal(self) -> Exception:
        return PermissionError(13, "Permission denied")


class BrokenKeyring(_Refusing):
    def refusal(self) -> Exception:
        return KeyringError("org.freedesktop.DBus.Error.ServiceUnknown")


class UnstartableKeyring(_Refusing):
    def refusal(self) -> Exception:
        return InitError("Failed to create the collection: Prompt dismissed.")


class ForgetfulKeyring(InMemoryKeyring):
    """Accepts a key and drops it: some backends do, which is why the store reads back."""

    def set_password(self, service: str, username: str, password: str) -> None:
        return None
