"""The folder index: one row per Markdown file, cached in SQLite by path, size and mtime.

A second open re-reads only files whose size or mtime changed. Rows are extracted by the
targeted scan where a file has the site's simple shape, else by a full safe YAML parse.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from editor.core.appdirs import cache_dir
from editor.core.document import ArticleDocument
from editor.core.errors import ArticleError, NotUtf8Error
from editor.core.layout import decode
from editor.core.quickscan import scan_front_matter
from editor.core.schema import article_schema

INDEX_VERSION = 4


@dataclass
class Entry:
    """What the index knows of one file. ``path`` is relative to the folder, with '/'."""

    path: str
    size: int = 0
    mtime_ns: int = 0
    kind: str = "article"  # article | page | no-front-matter | error
    id: Any = None
    title: str = ""
    question: str = ""
    subject: str = ""
    url: str = ""
    file_name: str = ""
    article_title: str = ""
    seo_title: str = ""
    description: str = ""
    keywords: str = ""
    related: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    error: str | None = None
    error_line: int | None = None
    error_column: int | None = None
    error_code: str | None = None

    @property
    def is_article(self) -> bool:
        return self.kind == "article"

    @property
    def display_title(self) -> str:
        return self.title or self.question or self.name.rsplit(".", 1)[0]

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


#: The SQLite columns, in the dataclass's field order (rows load as Entry(*row)).
_COLUMNS = tuple(f.name for f in fields(Entry))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def entry_from_data(rel: str, data: Any) -> Entry:
    """Fill an entry from parsed front matter data."""
    schema = article_schema()
    if not isinstance(data, dict):
        return Entry(rel, kind="page")
    seo = data.get("seo") if isinstance(data.get("seo"), dict) else {}
    related = []
    for key in schema.related_keys():
        slot = data.get(key)
        if isinstance(slot, dict):
            snapshot = {k: slot.get(k) for k in ("id", "title", "subject", "url")}
            related.append({"slot": key, **snapshot})
    entry = Entry(
        rel,
        kind="article" if schema.matches(data) else "page",
        id=data.get("id") if isinstance(data.get("id"), int | str) else None,
        title=_text(data.get("title")),
        question=_text(data.get("question")),
        subject=_text(data.get("subject")),
        url=_text(data.get("url")),
        file_name=_text(data.get("file_name")),
        article_title=_text(data.get("article_title")),
        seo_title=_text(seo.get("title")),
        description=_text(seo.get("page_description")),
        keywords=_text(seo.get("page_keywords")),
        related=related,
    )
    if entry.is_article:
        entry.missing = [k for k in schema.required_keys() if k not in data]
    return entry


def read_entry(root: Path, path: Path) -> Entry:
    """Index one file from disk (never raises for bad content)."""
    rel = path.relative_to(root).as_posix()
    try:
        stat = path.stat()
        raw = path.read_bytes()
    except OSError as exc:
        return Entry(rel, kind="error", error=f"cannot read: {exc.strerror or exc}",
                     error_code="parse-error")
    entry = entry_from_bytes(rel, raw)
    entry.size, entry.mtime_ns = stat.st_size, stat.st_mtime_ns
    return entry


def entry_from_bytes(rel: str, raw: bytes) -> Entry:
    try:
        text, _bom = decode(raw)
    except NotUtf8Error as exc:
        return Entry(rel, kind="error", error=exc.message, error_line=exc.line,
                     error_column=exc.column, error_code="not-utf8")
    data = scan_front_matter(text)
    if data is not None:
        return entry_from_data(rel, data)
    try:
        doc = ArticleDocument(text)
    except ArticleError as exc:
        return Entry(rel, kind="error", error=exc.message, error_line=exc.line,
                     error_column=exc.column, error_code="parse-error")
    if not doc.has_front_matter:
        return Entry(rel, kind="no-front-matter")
    return entry_from_data(rel, doc.data)


def scan_folder(root: Path) -> list[tuple[str, os.stat_result | None]]:
    """(relative path, stat) of every non-hidden .md file under root, sorted by path.

    Folder links are followed once, never in a loop; a file that cannot be stat'ed (a broken
    link) is listed with None so the index can report it.
    """
    out: list[tuple[str, os.stat_result | None]] = []
    seen: set[tuple[int, int]] = set()
    stack = [(str(root), "")]
    while stack:
        folder, rel = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as listing:
                items = list(listing)
        except OSError:
            continue
        for item in items:
            name = item.name
            if name.startswith("."):
                continue
            try:
                is_dir = item.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append((item.path, rel + name + "/"))
            elif name.endswith(".md"):
                try:
                    out.append((rel + name, item.stat()))
                except OSError:
                    out.append((rel + name, None))
    out.sort()
    return out


def walk_markdown(root: Path) -> Iterator[Path]:
    """Every non-hidden .md file under root (see ``scan_folder``), as absolute paths."""
    for rel, _st in scan_folder(root):
        yield root / rel


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Entries hold no reference cycles, yet making 36,000 of them triggers the cyclic
    collector's full passes again and again (they more than double a warm load). Pause it,
    then move what was built out of its sight; refcounting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _blob(values: list[Any]) -> bytes | None:
    return marshal.dumps(values) if values else None


def _plain_related(related: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Snapshots with only marshal-able values (a date or a list becomes its text)."""
    basic = (str, int, float, bool, type(None))
    return [{k: v if isinstance(v, basic) else str(v) for k, v in slot.items()}
            for slot in related]


def cache_path_for(root: Path) -> Path:
    digest = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"index-{digest}.sqlite"


class FolderIndex:
    """The index of one content folder, persisted in SQLite."""

    def __init__(self, root: Path | str, cache_path: Path | None = None) -> None:
        self.root = Path(root).resolve()
        self.cache_path = cache_path or cache_path_for(self.root)
        self._db = sqlite3.connect(self.cache_path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._ensure_schema()
        self.entries: dict[str, Entry] = {}
        self.reread = 0

    def _ensure_schema(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version != INDEX_VERSION:
            self._db.execute("DROP TABLE IF EXISTS files")
            self._db.execute(
                f"CREATE TABLE files ({', '.join(_COLUMNS)}, PRIMARY KEY (path))"
            )
            self._db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
            self._db.commit()

    def close(self) -> None:
        self._db.close()

    # -- persistence -----------------------------------------------------------------------
    def _load_cache(self) -> dict[str, Entry]:
        rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM files").fetchall()
        out = {}
        related_at, missing_at = _COLUMNS.index("related"), _COLUMNS.index("missing")
        for row in rows:
            values = list(row)
            values[related_at] = marshal.loads(values[related_at]) if values[related_at] else []
            values[missing_at] = marshal.loads(values[missing_at]) if values[missing_at] else []
            out[row[0]] = Entry(*values)
        return out

    def _store(self, entries: list[Entry], removed: list[str]) -> None:
        rows = []
        for e in entries:
            values = [getattr(e, c) for c in _COLUMNS]
            values[_COLUMNS.index("related")] = _blob(_plain_related(e.related))
            values[_COLUMNS.index("missing")] = _blob(e.missing)
            if e.id is not None and not isinstance(e.id, int):
                values[_COLUMNS.index("id")] = str(e.id)
            rows.append(values)
        with self._db:
            self._db.executemany(
                f"INSERT OR REPLACE INTO files VALUES ({', '.join('?' * len(_COLUMNS))})", rows
            )
            self._db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in removed])

    # -- scanning --------------------------------------------------------------------------
    def refresh(
        self,
        progress: Callable[[int, int], None] | None = None,
        listed: Callable[[list[Entry]], None] | None = None,
        batch: Callable[[list[Entry]], None] | None = None,
        batch_size: int = 2_000,
    ) -> dict[str, Entry]:
        """Bring the index up to date with the disk; re-read only changed files.

        ``listed`` gets every file at once (cached rows where known, else just the path);
        ``batch`` gets the re-read entries in groups as the scan proceeds.
        """
        with _cyclic_gc_paused():
            return self._refresh(progress, listed, batch, batch_size)

    def _refresh(
        self,
        progress: Callable[[int, int], None] | None,
        listed: Callable[[list[Entry]], None] | None,
        batch: Callable[[list[Entry]], None] | None,
        batch_size: int,
    ) -> dict[str, Entry]:
        cached = self._load_cache()
        listing = scan_folder(self.root)
        if listed is not None:
            listed([cached.get(rel) or Entry(rel) for rel, _st in listing])
        fresh: dict[str, Entry] = {}
        changed: list[Entry] = []
        pending: list[Entry] = []
        total = len(listing)
        for n, (rel, st) in enumerate(listing, start=1):
            old = cached.get(rel)
            if old is not None and st is not None and old.size == st.st_size and (
                old.mtime_ns == st.st_mtime_ns
            ):
                fresh[rel] = old
            else:
                entry = read_entry(self.root, self.root / rel)
                fresh[rel] = entry
                changed.append(entry)
                pending.append(entry)
            if n % batch_size == 0:
                if batch is not None and pending:
                    batch(pending)
                    pending = []
                if progress is not None:
                    progress(n, total)
        if batch is not None and pending:
            batch(pending)
        removed = [p for p in cached if p not in fresh]
        self._store(changed, removed)
        self.reread = len(changed)
        self.entries = fresh
        if progress:
            progress(total, total)
        return fresh

    def update_file(self, path: Path) -> Entry | None:
        """Re-index one file after a save or a change on disk (None if it is gone)."""
        path = Path(path).resolve()
        rel = path.relative_to(self.root).as_posix()
        if not path.exists():
            self.entries.pop(rel, None)
            self._store([], [rel])
            return None
        entry = read_entry(self.root, path)
        self.entries[rel] = entry
        self._store([entry], [])
        return entry

    def articles(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.is_article]

    def absolute(self, rel: str) -> Path:
        return self.root / rel
