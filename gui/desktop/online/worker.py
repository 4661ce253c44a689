"""Run an online check on a worker thread so the window never freezes.

``OnlineCheck`` is the object the window holds: it owns a ``QThread`` running a worker
that works through the check's tasks (see ``gui.core.online.checks``), and re-emits the worker's
signals on the window's thread. ``cancel()`` takes effect at once: the worker is waiting on
the cancel event rather than on the network (see ``gui.core.online.http``), so it stops within a
fraction of a second even when a server is slow to answer.

For the policy check, comparing with the stored snapshot and saving happen on the window's
thread, where the store was opened (SQLite connections belong to one thread); the worker
thread only fetches.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from gui.core.online.checks import OnlineTask, link_check_tasks, policy_fetch_tasks, run_tasks
from gui.core.online.http import Cancelled, FetchLimits, HttpClient
from gui.core.online.policy_watch import record_policy
from gui.desktop.background import BackgroundJob
from gui.desktop.i18n import translate

if TYPE_CHECKING:
    from gui.core.catalog import Platform
    from gui.core.online.policy_watch import SnapshotStore

log = logging.getLogger(__name__)


class _Worker(QObject):
    """Lives on the worker thread; its signals reach ``OnlineCheck`` through queued
    connections, in the order they were emitted."""

    progress = Signal(str, int, int)
    result = Signal(object)
    done = Signal(bool, str)  # cancelled, error message ("" when it ran to the end)

    def __init__(self, tasks: Sequence[OnlineTask], client: HttpClient) -> None:
        super().__init__()
        self._tasks = tuple(tasks)
        self._client = client

    @Slot()
    def run(self) -> None:
        cancelled = False
        error = ""
        try:
            for item in run_tasks(self._tasks, self._client, self.progress.emit):
                self.result.emit(item)
        except Cancelled:
            cancelled = True
        except Exception as exc:  # a bug, not a network problem: those are results
            log.exception("online check stopped unexpectedly")
            error = translate(
                "OnlineCheck", "The check stopped unexpectedly ({error}); see the log."
            ).format(error=type(exc).__name__)
        finally:
            self._client.close()
        self.done.emit(cancelled, error)


class OnlineCheck(BackgroundJob):
    """One run of a check. Signals, all delivered on the thread that created it:

    - ``progress(platform_name, done, total)``: before each URL (``done`` finished so far)
      and once at the end with ``done == total``;
    - ``result(object)``: a ``LinkResult`` or a ``PolicyCheckResult`` per URL;
    - ``failed(str)``: the check stopped on an unexpected error (a bug), with a message;
    - ``finished(bool)``: the end, ``True`` when it was cancelled. Always emitted once.
    """

    progress = Signal(str, int, int)
    result = Signal(object)
    failed = Signal(str)
    finished = Signal(bool)

    def __init__(
        self,
        tasks: Sequence[OnlineTask],
        *,
        limits: FetchLimits | None = None,
        ca_bundle: str | None = None,
        record: Callable[[Any], Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__("privacy-review-online-check", parent)
        self._record = record
        self.cancelled = False
        self.total = len(tasks)
        self._worker = _Worker(tasks, HttpClient(limits, cancel=self._cancel, ca_bundle=ca_bundle))
        self._worker.progress.connect(self.progress)
        self._worker.result.connect(self._on_result)
        self._worker.done.connect(self._on_done)
        self._adopt(self._worker, self._worker.run, self._worker.done)

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        return super().shutdown(timeout_ms)

    @Slot(object)
    def _on_result(self, item: object) -> None:
        if self._record is not None:
            item = self._record(item)
        self.result.emit(item)

    @Slot(bool, str)
    def _on_done(self, cancelled: bool, error: str) -> None:
        self._ended()
        self.cancelled = cancelled
        if error:
            self.failed.emit(error)
        self.finished.emit(cancelled)


def link_check(
    platforms: Sequence[Platform],
    *,
    limits: FetchLimits | None = None,
    ca_bundle: str | None = None,
    parent: QObject | None = None,
) -> OnlineCheck:
    """A link check of every settings and source URL of ``platforms`` (not started)."""
    return OnlineCheck(
        link_check_tasks(platforms), limits=limits, ca_bundle=ca_bundle, parent=parent
    )


def policy_check(
    store: SnapshotStore,
    platforms: Sequence[Platform],
    *,
    limits: FetchLimits | None = None,
    ca_bundle: str | None = None,
    parent: QObject | None = None,
) -> OnlineCheck:
    """A policy watch of ``platforms`` (not started); results are ``PolicyCheckResult``,
    already compared and saved in ``store`` on this thread."""
    return OnlineCheck(
        policy_fetch_tasks(platforms),
        limits=limits,
        ca_bundle=ca_bundle,
        record=partial(record_policy, store),
        parent=parent,
    )
