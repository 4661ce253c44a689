"""Who is using the checklist. Every open Store holds a shared lock on ``.store.in-use``;
a restore takes it exclusively, so it refuses while the window or a command has the
checklist open (writes through an open connection would otherwise land in the file that
was moved aside). The window also holds ``instance.lock`` (Qt's QLockFile) from its first
moment, before the checklist is open (it may be asking for the passphrase): a restore
refuses while that lock's owner is alive.

The locks are advisory ``flock`` locks, released by the kernel when a process dies, so a
crash never leaves the checklist locked. Windows has no shared ``flock``; there only the
window's lock is checked.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from pathlib import Path

from gui.core.store.errors import StorageError
from gui.core.store.files import PRIVATE_FILE_MODE, is_posix

IN_USE_NAME = ".store.in-use"
INSTANCE_LOCK_NAME = "instance.lock"  # gui.desktop.infra.single_instance
# How long opening waits for a restore in progress to finish.
WAIT_FOR_RESTORE_SECONDS = 30.0


class StoreInUseError(StorageError):
    """Another window or command has the checklist open."""


def _open_lock_file(data: Path) -> int:
    return os.open(data / IN_USE_NAME, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)


def hold_shared(data: Path) -> int | None:
    """A descriptor holding the shared lock (close it to release), or None where there
    are no shared locks. Waits, bounded, while a restore holds the exclusive lock."""
    if not is_posix():
        return None
    import fcntl

    try:
        fd = _open_lock_file(data)
    except OSError:
        return None  # a read-only folder: nothing can restore into it either
    deadline = time.monotonic() + WAIT_FOR_RESTORE_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise StorageError(
                    f"The checklist in {data} is being restored from a backup by another "
                    "Privacy Review command, which has not finished.",
                    "Wait for it to finish and try again. If no restore is running, close "
                    "other Privacy Review windows and commands and try again.",
                ) from None
            time.sleep(0.05)
        except OSError:
            os.close(fd)
            return None  # a file system without locks (some network shares)


def hold_exclusive(data: Path) -> int | None:
    """The exclusive lock for a restore, or StoreInUseError naming who has the checklist
    open. Never waits."""
    pid = window_pid(data)
    if pid is not None:
        raise in_use_error(data, f"the Privacy Review window (process {pid})")
    if not is_posix():
        return None
    import fcntl

    try:
        fd = _open_lock_file(data)
    except OSError as error:
        raise StorageError(
            f"The folder {data} cannot be written ({error.strerror or error}), so nothing can "
            "be restored into it. Nothing was changed.",
            "Make it writable for your user account (check its permissions, and that the disk "
            "is not mounted read-only or full), then try again.",
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise in_use_error(data, "another Privacy Review window or command") from None
    except OSError:
        return fd  # no locks on this file system: the window check above is all there is
    return fd


def try_exclusive(data: Path) -> int | None:
    """The exclusive lock if nobody has the checklist open, else None; never waits. For the
    start-up chores (finishing an interrupted restore, removing temporary files), which
    must not run while another process is using the files."""
    if not is_posix():
        return None
    import fcntl

    try:
        fd = _open_lock_file(data)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def release(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def in_use_error(data: Path, who: str) -> StoreInUseError:
    return StoreInUseError(
        f"The checklist in {data} is open in {who}, so it was not replaced: what that "
        "program saves next would go into the file moved aside. Nothing was changed.",
        "Close the Privacy Review window (and wait for other privacy-review commands to "
        "finish), then run the restore again.",
    )


def window_pid(data: Path) -> int | None:
    """The process id of a live window holding ``instance.lock`` on this computer, or
    None. The file (written by QLockFile) holds the pid, the app name and the host name,
    one per line; a lock left by a crashed window names a process that no longer runs."""
    path = data / INSTANCE_LOCK_NAME
    try:
        with open(path, "rb") as handle:
            lines = handle.read(4096).decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit():
        return None
    pid = int(lines[0].strip())
    host = lines[2].strip() if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return None  # held on another machine (a shared folder): cannot be checked
    return pid if pid_alive(pid) else None


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if not is_posix():
        return True  # cannot tell cheaply; err on the side of refusing
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    return True
