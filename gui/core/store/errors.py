"""What can go wrong with the checklist store, each said twice: what happened, and what the
user can do about it. The GUI shows both parts; the command line prints ``str(error)``.

Every expected failure (no keyring, wrong key, damaged file, full disk...) is one of these,
so callers never need to show a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence


class StoreError(Exception):
    """A failure the user can act on: ``message`` says what happened, ``recovery`` what to
    do. ``str()`` gives both, on two lines."""

    def __init__(self, message: str, recovery: str = "") -> None:
        self.message = message
        self.recovery = recovery
        super().__init__(f"{message}\n{recovery}" if recovery else message)


class KeyUnavailableError(StoreError):
    """No encryption key could be had: the keyring is missing, locked or refused access,
    or a passphrase is needed and none was given.

    ``can_use_passphrase``: calling ``open_store`` again with a passphrase may work.
    ``can_store_unencrypted``: no checklist exists yet, so the user may choose to keep it
    unencrypted (``allow_unencrypted=True``). An existing encrypted file is never replaced.
    """

    def __init__(
        self,
        message: str,
        recovery: str,
        *,
        reason: str,
        can_use_passphrase: bool,
        can_store_unencrypted: bool,
    ) -> None:
        super().__init__(message, recovery)
        self.reason = reason
        self.can_use_passphrase = can_use_passphrase
        self.can_store_unencrypted = can_store_unencrypted


class PassphraseRequiredError(KeyUnavailableError):
    """The checklist is protected by a passphrase and none was given."""


class KeyNotFoundError(KeyUnavailableError):
    """The keyring works but holds no key for an existing encrypted checklist. The file is
    left untouched; recovery is restoring the key, a passphrase, or an export."""


class WrongKeyError(StoreError):
    """The key or passphrase does not open the checklist (or its first page is damaged)."""


class DatabaseDamagedError(StoreError):
    """The checklist file is corrupt or truncated. It is never overwritten or deleted."""


class NewerVersionError(StoreError):
    """The checklist was written by a newer version of the app; it was not changed."""


class StorageError(StoreError):
    """The disk refused: read-only, full, an I/O error, or another process holding a lock
    longer than the busy timeout."""


class BackupError(StoreError):
    """A backup could not be made or restored. The checklist itself is unaffected."""


class ImportRejectedError(StoreError):
    """An import file was refused before anything changed; ``problems`` lists why."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:10])
        more = f"\n  (and {len(self.problems) - 10} more)" if len(self.problems) > 10 else ""
        super().__init__(
            f"The file was not imported; nothing was changed:\n{shown}{more}",
            "Import a file written by `privacy-review export` (or the app's Export command).",
        )
