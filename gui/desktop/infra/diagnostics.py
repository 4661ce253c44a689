"""Logging and fault handling for the desktop app: a rotated log file in the data dir's log
folder, and ``faulthandler`` writing hard crashes (segfaults in Qt) to a file beside it, so
a window that vanished still leaves a trace the user can send.

Notes and passphrases are never logged: log messages name platforms and categories only.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
from pathlib import Path
from typing import TextIO

LOG_FILE_NAME = "privacy-review.log"
FAULT_FILE_NAME = "crash-traces.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3

# Kept open for the life of the process: faulthandler writes to the file descriptor when the
# interpreter is already broken and cannot open anything.
_fault_file: TextIO | None = None


def log_file(log_dir: Path) -> Path:
    return log_dir / LOG_FILE_NAME


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the app's log records to a rotated file in ``log_dir``; returns its path. Safe to
    call twice (tests): an existing handler for the same file is kept."""
    import logging.handlers  # ~10 ms (socket, pickle...): after the first paint

    path = log_file(log_dir)
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
        )
    except OSError as error:  # a read-only data dir must not stop the app
        print(f"privacy-review: cannot write the log file {path}: {error}", file=sys.stderr)
        return path
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    )
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
            _fault_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - must stay open
        faulthandler.enable(file=_fault_file, all_threads=True)
        return path
    except OSError:
        if sys.stderr is not None:  # a windowed build on Windows has no stderr
            faulthandler.enable(all_threads=True)
        return None


def install_qt_message_handler() -> None:
    """Route Qt's own warnings into the log file instead of a console nobody sees."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

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
