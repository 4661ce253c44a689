"""Paint first, load second.

The window shell is shown as soon as Qt is up; the catalog (from the validated cache in the
cache dir) and the store (which may import keyring and sqlcipher3, and may ask for a
passphrase) are loaded only after the window has painted once, from the event loop. What
the checklist on screen does not need (the keyboard shortcuts here; the log file and
listening for later launches in ``gui.desktop.app``; the policy notices in the window) comes
after ``ready``. ``--profile-startup`` prints both moments and exits.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from gui.core.paths import AppDirs
from gui.desktop.i18n import translate

if TYPE_CHECKING:
    from gui.core.catalog import Catalog
    from gui.core.store import Store
    from gui.desktop.window.main_window import MainWindow
    from gui.desktop.window.store_dialogs import StorePrompts

log = logging.getLogger(__name__)

# Load anyway when no paint arrives (a window opened minimised, or an odd platform plugin).
LOAD_FALLBACK_MS = 1000

EXIT_LOAD_FAILED = 1


def elapsed_ms(started_at: float) -> int:
    return round((time.perf_counter() - started_at) * 1000)


class Startup(QObject):
    """Drives the window from shown to ready. ``ready`` fires once the checklist is on
    screen; ``failed(code)`` when the app cannot go on (the reason was shown)."""

    painted = Signal()  # the window's first paint
    ready = Signal()
    failed = Signal(int)

    def __init__(
        self,
        window: MainWindow,
        dirs: AppDirs,
        args: argparse.Namespace,
        *,
        started_at: float,
        prompts: StorePrompts | None = None,
        report: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.dirs = dirs
        self.args = args
        self.started_at = started_at
        self.prompts = prompts
        self.profile = bool(getattr(args, "profile_startup", False))
        self.report = report or (lambda line: print(line, flush=True))
        self.first_paint_ms: int | None = None
        self.ready_ms: int | None = None
        self.wizard: object | None = None
        self._load_started = False

    def begin(self) -> None:
        self.window.installEventFilter(self)
        self.window.show()
        QTimer.singleShot(LOAD_FALLBACK_MS, self.load)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        first = self.first_paint_ms is None
        if first and watched is self.window and event.type() == QEvent.Type.Paint:
            self.first_paint_ms = elapsed_ms(self.started_at)
            self.window.removeEventFilter(self)
            if self.profile:
                self.report(f"first-paint-ms {self.first_paint_ms}")  # not shown: for scripts
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, self.painted.emit)
            QTimer.singleShot(0, self.load)
        return False

    def load(self) -> None:
        if self._load_started:
            return
        self._load_started = True
        catalog = self._load_catalog()
        if catalog is None:
            return
        # The catalog, the store and its dialogs (~80 ms) load after the first paint.
        from gui.desktop.window.store_dialogs import open_store_interactively

        store = open_store_interactively(self.window, self.dirs, self.prompts)
        if store is None:
            self.failed.emit(EXIT_LOAD_FAILED)
            return
        self.window.set_data(catalog, store)
        self._report_notices(store)
        self._backup(store)
        self._report_skipped(catalog)
        self.ready_ms = elapsed_ms(self.started_at)
        log.info("ready in %d ms (first paint %s ms)", self.ready_ms, self.first_paint_ms)
        self.window.finish_shell()  # the shortcuts (``set_data`` may have done it already)
        if self.profile:
            self.report(f"ready-ms {self.ready_ms}")  # not shown: for scripts
            self.ready.emit()
            QTimer.singleShot(0, self.window.close)
            return
        self._maybe_open_wizard(store)
        self.ready.emit()

    def _load_catalog(self) -> Catalog | None:
        from gui.core.catalog import CatalogError, load_catalog

        try:
            return load_catalog(
                user_dir=self.dirs.user_catalogs, cache_dir=self.dirs.cache / "catalog"
            )
        except CatalogError as error:
            from gui.desktop.window.messages import show_message

            log.error("the bundled catalog is broken: %s", error)
            box = show_message(
                self.window,
                translate("Startup", "Privacy Review cannot start"),
                translate(
                    "Startup",
                    "The catalog that comes with the app is damaged; the installation is broken.",
                ),
                translate("Startup", "Reinstall Privacy Review. Your checklist was not touched."),
                icon=QMessageBox.Icon.Critical,
                details=str(error),
            )
            box.finished.connect(lambda _r: self.failed.emit(EXIT_LOAD_FAILED))
            return None

    def _backup(self, store: Store) -> None:
        from gui.core.store import StoreError

        try:
            store.daily_backup()
        except StoreError as error:  # BackupError: the checklist itself is fine
            log.warning("daily backup failed: %s", error.message)
            self.window.statusBar().showMessage(
                translate("Startup", "Today's backup failed: {reason}").format(
                    reason=error.message
                ),
                30_000,
            )

    def _report_notices(self, store: Store) -> None:
        """What opening the checklist found and settled (an interrupted restore finished
        or undone): the user must know which state their checklist is in."""
        for notice in store.notices:
            log.warning("an interrupted restore was settled at start")
            self.window.show_warning(
                translate("Startup", "Your checklist after an interrupted restore"), notice
            )

    def _report_skipped(self, catalog: Catalog) -> None:
        if not catalog.skipped:
            return
        for problem in catalog.skipped:
            log.warning("skipped user catalog file: %s", problem)
        count = len(catalog.skipped)
        self.window.show_warning(
            translate("Startup", "Some of your catalog files were skipped"),
            translate(
                "Startup",
                "%n problem in your own catalog files; that file was left out. The bundled "
                "catalog is complete.",
                "",
                count,
            )
            if count == 1
            else translate(
                "Startup",
                "%n problems in your own catalog files; those files were left out. The "
                "bundled catalog is complete.",
                "",
                count,
            ),
            "\n".join(str(p) for p in catalog.skipped[:10]),
        )

    def _maybe_open_wizard(self, store: Store) -> None:
        """The wizard when asked for (``privacy-review wizard``) or on the very first start
        (an empty checklist)."""
        asked = bool(getattr(self.args, "open_wizard", False))
        if not asked and store.decisions():
            return
        self.wizard = self.window.start_review(
            platforms=getattr(self.args, "wizard_platforms", None) or None,
            topics=getattr(self.args, "wizard_topics", None) or None,
        )


def quit_with(code: int) -> None:
    app = QCoreApplication.instance()
    if app is not None:
        app.exit(code)
    else:  # pragma: no cover
        sys.exit(code)
