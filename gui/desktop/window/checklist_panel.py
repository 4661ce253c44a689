"""The checklist itself: find-and-filter bar and tree on the left, detail pane on the right.

Built only once the catalog and the store are open (``MainWindow.set_data``), so the window
shell can paint before any of this is imported. The panel owns the model and the filter,
re-reads the store on request (``reload``) without losing the selection, and records the
decisions made in the tree or in the detail pane.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from gui.core.checklist import ChecklistRow, HistoryEntry, Status
from gui.core.checklist_source import ChecklistSource
from gui.core.store import StoreError
from gui.core.topics import topics_in
from gui.desktop.i18n import translate
from gui.desktop.window.checklist_filter import ChecklistFilter
from gui.desktop.window.checklist_model import ChecklistModel, search_blob
from gui.desktop.window.checklist_view import ChecklistView
from gui.desktop.window.detail_pane import DetailPane
from gui.desktop.window.filter_bar import FilterBar

log = logging.getLogger(__name__)

Key = tuple[str, str]  # (platform_id, category_id); category "" for a platform row

# Shows a StoreError to the user (the window's non-blocking message box).
ErrorReporter = Callable[[str, StoreError], object]


class ChecklistPanel(QSplitter):
    def __init__(
        self, source: ChecklistSource, report_error: ErrorReporter, parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("checklist-splitter")
        self.source = source
        self._report_error = report_error
        self.status_message = ""  # last problem re-reading the store, for the status bar

        self.model = ChecklistModel(self)
        self.model.set_recorder(self._record)
        self.proxy = ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_bar = FilterBar(self.proxy)
        self.filter_bar.set_topics(topics_in(source.catalog))
        self.tree = ChecklistView()
        self.tree.setModel(self.proxy)
        self.tree.setup_columns()
        self.tree.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.detail = DetailPane()
        self.detail.decisionEdited.connect(self.record_decision)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.tree, 1)
        self.addWidget(left)
        self.addWidget(self.detail)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setChildrenCollapsible(False)
        self.setTabOrder(self.filter_bar.attention, self.tree)

        self.model.set_rows(source.rows())
        self.tree.expandAll()
        if self.proxy.rowCount():
            self.tree.setCurrentIndex(self.proxy.index(0, 0))

    # -- reading and recording ---------------------------------------------------------

    def reload(self) -> bool:
        """Re-read the decisions (the command line or the wizard may have changed them),
        keeping the selection and which platforms are collapsed. False when the store
        could not be read (``status_message`` says why)."""
        key = self.current_key()
        collapsed = self._collapsed_platforms()
        try:
            rows = self.source.rows()
            self.detail.region = self.source.region()
        except StoreError as error:
            self.status_message = translate(
                "ChecklistPanel", "The checklist could not be re-read: {reason}"
            ).format(reason=error.message)
            return False
        self.status_message = ""
        reset: list[bool] = []

        def on_reset() -> None:
            reset.append(True)

        self.model.modelReset.connect(on_reset)
        try:
            self.model.set_rows(rows)
        finally:
            self.model.modelReset.disconnect(on_reset)
        if reset:
            self._expand_except(collapsed)
            if key is not None:
                self.select(*key)
        self._refresh_detail()
        return True

    def reload_row(self, platform_id: str, category_id: str) -> bool:
        """Re-read one saved decision (the guided review saved it) and update its row and
        its platform's progress in place: the rest of the checklist is not rebuilt, so this
        costs the same at 60 and at 10,000 categories. A category the catalog no longer
        has re-reads the whole checklist. False when the store could not be read."""
        try:
            row = self.source.row(platform_id, category_id)
        except StoreError as error:
            self.status_message = translate(
                "ChecklistPanel", "The checklist could not be re-read: {reason}"
            ).format(reason=error.message)
            return False
        if row is None or not self.model.update_row(row):
            return self.reload()
        self.status_message = ""
        self._refresh_detail()
        return True

    def _record(self, row: ChecklistRow, status: Status, note: str) -> ChecklistRow | None:
        """The model's recorder: store the decision, or say why it could not be."""
        try:
            new_row = self.source.record(row, status, note)
        except StoreError as error:
            self._report_error(translate("ChecklistPanel", "Decision not saved"), error)
            return None
        log.info("decision recorded")  # which one is the user's business, not the log's
        return new_row

    def record_decision(self, row: ChecklistRow, status: Status, note: str) -> bool:
        new_row = self._record(row, status, note)
        if new_row is None:
            return False
        self.model.update_row(new_row)
        self._refresh_detail()
        return True

    # -- selection and detail ----------------------------------------------------------

    def current_key(self) -> Key | None:
        index = self.proxy.mapToSource(self.tree.currentIndex())
        row = self.model.row_for(index)
        if row is not None:
            return (row.platform_id, row.category_id)
        platform_id = self.model.platform_id_for(index)
        return (platform_id, "") if platform_id else None

    def select(self, platform_id: str, category_id: str = "") -> bool:
        index = self.proxy.mapFromSource(self.model.index_for(platform_id, category_id or None))
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index)
        return True

    def filter_accepts(self, row: ChecklistRow) -> bool:
        """Whether the search and filters let ``row`` be shown."""
        return self.proxy.accepts(row, search_blob(row))

    def shown_count(self) -> tuple[int, int]:
        """(categories shown, categories in all)."""
        shown = sum(
            self.proxy.rowCount(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())
        )
        return shown, self.model.category_count()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(self.proxy.mapToSource(current))

    def _refresh_detail(self) -> None:
        source = self.proxy.mapToSource(self.tree.currentIndex())
        row = self.model.row_for(source)
        if row is not None and self.detail.row is not None:
            self.detail.refresh(row, self._history(row))
        else:
            self._show_detail(source)

    def _show_detail(self, source: QModelIndex) -> None:
        if not source.isValid():
            self.detail.show_nothing()
            return
        row = self.model.row_for(source)
        if row is not None:
            platform = self.source.platform(row.platform_id)
            self.detail.show_row(row, platform, self._history(row))
            return
        platform_id = self.model.platform_id_for(source)
        progress = self.model.progress(platform_id) if platform_id else None
        if platform_id and progress is not None:
            name = source.siblingAtColumn(0).data() or platform_id  # the platform's name
            self.detail.show_platform(self.source.platform(platform_id), name, progress)

    def _history(self, row: ChecklistRow) -> list[HistoryEntry]:
        try:
            return self.source.history(row)
        except StoreError as error:
            self.status_message = translate(
                "ChecklistPanel", "The history could not be read: {reason}"
            ).format(reason=error.message)
            return []

    def _collapsed_platforms(self) -> set[str]:
        collapsed = set()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            platform_id = self.model.platform_id_for(self.proxy.mapToSource(index))
            if platform_id and not self.tree.isExpanded(index):
                collapsed.add(platform_id)
        return collapsed

    def _expand_except(self, collapsed: set[str]) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            platform_id = self.model.platform_id_for(self.proxy.mapToSource(index))
            self.tree.setExpanded(index, platform_id not in collapsed)
