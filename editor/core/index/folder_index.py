"""The folder index: one row per Markdown file, cached in SQLite by path and stamp (size,
mtime, the inode's change time and number: see ``stamps.Stamp``).

A second open re-reads only files whose stamp changed. Rows are extracted by the targeted
scans where a file has the site's simple shape, else by a full safe YAML parse (see
``entries``). A large folder is read by worker processes, one per core.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from editor.core import tuning
from editor.core.index.entry import Entry, Row, entry_from_bytes, read_entry, read_rows, unpack
from editor.core.index.entry import pack as pack_entry
from editor.core.index.listing import FolderListing, Item, Listed
from editor.core.index.rowstore import Known, RowStore
from editor.core.storage.appdirs import cache_path_for
from editor.core.storage.stamps import UNSTATED, DiskStamp, Stamp, stamp_of

__all__ = ["Entry", "FolderIndex"]

#: Below this many files to read, worker processes cost more than they save.
PARALLEL_MIN = 3_000
_CHUNK = 400


#: What one chunk of files read gives: their rows, and each file's stamp (None where it is
#: not known: the file is read again next time). Stamps cross to worker processes and back
#: as plain tuples: workers take and return only plain values.
Read = tuple[list[Row], list[Known]]


def read_chunk(root: str, items: Sequence[tuple[str, tuple[int, ...]]]) -> Read:
    """Read these files, each stamped before it is read (a change while it is read then
    shows next time). A file listed without a stat is stat'ed here, in the worker."""
    prefix = root.rstrip("/" + os.sep) + "/"
    stamps: list[tuple[int, ...]] = []
    for rel, stamp in items:
        if stamp[0] < 0:  # UNSTATED
            with contextlib.suppress(OSError):
                stamp = tuple(stamp_of(os.stat(prefix + rel)))
        stamps.append(stamp)
    rows = read_rows(root, [(rel, stamp[0], stamp[1])
                            for (rel, _listed), stamp in zip(items, stamps, strict=True)])
    # A row read as stamped keeps its stamp; one read otherwise (it grew since, it could
    # not be read) has none.
    return rows, [stamp if (row[1], row[2]) == (stamp[0], stamp[1]) else None
                  for row, stamp in zip(rows, stamps, strict=True)]


def _worker_rows(root: str, items: list[tuple[str, tuple[int, ...]]]) -> Read:
    tuning.worker_process()
    return read_chunk(root, items)


def worker_count() -> int:
    return min(os.cpu_count() or 1, 4)


def _start_pool(workers: int) -> ProcessPoolExecutor | None:
    """Worker processes that only read files, never touching Qt or the database. Never
    forked from this process: the window indexes from a thread of a process running Qt's
    threads, whose locks a fork could copy held. On Linux they fork from a clean server
    process (as fast as forking here: they start while the folder is listed), elsewhere
    they are spawned."""
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    try:
        context = multiprocessing.get_context(method)
        if method == "forkserver":  # workers fork with the reading code already imported
            context.set_forkserver_preload([__name__])
        return ProcessPoolExecutor(workers, mp_context=context)
    except (OSError, ValueError):
        return None


class _Reader:
    """Reads files in chunks, in worker processes when it has a pool, else here."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.pool: ProcessPoolExecutor | None = None
        self.chunks: list[list[Item]] = []
        self.futures: list[Future[Read] | None] = []
        self.taken = 0  # how many items of the caller's list are in chunks
        self.tried = False  # whether a pool was asked for
        self.pooled = 0  # how many chunks the workers read

    def dispatch(self, todo: list[Item], final: bool) -> None:
        """Cut the caller's growing list into chunks (the last, short one only when final),
        and hand each to the workers as soon as it is cut."""
        while len(todo) - self.taken >= (1 if final else _CHUNK):
            chunk = todo[self.taken : self.taken + _CHUNK]
            self.taken += len(chunk)
            self.chunks.append(chunk)
            self.futures.append(self._submit(chunk))

    def use_pool(self, pool: ProcessPoolExecutor | None) -> None:
        """Hand the chunks cut so far, and all later ones, to these workers."""
        self.pool, self.tried = pool, True
        self.futures = [f or self._submit(c) for f, c in zip(self.futures, self.chunks,
                                                           strict=True)]

    def _submit(self, chunk: list[Item]) -> Future[Read] | None:
        if self.pool is None:
            return None
        plain = [(rel, tuple(stamp)) for rel, stamp in chunk]
        try:
            return self.pool.submit(_worker_rows, self.root, plain)
        except (BrokenProcessPool, RuntimeError, OSError):
            self.pool = None  # read the rest here
            return None

    def results(self) -> Iterator[Read]:
        """Every chunk's rows and stamps, in the order the chunks were cut."""
        for future, chunk in zip(self.futures, self.chunks, strict=True):
            yield (read_chunk(self.root, chunk) if future is None
                   else self._rows_of(future, chunk))

    def _rows_of(self, future: Future[Read], chunk: list[Item]) -> Read:
        try:
            rows = future.result()
        except (BrokenProcessPool, OSError):
            return read_chunk(self.root, chunk)  # a worker died: read this chunk here
        self.pooled += 1
        return rows

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _unchanged(listed: Stamp, known: Known) -> bool:
    """Whether a listed file's cached row still holds: stamps are exact (both listers stat),
    so an equal one is an unchanged file."""
    return listed is not UNSTATED and known == listed


class FolderIndex:
    """The index of one content folder, persisted in SQLite."""

    def __init__(self, root: Path | str, cache_path: Path | None = None) -> None:
        self.root = Path(root).resolve()
        self.cache_path = cache_path or cache_path_for(self.root)
        self.store = RowStore(self.cache_path)
        self.entries: dict[str, Entry] = {}
        self.reread = 0
        self.reread_paths: list[str] = []  # the files the last refresh read, by path
        self.read_in_workers = 0  # chunks of the last refresh read by worker processes
        self.workers = worker_count()
        self.parallel_min = PARALLEL_MIN
        # Whether to walk with scandir-rs where it is installed. Its entries lack the change
        # time, so what it finds is stat'ed again in Python, which makes a warm open slower
        # than the standard library's walk alone (see listing.py): off unless asked for.
        self.native_listing = False
        self.listed_natively = False  # whether the last refresh did
        # What ``cached`` loaded, served again by the next refresh: stamps and entries.
        self._loaded: tuple[dict[str, Known], dict[str, Entry]] | None = None

    def close(self) -> None:
        self.store.close()

    # -- scanning --------------------------------------------------------------------------
    def refresh(
        self,
        progress: Callable[[int, int], None] | None = None,
        listed: Callable[[list[Entry]], None] | None = None,
        batch: Callable[[list[Entry]], None] | None = None,
    ) -> dict[str, Entry]:
        """Bring the index up to date with the disk; re-read only changed files.

        ``listed`` gets every file at once (cached rows where known, else just the path);
        ``batch`` gets the re-read entries in groups as the scan proceeds.
        """
        self.store.reload()  # another process may have written the cache
        with tuning.collector_paused(), self.store.transaction():
            return self._refresh(progress, listed, batch)

    def _refresh(
        self,
        progress: Callable[[int, int], None] | None,
        listed: Callable[[list[Entry]], None] | None,
        batch: Callable[[list[Entry]], None] | None,
    ) -> dict[str, Entry]:
        # Natively, the folder is listed and stat'ed in the background while the cache loads.
        # With nothing cached, the standard library lists folder by folder without a stat,
        # and workers start reading the first folders while it lists the rest.
        walker = FolderListing(self.root,
                               native=self.native_listing and not self.store.is_empty())
        self.listed_natively = walker.native
        cached = self.store.known()
        reader = _Reader(str(self.root))
        try:
            listing: Listed = []
            fresh: dict[str, Entry] = {}
            todo: list[Item] = []
            kept: list[Item] = []
            get = cached.get
            for part in walker.parts(cached):
                listing += part
                for item in part:
                    if _unchanged(item[1], get(item[0])):
                        kept.append(item)
                    else:
                        todo.append(item)
                # Enough to read for workers to pay: start them while the listing goes on.
                if not reader.tried and len(todo) >= self.parallel_min:
                    reader.use_pool(self._pool())
                reader.dispatch(todo, final=False)
            todo += self.store.entries(self._take_loaded(kept, fresh), fresh)
            if listed is not None:
                listed([fresh.get(rel) or Entry(rel) for rel, _stamp in sorted(listing)])
            reader.dispatch(todo, final=True)
            # Rows of files that changed or went: dropped before new rows are stored.
            if len(fresh) < len(cached):  # fresh holds only cached paths
                self.store.remove([p for p in cached if p not in fresh])
            done, total = len(fresh), len(listing)
            for rows, stamps in reader.results():
                self.store.add(rows, stamps)
                entries = [unpack(row) for row in rows]
                for entry in entries:
                    fresh[entry.path] = entry
                done += len(rows)
                if batch is not None:
                    batch(entries)
                if progress is not None:
                    progress(done, total)
        finally:
            reader.close()
        self.read_in_workers = reader.pooled
        self.reread = len(todo)
        self.reread_paths = [rel for rel, _stamp in todo]
        self.entries = {rel: fresh[rel] for rel in sorted(fresh)}  # by path
        if progress is not None:
            progress(total, total)
        return self.entries

    def cached(self) -> dict[str, Entry]:
        """The entry of every file whose row is cached with a known stamp, as it was stored,
        without listing the folder (each decoded when first read): the folder as last
        indexed, to show while ``refresh`` looks at the disk. The next refresh serves these
        same entries for every file it finds still at its stamp."""
        self.store.reload()
        known = dict(self.store.known())
        loaded: dict[str, Entry] = {}
        self.store.entries([(rel, stamp) for rel, stamp in known.items()  # type: ignore[misc]
                            if stamp is not None], loaded)
        self._loaded = (known, loaded)
        return loaded

    def _take_loaded(self, kept: list[Item], into: dict[str, Entry]) -> list[Item]:
        """Put into ``into`` the entries ``cached`` loaded for these unchanged files, where
        the cache still holds the row it loaded (same stamp); the rest, to load now."""
        if self._loaded is None:
            return kept
        known, loaded = self._loaded
        self._loaded = None
        rest = []
        for item in kept:
            rel, stamp = item
            entry = loaded.get(rel)
            if entry is not None and known.get(rel) == stamp:
                into[rel] = entry
            else:
                rest.append(item)
        return rest

    def _pool(self) -> ProcessPoolExecutor | None:
        return _start_pool(self.workers) if self.workers > 1 else None

    def update_file(self, path: Path,
                    found: tuple[bytes, DiskStamp] | None = None) -> Entry | None:
        """Re-index one file after a save or a change on disk (None if it is gone).
        ``found``: its bytes and fingerprint when the caller holds them (it just wrote
        them), so the file is not read again."""
        path = Path(path).resolve()
        rel = path.relative_to(self.root).as_posix()
        with self.store.transaction():
            if found is None and not path.exists():
                self.entries.pop(rel, None)
                self.store.remove([rel])
                return None
            stamp: Stamp | None = None
            with contextlib.suppress(OSError):
                stamp = stamp_of(os.stat(path))  # before it is read
            if found is None:
                entry = read_entry(self.root, path)
            else:
                entry = entry_from_bytes(rel, found[0])
                entry.size, entry.mtime_ns = found[1].size, found[1].mtime_ns
                if stamp is not None and found[1].inode not in (0, stamp.inode):
                    stamp = None  # replaced since it was written: read it next time
            if stamp is not None and (entry.size, entry.mtime_ns) != stamp[:2]:
                stamp = None  # changed as it was read, or could not be read
            self.entries[rel] = entry
            self.store.add([pack_entry(entry)], [stamp])
        return entry

    def stamps(self) -> dict[str, Known]:
        """Each cached file's stamp as its row was read at (None where it is not known)."""
        return self.store.known()

    def articles(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.is_article]
