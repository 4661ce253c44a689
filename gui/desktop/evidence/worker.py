"""One reading of an export on a worker thread. The worker only reads the archive; saving
the findings happens on the window's thread, where the store was opened (SQLite
connections belong to one thread)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from gui.core.evidence.engine import read_export
from gui.core.evidence.errors import ExportError, ReadCancelled
from gui.desktop.background import BackgroundJob
from gui.desktop.i18n import translate

log = logging.getLogger(__name__)

PROGRESS_STEPS = 1000


class _Worker(QObject):
    progress = Signal(int, str)  # per mille done, member being read
    done = Signal(object, str, bool)  # ExportReading or None, error message, cancelled

    def __init__(self, path: Path, platform: str | None, cancel: threading.Event) -> None:
        super().__init__()
        self._path = path
        self._platform = platform
        self._cancel = cancel
        self._last = -1

    def _progress(self, done: int, total: int, member: str) -> None:
        step = done * PROGRESS_STEPS // max(total, 1)
        if step != self._last:
            self._last = step
            self.progress.emit(step, member)

    @Slot()
    def run(self) -> None:
        reading: object = None
        error = ""
        cancelled = False
        try:
            reading = read_export(
                self._path, self._platform, progress=self._progress, cancelled=self._cancel.is_set
            )
        except ReadCancelled:
            cancelled = True
        except ExportError as exc:
            error = str(exc)
        except Exception as exc:  # a bug: say so plainly, keep the details in the log
            log.exception("reading an export stopped unexpectedly")
            error = translate(
                "ExportRead", "Reading stopped unexpectedly ({error}); see the log."
            ).format(error=type(exc).__name__)
        self.done.emit(reading, error, cancelled)


class ExportRead(BackgroundJob):
    """Signals, delivered on the thread that made it: ``progress(per_mille, member)``, and
    ``finished(reading_or_None, error, cancelled)`` exactly once."""

    progress = Signal(int, str)
    finished = Signal(object, str, bool)

    def __init__(self, path: Path, platform: str | None, parent: QObject | None = None) -> None:
        super().__init__("privacy-review-export-read", parent)
        self._worker = _Worker(path, platform, self._cancel)
        self._worker.progress.connect(self.progress)
        self._worker.done.connect(self._on_done)
        self._adopt(self._worker, self._worker.run, self._worker.done)

    @Slot(object, str, bool)
    def _on_done(self, reading: object, error: str, cancelled: bool) -> None:
        self._ended()
        self.finished.emit(reading, error, cancelled)
