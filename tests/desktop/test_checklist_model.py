"""The checklist item model and its filter proxy, without any view or store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import ChecklistRow, Decision, Status, build_checklist
from gui.core.words import status_words
from gui.desktop.window.checklist_filter import ANY_STATUS, UNREVIEWED, ChecklistFilter
from gui.desktop.window.checklist_model import (
    IS_PLATFORM_ROLE,
    KEY_ROLE,
    ROW_ROLE,
    ChecklistModel,
    Column,
    progress_of,
)

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def decide(
    catalog: Catalog,
    platform_id: str,
    index: int,
    status: Status,
    note: str = "",
    *,
    days_ago: int = 1,
    stale: bool = False,
) -> Decision:
    platform = catalog.platform(platform_id)
    assert platform is not None
    category = platform.categories[index]
    return Decision(
        platform_id,
        category.id,
        status,
        note,
        NOW - timedelta(days=days_ago),
        "0000000000000000" if stale else category.fingerprint,
    )


@pytest.fixture
def rows(catalog: Catalog) -> list[ChecklistRow]:
    decisions = [
        decide(catalog, "x", 0, Status.OPTED_OUT, "turned off on quokkaphone\nsecond line"),
        decide(catalog, "x", 1, Status.KEPT, days_ago=400),  # due
        decide(catalog, "x", 2, Status.LATER),
        decide(catalog, "x", 3, Status.OPTED_OUT, stale=True),  # changed
        decide(catalog, "facebook", 0, Status.NOT_APPLICABLE, "no account <b>really</b>"),
        Decision("facebook", "gone-category", Status.KEPT, "", NOW, "f" * 16),  # retired
    ]
    return build_checklist(catalog, decisions, now=NOW, platform_ids=["facebook", "x"])


def recorded_row(row: ChecklistRow, status: Status, note: str) -> ChecklistRow:
    assert row.category is not None
    decision = Decision(
        row.platform_id, row.category_id, status, note, NOW, row.category.fingerprint
    )
    return replace(row, decision=decision, changed=False, due=False)


@pytest.fixture
def model(rows: list[ChecklistRow]) -> ChecklistModel:
    model = ChecklistModel()
    model.set_rows(rows)
    return model


def child(model: ChecklistModel, platform_row: int, row: int, column: int = 0) -> QModelIndex:
    return model.index(row, column, model.index(platform_row, 0))


def test_model_passes_modeltester(qtmodeltester, model: ChecklistModel) -> None:
    qtmodeltester.check(model, force_py=True)
    model.set_recorder(recorded_row)
    qtmodeltester.check(model, force_py=True)


def test_proxy_passes_modeltester(qtmodeltester, model: ChecklistModel) -> None:
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_search_text("train")
    proxy.set_needs_attention(True)
    qtmodeltester.check(proxy, force_py=True)


def test_tree_shape_and_columns(model: ChecklistModel, catalog: Catalog) -> None:
    assert model.rowCount() == 2
    facebook = model.index(0, 0)
    assert facebook.data() == "Facebook"
    assert facebook.data(IS_PLATFORM_ROLE) is True
    fb = catalog.platform("facebook")
    assert fb is not None
    assert model.rowCount(facebook) == len(fb.categories) + 1  # plus the retired one
    first = child(model, 0, 0)
    assert first.data() == fb.categories[0].title
    first_row = model.row_for(first)
    assert first_row is not None and first_row.status is Status.NOT_APPLICABLE
    # A decision in the words picked for the category's control (gui.core.words).
    assert child(model, 0, 0, Column.STATUS).data() == status_words(
        Status.NOT_APPLICABLE, first_row.control_kind()
    )
    assert child(model, 0, 0, Column.DECIDED).data() == "27 Nov 2026"
    assert first.data(KEY_ROLE) == ("facebook", fb.categories[0].id)
    assert first.data(ROW_ROLE).category == fb.categories[0]
    retired = child(model, 0, len(fb.categories))
    assert retired.data() == "gone-category (retired)"
    assert child(model, 0, len(fb.categories), Column.FLAGS).data() == "retired from the catalog"
    assert child(model, 0, 1, Column.STATUS).data() == "Not reviewed"
    assert model.parent(first) == facebook
    assert model.rowCount(first) == 0


def test_progress_line_per_platform(model: ChecklistModel, catalog: Catalog) -> None:
    x = catalog.platform("x")
    assert x is not None
    # Four decided: one "later" does not count as reviewed; one due and one changed.
    assert (
        model.index(1, Column.STATUS).data() == f"3 of {len(x.categories)} reviewed, 2 to re-check"
    )
    fb = catalog.platform("facebook")
    assert fb is not None
    assert model.progress("facebook") == progress_of(model.all_rows()[: len(fb.categories) + 1])
    assert model.index(0, Column.STATUS).data() == f"1 of {len(fb.categories)} reviewed, 1 retired"


def test_flags_and_notes(model: ChecklistModel) -> None:
    assert child(model, 1, 1, Column.FLAGS).data() == "due for a re-check"
    assert child(model, 1, 3, Column.FLAGS).data() == "changed since you decided"
    assert child(model, 1, 0, Column.NOTE).data() == "turned off on quokkaphone …"
    assert child(model, 1, 0, Column.NOTE).data(Qt.ItemDataRole.EditRole) == (
        "turned off on quokkaphone\nsecond line"
    )
    # Notes are text: markup in a note is escaped in the tool tip, never interpreted.
    tip = child(model, 0, 0, Column.NOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;really&lt;/b&gt;" in tip and "<b>" not in tip


def test_read_only_without_recorder(model: ChecklistModel) -> None:
    index = child(model, 1, 5, Column.STATUS)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, Status.KEPT.value)


def test_edit_status_and_note_in_place(model: ChecklistModel, qtbot) -> None:
    recorded: list[tuple[str, Status, str]] = []

    def recorder(row: ChecklistRow, status: Status, note: str) -> ChecklistRow:
        recorded.append((row.category_id, status, note))
        return recorded_row(row, status, note)

    model.set_recorder(recorder)
    status_index = child(model, 1, 5, Column.STATUS)
    note_index = child(model, 1, 5, Column.NOTE)
    # Unreviewed: the status can be set, the note only once there is a decision.
    assert model.flags(status_index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(note_index) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(status_index, Status.OPTED_OUT.value)
    edited = model.row_for(status_index)
    assert edited is not None and edited.status is Status.OPTED_OUT
    assert status_index.data() == status_words(Status.OPTED_OUT, edited.control_kind())
    assert model.setData(note_index, "did it on the phone")
    assert note_index.data() == "did it on the phone"
    category_id = model.row_for(status_index).category_id
    assert recorded == [
        (category_id, Status.OPTED_OUT, ""),
        (category_id, Status.OPTED_OUT, "did it on the phone"),
    ]
    assert not model.setData(status_index, "no-such-status")
    # Retired rows keep their decision but cannot be decided again.
    retired = child(model, 0, model.rowCount(model.index(0, 0)) - 1, Column.STATUS)
    assert not model.flags(retired) & Qt.ItemFlag.ItemIsEditable


def test_set_rows_with_same_shape_keeps_indexes(model: ChecklistModel, rows, qtbot) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(child(model, 1, 5))
    changed = list(rows)
    position = next(i for i, r in enumerate(changed) if r == model.row_for(kept))
    changed[position] = recorded_row(changed[position], Status.KEPT, "from the command line")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_rows(changed)
    assert kept.isValid()
    assert model.index(kept.row(), Column.NOTE, kept.parent()).data() == "from the command line"
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(changed[:-1])


def visible_titles(proxy: ChecklistFilter) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {}
    for p in range(proxy.rowCount()):
        parent = proxy.index(p, 0)
        shown[parent.data()] = [
            proxy.index(r, 0, parent).data() for r in range(proxy.rowCount(parent))
        ]
    return shown


def test_filters(model: ChecklistModel, catalog: Catalog) -> None:
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    x = catalog.platform("x")
    fb = catalog.platform("facebook")
    assert x is not None and fb is not None
    assert len(visible_titles(proxy)[x.name]) == len(x.categories)

    proxy.set_search_text("QUOKKAPHONE   turned")  # note text, any case, words in any order
    assert visible_titles(proxy) == {x.name: [x.categories[0].title]}
    proxy.set_search_text(x.categories[2].collected.split(".")[0][:30])  # what is collected
    assert x.categories[2].title in visible_titles(proxy)[x.name]
    proxy.set_search_text("facebook")  # the platform's name matches all its categories
    assert list(visible_titles(proxy)) == [fb.name]
    proxy.set_search_text("no such words anywhere")
    assert visible_titles(proxy) == {}
    proxy.set_search_text("")

    proxy.set_status(Status.LATER.value)
    assert visible_titles(proxy) == {x.name: [x.categories[2].title]}
    proxy.set_status(UNREVIEWED)
    assert len(visible_titles(proxy)[x.name]) == len(x.categories) - 4
    proxy.set_status(ANY_STATUS)

    proxy.set_topic("biometrics")
    expected = {
        p.name: [c.title for c in p.categories if "biometrics" in c.topics]
        for p in (fb, x)
        if any("biometrics" in c.topics for c in p.categories)
    }
    assert visible_titles(proxy) == expected
    proxy.set_topic(None)

    proxy.set_needs_attention(True)
    attention = visible_titles(proxy)[x.name]
    assert x.categories[0].title not in attention  # decided, current
    assert {x.categories[1].title, x.categories[2].title, x.categories[3].title} <= set(attention)
    assert "gone-category (retired)" not in visible_titles(proxy).get(fb.name, [])
    proxy.clear()
    assert not proxy.active and proxy.rowCount() == 2


def test_sorting_keeps_platform_order(model: ChecklistModel) -> None:
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(Column.CATEGORY, order)
        assert [proxy.index(r, 0).data() for r in range(2)] == [
            "Facebook",
            model.index(1, 0).data(),
        ]
        titles = [proxy.index(r, 0, proxy.index(1, 0)).data() for r in range(5)]
        assert titles == sorted(
            titles, key=str.casefold, reverse=order == Qt.SortOrder.DescendingOrder
        )
    proxy.sort(Column.STATUS)
    first = proxy.index(0, Column.STATUS, proxy.index(1, 0)).data()
    assert first == "Not reviewed"
    proxy.sort(-1)  # back to catalog order
    assert (
        proxy.index(0, 0, proxy.index(1, 0)).data() == model.index(0, 0, model.index(1, 0)).data()
    )


def test_decided_column_sorts_by_the_date_not_its_text(catalog: Catalog) -> None:
    # "10 Feb 2026" comes before "9 Jan 2026" as text; the column must put January first.
    x = catalog.platform("x")
    assert x is not None
    january = datetime(2026, 1, 9, 12, 0).astimezone()  # local noon: the same day anywhere
    february = datetime(2026, 2, 10, 12, 0).astimezone()
    decisions = [
        Decision("x", x.categories[0].id, Status.KEPT, "", february, x.categories[0].fingerprint),
        Decision("x", x.categories[1].id, Status.KEPT, "", january, x.categories[1].fingerprint),
    ]
    model = ChecklistModel()
    model.set_rows(build_checklist(catalog, decisions, now=NOW, platform_ids=["x"]))
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    assert sorted(["9 Jan 2026", "10 Feb 2026"]) == ["10 Feb 2026", "9 Jan 2026"]

    def shown() -> list[str]:
        platform = proxy.index(0, 0)
        texts = [
            proxy.index(r, Column.DECIDED, platform).data() for r in range(proxy.rowCount(platform))
        ]
        return [text for text in texts if text]

    proxy.sort(Column.DECIDED, Qt.SortOrder.AscendingOrder)
    assert shown() == ["9 Jan 2026", "10 Feb 2026"]
    first = proxy.index(0, Column.DECIDED, proxy.index(0, 0))
    assert first.data() == ""  # what is not decided yet comes first
    proxy.sort(Column.DECIDED, Qt.SortOrder.DescendingOrder)
    assert shown() == ["10 Feb 2026", "9 Jan 2026"]


def test_thousand_rows_filter_correctly(tmp_path, qtmodeltester) -> None:
    """The benchmark's synthetic catalog (timings are in benchmarks/checklist_filter.py)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "checklist_filter.py"
    spec = importlib.util.spec_from_file_location("checklist_filter_benchmark", path)
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    benchmark.write_synthetic_catalog(tmp_path, 10, 100)
    big = load_catalog(bundled_dir=tmp_path)
    model = ChecklistModel()
    model.set_rows(build_checklist(big, [], now=NOW))
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    assert sum(proxy.rowCount(proxy.index(p, 0)) for p in range(proxy.rowCount())) == 1000
    proxy.set_search_text("number 42")  # "number 42" only: category-42 on every platform
    assert proxy.rowCount() == 10
    assert all(proxy.rowCount(proxy.index(p, 0)) == 1 for p in range(10))
    proxy.set_search_text("")
    proxy.set_topic("ads")
    assert sum(proxy.rowCount(proxy.index(p, 0)) for p in range(10)) == 200
    qtmodeltester.check(proxy, force_py=True)
