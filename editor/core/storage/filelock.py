"""Advisory locks for a read-edit-write: one file while it is edited, one folder while a new
article takes the next free id.

The lock is ``flock`` on the file itself (and, for ids, on the site folder itself), not on a
lock file in the user's data folder: it then holds between users too (flock needs only read
access), leaves no files anywhere, and a save is seen by the next writer because each save
replaces the file, so a writer that waited on the old file sees that the name now holds
another one and locks that instead. Programs that do not take the lock (other editors, git)
are caught by the fingerprint check just before the file is replaced (safe_io). Where there
is no ``flock`` (Windows) nothing is locked and only that check remains.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

from editor.core.errors import SaveError
from editor.core.storage.stamps import NOFOLLOW, OPEN_READ

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

#: How long a writer waits for another to finish before giving up.
WAIT_SECONDS = 30.0


def _lock(fd: int, deadline: float) -> bool:
    """Take an exclusive flock on ``fd``, waiting until ``deadline``; False when the file
    system has no locks (the write then goes ahead unlocked)."""
    assert fcntl is not None
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.005)
        except OSError as exc:
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                return False
            raise


@contextlib.contextmanager
def file_lock(path: Path | str, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold ``path``'s file (through links) locked against other article-editor writers.
    A missing or unreadable file is not locked: the read that follows says what is wrong.
    Raises SaveError when another writer holds it for longer than ``wait`` seconds."""
    if fcntl is None:
        yield
        return
    real = os.path.realpath(path)
    deadline = time.monotonic() + wait
    fd = None
    try:
        while True:
            try:
                fd = os.open(real, OPEN_READ | NOFOLLOW)
            except OSError:
                fd = None
                break
            try:
                if not _lock(fd, deadline):
                    break
            except BlockingIOError:
                raise SaveError("another program is writing this file; nothing written, try "
                                "again", path=path) from None
            except OSError:
                break
            held, now = os.fstat(fd), _lstat(real)
            if now is not None and (held.st_ino, held.st_dev) == (now.st_ino, now.st_dev):
                break  # locked the file the name still holds
            os.close(fd)  # replaced while we waited: lock the new one
            fd = None
            if now is None:
                break
        yield
    finally:
        if fd is not None:
            os.close(fd)


@contextlib.contextmanager
def folder_lock(folder: Path | str, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the folder itself locked (a flock on the folder) while new files take ids."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        try:
            _lock(fd, time.monotonic() + wait)
        except BlockingIOError:
            raise SaveError("another program is adding articles to this folder; try again",
                            path=folder) from None
        yield
    finally:
        os.close(fd)


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None
