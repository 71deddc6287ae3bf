"""The Markdown files of a folder and their stamps, listed on both cores where the platform
allows: what a check of an unchanged folder needs to find its kept report (see
``report_cache.listed_key``).

Such a check spends most of its time in the 36,000 stats of the files (about 6 µs each from
Python here, against 4 µs from C): the work is the interpreter's, so threads do not share it
out. Each folder's names are listed and stat'ed (the stat tells folders from files, so no
entry is looked at twice), and on Linux a process with no other thread (the command line)
forks a child that walks every other folder below the first few levels while it walks the
rest, and takes the child's paths and numbers through a pipe. Whatever goes wrong with the
child (it cannot be started, it dies, its answer is short), the parent walks its folders
too: the listing is the same either way.

The files are those ``listing.FolderListing`` lists, with the stamps it gives them. A link
to a folder is not followed here (the listing decides which of the paths leading to a folder
its files are listed under): the walk gives up, and the caller lists the folder as the index
does.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import threading
from array import array

from editor.core.storage.stamps import UNSTATED

FIELDS = len(UNSTATED)  # a stamp's numbers: size, mtime_ns, ctime_ns, inode
#: The walk splits between the processes below the first level holding this many folders.
SPLIT_FOLDERS = 8
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
_SIZE = 8  # bytes of each length and number in the child's answer


class GaveUpError(Exception):
    """The folder holds a link to a folder, or a Markdown file that cannot be stat'ed."""


#: The paths (relative, with '/') and their stamps' numbers, ``FIELDS`` per file.
Listed = tuple[list[str], "array[int]"]
Pending = list[tuple[str, str]]  # folders to walk: (full path, relative path + '/')


def can_split() -> bool:
    """Whether a child can be forked safely: on Linux, from a process running one thread
    (a fork copies only the calling thread, so the window never forks)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and threading.active_count() == 1)


def stamped_files(root: str, split: bool = True) -> Listed | None:
    """Every non-hidden Markdown file under ``root`` with its stamp's numbers, in no
    particular order; None where the walk gives up (see ``GaveUpError``)."""
    if os.stat not in os.supports_dir_fd:
        return None
    paths: list[str] = []
    numbers: array[int] = array("q")
    child = None
    try:
        pending = _levels(root, paths, numbers, SPLIT_FOLDERS if split else 0)
        child = _fork(pending[1::2]) if split and len(pending) > 1 and can_split() else None
        _walk(pending[0::2] if child is not None else pending, paths, numbers)
    except GaveUpError:
        if child is not None:
            _ended(*child)  # waited for, so that no child is left behind
        return None
    if child is None:
        return paths, numbers
    try:
        theirs = _answer(*child)
        if theirs is None:  # no whole answer: walk the child's half too
            _walk(pending[1::2], paths, numbers)
            return paths, numbers
    except GaveUpError:
        return None
    return paths + theirs[0], numbers + theirs[1]


def _levels(root: str, paths: list[str], numbers: array[int], enough: int) -> Pending:
    """Walk ``root`` a level at a time until one holds ``enough`` folders (those left
    to walk), adding the files found on the way."""
    level: Pending = [(root, "")]
    while level and len(level) < enough:
        below: Pending = []
        for folder, rel in level:
            _list(folder, rel, paths, numbers, below)
        level = below
    return level


def _walk(pending: Pending, paths: list[str], numbers: array[int]) -> None:
    stack = list(pending)
    while stack:
        folder, rel = stack.pop()
        _list(folder, rel, paths, numbers, stack)


def _list(folder: str, rel: str, paths: list[str], numbers: array[int],
          folders: Pending) -> None:
    """One folder's Markdown files into ``paths`` and ``numbers``, its folders onto
    ``folders``; a folder that cannot be read is passed over, as the listing passes it."""
    try:
        fd = os.open(folder, _FOLDER_FLAGS)
    except OSError:
        return
    add, stat_at, is_folder = numbers.extend, os.stat, stat.S_ISDIR
    try:
        try:
            names = os.listdir(fd)
        except OSError:
            return
        for name in names:
            if name.startswith("."):
                continue
            try:
                st = stat_at(name, dir_fd=fd)
            except OSError:
                if name.endswith(".md"):
                    raise GaveUpError(rel + name) from None
                continue  # a link to nothing, or gone since: no file of the listing's
            if is_folder(st.st_mode):
                if stat.S_ISLNK(stat_at(name, dir_fd=fd, follow_symlinks=False).st_mode):
                    raise GaveUpError(rel + name)
                folders.append((os.path.join(folder, name), rel + name + "/"))
            elif name.endswith(".md"):
                paths.append(rel + name)
                add((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    finally:
        os.close(fd)


def _fork(pending: Pending) -> tuple[int, int] | None:
    """A child walking these folders, writing what it found to a pipe (``_answer`` reads
    it): the pipe's reading end and the child's process id; None when none could start."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: walk, answer, and leave without running any clean-up
        code = 1
        try:
            os.close(read_end)
            paths: list[str] = []
            numbers: array[int] = array("q")
            try:
                _walk(pending, paths, numbers)
            except GaveUpError:
                answer = b"\x00"
            else:
                text = "\0".join(paths).encode("utf-8", "surrogatepass")
                answer = (b"\x01" + len(paths).to_bytes(_SIZE, "little")
                          + len(text).to_bytes(_SIZE, "little") + text + numbers.tobytes())
            with open(write_end, "wb", closefd=True) as pipe:
                pipe.write(answer)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return read_end, pid


def _ended(read_end: int, pid: int) -> bytes | None:
    """The child's answer once it has ended well, else None."""
    try:
        with open(read_end, "rb", closefd=True) as pipe:
            data = pipe.read()
    except OSError:
        data = b""
    status = -1
    with contextlib.suppress(OSError):
        status = os.waitpid(pid, 0)[1]
    return data if status == 0 and data else None


def _answer(read_end: int, pid: int) -> Listed | None:
    """What the child found once it has ended well, or None when its answer is not whole;
    GaveUpError where it gave up."""
    data = _ended(read_end, pid)
    if data is None:
        return None
    if data == b"\x00":
        raise GaveUpError("in the child's folders")
    head = 1 + 2 * _SIZE
    count = int.from_bytes(data[1:1 + _SIZE], "little")
    length = int.from_bytes(data[1 + _SIZE:head], "little")
    numbers: array[int] = array("q")
    if data[:1] != b"\x01" or len(data) != head + length + count * FIELDS * numbers.itemsize:
        return None
    try:
        text = data[head:head + length].decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    paths = text.split("\0") if count else []
    if len(paths) != count:
        return None
    numbers.frombytes(data[head + length:])
    return paths, numbers
