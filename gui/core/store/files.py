"""Small file-system helpers shared by the store: private (0600) files written atomically,
and the fsyncs that make a rename survive a power cut."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE_MODE = 0o600


class NotAFileError(OSError):
    """A folder, pipe, socket or device where a regular file belongs. Never read: a pipe
    or a device could block for ever or never end. ``strerror`` says what it is."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words, for messages."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def check_regular(path: Path) -> bool:
    """False when ``path`` does not exist; True when it is a regular file (a symlink to one
    counts); NotAFileError for anything else. Does not open it, so it cannot block."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(mode):
        raise NotAFileError(errno.EINVAL, f"it is {kind_of(mode)}, not a file", str(path))
    return True


def open_regular(path: Path) -> int:
    """A read-only descriptor for ``path``, refusing anything but a regular file. O_NONBLOCK
    makes opening a named pipe return at once instead of waiting for a writer; the file's
    type is then checked on the open descriptor, so a swap in between cannot fool it."""
    nonblock = getattr(os, "O_NONBLOCK", 0)
    flags = os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotAFileError(errno.EISDIR, "it is a folder, not a file", str(path)) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotAFileError(errno.EINVAL, f"it is {kind_of(mode)}, not a file", str(path))
    if nonblock:
        os.set_blocking(fd, True)  # reads of a regular file never block anyway
    return fd


def is_disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def free_bytes(directory: Path) -> int | None:
    """Space left for this user on the disk holding ``directory`` (None if unknown)."""
    try:
        if hasattr(os, "statvfs"):
            found = os.statvfs(directory)
            return found.f_bavail * found.f_frsize
        return shutil.disk_usage(directory).free
    except OSError:
        return None


def disk_full_message(directory: Path) -> str:
    return f"There is no space left on the disk that holds {directory}."


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
    reading, so a file that grows or lies about its size cannot exhaust memory). Only a
    regular file is read (NotAFileError otherwise), so a pipe or a device cannot hang it."""
    with os.fdopen(open_regular(path), "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:  # refuse early when the size says so
            raise ValueError(f"the file is larger than {limit // 1_000_000} MB")
        # Sized to the file, not to the limit: read(limit) would allocate the whole limit.
        data = handle.read(size + 1)
        if len(data) > size:  # it grew while being read
            data += handle.read(limit + 1 - len(data))
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
        # sys.platform, not is_posix(): the type checker follows it to the platform's module.
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for ~10 s, then OSError
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock on every platform
