"""The checklist model's invariant (see gui/desktop/window/checklist_model.py), checked after
random sequences of changes against a plain-Python reference: the rows given are the one
source of truth, and what the model shows, what its C++ mirror holds, the progress lines and
what the filter lets through all follow from them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel

from gui.core import dates
from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import ChecklistRow, Decision, Status, build_checklist
from gui.desktop.window.checklist_filter import ANY_STATUS, UNREVIEWED, ChecklistFilter
from gui.desktop.window.checklist_model import ChecklistModel, progress_of

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
PLATFORMS = ["facebook", "x", "instagram"]
WORDS = ["", "x", "facebook", "quokka", "lines", "your", "location", "zzz", "quokka two"]
EDITABLE = Qt.ItemFlag.ItemIsEditable

_CATALOG: Catalog | None = None


def catalog() -> Catalog:
    global _CATALOG
    if _CATALOG is None:
        _CATALOG = load_catalog()
    return _CATALOG


def base_rows() -> list[ChecklistRow]:
    """Every category of a few platforms, undecided, and one retired decision."""
    known = [p for p in PLATFORMS if catalog().platform(p) is not None]
    retired = Decision(known[0], "gone-category", Status.KEPT, "", NOW, "f" * 16)
    return build_checklist(catalog(), [retired], now=NOW, platform_ids=known)


def topics() -> list[str | None]:
    found = sorted({t for p in catalog().platforms for c in p.categories for t in c.topics})
    return [None, *found[:4]]


decisions = st.one_of(
    st.none(),
    st.tuples(
        st.sampled_from(list(Status)),
        st.sampled_from(["", "quokka note", "two\nlines <b>"]),
        st.sampled_from([1, 400]),  # 400 days ago: due
        st.booleans(),  # stale: the category changed since
    ),
)


def decided(row: ChecklistRow, spec: tuple[Status, str, int, bool] | None) -> ChecklistRow:
    """``row`` with the decision ``spec`` describes, flags worked out as the core does."""
    if spec is None:
        if row.retired:
            return row  # a retired row is there because of its decision
        return replace(row, decision=None, changed=False, due=False)
    status, note, days_ago, stale = spec
    fingerprint = row.category.fingerprint if row.category else "f" * 16
    decision = Decision(
        row.platform_id,
        row.category_id,
        status,
        note,
        NOW - timedelta(days=days_ago),
        "0" * 16 if stale else fingerprint,
    )
    if row.retired:
        return replace(row, decision=decision)
    return replace(row, decision=decision, changed=stale, due=days_ago > 180)


operations = st.one_of(
    # New rows: some decided, maybe a platform or the last rows left out, maybe the
    # platforms in another order (both change the shape: a reset).
    st.tuples(
        st.just("set_rows"),
        st.lists(st.tuples(st.integers(0, 500), decisions), max_size=12),
        st.sampled_from(["same", "drop_platform", "drop_last", "reverse"]),
    ),
    st.tuples(st.just("update"), st.integers(0, 500), decisions),
    st.tuples(st.just("search"), st.sampled_from(WORDS)),
    st.tuples(
        st.just("status"), st.sampled_from([ANY_STATUS, UNREVIEWED, *(s.value for s in Status)])
    ),
    st.tuples(st.just("topic"), st.sampled_from(topics())),
    st.tuples(st.just("attention"), st.booleans()),
    st.tuples(st.just("recorder"), st.booleans()),
)


class Reference:
    """What the model should show, worked out in plain Python."""

    def __init__(self) -> None:
        self.rows: list[ChecklistRow] = []
        self.editable = False
        self.words: list[str] = []
        self.status = ANY_STATUS
        self.topic: str | None = None
        self.attention = False

    def groups(self) -> list[tuple[str, str, list[ChecklistRow]]]:
        found: dict[str, tuple[str, str, list[ChecklistRow]]] = {}
        for row in self.rows:
            found.setdefault(row.platform_id, (row.platform_id, row.platform_name, []))[2].append(
                row
            )
        return list(found.values())

    def accepts(self, row: ChecklistRow) -> bool:
        searched = [row.title, row.platform_name, row.category_id]
        if row.category is not None:
            searched.append(row.category.collected)
        if row.decision is not None:
            searched.append(row.decision.note)
        text = "\n".join(searched).casefold()
        if not all(word in text for word in self.words):
            return False
        if self.status == UNREVIEWED and row.decision is not None:
            return False
        if self.status not in (ANY_STATUS, UNREVIEWED) and (
            row.status is None or row.status.value != self.status
        ):
            return False
        if self.topic and (row.category is None or self.topic not in row.category.topics):
            return False
        return not (self.attention and not row.to_do)


def expected_texts(row: ChecklistRow) -> list[str]:
    decision = row.decision
    note = ""
    if decision is not None:
        line, _, rest = decision.note.strip().partition("\n")
        note = f"{line} …" if rest.strip() else line
    return [
        row.title,
        row.status_label,
        dates.day(decision.decided_at) if decision else "",
        note,
        "; ".join(row.flags),
    ]


def expected_editable(row: ChecklistRow, editable: bool) -> list[bool]:
    status = editable and not row.retired
    note = status and row.decision is not None
    return [False, status, False, note, False]


def check(model: ChecklistModel, proxy: ChecklistFilter, reference: Reference) -> None:
    shape = model.sourceModel()
    assert isinstance(shape, QStandardItemModel)
    groups = reference.groups()
    assert model.rowCount() == shape.rowCount() == len(groups)
    for g, (platform_id, name, rows) in enumerate(groups):
        parent = model.index(g, 0)
        assert parent.data() == name
        assert model.platform_id_for(parent) == platform_id
        progress = progress_of(rows)
        assert model.progress(platform_id) == progress
        assert model.index(g, 1).data() == progress.line
        assert shape.item(g, 1).text() == progress.line  # the mirror too
        assert model.rowCount(parent) == len(rows)
        for r, row in enumerate(rows):
            assert model.row_for(model.index(r, 0, parent)) == row
            assert model.row(row.platform_id, row.category_id) == row
            editable = expected_editable(row, reference.editable)
            for c, text in enumerate(expected_texts(row)):
                index = model.index(r, c, parent)
                assert index.data() == text
                mirrored = shape.itemFromIndex(model.mapToSource(index))
                assert mirrored.text() == text
                assert bool(model.flags(index) & EDITABLE) is editable[c]
                assert bool(mirrored.flags() & EDITABLE) is editable[c]
    # The filter: exactly the categories that pass, under platforms that have one.
    shown: dict[str, list[str]] = {}
    for p in range(proxy.rowCount()):
        parent = proxy.index(p, 0)
        platform_id = model.platform_id_for(proxy.mapToSource(parent))
        assert platform_id is not None
        shown[platform_id] = [
            model.row_for(proxy.mapToSource(proxy.index(r, 0, parent))).category_id
            for r in range(proxy.rowCount(parent))
        ]
    wanted = {
        platform_id: [row.category_id for row in rows if reference.accepts(row)]
        for platform_id, _name, rows in groups
    }
    assert shown == {key: ids for key, ids in wanted.items() if ids}


def recorder(row: ChecklistRow, status: Status, note: str) -> ChecklistRow | None:
    return None  # never asked here: edits are tested in test_checklist_model.py


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(operations, min_size=1, max_size=12))
def test_model_and_filter_follow_the_rows(qapp, steps) -> None:
    base = base_rows()
    model = ChecklistModel()
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    reference = Reference()
    for step in steps:
        kind = step[0]
        if kind == "set_rows":
            _, changes, shape = step
            rows = list(base)
            for position, spec in changes:
                rows[position % len(rows)] = decided(rows[position % len(rows)], spec)
            if shape == "drop_platform":
                rows = [r for r in rows if r.platform_id != rows[-1].platform_id]
            elif shape == "drop_last":
                rows = rows[:-1]
            elif shape == "reverse":
                order = list(dict.fromkeys(r.platform_id for r in rows))[::-1]
                rows = [r for p in order for r in rows if r.platform_id == p]
            model.set_rows(rows)
            reference.rows = rows
        elif kind == "update" and reference.rows:
            _, position, spec = step
            position %= len(reference.rows)
            new = decided(reference.rows[position], spec)
            assert model.update_row(new)
            reference.rows[position] = new
        elif kind == "search":
            proxy.set_search_text(step[1])
            reference.words = step[1].casefold().split()
        elif kind == "status":
            proxy.set_status(step[1])
            reference.status = step[1]
        elif kind == "topic":
            proxy.set_topic(step[1])
            reference.topic = step[1]
        elif kind == "attention":
            proxy.set_needs_attention(step[1])
            reference.attention = step[1]
        elif kind == "recorder":
            model.set_recorder(recorder if step[1] else None)
            reference.editable = step[1]
        check(model, proxy, reference)


def test_an_update_announces_the_row_and_its_platform(qapp, qtbot) -> None:
    """A replaced row says so (dataChanged for its cells and its platform row), without a
    reset, and the filter re-decides both: a platform whose last matching row stops
    matching disappears."""
    rows = base_rows()
    model = ChecklistModel()
    model.set_rows(rows)
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    first = rows[0]
    proxy.set_search_text(first.category_id)
    proxy.set_status(UNREVIEWED)
    assert proxy.rowCount() >= 1
    shown_before = proxy.rowCount()
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(
        lambda top, _bottom, *_: changed.append(
            (top.parent().row() if top.parent().isValid() else -1, top.row())
        )
    )
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    new = decided(first, (Status.KEPT, "", 1, False))
    assert model.update_row(new)
    assert not resets
    assert (0, 0) in changed and (-1, 0) in changed  # the row, and its platform
    platform = model.index(0, 0)
    matches_left = any(
        proxy.mapFromSource(model.index(r, 0, platform)).isValid()
        for r in range(model.rowCount(platform))
    )
    assert proxy.mapFromSource(platform).isValid() is matches_left
    assert proxy.rowCount() == shown_before - (0 if matches_left else 1)
    assert not model.update_row(replace(first, category_id="no-such-category"))


@pytest.fixture
def qtmodel_rows() -> list[ChecklistRow]:
    return base_rows()


def test_mirror_after_updates_passes_modeltester(qtmodeltester, qtmodel_rows) -> None:
    model = ChecklistModel()
    model.set_rows(qtmodel_rows)
    for position in range(0, len(qtmodel_rows), 3):
        model.update_row(decided(qtmodel_rows[position], (Status.LATER, "note", 400, True)))
    qtmodeltester.check(model, force_py=True)
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    proxy.set_needs_attention(True)
    model.update_row(decided(qtmodel_rows[1], (Status.KEPT, "", 1, False)))
    qtmodeltester.check(proxy, force_py=True)
