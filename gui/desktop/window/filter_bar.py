"""The row of find-and-filter controls above the checklist tree. It only forwards the user's
choices to a ``ChecklistFilter``; the filtering itself lives there."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gui.core.catalog.model import TOPIC_TITLES
from gui.core.checklist import STATUS_LABELS, Status
from gui.core.words import status_words
from gui.desktop.i18n import translate
from gui.desktop.window.checklist_filter import ANY_STATUS, UNREVIEWED, ChecklistFilter


class FilterBar(QWidget):
    """Search field, status and topic lists, and the "Needs attention" switch."""

    changed = Signal()  # any criterion changed (the window updates its "n shown" hint)

    def __init__(self, proxy: ChecklistFilter, parent: Any = None) -> None:
        super().__init__(parent)
        self._proxy = proxy

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            translate("FilterBar", "Find: title, note, what is collected")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(translate("FilterBar", "Find in the checklist"))
        self.search.textChanged.connect(self._on_search)
        # Esc empties the search (Qt's line edit has no key for it); only while it has text,
        # so an Esc meant for something else is not taken.
        self.search.installEventFilter(self)

        self.status = QComboBox(self)
        self.status.setAccessibleName(translate("FilterBar", "Show status"))
        self.status.addItem(translate("FilterBar", "Any status"), ANY_STATUS)
        self.status.addItem(status_words(None), UNREVIEWED)
        for status in Status:
            self.status.addItem(STATUS_LABELS[status], status.value)
        self.status.currentIndexChanged.connect(self._on_status)

        self.topic = QComboBox(self)
        self.topic.setAccessibleName(translate("FilterBar", "Show topic"))
        self.topic.addItem(translate("FilterBar", "Any topic"), None)
        self.topic.currentIndexChanged.connect(self._on_topic)

        self.attention = QCheckBox(translate("FilterBar", "&Needs attention"), self)
        self.attention.setToolTip(
            translate("FilterBar", "Only what is left to do: not reviewed, later, changed or due")
        )
        self.attention.toggled.connect(self._on_attention)

        status_label = QLabel(translate("FilterBar", "&Status:"), self)
        status_label.setBuddy(self.status)
        # Alt+I: Alt+T is the Tools menu.
        topic_label = QLabel(translate("FilterBar", "Top&ic:"), self)
        topic_label.setBuddy(self.topic)

        # The search field on its own line: it keeps a usable width in a narrow window.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(status_label)
        filters.addWidget(self.status, 1)
        filters.addWidget(topic_label)
        filters.addWidget(self.topic, 1)
        filters.addWidget(self.attention)
        layout.addLayout(filters)
        for combo in (self.status, self.topic):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)

    def set_topics(self, topics: list[str]) -> None:
        """Offer the topics the catalog uses; keeps the current choice when still offered."""
        current = self.topic.currentData()
        self.topic.blockSignals(True)
        self.topic.clear()
        self.topic.addItem(translate("FilterBar", "Any topic"), None)
        for topic in topics:
            self.topic.addItem(TOPIC_TITLES.get(topic, topic), topic)
        found = self.topic.findData(current) if current else 0
        self.topic.setCurrentIndex(max(found, 0))
        self.topic.blockSignals(False)
        self._on_topic()

    def show_needs_attention(self) -> None:
        self.clear()
        self.attention.setChecked(True)

    def clear(self) -> None:
        self.search.clear()
        self.status.setCurrentIndex(0)
        self.topic.setCurrentIndex(0)
        self.attention.setChecked(False)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.search.text()
        ):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.search.clear()
            return True
        return super().eventFilter(watched, event)

    def _on_search(self, text: str) -> None:
        self._proxy.set_search_text(text)
        self.changed.emit()

    def _on_status(self) -> None:
        self._proxy.set_status(self.status.currentData() or ANY_STATUS)
        self.changed.emit()

    def _on_topic(self) -> None:
        self._proxy.set_topic(self.topic.currentData())
        self.changed.emit()

    def _on_attention(self, on: bool) -> None:
        self._proxy.set_needs_attention(on)
        self.changed.emit()
