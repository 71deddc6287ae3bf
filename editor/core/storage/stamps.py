"""What a file was when it was read: its fingerprint (DiskStamp), what the index cache knows
it by (Stamp), and reading it safely.

Only regular files are read: a named pipe that merely ends in ``.md`` or a link to a device
is refused without blocking, and a file over MAX_FILE_BYTES is refused before it is parsed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import NamedTuple

#: The largest file read as an article, everywhere (command line, index, window).
MAX_FILE_BYTES = 5_000_000
#: How every reader opens a file: never waiting on a named pipe that merely ends in .md.
OPEN_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class DiskStamp(NamedTuple):
    """A file's size, modification time, content hash and (0 when unknown) its identity."""

    size: int
    mtime_ns: int
    sha256: str
    inode: int = 0
    device: int = 0


class Stamp(NamedTuple):
    """What the index's cache knows a file by. Size and mtime alone miss an edit that keeps
    them (``cp -p``, ``rsync -t``, ``touch -r``, a same-length rewrite with its times set
    back): the inode's change time cannot be set by users, and a file replaced by a rename
    is a new inode. -1 throughout for a file that was not (or could not be) stat'ed."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


#: The stamp of a file listed without a stat (or whose stat failed).
UNSTATED = Stamp(-1, -1, -1, -1)


def stamp_of(st: os.stat_result) -> Stamp:
    return Stamp(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def stamp_bytes(data: bytes, size: int = -1, mtime_ns: int = 0,
                st: os.stat_result | None = None) -> DiskStamp:
    digest = hashlib.sha256(data).hexdigest()
    if st is not None:
        return DiskStamp(st.st_size, st.st_mtime_ns, digest, st.st_ino, st.st_dev)
    return DiskStamp(len(data) if size < 0 else size, mtime_ns, digest)


def too_large(size: int) -> str:
    return (f"the file is {size / 1e6:.1f} MB, too large for an article (the limit is "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB)")


def read_fd(fd: int, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """The bytes of the open file ``fd`` and its status; OSError for anything but a regular
    file of at most ``limit`` bytes."""
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, "not a regular file (a pipe, a device or a socket); "
                                    "only regular files are read")
    if st.st_size > limit:
        raise OSError(errno.EFBIG, too_large(st.st_size))
    parts, total = [], 0
    while chunk := os.read(fd, max(st.st_size + 1 - total, 1 << 16)):
        parts.append(chunk)
        total += len(chunk)
        if total > limit:  # grew while being read
            raise OSError(errno.EFBIG, too_large(total))
    return b"".join(parts), st


def read_regular(path: Path | str, *, follow: bool = True,
                 limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """Open without blocking, check it is a regular file under the cap, then read it.
    ``follow=False`` refuses a link in the last part of the path (ELOOP)."""
    fd = os.open(path, OPEN_READ | (0 if follow else NOFOLLOW))
    try:
        return read_fd(fd, limit)
    finally:
        os.close(fd)


def read_stamped(path: Path) -> tuple[bytes, DiskStamp] | None:
    """The file's bytes and fingerprint, or None when it is gone (deleted or renamed)."""
    try:
        data, st = read_regular(path)
    except FileNotFoundError:
        return None
    return data, stamp_bytes(data, st=st)


def same_file(stamp: DiskStamp, st: os.stat_result) -> bool:
    """Whether ``st`` is the file ``stamp`` was taken of, as far as identity and size tell
    (the content hash decides the rest)."""
    if stamp.inode and (st.st_ino, st.st_dev) != (stamp.inode, stamp.device):
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == stamp.size


def read_head(path: Path | str, size: int) -> bytes:
    """The first ``size`` bytes of a regular file; b"" for anything else or on any error
    (what a window shows of a file it cannot open)."""
    try:
        fd = os.open(path, OPEN_READ)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)
