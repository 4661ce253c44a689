"""Small file-system helpers shared by the store: private (0600) files written atomically,
and the fsyncs that make a rename survive a power cut."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE_MODE = 0o600


def is_posix() -> bool:
    return os.name == "posix"


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` durable. Windows cannot open a
    directory for fsync, and does not need to."""
    if not is_posix():
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private(path: Path) -> None:
    """Take group and other permissions away from an existing file or folder. The owner's
    own bits stay as they are: a folder the user made read-only stays read-only (and is
    then reported as such) instead of being quietly made writable. Best effort: some file
    systems (FAT on a USB stick) have no permissions to set."""
    if is_posix():
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & 0o077:
                path.chmod(mode & 0o700)


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) as 0700, or make an existing one private. Raises
    OSError only when it cannot be created."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    make_private(path)


def create_private_empty(path: Path) -> None:
    """Create an empty file readable only by its owner, so SQLite (which copies the main
    file's mode onto its -wal and -shm files) never creates anything world-readable."""
    # The umask can only remove bits from 0600, so no chmod is needed afterwards.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(fd)


def write_private_file(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` atomically (temp file, fsync, rename) with mode 0600.
    A crash leaves either the old file or the new one, never half of one. With
    ``overwrite=False`` an existing ``path`` raises FileExistsError."""
    if not overwrite and path.exists():
        raise FileExistsError(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()  # a leftover from a crashed run of this same pid number
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        make_private(temp)
        if not overwrite and path.exists():
            raise FileExistsError(path)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(path.parent)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, or ValueError when it is larger than ``limit`` (checked while
    reading, so a file that grows or lies about its size cannot exhaust memory)."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > limit:  # refuse early when the size says so
            raise ValueError(f"the file is larger than {limit // 1_000_000} MB")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"the file is larger than {limit // 1_000_000} MB")
    return data


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created 0600 if needed) for the block: another
    process asking for it waits. Used so that two first starts at the same moment (the
    window and a command) do not both create a key and a database."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        if is_posix():
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        else:
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for ~10 s, then OSError
        yield
    finally:
        os.close(fd)  # closing releases the lock on every platform
