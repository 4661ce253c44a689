"""The schema, versioned with ``PRAGMA user_version``. Migrations only go forward; each
runs in one transaction together with the version bump, so a crash leaves the database at
the old version or the new one, never between.

Version 0 is an empty file. A database whose version is higher than ``LATEST_VERSION``
was written by a newer app and is refused, untouched (see ``gui.core.store.store``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gui.core.checklist import Status

_STATUSES = ", ".join(f"'{status.value}'" for status in Status)

# Version 1: decisions, their append-only history, and settings.
SCHEMA_V1 = (
    f"""
    CREATE TABLE decisions (
        platform_id TEXT NOT NULL,
        category_id TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ({_STATUSES})),
        note        TEXT NOT NULL DEFAULT '',
        decided_at  TEXT NOT NULL,  -- ISO 8601, UTC, microseconds
        fingerprint TEXT NOT NULL,  -- Category.fingerprint when the user decided
        PRIMARY KEY (platform_id, category_id)
    ) WITHOUT ROWID
    """,
    f"""
    CREATE TABLE history (
        id          INTEGER PRIMARY KEY,
        platform_id TEXT NOT NULL,
        category_id TEXT NOT NULL,
        old_status  TEXT CHECK (old_status IS NULL OR old_status IN ({_STATUSES})),
        new_status  TEXT NOT NULL CHECK (new_status IN ({_STATUSES})),
        note        TEXT NOT NULL DEFAULT '',
        at          TEXT NOT NULL
    )
    """,
    "CREATE INDEX history_by_category ON history (platform_id, category_id, at)",
    # History is a record of what happened: the database itself refuses to rewrite it.
    """
    CREATE TRIGGER history_never_updated BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END
    """,
    """
    CREATE TRIGGER history_never_deleted BEFORE DELETE ON history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END
    """,
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID
    """,
)

# Version 2: the last seen text of each policy document, for the policy-change watch.
SCHEMA_V2 = (
    """
    CREATE TABLE policy_snapshots (
        platform_id   TEXT NOT NULL,
        policy_id     TEXT NOT NULL,
        url           TEXT NOT NULL,
        checked_at    TEXT NOT NULL,
        text          TEXT NOT NULL,
        changed_at    TEXT,  -- when a change was last detected; NULL if never
        previous_text TEXT,  -- the text before that change
        PRIMARY KEY (platform_id, policy_id)
    ) WITHOUT ROWID
    """,
)

# Privacy requests (GDPR, UK GDPR, CCPA letters) and their append-only history. The
# statuses are the ones a user records; "overdue" follows from the date and is never stored.
_REQUEST_STATUSES = "'drafted', 'sent', 'extended', 'answered', 'closed'"
SCHEMA_REQUESTS = (
    f"""
    CREATE TABLE requests (
        id                INTEGER PRIMARY KEY,
        platform_id       TEXT NOT NULL,
        category_ids      TEXT NOT NULL DEFAULT '[]',  -- JSON list of category ids
        kind              TEXT NOT NULL,
        law               TEXT NOT NULL CHECK (law IN ('gdpr', 'uk-gdpr', 'ccpa')),
        status            TEXT NOT NULL CHECK (status IN ({_REQUEST_STATUSES})),
        drafted_at        TEXT NOT NULL,  -- ISO 8601, UTC
        sent_on           TEXT,           -- YYYY-MM-DD, when the user says they sent it
        answered_on       TEXT,
        extended          INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
        follow_up_on      TEXT,
        requester_name    TEXT NOT NULL DEFAULT '',
        requester_account TEXT NOT NULL DEFAULT '',
        grounds           TEXT NOT NULL DEFAULT '',
        details           TEXT NOT NULL DEFAULT '',
        notes             TEXT NOT NULL DEFAULT ''
    )
    """,
    f"""
    CREATE TABLE request_history (
        id          INTEGER PRIMARY KEY,
        request_id  INTEGER NOT NULL REFERENCES requests (id),
        old_status  TEXT CHECK (old_status IS NULL OR old_status IN ({_REQUEST_STATUSES})),
        new_status  TEXT NOT NULL CHECK (new_status IN ({_REQUEST_STATUSES})),
        note        TEXT NOT NULL DEFAULT '',
        at          TEXT NOT NULL
    )
    """,
    "CREATE INDEX request_history_by_request ON request_history (request_id, at)",
    """
    CREATE TRIGGER request_history_never_updated BEFORE UPDATE ON request_history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END
    """,
    """
    CREATE TRIGGER request_history_never_deleted BEFORE DELETE ON request_history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END
    """,
)

# What the user's data exports showed: one row per export platform, only the derived
# findings (counts, dates, the few examples shown) as JSON, never the export's content.
SCHEMA_EXPORT_FINDINGS = (
    """
    CREATE TABLE export_findings (
        platform_id TEXT PRIMARY KEY,
        export_name TEXT NOT NULL,  -- the archive's file name, without its folder
        export_date TEXT,           -- ISO 8601, UTC, when the platform made it (if known)
        read_at     TEXT NOT NULL,
        findings    TEXT NOT NULL   -- JSON, gui.core.evidence.model.ExportReading
    ) WITHOUT ROWID
    """,
)

# MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_REQUESTS,
    SCHEMA_EXPORT_FINDINGS,
)
LATEST_VERSION = len(MIGRATIONS)


def migrate(
    database: Any, *, before_upgrade: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Bring ``database`` (a gui.core.store.database.Database) to LATEST_VERSION. Returns
    (version found, version now). ``before_upgrade(version)`` runs once before an existing,
    non-empty database is changed (the store makes a backup there).

    The version is read again inside the write transaction: when the GUI and the CLI open
    a new checklist at the same moment, the second one finds the work done.
    """
    found = database.user_version()
    if found >= LATEST_VERSION:
        return found, found
    if found > 0 and before_upgrade is not None:
        before_upgrade(found)
    version = found
    while True:
        with database.transaction("upgraded") as connection:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if version >= LATEST_VERSION:
                break
            for statement in MIGRATIONS[version]:
                connection.execute(statement)
            # PRAGMA takes no parameters; the value is our own integer.
            connection.execute(f"PRAGMA user_version = {version + 1}")
    return found, version
