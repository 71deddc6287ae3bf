"""The folder index's SQLite cache: one row per file (path, stamp, packed entry).

Rows are kept in chunks, one table row holding the stamps of a few hundred files in one
small blob and their packed entries in another (each a marshalled dict by path): SQLite
writes a few large blobs several times faster than 36,000 small rows, and a second open
reads the small blobs alone. Every path's row is in exactly one chunk: storing a path again,
or removing it, first rewrites the chunk that held it.

It is only a cache, and never trusted blindly: each blob is stored with its CRC-32 beside
it, and a chunk whose blobs do not match their sums or do not decode to what was written is
dropped (its files are read again); a database SQLite itself finds damaged is started afresh,
and where none can be written the rows are kept in memory for this session. Each is logged.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from editor.core.index import record
from editor.core.index.entry import Entry, Row
from editor.core.storage.stamps import Stamp

log = logging.getLogger(__name__)

SCHEMA_VERSION = record.schema_version()  # changes with the packed field list and format

#: A cached path's stamp as stored: a Stamp's fields in a plain tuple (marshal holds no
#: named tuples; it is only compared with ==), or None for a file whose stamp is not known
#: (it is read again every time).
Known = tuple[int, ...] | None

_DECODING = (ValueError, EOFError, TypeError)  # what marshal.loads raises on bad data


class RowStore:
    """The cache of one folder (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.in_memory = False
        self._known: dict[str, Known] | None = None
        self._chunk_of: dict[str, int] | None = None  # which chunk holds each path's row
        # Each chunk ``known`` read, with its meta checksum and stamps: the rows fetched
        # later are taken only from those chunks, as they were then.
        self._seen: dict[int, tuple[int, dict[str, Known]]] = {}
        self._dropped: set[int] = set()  # damaged chunks deleted since the last reload
        self.db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        try:
            return _open(self.path)
        except sqlite3.DatabaseError as exc:  # not a database, or damaged
            if not self.path.is_file() or busy(exc):  # cannot be made, or another's now
                return self._memory(exc)
            log.warning("index cache %s: %s; starting it afresh", self.path, exc)
            self._delete()
        try:
            return _open(self.path)
        except sqlite3.DatabaseError as exc:  # cannot be written at all
            return self._memory(exc)

    def _delete(self) -> None:
        for leftover in (self.path, self.path.with_name(self.path.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)

    def _memory(self, why: object) -> sqlite3.Connection:
        if isinstance(why, BaseException) and busy(why):
            log.warning("index cache %s is in use by another process (%s): this one keeps "
                        "its index in memory", self.path, why)
        else:
            log.warning("index cache %s cannot be written (%s): kept in memory", self.path,
                        why)
        self.in_memory = True
        return _open(":memory:")

    def _afresh(self, why: object) -> None:
        """SQLite found the database damaged: start it afresh (every file is read again).
        A database another process holds longer than SQLite waits is not damaged: it is
        left to that process, and this one goes on in memory."""
        if isinstance(why, BaseException) and busy(why):
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = self._memory(why)
        else:
            log.warning("index cache %s is damaged (%s): starting it afresh", self.path, why)
            self._start_afresh()
        self._known, self._chunk_of, self._seen = {}, {}, {}
        self._dropped.clear()

    def _start_afresh(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        if self.in_memory:
            self.db = _open(":memory:")
        else:
            self._delete()
            try:
                self.db = _open(self.path)
            except sqlite3.DatabaseError as exc:
                self.db = self._memory(exc)

    def close(self) -> None:
        self.db.close()

    def reload(self) -> None:
        """Forget what is known in memory: read it again from the database (after a rolled
        back transaction, or to see what another process stored)."""
        self._known = self._chunk_of = None
        self._dropped.clear()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit what the block stores, or roll it all back if it raises. A cache that
        cannot be written any more (a full disk, a file made read-only) goes on in memory."""
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.db.rollback()
            self.reload()  # rolled back: what memory knew may not be stored
            raise
        try:
            self.db.commit()
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = self._memory(exc)
            self._known, self._chunk_of, self._seen = {}, {}, {}

    def known(self) -> dict[str, Known]:
        """Every cached path with its stamp; the rows stay on disk (see ``entries``)."""
        if self._known is None:
            self._known = {}
            self._seen = {chunk: (crc, meta) for chunk, crc, meta in self._metas()}
            for _crc, meta in self._seen.values():  # by id: the later chunk wins
                self._known.update(meta)
        return self._known

    def is_empty(self) -> bool:
        """Whether no row is cached, answered without loading the known paths."""
        if self._known is not None:
            return not self._known
        try:
            return self.db.execute("SELECT 1 FROM chunks LIMIT 1").fetchone() is None
        except sqlite3.DatabaseError:
            return True

    def _chunks(self) -> dict[str, int]:
        """Which chunk holds each cached path's row: read only when rows are replaced."""
        if self._chunk_of is None:
            self._chunk_of = {path: chunk for chunk, _crc, meta in self._metas()
                              for path in meta}
        return self._chunk_of

    def _metas(self) -> list[tuple[int, int, dict[str, Known]]]:
        """Each sound chunk's id, meta checksum and stamps by path, oldest first: were a path
        in two chunks (two processes wrote the cache), the later one wins, here as in
        ``_rows``. Damaged chunks are dropped."""
        try:
            found = self.db.execute(
                "SELECT id, meta, meta_sum FROM chunks ORDER BY id").fetchall()
        except sqlite3.DatabaseError as exc:
            self._afresh(exc)
            return []
        metas, damaged = [], []
        for chunk, blob, crc in found:
            meta = _decoded(blob, crc)
            if isinstance(meta, dict):
                metas.append((chunk, crc, meta))
            else:
                damaged.append(chunk)
        return metas if self._drop(damaged) else []

    def entries(self, kept: list[tuple[str, Stamp]],
                into: dict[str, Entry]) -> list[tuple[str, Stamp]]:
        """The entries of these files (path, stamp as listed) from their stored rows, fetched
        in one query and decoded only when first read (see ``Entry.packed``). Returns the
        files whose row changed, went or was found damaged since ``known`` was read: they
        are to be read again. ``kept`` are files whose listed stamp is the one ``known``
        gave, so each row is taken from the chunk that stamp came from, as it was then."""
        rows = self._rows() if kept else {}
        packed, get = Entry.packed, rows.get
        again = []
        for item in kept:
            rel, stamp = item
            data = get(rel)
            if type(data) is bytes:  # anything else is damage of the right shape
                into[rel] = packed(rel, stamp[0], stamp[1], data)
            else:
                again.append(item)
        return again

    def _rows(self) -> dict[str, Any]:
        """The packed entries by path of the chunks ``known`` read, in one query. A chunk
        rewritten since, gone or found damaged gives none (a damaged one is dropped), not
        even through an older chunk that still holds some of its paths. Read through a
        connection of its own where the cache is a file, so another thread's writes do not
        interleave."""
        query = "SELECT id, meta_sum, data, data_sum FROM chunks ORDER BY id"
        if self.in_memory:
            return self._sound_rows(self.db, query)
        try:
            db = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
        except sqlite3.Error:
            return {}
        try:
            return self._sound_rows(db, query)
        finally:
            db.close()

    def _sound_rows(self, db: sqlite3.Connection, query: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen, damaged, taken = self._seen, [], set()
        try:
            for chunk, meta_sum, blob, crc in db.execute(query):
                was = seen.get(chunk)
                if was is None or was[0] != meta_sum or chunk in self._dropped:
                    continue  # stored or rewritten since known() read it
                data = _decoded(blob, crc)
                if type(data) is dict:
                    out.update(data)
                    taken.add(chunk)
                else:
                    damaged.append(chunk)
        except sqlite3.DatabaseError as exc:
            log.warning("index cache %s: %s; its rows are read again", self.path, exc)
            return {}  # the next write, or the next open, finds the damage
        self._drop(damaged)
        for chunk in seen.keys() - taken:  # rewritten, gone or damaged since known()
            for path in seen[chunk][1]:
                out.pop(path, None)
        return out

    def _drop(self, chunks: list[int]) -> bool:
        """Delete damaged chunks (the refresh reads their files again and stores them anew);
        False if the whole database had to be started afresh."""
        new = [chunk for chunk in chunks if chunk not in self._dropped]
        if not new:
            return True
        log.warning("index cache %s: %d damaged chunk(s) dropped, their files are read again",
                    self.path, len(new))
        self._dropped.update(new)
        try:
            self.db.executemany("DELETE FROM chunks WHERE id = ?", [(c,) for c in new])
        except sqlite3.DatabaseError as exc:
            self._afresh(exc)
            return False
        return True

    def add(self, rows: list[Row], stamps: Sequence[Known]) -> None:
        """Store these rows (each with the stamp its file had before it was read, None where
        it is not known) as one chunk, replacing what was stored for their paths."""
        if not rows:
            return
        self.remove(row[0] for row in rows)
        meta_of: dict[str, Known] = {
            row[0]: None if stamp is None or stamp[0] < 0 else tuple(stamp)
            for row, stamp in zip(rows, stamps, strict=True)}
        meta, data = _blobs(meta_of, {row[0]: row[3] for row in rows})
        try:
            cursor = self.db.execute(
                "INSERT INTO chunks (meta, meta_sum, data, data_sum) VALUES (?, ?, ?, ?)",
                (meta, zlib.crc32(meta), data, zlib.crc32(data)))
        except sqlite3.DatabaseError as exc:
            self._afresh(exc)
            return  # these files are read again next time
        known, chunk_of, chunk = self.known(), self._chunks(), cursor.lastrowid
        if chunk is None:  # an INSERT always sets it
            raise sqlite3.DatabaseError("no row id for a stored chunk")
        known.update(meta_of)
        for path in meta_of:
            chunk_of[path] = chunk

    def remove(self, paths: Iterable[str]) -> None:
        """Drop the rows of these paths (rewriting, or deleting, the chunks that held them)."""
        known, chunk_of = self.known(), self._chunks()
        going: dict[int, set[str]] = {}
        for path in paths:
            known.pop(path, None)
            chunk = chunk_of.pop(path, None)
            if chunk is not None:
                going.setdefault(chunk, set()).add(path)
        try:
            for chunk, gone in going.items():
                self._rewrite(chunk, gone)
        except sqlite3.DatabaseError as exc:
            self._afresh(exc)

    def _rewrite(self, chunk: int, gone: set[str]) -> None:
        found = self.db.execute(
            "SELECT meta, meta_sum, data, data_sum FROM chunks WHERE id = ?",
            (chunk,)).fetchone()
        if found is None:
            return  # another process rewrote the cache meanwhile
        stamps, packed = _decoded(*found[:2]), _decoded(*found[2:])
        if type(stamps) is not dict or type(packed) is not dict:
            self._drop([chunk])
            return
        keep = {path: data for path, data in packed.items() if path not in gone}
        if keep:
            meta, data = _blobs({path: stamps.get(path) for path in keep}, keep)
            self.db.execute(
                "UPDATE chunks SET meta = ?, meta_sum = ?, data = ?, data_sum = ? "
                "WHERE id = ?", (meta, zlib.crc32(meta), data, zlib.crc32(data), chunk))
        else:
            self.db.execute("DELETE FROM chunks WHERE id = ?", (chunk,))


def _blobs(stamps: dict[str, Known], packed: dict[str, Any]) -> tuple[bytes, bytes]:
    """A chunk's two blobs: each path's stamp (the small one), and its packed entry."""
    return marshal.dumps(stamps), marshal.dumps(packed)


def _decoded(blob: Any, crc: Any) -> Any:
    """The value marshalled in ``blob`` if it matches its checksum, else None (marshal is
    never handed damaged bytes: it does not guard against them)."""
    if type(blob) is not bytes or type(crc) is not int or zlib.crc32(blob) != crc:
        return None
    try:
        return marshal.loads(blob)
    except _DECODING:
        return None


#: How long SQLite waits for another process's write before this one gives up (s).
BUSY_WAIT_S = 5.0


def busy(exc: BaseException) -> bool:
    """Whether SQLite refused because another connection holds the database (it is busy
    or locked, not damaged)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _open(path: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_WAIT_S)
    try:
        # A cache: losing the last writes to a power cut costs a re-read, never a file.
        # A rollback journal writes the rows once (a write-ahead log writes them twice).
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=OFF")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            _create(db)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _create(db: sqlite3.Connection) -> None:
    """(Re)create the schema, dropping whatever rows there were."""
    with db:
        for table in ("files", "chunks"):  # "files" held rows before chunks
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("CREATE TABLE chunks (id INTEGER PRIMARY KEY, meta BLOB, meta_sum INTEGER,"
                   " data BLOB, data_sum INTEGER)")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
