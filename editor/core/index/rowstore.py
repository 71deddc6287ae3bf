"""The folder index's SQLite cache: one row per file (path, size, mtime_ns, packed entry).

Rows are kept in chunks, one table row holding the paths, sizes and mtimes of a few hundred
files in one small blob and their packed entries in another: SQLite writes a few large blobs
several times faster than 36,000 small rows, and a second open reads the small blobs alone.
Every path's row is in exactly one chunk: storing a path again, or removing it, first
rewrites the chunk that held it.
"""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from editor.core.index import record
from editor.core.index.entry import Row

SCHEMA_VERSION = record.schema_version()  # changes with the packed field list

#: What a cached path is known by: its size and mtime_ns.
Known = tuple[int, int]


class RowStore:
    """The cache of one folder. It is only a cache: a damaged file is started afresh, and
    where no file can be written the rows are kept in memory for this session."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.in_memory = False
        self._known: dict[str, Known] | None = None
        self._chunk_of: dict[str, int] | None = None  # which chunk holds each path's row
        try:
            self.db = self._open(path)
        except sqlite3.DatabaseError:  # not a database, or damaged
            for leftover in (path, path.with_name(path.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
            try:
                self.db = self._open(path)
            except sqlite3.DatabaseError:  # cannot be written at all
                self.db, self.in_memory = self._open(":memory:"), True

    @staticmethod
    def _open(path: Path | str) -> sqlite3.Connection:
        db = sqlite3.connect(path, check_same_thread=False)
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

    def close(self) -> None:
        self.db.close()

    def reload(self) -> None:
        """Forget what is known in memory: read it again from the database (after a rolled
        back transaction, or to see what another process stored)."""
        self._known = self._chunk_of = None

    def known(self) -> dict[str, Known]:
        """Every cached path with its size and mtime; the packed entries stay on disk (see
        ``load_rows``)."""
        if self._known is None:
            self._known = {}
            for _chunk, meta in self._metas():
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
            self._chunk_of = {path: chunk for chunk, meta in self._metas() for path in meta}
        return self._chunk_of

    def _metas(self) -> list[tuple[int, dict[str, Known]]]:
        """Each chunk's id and small blob, oldest first: were a path in two chunks (two
        processes wrote the cache), the later one wins, here as in load_rows."""
        metas = []
        try:
            for chunk, blob in self.db.execute("SELECT id, meta FROM chunks ORDER BY id"):
                meta = marshal.loads(blob)
                if not isinstance(meta, dict):
                    raise TypeError("not a chunk's meta")
                metas.append((chunk, meta))
        except (sqlite3.DatabaseError, ValueError, EOFError, TypeError):
            _create(self.db)  # damaged rows: start afresh, every file is read again
            return []
        return metas

    def add(self, rows: list[Row]) -> None:
        """Store these rows as one chunk, replacing what was stored for their paths."""
        if not rows:
            return
        self.remove(row[0] for row in rows)
        cursor = self.db.execute("INSERT INTO chunks (meta, data) VALUES (?, ?)",
                                 (_meta(rows), marshal.dumps(rows)))
        known, chunk_of, chunk = self.known(), self._chunks(), cursor.lastrowid
        if chunk is None:  # an INSERT always sets it
            raise sqlite3.DatabaseError("no row id for a stored chunk")
        for path, size, mtime, _data in rows:
            known[path] = (size, mtime)
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
        for chunk, gone in going.items():
            found = self.db.execute("SELECT data FROM chunks WHERE id = ?", (chunk,)).fetchone()
            if found is None:
                continue  # another process rewrote the cache meanwhile
            keep = [row for row in marshal.loads(found[0]) if row[0] not in gone]
            if keep:
                self.db.execute("UPDATE chunks SET meta = ?, data = ? WHERE id = ?",
                                (_meta(keep), marshal.dumps(keep), chunk))
            else:
                self.db.execute("DELETE FROM chunks WHERE id = ?", (chunk,))


def _meta(rows: list[Row]) -> bytes:
    """A chunk's small blob: the path, size and mtime of each of its rows."""
    return marshal.dumps({path: (size, mtime) for path, size, mtime, _data in rows})


def _create(db: sqlite3.Connection) -> None:
    """(Re)create the schema, dropping whatever rows there were."""
    with db:
        for table in ("files", "chunks"):  # "files" held rows before chunks
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("CREATE TABLE chunks (id INTEGER PRIMARY KEY, meta BLOB, data BLOB)")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def load_rows(path: Path) -> dict[str, Row]:
    """Every stored row by path, read through a connection of its own (any thread may ask)."""
    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            blobs = db.execute("SELECT data FROM chunks ORDER BY id")
            return {row[0]: row for (blob,) in blobs for row in marshal.loads(blob)}
        finally:
            db.close()
    except (sqlite3.Error, ValueError, EOFError, TypeError):
        return {}
