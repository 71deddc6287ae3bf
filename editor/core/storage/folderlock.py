"""Say when a folder is already open in another Article Editor: a lock file per folder.

The lock is advisory (``flock`` on POSIX, ``msvcrt.locking`` on Windows) and is released by
the operating system when the process ends, even when it is killed, so it never goes stale.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path

from editor.core.storage.appdirs import data_dir


class FolderLock:
    """Held while a folder is open; ``held_elsewhere`` when another process holds it."""

    def __init__(self, folder: Path) -> None:
        digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
        base = data_dir() / "locks"
        self.path = base / f"{digest}.lock"
        self.held_elsewhere = False
        self._fd: int | None = None
        try:
            base.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return  # no place for a lock: nothing to say either way
        if _try_lock(fd):
            self._fd = fd
        else:
            os.close(fd)
            self.held_elsewhere = True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing drops the lock
            self._fd = None


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
