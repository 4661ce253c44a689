"""Logging and fault handling for the desktop app: a rotated log file in the data dir's log
folder, and ``faulthandler`` writing hard crashes (segfaults in Qt) to a file beside it, so
a window that vanished still leaves a trace the user can send.

The log says what the app did (started, opened the checklist, an error) and never what
the user decided: no platform, category, decision, note or address (the checklist itself is
encrypted; the log is not). ``PrivateLogFilter`` removes any web address that reaches it
anyway (Qt's own messages may name one), and the files are 0600 whatever the umask.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import sys
from pathlib import Path
from typing import TextIO, cast

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from gui.desktop.i18n import translate

LOG_FILE_NAME = "privacy-review.log"
FAULT_FILE_NAME = "crash-traces.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3

# Kept open for the life of the process: faulthandler writes to the file descriptor when the
# interpreter is already broken and cannot open anything.
_fault_file: TextIO | None = None


# A web address, or a bare host with a path, anywhere in a message.
URL_RE = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s'\"<>]*", re.IGNORECASE)
PRIVATE_MODE = 0o600


class PrivateLogFilter(logging.Filter):
    """Replace web addresses in a record by "<address>": which links the user opened or
    which pages were checked says what they reviewed."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = URL_RE.sub("<address>", message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def _open_private(path: str, mode: str, encoding: str | None) -> TextIO:
    """Open a log file as 0600 from the start, so it is never readable by others."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags, PRIVATE_MODE)
    if os.name == "posix":
        os.fchmod(fd, PRIVATE_MODE)  # an existing file made before this version
    # Text mode: open() gives a TextIOWrapper, which is a TextIO.
    return cast(TextIO, open(fd, mode, encoding=encoding))  # noqa: SIM115 - the handler closes it


def _private_handler(path: Path) -> logging.Handler:
    # ~15 ms (socket, pickle): imported once the checklist is on screen, not for the paint.
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def _open(self) -> TextIO:  # type: ignore[override]
            return _open_private(self.baseFilename, self.mode, self.encoding)

    handler = PrivateRotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
    )
    handler.addFilter(PrivateLogFilter())
    return handler


def log_file(log_dir: Path) -> Path:
    return log_dir / LOG_FILE_NAME


EARLY_RECORDS_KEPT = 1000


class EarlyLogBuffer(logging.Handler):
    """Keeps the records logged before the log file is set up (that waits until the
    checklist is on screen: ``logging.handlers`` and the file cost start-up time), so
    ``setup_logging`` can write them first; none is lost, an error while loading
    included. Bounded, in case the file is never set up."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < EARLY_RECORDS_KEPT:
            self.records.append(record)


def buffer_early_logs(*, level: int = logging.INFO) -> None:
    """Hold log records in memory until ``setup_logging`` (cheap: no import, no file)."""
    root = logging.getLogger()
    if not any(isinstance(h, EarlyLogBuffer) for h in root.handlers):
        root.addHandler(EarlyLogBuffer())
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)


def _replay_early_logs(root: logging.Logger, handler: logging.Handler) -> None:
    for buffer in [h for h in root.handlers if isinstance(h, EarlyLogBuffer)]:
        root.removeHandler(buffer)
        for record in buffer.records:
            if record.levelno >= handler.level:
                handler.handle(record)
        buffer.records.clear()


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the app's log records to a rotated file in ``log_dir``; returns its path. Safe to
    call twice (tests): an existing handler for the same file is kept."""
    path = log_file(log_dir)
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            _replay_early_logs(root, handler)
            return path
    try:
        handler = _private_handler(path)
    except OSError as error:  # a read-only data dir must not stop the app
        print(
            translate(
                "Diagnostics", "privacy-review: cannot write the log file {file}: {error}"
            ).format(file=path, error=error),
            file=sys.stderr,
        )
        return path
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    )
    _replay_early_logs(root, handler)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return path


def enable_faulthandler(log_dir: Path) -> Path | None:
    """Dump Python tracebacks of all threads to a file on a hard crash. Falls back to
    stderr when the file cannot be opened."""
    global _fault_file
    path = log_dir / FAULT_FILE_NAME
    try:
        if _fault_file is None or _fault_file.closed:
            _fault_file = _open_private(str(path), "a", "utf-8")  # must stay open
        faulthandler.enable(file=_fault_file, all_threads=True)
        return path
    except OSError:
        if sys.stderr is not None:  # a windowed build on Windows has no stderr
            faulthandler.enable(all_threads=True)
        return None


def install_qt_message_handler() -> None:
    """Route Qt's own warnings into the log file instead of a console nobody sees."""
    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
