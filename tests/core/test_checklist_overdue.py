"""A GDPR request left unanswered past its legal deadline puts its category in "needs
attention", with the reason in words; an extended one does not (yet)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from gui.core import paths
from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import FLAG_OVERDUE, Status
from gui.core.checklist_source import ChecklistSource
from gui.core.requests.laws import Law
from gui.core.store import Store, open_store
from gui.core.store.requests_store import RequestBook


@pytest.fixture
def store() -> Iterator[Store]:
    opened = open_store(paths.resolve())
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def row_of(source: ChecklistSource, platform_id: str, category_id: str):  # type: ignore[no-untyped-def]
    return next(
        r for r in source.rows() if (r.platform_id, r.category_id) == (platform_id, category_id)
    )


def test_an_overdue_request_flags_its_category(catalog: Catalog, store: Store) -> None:
    book = RequestBook(store)
    request = book.add("x", "access", Law.GDPR, category_ids=("ai-training-x-models",))
    book.mark_sent(request.id, date.today() - timedelta(days=40))
    store.record("x", "ai-training-x-models", Status.KEPT, "", _fingerprint(catalog))
    source = ChecklistSource(catalog, store)

    row = row_of(source, "x", "ai-training-x-models")
    assert row.overdue and row.needs_attention
    assert FLAG_OVERDUE in row.flags and FLAG_OVERDUE in row.attention_reasons
    # The single-row re-read after a save agrees with the whole checklist.
    assert source.row("x", "ai-training-x-models") == row
    # Other categories are not flagged by it.
    assert not row_of(source, "x", "biometrics").overdue

    book.mark_extended(request.id)  # two more months under Art. 12(3)
    assert not row_of(source, "x", "ai-training-x-models").overdue


def test_a_request_sent_recently_is_not_overdue(catalog: Catalog, store: Store) -> None:
    book = RequestBook(store)
    request = book.add("x", "access", Law.GDPR, category_ids=("ai-training-x-models",))
    book.mark_sent(request.id, date.today() - timedelta(days=10))
    assert not row_of(ChecklistSource(catalog, store), "x", "ai-training-x-models").overdue


def _fingerprint(catalog: Catalog) -> str:
    platform = catalog.platform("x")
    assert platform is not None
    category = platform.category("ai-training-x-models")
    assert category is not None
    return category.fingerprint
