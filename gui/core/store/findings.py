"""What the user's data exports showed (``gui.core.evidence``), kept in the checklist's
encrypted file: one reading per export platform, replaced by the next one read. Only the
derived findings are stored (counts, dates, the few examples shown, the export's file name
and date), never the export's content.

The functions take the store's database (``database_of(store)``), as the store's own
tables are reached through it; the store module itself is left to its owners.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from gui.core.evidence.model import ExportReading
from gui.core.store.errors import StoreError
from gui.core.store.exchange import format_time

if TYPE_CHECKING:
    from gui.core.store.database import Database
    from gui.core.store.store import Store

MAX_FINDINGS_CHARS = 1_000_000


def database_of(store: Store) -> Database:
    database: Database = store._db  # noqa: SLF001 - the store's one connection
    return database


def save_reading(database: Database, reading: ExportReading) -> None:
    """Keep ``reading`` in place of any earlier one for the same platform."""
    text = json.dumps(reading.to_json(), ensure_ascii=False, sort_keys=True)
    if len(text) > MAX_FINDINGS_CHARS:
        raise StoreError(
            "What the export shows is too large to keep; nothing was saved.",
            "This should not happen with a real export; please report it.",
        )
    export_date = format_time(reading.export_date) if reading.export_date else None
    with database.transaction("saved") as connection:
        connection.execute(
            "INSERT INTO export_findings (platform_id, export_name, export_date, read_at, "
            "findings) VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform_id) DO UPDATE SET "
            "export_name = excluded.export_name, export_date = excluded.export_date, "
            "read_at = excluded.read_at, findings = excluded.findings",
            (
                reading.platform_id,
                reading.export_name,
                export_date,
                format_time(reading.read_at),
                text,
            ),
        )


def load_readings(database: Database, platform_id: str | None = None) -> list[ExportReading]:
    """The kept readings, by platform. A row that does not parse is skipped (it can only
    come from a damaged file, and the checklist must still open)."""
    sql = "SELECT findings FROM export_findings"
    rows = (
        database.query(sql + " ORDER BY platform_id")
        if platform_id is None
        else database.query(sql + " WHERE platform_id = ?", (platform_id,))
    )
    readings = []
    for (text,) in rows:
        try:
            data: Any = json.loads(str(text))
            readings.append(ExportReading.from_json(data))
        except (ValueError, KeyError, TypeError):
            continue
    return readings


def forget_reading(database: Database, platform_id: str) -> bool:
    """Remove what the export of ``platform_id`` showed. True if there was one."""
    with database.transaction("saved") as connection:
        cursor = connection.execute(
            "DELETE FROM export_findings WHERE platform_id = ?", (platform_id,)
        )
        return bool(cursor.rowcount)
