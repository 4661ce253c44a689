"""Requests in the checklist: the migration from the current schema keeps every decision,
a request's life (drafted, sent, extended, answered) is kept with an append-only history,
and the requester's name lives only in the encrypted store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.requests import Kind, Law, Requester, RequestStatus
from gui.core.store import StoreError, migrations, open_store
from gui.core.store.database import Database
from gui.core.store.keys import SERVICE, KeySpec, generate_key, key_username
from gui.core.store.requests_store import RequestBook, UnknownRequestError

from support.keyrings import InMemoryKeyring

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
REQUESTS_VERSION = migrations.MIGRATIONS.index(migrations.SCHEMA_REQUESTS) + 1


def clock() -> datetime:
    return NOW


def build_current_schema(dirs: AppDirs, keyring: InMemoryKeyring, decisions: int) -> None:
    """An encrypted checklist at the version before the requests migration, with
    ``decisions`` decisions and two history entries for each."""
    key = generate_key()
    keyring.set_password(SERVICE, key_username(dirs.data), key.hex())
    dirs.data.mkdir(parents=True, exist_ok=True)
    database = Database.connect(dirs.data / "checklist.db", KeySpec.raw(key))
    connection = database.connection
    connection.execute("PRAGMA journal_mode = WAL")
    version = REQUESTS_VERSION - 1
    for step in migrations.MIGRATIONS[:version]:
        for statement in step:
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {version}")
    for index in range(decisions):
        at = f"2026-0{1 + index % 9}-01T10:00:00.000000+00:00"
        connection.execute(
            "INSERT INTO decisions VALUES ('x', ?, 'opted-out', ?, ?, 'fp')",
            (f"category-{index}", f"note {index}", at),
        )
        for old, new in ((None, "later"), ("later", "opted-out")):
            connection.execute(
                "INSERT INTO history (platform_id, category_id, old_status, new_status, note, "
                "at) VALUES ('x', ?, ?, ?, ?, ?)",
                (f"category-{index}", old, new, f"note {index}", at),
            )
    database.close()


def test_the_migration_from_the_current_schema_keeps_every_decision(
    app_dirs: AppDirs, isolated_keyring: InMemoryKeyring
) -> None:
    build_current_schema(app_dirs, isolated_keyring, decisions=25)
    with open_store(app_dirs, clock=clock) as store:
        assert store.schema_version() >= REQUESTS_VERSION
        decisions = store.decisions()
        assert len(decisions) == 25
        assert {d.note for d in decisions} == {f"note {i}" for i in range(25)}
        assert len(store.all_history()) == 50
        # The new tables work at once.
        book = RequestBook(store)
        request = book.add("x", "access", Law.GDPR)
        assert book.get(request.id).status is RequestStatus.DRAFTED
        store.record("x", "category-0", Status.KEPT, "", "fp")
        assert len(store.decisions()) == 25
        assert store.integrity_problems() == []


def test_a_request_is_kept_with_its_history(app_dirs: AppDirs) -> None:
    with open_store(app_dirs, clock=clock) as store:
        book = RequestBook(store)
        request = book.add(
            "x",
            Kind.OBJECTION,
            Law.GDPR,
            category_ids=("grok-xai-training",),
            requester=Requester("Ana <Example>", "@ana"),
            grounds="My posts are personal.",
        )
        assert request.category_ids == ("grok-xai-training",)
        sent_on = NOW.date() - timedelta(days=40)
        book.mark_sent(request.id, sent_on)
        assert book.overdue(NOW.date())[0].id == request.id
        extended = book.mark_extended(request.id, "they wrote")
        assert extended.extended and extended.status is RequestStatus.EXTENDED
        assert book.overdue(NOW.date()) == []
        answered = book.mark_answered(request.id, NOW.date())
        assert answered.extended and answered.answered_on == NOW.date()
        assert [e.new_status for e in book.history(request.id)] == [
            RequestStatus.DRAFTED,
            RequestStatus.SENT,
            RequestStatus.EXTENDED,
            RequestStatus.ANSWERED,
        ]
        # The name is remembered for the next letter.
        assert book.last_requester() == Requester("Ana <Example>", "@ana")
    with open_store(app_dirs) as store:  # and it is all on disk
        again = RequestBook(store).get(request.id)
        assert again.requester.name == "Ana <Example>"
        assert again.grounds == "My posts are personal."
        with pytest.raises(StoreError):
            store._db.query("DELETE FROM request_history", action="saved")


def test_bad_input_gets_a_clear_message(app_dirs: AppDirs) -> None:
    with open_store(app_dirs, clock=clock) as store:
        book = RequestBook(store)
        with pytest.raises(UnknownRequestError, match="There is no request 99"):
            book.get(99)
        request = book.add("x", "know", Law.CCPA)
        with pytest.raises(StoreError, match="in the future"):
            book.mark_sent(request.id, date(2027, 1, 1))
        with pytest.raises(StoreError, match="not marked as sent"):
            book.mark_extended(request.id)
        with pytest.raises(StoreError, match="too long"):
            book.add("x", "know", Law.CCPA, requester=Requester("A" * 201))
        from gui.core.requests import RequestInputError

        with pytest.raises(RequestInputError, match="valid kinds"):
            book.add("x", "erasure", Law.CCPA)
        # Control characters are not stored; markup is, as typed.
        kept = book.add("x", "know", Law.CCPA, notes="<i>mine</i>\x1b[2J")
        assert kept.notes == "<i>mine</i>[2J"


def test_the_name_never_reaches_the_log_or_a_plain_file(app_dirs: AppDirs) -> None:
    name = "Zebulon Uniquename"
    with open_store(app_dirs, clock=clock) as store:
        RequestBook(store).add("x", "access", Law.GDPR, requester=Requester(name, "@zeb"))
    for path in app_dirs.data.rglob("*"):
        if path.is_file():
            assert name.encode() not in path.read_bytes(), path
