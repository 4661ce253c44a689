"""The summary's optional "What your exports show" section: what the user's data exports
showed, as the checklist keeps it (``gui.core.store.findings``). Off unless the user asks
(``SummaryOptions.include_exports``): an export can say more about a person than the
checklist does, and a summary is often printed or shared.

Only the derived findings already stored are shown (each finding's sentence, the export's
file name and date), never anything read again from an export.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from gui.core.evidence.model import ExportReading
from gui.core.summary.model import EXPORTS_HEADING, ExportSection, Summary

__all__ = ["EXPORTS_HEADING", "export_sections", "with_exports"]


def export_sections(
    readings: Iterable[ExportReading], platform_ids: tuple[str, ...] | None = None
) -> tuple[ExportSection, ...]:
    """One section per kept reading with findings about the platforms shown (``None``:
    every platform), in the order given."""
    sections = []
    for reading in readings:
        wanted = [
            finding.text
            for finding in reading.findings
            if platform_ids is None or finding.platform_id in platform_ids
        ]
        if not wanted:
            continue
        sections.append(
            ExportSection(
                platform_name=reading.platform_name,
                export_name=reading.export_name,
                export_date=reading.export_date.date() if reading.export_date else None,
                findings=tuple(wanted),
            )
        )
    return tuple(sections)


def with_exports(summary: Summary, readings: Iterable[ExportReading]) -> Summary:
    """``summary`` with its exports section filled, when its options ask for one."""
    if not summary.options.include_exports:
        return summary
    sections = export_sections(readings, summary.options.platform_ids)
    return dataclasses.replace(summary, exports=sections)
