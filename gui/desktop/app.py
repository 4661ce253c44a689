"""Start the desktop app. Qt is imported here, not at command-line parse time: the command
line imports this module only when it opens the window.

Order matters for start-up time and for never losing an error (the modules for steps 1
and 2, Qt's included, are imported with this one; the window's after them):
1. directories, the log file and faulthandler (cheap, and needed if anything below fails);
2. QApplication, the crash dialog hook, and the single-instance check (a second launch
   brings the running window to the front and exits 0);
3. the window shell, shown at once;
4. after its first paint: catalog (through the validated cache), store (keyring,
   SQLCipher), the checklist, daily backup (``gui.desktop.infra.startup``): "ready";
5. after ready: the log file's handlers, the keyboard shortcuts, listening for later
   launches, and the wizard on the first start or when asked for.
keyring, sqlcipher3, requests and QtPrintSupport are never imported before step 4;
requests not at all until a network check runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

# isort: off
# First of all: it quiets PySide's import hook, which otherwise reads the source of every
# module imported after PySide6 (~10 ms before the first paint for those below).
from gui.desktop.infra import qt_imports  # noqa: F401
# isort: on

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gui import __version__
from gui.core import paths
from gui.core.resources import ResourceError, resource_path
from gui.desktop.i18n import translate
from gui.desktop.infra.crash import CrashHandler
from gui.desktop.infra.diagnostics import (
    buffer_early_logs,
    enable_faulthandler,
    install_qt_message_handler,
    log_file,
    setup_logging,
)
from gui.desktop.infra.single_instance import SingleInstance, bring_to_front
from gui.desktop.infra.startup import Startup, quit_with

log = logging.getLogger(__name__)

# After the first paint, the longest a later launch may go unanswered (it retries for
# about a second before giving up and opening a second window).
LISTEN_AT_THE_LATEST_MS = 800


def run_gui(args: argparse.Namespace) -> int:
    started_at = _started_at()
    dirs = paths.resolve(args.data_dir)
    dirs.ensure()
    enable_faulthandler(dirs.log)
    log_path = log_file(dirs.log)
    buffer_early_logs()  # written to the file once the checklist is on screen
    log.info("Privacy Review %s; data dir %s", __version__, dirs.data)

    def start_logging() -> None:
        setup_logging(dirs.log)

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Privacy Review")
    app.setApplicationDisplayName("Privacy Review")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("privacy-review")
    app.setDesktopFileName("privacy-review")
    install_qt_message_handler()
    crash_handler = CrashHandler(log_path, prepare_log=start_logging)
    crash_handler.install()

    instance = SingleInstance(dirs.data)
    if not instance.claim(listen=False):  # listens once the checklist is shown
        log.info("already running: asked the running window to come to the front")
        if getattr(args, "profile_startup", False):
            print(
                translate("App", "privacy-review: another window is open; close it to profile"),
                file=sys.stderr,
            )
            return 1
        return 0

    from gui.desktop.window.main_window import MainWindow

    window = MainWindow(dirs)
    window.setWindowIcon(_app_icon())
    instance.activationRequested.connect(lambda: bring_to_front(window))
    startup = Startup(window, dirs, args, started_at=started_at)
    # What the checklist on screen does not need waits until it is there. Listening also
    # starts a moment after the paint when ready is slow to come (a passphrase being
    # typed): a later launch must still find this window rather than open a second one.
    startup.ready.connect(start_logging)
    startup.ready.connect(instance.listen)
    startup.painted.connect(lambda: QTimer.singleShot(LISTEN_AT_THE_LATEST_MS, instance.listen))
    startup.failed.connect(quit_with)
    startup.begin()
    try:
        code = app.exec()
    finally:
        if window.store is not None:
            window.store.close()
        instance.release()
        crash_handler.uninstall()
        start_logging()  # when it never got ready (a failed load), what was logged is kept
    log.info("exit %d", code)
    return code


def _started_at() -> float:
    """When the process (as near as the app can tell) started: the time ``gui.cli`` was
    imported, or now when run without it."""
    cli = sys.modules.get("gui.cli")
    return getattr(cli, "STARTED_AT", None) or time.perf_counter()


def _app_icon() -> QIcon:
    icon = QIcon()
    try:
        for size in (16, 24, 32, 48, 64, 128, 256):
            path = resource_path("icons", f"privacy-review-{size}.png")
            if path.is_file():
                icon.addFile(str(path))
    except ResourceError:
        pass
    return icon
