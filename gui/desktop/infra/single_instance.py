"""One running window per user and data dir: a second launch asks the first to come to the
front, then exits.

Who is first is decided by a ``QLockFile`` in the data dir, which Qt releases when its
holder exits and recognises as stale when the holder crashed. Only the lock holder
(re)creates the local server, so removing a stale socket (``QLocalServer.removeServer``)
can never pull the socket out from under a live first instance. The server name is derived
from the user and the data dir, so two users, or two portable data dirs, each get their own
window.
"""

from __future__ import annotations

import getpass
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLockFile, QObject, QThread, Signal
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000
# The first instance may hold the lock but not yet listen (it is starting): retry briefly.
CONNECT_ATTEMPTS = 5


def server_name(data_dir: Path) -> str:
    """A short name (socket paths are limited to ~100 bytes) unique per user and data dir."""
    import hashlib  # ~5 ms (OpenSSL): only once the name is needed, after the first paint

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:20]
    return f"privacy-review-{digest}"


class SingleInstance(QObject):
    """``claim()`` once at start-up: True means this process is the first and listens for
    later launches (``activationRequested`` fires for each); False means another instance
    was asked to come to the front and this one should exit.

    ``claim(listen=False)`` only takes the lock (QtCore, cheap) and leaves ``listen()`` for
    after the window has painted: QtNetwork is not needed for the first paint, and a later
    launch in between simply retries its connection."""

    activationRequested = Signal()

    def __init__(self, data_dir: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._name = ""
        self._lock = QLockFile(str(data_dir / "instance.lock"))
        self._lock.setStaleLockTime(0)  # stale only when the holder is gone, never by age
        self._server: QLocalServer | None = None

    @property
    def name(self) -> str:
        if not self._name:
            self._name = server_name(self._data_dir)
        return self._name

    @property
    def is_listening(self) -> bool:
        return self._server is not None

    def claim(self, *, listen: bool = True) -> bool:
        if self._lock.tryLock(0):
            if listen:
                self.listen()
            return True
        if self._notify_running():
            return False
        # The lock holder does not answer (hung, or a lock left on a network share): better
        # a second window than no window at all.
        log.warning("another instance holds the lock but does not answer; starting anyway")
        return True

    def listen(self) -> None:
        """Start answering later launches (only after ``claim`` returned True)."""
        from PySide6.QtNetwork import QLocalServer  # ~11 ms: listening waits for the paint

        if self._server is not None or not self._lock.isLocked():
            return
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Left over from a crashed run: we hold the lock, so nobody else is using it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("cannot listen for other launches: %s", server.errorString())
                return
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _on_connection(self) -> None:
        # Any connection is a later launch asking for the window: nothing else talks on
        # this socket, so the message itself need not be read (and no socket outlives
        # this call, whatever the other side does).
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.abort()
            socket.deleteLater()
            self.activationRequested.emit()

    def _notify_running(self) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        for _ in range(CONNECT_ATTEMPTS):
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(CONNECT_TIMEOUT_MS):
                # Being connected is the request (see _on_connection); the message is a
                # courtesy for whoever reads it, and may be cut off by the answer.
                socket.write(ACTIVATE)
                socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
                socket.abort()
                return True
            socket.abort()
            _sleep_ms(200)
        return False

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()


def _sleep_ms(ms: int) -> None:
    QThread.msleep(ms)


def bring_to_front(window: Any) -> None:
    """Raise and activate ``window``, un-minimising it. Some window managers refuse focus
    stealing; raising still makes it visible."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    if sys.platform == "win32":  # pragma: no cover - flash the taskbar entry instead
        QApplication.alert(window)
