"""What an export shows, as kept: counts, a date range, a few examples and values per
category. Never the raw content of the export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One piece of evidence for one catalog category. ``text`` is the sentence shown
    ("X lists 312 interests it inferred about you."); the rest is what it was made from."""

    platform_id: str  # the catalog platform the category belongs to (youtube for Takeout)
    category_id: str
    evidence_id: str
    text: str
    count: int = 0
    first: datetime | None = None
    last: datetime | None = None
    examples: tuple[str, ...] = ()
    value: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "platform": self.platform_id,
            "category": self.category_id,
            "evidence": self.evidence_id,
            "text": self.text,
            "count": self.count,
            "first": _time(self.first),
            "last": _time(self.last),
            "examples": list(self.examples),
            "value": self.value,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(
            platform_id=str(data["platform"]),
            category_id=str(data["category"]),
            evidence_id=str(data["evidence"]),
            text=str(data["text"]),
            count=int(data.get("count") or 0),
            first=_parse(data.get("first")),
            last=_parse(data.get("last")),
            examples=tuple(str(item) for item in data.get("examples") or ()),
            value=None if data.get("value") is None else str(data["value"]),
        )


@dataclass(frozen=True)
class ExportReading:
    """What one export showed. ``export_name`` is the archive's file name (not its folder);
    ``export_date`` when the platform made it, as far as the archive says."""

    platform_id: str  # the export's platform (the evidence map's id)
    platform_name: str
    export_name: str
    export_date: datetime | None
    read_at: datetime
    findings: tuple[Finding, ...] = ()
    files_read: tuple[str, ...] = field(default=())

    def for_category(self, platform_id: str, category_id: str) -> tuple[Finding, ...]:
        return tuple(
            f
            for f in self.findings
            if f.platform_id == platform_id and f.category_id == category_id
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "platform": self.platform_id,
            "platform_name": self.platform_name,
            "export_name": self.export_name,
            "export_date": _time(self.export_date),
            "read_at": _time(self.read_at),
            "files_read": list(self.files_read),
            "findings": [finding.to_json() for finding in self.findings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExportReading:
        read_at = _parse(data.get("read_at")) or datetime.fromtimestamp(0, UTC)
        return cls(
            platform_id=str(data["platform"]),
            platform_name=str(data.get("platform_name") or data["platform"]),
            export_name=str(data.get("export_name") or ""),
            export_date=_parse(data.get("export_date")),
            read_at=read_at,
            files_read=tuple(str(name) for name in data.get("files_read") or ()),
            findings=tuple(Finding.from_json(item) for item in data.get("findings") or ()),
        )


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
