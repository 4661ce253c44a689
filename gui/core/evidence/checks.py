"""Findings held against the user's decisions. Each is worded as evidence to look at, never
as proof: an export can be older than a change, a platform can log what a setting does not
cover. The checklist counts a category with such a check as needing attention.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gui.core import dates
from gui.core.checklist import STATUS_LABELS, Decision, Status
from gui.core.evidence.maps import Check, EvidenceMap, find_map
from gui.core.evidence.model import ExportReading, Finding

CheckKey = tuple[str, str]  # (platform_id, category_id) of the catalog


@dataclass(frozen=True)
class EvidenceCheck:
    platform_id: str
    category_id: str
    text: str
    export_name: str


def _day(decision: Decision) -> str:
    return dates.day(decision.decided_at)


def _strongest(findings: list[Finding]) -> Finding | None:
    """Of one entry's findings (one per file for per-file entries), the latest one."""
    dated = [f for f in findings if f.count > 0]
    if not dated:
        return None
    return max(dated, key=lambda f: (f.last.timestamp() if f.last else 0.0, f.count))


def _applies(check: Check, finding: Finding, decision: Decision, reading: ExportReading) -> bool:
    if decision.status.value not in check.when or finding.count <= 0:
        return False
    if check.kind == "after-decision":
        return finding.last is not None and finding.last > decision.decided_at
    # "present": only when the export was made after the decision; an older export shows
    # the state before the change and says nothing about it.
    made = reading.export_date or reading.read_at
    return made > decision.decided_at


def checks_for_reading(
    reading: ExportReading,
    decisions: dict[CheckKey, Decision],
    evidence_map: EvidenceMap | None = None,
) -> list[EvidenceCheck]:
    evidence_map = evidence_map or find_map(reading.platform_id)
    if evidence_map is None:
        return []
    found: list[EvidenceCheck] = []
    for check in evidence_map.checks:
        entry = evidence_map.entry(check.evidence)
        if entry is None:
            continue
        decision = decisions.get((entry.platform_id, entry.category_id))
        finding = _strongest([f for f in reading.findings if f.evidence_id == check.evidence])
        if decision is None or finding is None:
            continue
        if not _applies(check, finding, decision, reading):
            continue
        label = STATUS_LABELS.get(Status(decision.status), str(decision.status)).lower()
        text = check.text.format_map(
            {
                "decided": _day(decision),
                "status": label,
                "count": f"{finding.count:,}",
                "first": _finding_day(finding, "first"),
                "last": _finding_day(finding, "last"),
                "range": "",
                "examples": ", ".join(finding.examples),
                "value": finding.value or "",
                "group": "",
            }
        )
        found.append(EvidenceCheck(entry.platform_id, entry.category_id, text, reading.export_name))
    return found


def _finding_day(finding: Finding, which: str) -> str:
    when = finding.first if which == "first" else finding.last
    return dates.day(when) if when else "an unknown date"


def evidence_checks(
    readings: Iterable[ExportReading], decisions: Iterable[Decision]
) -> dict[CheckKey, tuple[str, ...]]:
    """For the checklist: per category, the sentences of every check that applies. The
    checklist calls this with the stored readings and the decisions (see
    ``gui.core.checklist.build_checklist``'s ``evidence`` argument)."""
    by_key = {(d.platform_id, d.category_id): d for d in decisions}
    result: dict[CheckKey, list[str]] = {}
    for reading in readings:
        for check in checks_for_reading(reading, by_key):
            result.setdefault((check.platform_id, check.category_id), []).append(check.text)
    return {key: tuple(texts) for key, texts in result.items()}
