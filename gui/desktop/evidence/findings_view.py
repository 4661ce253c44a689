"""``FindingsView``: "What your export shows" for one category, inside ``CategoryView`` (so
in the wizard's category page and the checklist window's detail pane). Hidden when no
export read shows anything for the category.

The view asks a ``FindingsIndex`` (set once for the app with ``set_findings_index``), which
holds the findings kept in the store and the checks against the current decision.
Everything shown comes from an export: plain-text labels only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.core import dates
from gui.core.evidence.checks import checks_for_reading
from gui.core.store.findings import database_of, load_readings
from gui.desktop.i18n import translate

if TYPE_CHECKING:
    from gui.core.evidence.model import ExportReading, Finding
    from gui.core.store import Store


def heading_text() -> str:
    return translate("FindingsView", "What your export shows")


@dataclass(frozen=True)
class CategoryEvidence:
    findings: tuple[Finding, ...]
    export_name: str
    platform_name: str
    export_date: datetime | None
    read_at: datetime
    checks: tuple[str, ...]


class FindingsIndex:
    """The kept readings of one store, by category. ``refresh`` after a reading is saved or
    forgotten; checks are worked out against the decision as it is when asked."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._readings: list[ExportReading] = []
        self.refresh()

    def refresh(self) -> None:
        self._readings = load_readings(database_of(self._store))

    @property
    def readings(self) -> list[ExportReading]:
        return list(self._readings)

    def lookup(self, platform_id: str, category_id: str) -> CategoryEvidence | None:
        for reading in self._readings:
            findings = reading.for_category(platform_id, category_id)
            if not findings:
                continue
            try:
                decision = self._store.decision(platform_id, category_id)
            except Exception:  # a closed or failing store: show the findings without checks
                decision = None
            decisions = {(platform_id, category_id): decision} if decision else {}
            checks = tuple(
                check.text
                for check in checks_for_reading(reading, decisions)
                if (check.platform_id, check.category_id) == (platform_id, category_id)
            )
            return CategoryEvidence(
                findings,
                reading.export_name,
                reading.platform_name,
                reading.export_date,
                reading.read_at,
                checks,
            )
        return None


_index: FindingsIndex | None = None


def set_findings_index(index: FindingsIndex | None) -> None:
    global _index
    _index = index


def clear_findings_index(index: FindingsIndex) -> None:
    """Forget ``index`` if it is still the app's (its window closed)."""
    if _index is index:
        set_findings_index(None)


def findings_index() -> FindingsIndex | None:
    return _index


def _label(text: str = "", *, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


def source_line(evidence: CategoryEvidence) -> str:
    """Which export, made and read when: the days in the user's time zone."""
    if evidence.export_date is None:
        return translate(
            "FindingsView", "From your {platform} export {name} (read on {read})."
        ).format(
            platform=evidence.platform_name,
            name=evidence.export_name,
            read=dates.day(evidence.read_at),
        )
    return translate(
        "FindingsView", "From your {platform} export {name}, made on {made} (read on {read})."
    ).format(
        platform=evidence.platform_name,
        name=evidence.export_name,
        made=dates.day(evidence.export_date),
        read=dates.day(evidence.read_at),
    )


class FindingsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = _label(heading_text(), bold=True)
        self.body = _label()
        self.checks = _label(bold=True)
        self.source = _label()
        layout.addSpacing(self.fontMetrics().height() // 2)
        for widget in (self.heading, self.body, self.checks, self.source):
            layout.addWidget(widget)
        self.evidence: CategoryEvidence | None = None
        self.setVisible(False)

    def show_for(self, platform_id: str, category_id: str) -> None:
        index = findings_index()
        self.show_evidence(index.lookup(platform_id, category_id) if index else None)

    def show_evidence(self, evidence: CategoryEvidence | None) -> None:
        self.evidence = evidence
        if evidence is None:
            self.setVisible(False)
            return
        self.body.setText("\n".join(f.text for f in evidence.findings))
        self.checks.setText(
            "\n".join(
                translate("FindingsView", "To check: {check}").format(check=text)
                for text in evidence.checks
            )
        )
        self.checks.setVisible(bool(evidence.checks))
        self.source.setText(source_line(evidence))
        self.setVisible(True)
