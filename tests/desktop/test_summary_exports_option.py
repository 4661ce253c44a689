"""The summary options' "Include what my data exports showed": off by default; when
ticked, the saved summary has the kept findings from the real store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from gui.core.catalog import load_catalog
from gui.core.evidence.model import ExportReading, Finding
from gui.core.paths import resolve
from gui.core.store import open_store
from gui.core.store.findings import database_of, save_reading
from gui.core.summary.model import EXPORTS_HEADING, SummaryOptions
from gui.desktop.summary.dialogs import SummaryFlow, SummaryOptionsDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def test_the_exports_box_adds_the_kept_findings(qtbot: QtBot, tmp_path: Path) -> None:
    catalog = load_catalog()
    reading = ExportReading(
        "x", "X", "twitter-ana.zip", None, NOW,
        findings=(Finding("x", "grok-xai-training", "e", "X lists 312 interests."),),
    )  # fmt: skip
    with open_store(resolve()) as store:
        save_reading(database_of(store), reading)
        dialog = SummaryOptionsDialog(catalog, SummaryOptions())
        qtbot.addWidget(dialog)
        assert not dialog.exports_box.isChecked()
        assert dialog.options().include_exports is False

        flow = SummaryFlow(None, catalog, store, dialog.options(), now=NOW)
        assert flow.save_to(tmp_path / "plain.md")
        assert EXPORTS_HEADING not in (tmp_path / "plain.md").read_text(encoding="utf-8")

        dialog.exports_box.setChecked(True)
        flow = SummaryFlow(None, catalog, store, dialog.options(), now=NOW)
        assert flow.save_to(tmp_path / "exports.md")
    shown = (tmp_path / "exports.md").read_text(encoding="utf-8")
    assert EXPORTS_HEADING in shown and "X lists 312 interests." in shown
    assert "twitter-ana.zip" in shown
