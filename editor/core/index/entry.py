"""What the index knows of one file, how it is read from the file's bytes, and how it is
packed into one SQLite row (or sent back from a worker process)."""

from __future__ import annotations

import errno
import marshal
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from editor.core.document.article import ArticleDocument
from editor.core.document.layout import decode
from editor.core.document.schema import article_schema
from editor.core.errors import ArticleError, NotUtf8Error
from editor.core.index import record, sitescan
from editor.core.index.keylines import key_lines
from editor.core.index.quickscan import scan_front_matter
from editor.core.storage.stamps import MAX_FILE_BYTES, OPEN_READ, read_fd, too_large
from editor.core.text.backslashes import answer_hazards
from editor.core.text.site_marks import answer_marks


@dataclass(slots=True)
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
    #: The line of each key a check can name (see ``keylines``); empty for data not read
    #: from a file.
    lines: dict[str, int] = field(default_factory=dict)
    #: The stored answer's backslash-n findings (``backslashes.Hazard`` fields as tuples).
    hazards: list[tuple[Any, ...]] = field(default_factory=list)
    #: What the site shows otherwise than typed: rejected formulas and typed HTML
    #: (``site_marks.SiteMark`` fields as tuples).
    marks: list[tuple[Any, ...]] = field(default_factory=list)
    #: The packed row data of an entry loaded lazily (see ``Entry.packed``), until decoded.
    _packed: bytes | None = field(default=None, repr=False, compare=False)

    @classmethod
    def packed(cls, path: str, size: int, mtime_ns: int,
               data: bytes) -> Entry:
        """An entry whose other fields are decoded from ``data`` (bytes already in memory:
        no I/O) when first read: opening a cached folder checks 36,000 files without
        decoding them all."""
        entry = cls.__new__(cls)
        entry.path, entry.size, entry.mtime_ns, entry._packed = path, size, mtime_ns, data
        return entry

    def __getattr__(self, name: str) -> Any:
        """Only called for a field not yet set: decode the packed data once (in memory)."""
        data = self._packed
        if data is None or name.startswith("__"):
            raise AttributeError(name)
        _assign(self, marshal.loads(data))
        self.related = _related_dicts(self.related)  # type: ignore[arg-type]
        self._packed = None
        return getattr(self, name)

    def decode(self) -> None:
        """Decode the packed data now (say, off the UI thread) rather than on first use."""
        if self._packed is not None:
            self.__getattr__("kind")

    def own_copy(self) -> Entry:
        """This entry to read in another thread while this one may be read here: itself
        once decoded, else a new entry of the same packed data (one entry decoded in two
        threads at once could be left half decoded)."""
        data = self._packed
        if data is None:  # decoding sets this last: every field is set
            return self
        return Entry.packed(self.path, self.size, self.mtime_ns, data)

    @property
    def is_article(self) -> bool:
        return self.kind == "article"

    @property
    def display_title(self) -> str:
        return self.title or self.question or self.name.rsplit(".", 1)[0]

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


#: One stored row (see ``rowstore``): path, size, mtime_ns and the rest of the entry,
#: marshalled (see ``pack``).
Row = tuple[str, int, int, bytes]


def _assigner() -> Callable[[Entry, tuple[Any, ...]], None]:
    """Sets the fields of ``record.PACKED`` from one packed tuple in one unpacking
    assignment, generated from the field list: several times faster than setting them one
    by one, which counts when 36,000 entries are decoded."""
    targets = ", ".join(f"entry.{name}" for name in record.PACKED)
    namespace: dict[str, Any] = {}
    exec(f"def assign(entry, values):\n    {targets} = values\n", namespace)
    return namespace["assign"]  # type: ignore[no-any-return]


_assign = _assigner()
#: The entry's fields in packed order (``pack`` reads them all at once).
_packed_fields = attrgetter(*record.PACKED)
_ID_AT, _RELATED_AT = record.PACKED.index("id"), record.PACKED.index("related")
_DEFAULTS = {f.name: f for f in fields(Entry)}
#: The packed tail of an entry read by ``sitescan``: the defaults of ``record.TAIL``.
_SITE_TAIL: tuple[Any, ...] = tuple(
    [] if _DEFAULTS[name].default is MISSING else _DEFAULTS[name].default
    for name in record.TAIL)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def entry_from_data(rel: str, data: Any) -> Entry:
    """Fill an entry from parsed front matter data."""
    schema = article_schema()
    if not isinstance(data, dict):
        return Entry(rel, kind="page")
    seo: dict[str, Any] = data["seo"] if isinstance(data.get("seo"), dict) else {}
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


_RELATED_KEYS = record.RELATED_KEYS



def _related_maker() -> Callable[[list[tuple[Any, ...]]], list[dict[str, Any]]]:
    """``_related_dicts``, generated from ``_RELATED_KEYS`` as one comprehension of dict
    displays (dict(zip(...)) per slot would make decoding a cached folder twice as slow)."""
    names = [f"v{n}" for n in range(len(_RELATED_KEYS))]
    items = ", ".join(f"{key!r}: {name}" for key, name in zip(_RELATED_KEYS, names, strict=True))
    namespace: dict[str, Any] = {}
    exec(f"def dicts(related):\n    return [{{{items}}} for {', '.join(names)} in related]\n",
         namespace)
    return namespace["dicts"]  # type: ignore[no-any-return]


#: Snapshots from their packed tuples (see ``_RELATED_KEYS``).
_related_dicts = _related_maker()


def from_bytes(raw: bytes, answer: Any, lines: dict[str, int] | None = None
               ) -> tuple[Any, ...]:
    """The values of ``record.FROM_BYTES`` for an article's bytes, given its stored answer
    and, when the reader already has them, its key lines."""
    found = [(h.kind, h.start, h.end, h.fix, h.shown, h.typed) for h in answer_hazards(answer)]
    marks = [(m.kind, m.start, m.end, m.shown, m.message) for m in answer_marks(answer)]
    return key_lines(raw) if lines is None else lines, found, marks


def entry_from_site(rel: str, values: tuple[Any, ...],
                    found: tuple[Any, ...] | None = None) -> Entry:
    """The entry of ``sitescan.scan``'s values: an article with every required key, with
    ``found`` (``from_bytes``'s values; none when not given)."""
    entry = Entry(rel)
    _assign(entry, ("article", *values, *_SITE_TAIL, *(found or ({}, [], []))))
    entry.related = _related_dicts(entry.related)  # type: ignore[arg-type]
    entry.missing = []
    return entry


def entry_from_bytes(rel: str, raw: bytes) -> Entry:
    """The entry of one file's bytes: the site's own layout is matched in one regex, other
    simple shapes are scanned, and anything else gets the full YAML parse."""
    scanned = sitescan.scan(raw)
    if scanned is None:
        return _entry_off_site(rel, raw)
    values, lines, answer = scanned
    return entry_from_site(rel, values, from_bytes(raw, answer, lines))


def _entry_off_site(rel: str, raw: bytes) -> Entry:
    """The entry of a file ``sitescan`` did not match: the simple-shape scan, else the full
    YAML parse."""
    try:
        text, _bom = decode(raw)
    except NotUtf8Error as exc:
        return Entry(rel, kind="error", error=exc.message, error_line=exc.line,
                     error_column=exc.column, error_code="not-utf8")
    data = scan_front_matter(text)
    found: Any = data
    if found is None:
        try:
            doc = ArticleDocument(text)
        except ArticleError as exc:
            return Entry(rel, kind="error", error=exc.message, error_line=exc.line,
                         error_column=exc.column, error_code="parse-error")
        if not doc.has_front_matter:
            return Entry(rel, kind="no-front-matter")
        found = doc.data
    entry = entry_from_data(rel, found)
    if entry.is_article:  # then the data is a mapping
        entry.lines, entry.hazards, entry.marks = from_bytes(raw, found.get("answer") or "")
    return entry


def _unreadable(rel: str, exc: OSError) -> Entry:
    return Entry(rel, kind="error", error=f"cannot read: {exc.strerror or exc}",
                 error_code="unreadable")


def read_entry(root: Path, path: Path) -> Entry:
    """Index one file from disk (never raises for bad content)."""
    rel = path.relative_to(root).as_posix()
    try:
        raw, size, mtime_ns = read_listed(str(path), -1, -1)
    except OSError as exc:
        return _unreadable(rel, exc)
    entry = entry_from_bytes(rel, raw)
    entry.size, entry.mtime_ns = size, mtime_ns
    return entry


_BASIC = (str, int, float, bool, type(None))


def _basic(value: Any) -> Any:
    """A value marshal can hold: a date or a list in a snapshot becomes its text."""
    return value if isinstance(value, _BASIC) else str(value)


def pack(e: Entry) -> Row:
    """The entry as one row (related snapshots as tuples, see ``_RELATED_KEYS``)."""
    data = list(_packed_fields(e))
    data[_RELATED_AT] = [tuple(_basic(slot.get(k)) for k in _RELATED_KEYS)
                         for slot in e.related]
    ident = e.id
    data[_ID_AT] = ident if ident is None or isinstance(ident, int) else str(ident)
    return e.path, e.size, e.mtime_ns, marshal.dumps(_shared(data))


def _intern(value: Any) -> Any:
    return sys.intern(value) if type(value) is str else value


#: Where the texts many entries repeat sit in the packed values (an article's title is
#: its question and article title too, and the title and url of the slots naming it).
_SHARED_AT = [record.PACKED.index(name) for name in record.SHARED]
_SHARED_SLOT_AT = [_RELATED_KEYS.index(name) for name in record.SHARED_SLOT]
_LINES_AT = record.PACKED.index("lines")


def _shared(data: list[Any]) -> tuple[Any, ...]:
    """The packed values with their repeated texts interned: marshal writes an interned
    text as such and loading interns it again (in C), so 36,000 entries decoded share
    one copy of each title, url and subject, and of each key of their lines."""
    for at in _SHARED_AT:
        data[at] = _intern(data[at])
    data[_RELATED_AT] = [
        tuple(_intern(v) if n in _SHARED_SLOT_AT else v for n, v in enumerate(slot))
        for slot in data[_RELATED_AT]]
    lines = data[_LINES_AT]
    if isinstance(lines, dict):
        data[_LINES_AT] = {_intern(k): v for k, v in lines.items()}
    return tuple(data)


def unpack(row: Row) -> Entry:
    """The entry of a row, decoded when first read."""
    return Entry.packed(*row)


def read_listed(path: str, size: int, mtime_ns: int) -> tuple[bytes, int, int]:
    """The file's bytes, size and mtime in as few system calls as possible. Size and mtime
    as listed, or (-1, -1) for a file the listing did not stat: then they are taken from
    the open file. Never blocks on a named pipe that merely ends in .md, never reads a
    device or more than MAX_FILE_BYTES (stamps.read_fd checks the open file)."""
    if size > MAX_FILE_BYTES:
        raise OSError(errno.EFBIG, too_large(size))
    fd = os.open(path, OPEN_READ)
    try:
        if size > 0:  # pipes and devices list as empty: those are looked at below
            first = os.read(fd, size + 1)
            if len(first) <= size:
                return first, size, mtime_ns  # a regular file reads short only at its end
            if stat.S_ISREG(os.fstat(fd).st_mode):  # grown since listed: read it all again
                os.lseek(fd, 0, os.SEEK_SET)
        data, st = read_fd(fd)  # refuses anything but a regular file under the cap
        return data, st.st_size, st.st_mtime_ns
    finally:
        os.close(fd)


def read_rows(root: str, items: list[tuple[str, int, int]]) -> list[Row]:
    """Read and pack these files (relative path, size, mtime_ns as listed). Runs in worker
    processes for large folders, so it takes and returns only plain values."""
    rows = []
    dumps, scan = marshal.dumps, sitescan.scan
    prefix = root.rstrip("/" + os.sep) + "/"  # every platform takes '/' (rel has only '/')
    for rel, size, mtime_ns in items:
        try:
            raw, size, mtime_ns = read_listed(prefix + rel, size, mtime_ns)
        except OSError as exc:
            rows.append(pack(_unreadable(rel, exc)))
            continue
        scanned = scan(raw)
        if scanned is not None:  # the site's layout, read by one regex
            values, lines, answer = scanned
            rows.append((rel, size, mtime_ns, dumps(_shared([
                "article", *values, *_SITE_TAIL, *from_bytes(raw, answer, lines)]))))
            continue
        entry = _entry_off_site(rel, raw)  # not scanned again: it just failed the match
        entry.size, entry.mtime_ns = size, mtime_ns
        rows.append(pack(entry))
    return rows
