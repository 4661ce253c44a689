"""The last line of defence: an unexpected exception shows a dialog with the error and
where the log file is, instead of the window vanishing or silently misbehaving.

Expected failures (store errors, bad files) are handled where they happen with their own
messages; this hook is only for bugs.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

from gui.desktop.i18n import translate

log = logging.getLogger(__name__)

# (title, text, details) -> None; replaced in tests so nothing modal runs.
ShowCrash = Callable[[str, str, str], None]

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def crash_text(error: BaseException, log_path: Path) -> str:
    return translate(
        "CrashDialog",
        "Privacy Review hit an unexpected error. Your checklist is saved after every change, "
        "so nothing you decided is lost.\n\n"
        "{kind}: {error}\n\n"
        "Details are in the log file:\n{log_file}\n\n"
        "If this keeps happening, please report it and attach that file (it holds no notes "
        "or passwords).",
    ).format(kind=type(error).__name__, error=error, log_file=log_path)


def show_crash_dialog(title: str, text: str, details: str) -> None:
    # Not at import: this module is loaded before the first paint, and setting up the Qt
    # namespace costs ~23 ms; it is needed only when a crash is shown.
    from PySide6.QtCore import Qt

    if QApplication.instance() is None:
        print(f"{text}\n\n{details}", file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


class CrashHandler:
    """Installed as ``sys.excepthook`` (and ``threading.excepthook`` for worker threads,
    which only log: a dialog must be shown on the GUI thread)."""

    def __init__(
        self,
        log_path: Path,
        show: ShowCrash = show_crash_dialog,
        *,
        prepare_log: Callable[[], object] | None = None,
    ) -> None:
        self.log_path = log_path
        self.show = show
        # The log file is set up after the first paint; an error before that sets it up.
        self.prepare_log = prepare_log
        self._showing = False
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if sys.excepthook is self and self._previous is not None:
            sys.excepthook = self._previous
        threading.excepthook = threading.__excepthook__

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        if self.prepare_log is not None:
            with contextlib.suppress(Exception):  # logging must not hide the error itself
                self.prepare_log()
        log.critical("unexpected error\n%s", details)
        if self._showing:  # an error while showing the dialog: do not loop
            print(details, file=sys.stderr)
            return
        self._showing = True
        try:
            self.show(
                translate("CrashDialog", "Privacy Review: unexpected error"),
                crash_text(error, self.log_path),
                details,
            )
        except Exception:  # noqa: BLE001 - the dialog itself failed; stderr is all that is left
            print(details, file=sys.stderr)
        finally:
            self._showing = False

    def _thread_hook(self, hook_args: threading.ExceptHookArgs) -> None:
        details = "".join(
            traceback.format_exception(
                hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback
            )
        )
        log.critical("unexpected error in thread %s\n%s", hook_args.thread, details)
