"""``ExportOverview``: per platform, a short "Your export" overview: everything one export
showed, category by category, with the export's name and date and "Forget this export"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.desktop.evidence.findings_view import CategoryEvidence, source_line
from gui.desktop.i18n import translate

if TYPE_CHECKING:
    from gui.core.catalog import Catalog
    from gui.core.evidence.model import ExportReading


def _plain(text: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def category_title(catalog: Catalog | None, platform_id: str, category_id: str) -> str:
    platform = catalog.platform(platform_id) if catalog else None
    category = platform.category(category_id) if platform else None
    return category.title if category else f"{platform_id}/{category_id}"


class ExportOverview(QDialog):
    """``forget`` removes the reading from the store (the window supplies it)."""

    def __init__(
        self,
        reading: ExportReading,
        catalog: Catalog | None,
        forget: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("ExportOverview", "Your {platform} export").format(
                platform=reading.platform_name
            )
        )
        self.setObjectName("export-overview")
        self._reading = reading
        self._forget = forget
        body = QWidget()
        inner = QVBoxLayout(body)
        evidence = CategoryEvidence(
            (),
            reading.export_name,
            reading.platform_name,
            reading.export_date,
            reading.read_at,
            (),
        )
        inner.addWidget(_plain(source_line(evidence)))
        groups: dict[tuple[str, str], list[str]] = {}
        for finding in reading.findings:
            groups.setdefault((finding.platform_id, finding.category_id), []).append(finding.text)
        if not groups:
            inner.addWidget(
                _plain(
                    translate(
                        "ExportOverview", "The export holds none of the files the app looks at."
                    )
                )
            )
        for (platform_id, category_id), texts in groups.items():
            inner.addSpacing(self.fontMetrics().height() // 2)
            inner.addWidget(_plain(category_title(catalog, platform_id, category_id), bold=True))
            inner.addWidget(_plain(" ".join(texts)))
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.forget_button = buttons.addButton(
            translate("ExportOverview", "&Forget this export"),
            QDialogButtonBox.ButtonRole.DestructiveRole,
        )
        self.forget_button.clicked.connect(self.confirm_forget)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(620, 520)

    def confirm_forget(self) -> None:
        answer = QMessageBox.question(
            self,
            translate("ExportOverview", "Forget this export"),
            translate(
                "ExportOverview",
                "Forget what your {platform} export showed? The export file itself is not touched.",
            ).format(platform=self._reading.platform_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.forget_now()

    def forget_now(self) -> None:
        self._forget(self._reading.platform_id)
        self.accept()
