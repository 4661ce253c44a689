"""One job on its own thread, run once: the pattern the network checks and the export
reader share. The worker object lives on the thread and emits ``done``; the job lives on
the thread that made it and relays what the worker says. Cancelling sets an event the
worker polls; quitting the app cancels and waits, so Qt never destroys a running thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, SignalInstance


class BackgroundJob(QObject):
    def __init__(self, thread_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._running = False
        self._thread = QThread()
        self._thread.setObjectName(thread_name)

    def _adopt(self, worker: QObject, run: object, done: SignalInstance) -> None:
        """Move ``worker`` to the thread, run ``run`` when it starts, end it on ``done``."""
        worker.moveToThread(self._thread)
        self._thread.started.connect(run)
        # Direct: QThread.quit is thread-safe, and a queued quit would reach the thread
        # object (which lives here) only after the job's own done handler, which waits for
        # the thread to end.
        done.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        if self._running or self._thread.isFinished():
            # A programming error, never the user's: each job object runs once.
            raise RuntimeError(f"a {type(self).__name__} runs once; make a new one")  # not shown
        self._running = True
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._thread.start()

    def cancel(self) -> None:
        """Stop as soon as possible; the job still reports its end. Safe to call any time."""
        self._cancel.set()

    def is_running(self) -> bool:
        return self._running

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel and wait for the thread to end (closing the window, quitting the app).
        True when it ended in time."""
        self.cancel()
        if not self._thread.isRunning():
            return True
        return self._thread.wait(timeout_ms)

    def _ended(self) -> None:
        """Call first in the done handler: the worker has left run(); make sure its thread
        is gone before the job says it finished."""
        self._thread.wait()
        self._running = False
