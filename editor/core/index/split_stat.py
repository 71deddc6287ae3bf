"""The Markdown files of a folder and their stamps, listed on both cores where the platform
allows: what a check of an unchanged folder needs to find its kept report (see
``report_cache.listed_key``).

Such a check spends most of its time in the 36,000 stats of the files (2.5 µs each here,
most of it in the kernel, as ``find`` takes too): threads would not share the Python part
out. Each folder's names are listed and stat'ed (the stat tells folders from files, so no
entry is looked at twice), and on Linux a process with no other thread (the command line)
forks a child that walks a share of the folders below the first few levels (``_halves``)
while it walks the rest, and takes the child's paths and numbers through a pipe. Whatever
goes wrong with the child (it cannot be started, it dies, its answer is short), the parent
walks its folders too: the listing is the same either way.

The files come in ``place`` order (by folder, then by name), the order a report's key
hashes them in: each folder's names are sorted as they are listed, which costs less than
sorting 36,000 paths with long common beginnings, and the folders are put in order at the
end.

The files are those ``listing.FolderListing`` lists, with the stamps it gives them. A link
to a folder is not followed here (the listing decides which of the paths leading to a folder
its files are listed under): the walk gives up, and the caller lists the folder as the index
does.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import threading
from array import array

from editor.core.storage.stamps import UNSTATED

FIELDS = len(UNSTATED)  # a stamp's numbers: size, mtime_ns, ctime_ns, inode
#: The walk splits between the processes below the first level holding this many folders.
SPLIT_FOLDERS = 8
#: The part of the walk the child takes: a little less than half (see ``_halves``).
CHILD_SHARE = 0.45
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
_SIZE = 8  # bytes of each length and number in the child's answer


class GaveUpError(Exception):
    """The folder holds a link to a folder, or a Markdown file that cannot be stat'ed."""


#: The paths (relative, with '/') and their stamps' numbers, ``FIELDS`` per file.
Listed = tuple[list[str], "array[int]"]
#: Folders to walk: (full path, relative path + '/', the folder's size).
Pending = list[tuple[str, str, int]]
#: Each folder's run of files in a walk's paths: (relative path + '/', start, end).
Blocks = list[tuple[str, int, int]]


def place(path: str) -> tuple[str, str]:
    """Where a relative path comes in the listing's order: its folder (with its '/'), then
    its name."""
    cut = path.rfind("/") + 1
    return path[:cut], path[cut:]


def can_split() -> bool:
    """Whether a child can be forked safely: on Linux, from a process running one thread
    (a fork copies only the calling thread, so the window never forks)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and threading.active_count() == 1)


def stamped_files(root: str, split: bool = True) -> Listed | None:
    """Every non-hidden Markdown file under ``root`` with its stamp's numbers, in ``place``
    order; None where the walk gives up (see ``GaveUpError``)."""
    if os.stat not in os.supports_dir_fd:
        return None
    paths: list[str] = []
    numbers: array[int] = array("q")
    blocks: Blocks = []
    child = None
    try:
        pending = _levels(root, paths, numbers, blocks, SPLIT_FOLDERS if split else 0)
        mine, theirs = _halves(pending)
        child = _fork(theirs) if split and theirs and can_split() else None
        _walk(mine if child is not None else pending, paths, numbers, blocks)
    except GaveUpError:
        if child is not None:
            _ended(*child)  # waited for, so that no child is left behind
        return None
    except BaseException:  # (an interrupt, or memory running out)
        if child is not None:
            _stopped(*child)
        raise
    if child is None:
        return _in_place(paths, numbers, blocks)
    try:
        answered = _answer(*child)
        if answered is None:  # no whole answer: walk the child's half too
            _walk(theirs, paths, numbers, blocks)
            return _in_place(paths, numbers, blocks)
    except GaveUpError:
        return None
    their_paths, their_numbers, their_blocks = answered
    shift = len(paths)
    blocks += [(rel, start + shift, end + shift) for rel, start, end in their_blocks]
    return _in_place(paths + their_paths, numbers + their_numbers, blocks)


def _in_place(paths: list[str], numbers: array[int], blocks: Blocks) -> Listed:
    """The walk's files in ``place`` order: its folders' runs (each in order already) in
    the order of their folders."""
    blocks.sort()
    ordered: list[str] = []
    stamps: array[int] = array("q")
    for _rel, start, end in blocks:
        ordered += paths[start:end]
        stamps += numbers[start * FIELDS:end * FIELDS]
    return ordered, stamps


def _levels(root: str, paths: list[str], numbers: array[int], blocks: Blocks,
            enough: int) -> Pending:
    """Walk ``root`` a level at a time until one holds ``enough`` folders (those left
    to walk), adding the files found on the way."""
    level: Pending = [(root, "", 0)]
    while level and len(level) < enough:
        below: Pending = []
        for folder, rel, _size in level:
            _list(folder, rel, paths, numbers, blocks, below)
        level = below
    return level


def _halves(pending: Pending) -> tuple[Pending, Pending]:
    """The folders split in two: this process's and the child's, which gets somewhat less
    (``CHILD_SHARE``: it starts later, writes to pages it shares with this process, and
    writes its answer). A folder's size stands for the number of its entries (on ext4,
    btrfs, tmpfs and APFS it grows with them): the largest go first, each to the half
    furthest below its share so far."""
    halves: tuple[Pending, Pending] = ([], [])
    loads = [0.0, 0.0]
    shares = (1 - CHILD_SHARE, CHILD_SHARE)
    for item in sorted(pending, key=lambda item: item[2], reverse=True):
        to = int(loads[1] / shares[1] < loads[0] / shares[0])
        halves[to].append(item)
        loads[to] += max(item[2], 1)  # where folders have no size, they alternate
    return halves


def _walk(pending: Pending, paths: list[str], numbers: array[int], blocks: Blocks) -> None:
    stack = list(pending)
    while stack:
        folder, rel, _size = stack.pop()
        _list(folder, rel, paths, numbers, blocks, stack)


def _list(folder: str, rel: str, paths: list[str], numbers: array[int], blocks: Blocks,
          folders: Pending) -> None:
    """One folder's Markdown files into ``paths`` and ``numbers`` in the order of their
    names, and their run into ``blocks``; its folders onto ``folders``. A folder that cannot
    be read is passed over, as the listing passes it."""
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
        names.sort()
        start = len(paths)
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
                try:
                    mode = stat_at(name, dir_fd=fd, follow_symlinks=False).st_mode
                except OSError:  # gone since its stat: the folder changes as it is listed
                    raise GaveUpError(rel + name) from None
                if stat.S_ISLNK(mode):
                    raise GaveUpError(rel + name)
                folders.append((os.path.join(folder, name), rel + name + "/", st.st_size))
            elif name.endswith(".md"):
                paths.append(rel + name)
                add((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        if len(paths) > start:
            blocks.append((rel, start, len(paths)))
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
            blocks: Blocks = []
            try:
                _walk(pending, paths, numbers, blocks)
            except GaveUpError:
                answer = b"\x00"
            else:
                text = "\0".join(paths).encode("utf-8", "surrogatepass")
                ends = array("q", [end for _rel, _start, end in blocks])
                answer = b"".join([
                    b"\x01", len(paths).to_bytes(_SIZE, "little"),
                    len(text).to_bytes(_SIZE, "little"), len(ends).to_bytes(_SIZE, "little"),
                    text, numbers.tobytes(), ends.tobytes()])
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


def _stopped(read_end: int, pid: int) -> None:
    """The child stopped and waited for, its pipe closed (its answer is not wanted)."""
    with contextlib.suppress(OSError):
        os.close(read_end)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def _answer(read_end: int, pid: int) -> tuple[list[str], array[int], Blocks] | None:
    """What the child found (its paths, numbers and folders' runs) once it has ended well,
    or None when its answer is not whole; GaveUpError where it gave up."""
    data = _ended(read_end, pid)
    if data is None:
        return None
    if data == b"\x00":
        raise GaveUpError("in the child's folders")
    head = 1 + 3 * _SIZE
    count, length, runs = (int.from_bytes(data[at:at + _SIZE], "little")
                           for at in range(1, head, _SIZE))
    numbers: array[int] = array("q")
    ends: array[int] = array("q")
    stamps_at = head + length
    ends_at = stamps_at + count * FIELDS * numbers.itemsize
    if data[:1] != b"\x01" or len(data) != ends_at + runs * ends.itemsize:
        return None
    try:
        text = data[head:stamps_at].decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    paths = text.split("\0") if count else []
    if len(paths) != count:
        return None
    numbers.frombytes(data[stamps_at:ends_at])
    ends.frombytes(data[ends_at:])
    runs_of = list(zip([0, *ends[:-1]] if ends else [], ends, strict=True))
    if (ends[-1] if ends else 0) != count or any(end <= start for start, end in runs_of):
        return None  # runs that do not cover the paths one after another
    return paths, numbers, [(place(paths[start])[0], start, end) for start, end in runs_of]
