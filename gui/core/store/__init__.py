"""The checklist store: decisions, history, settings and policy snapshots in an encrypted
SQLite file. Qt-free; ``keyring`` and ``sqlcipher3`` are imported only when a store is
opened, so importing this package is cheap.

    store = open_store(paths.resolve())      # may raise KeyUnavailableError, StoreError
    store.record("x", "grok-ai-training", Status.OPTED_OUT, "", category.fingerprint)
"""

from gui.core.store.config import CONFIG_NAME, Mode
from gui.core.store.errors import (
    BackupError,
    DatabaseDamagedError,
    ImportRejectedError,
    KeyNotFoundError,
    KeyUnavailableError,
    NewerVersionError,
    PassphraseRequiredError,
    StorageError,
    StoreError,
    WrongKeyError,
)
from gui.core.store.exchange import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    ImportResult,
    parse_export_bytes,
    read_export_file,
)
from gui.core.store.layout import DB_NAME
from gui.core.store.locking import StoreInUseError
from gui.core.store.migrations import LATEST_VERSION
from gui.core.store.opening import init_store, open_store
from gui.core.store.recovery import (
    RestorePlan,
    RestoreResult,
    export_key,
    import_key,
    plan_restore,
    restore_backup,
)
from gui.core.store.snapshots import PolicySnapshot
from gui.core.store.store import RECHECK_DAYS_SETTING, Store

__all__ = [
    "CONFIG_NAME",
    "DB_NAME",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "LATEST_VERSION",
    "RECHECK_DAYS_SETTING",
    "BackupError",
    "DatabaseDamagedError",
    "ImportRejectedError",
    "ImportResult",
    "KeyNotFoundError",
    "KeyUnavailableError",
    "Mode",
    "NewerVersionError",
    "PassphraseRequiredError",
    "PolicySnapshot",
    "RestorePlan",
    "RestoreResult",
    "StorageError",
    "Store",
    "StoreError",
    "StoreInUseError",
    "WrongKeyError",
    "export_key",
    "import_key",
    "init_store",
    "open_store",
    "read_export_file",
    "parse_export_bytes",
    "plan_restore",
    "restore_backup",
]
