"""Reading the user's own data export (the archive a platform gives on request), on this
computer, and holding what it shows against the checklist. Qt-free.

- ``safezip``: the only way into an archive: caps on sizes and ratio, no encrypted members,
  nothing extracted to disk.
- ``formats``: streaming readers for the files inside (X's ``window.YTD`` JavaScript, JSON,
  CSV with a notes block), with Meta's mojibake repaired.
- ``maps``: the declarative evidence maps in ``resources/evidence``, validated.
- ``engine``: applies a map to an archive and turns what it counted into findings.
- ``model``: the findings, the only thing kept (counts, dates, a few examples).
- ``checks``: findings held against decisions, worded as evidence to check.
"""

from gui.core.evidence.errors import ExportError, ReadCancelled
from gui.core.evidence.model import ExportReading, Finding

__all__ = ["ExportError", "ExportReading", "Finding", "ReadCancelled"]
