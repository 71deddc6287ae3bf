"""The last check of a folder, kept beside its index: a check of a folder whose files did not
change since is answered from it, without decoding an entry or running a rule.

A report is a function of the indexed entries and of the code that checks them, so it is kept
under a digest of both: every entry's path and file stamp (what its row was read at), the
program's version, the index's record format, and the size and mtime of the core's own source
files and the bundled schema (a changed rule or field list is a new digest). A check looks
its report up by the same digest of the folder as listed now (``listed_key``), so an
unchanged folder is answered without opening the index. Each kept blob carries a CRC-32; a
damaged, truncated or foreign file is ignored and written anew. It is only a cache: where it
cannot be written, checks simply run.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import stat
import tempfile
import zlib
from array import array
from collections.abc import Mapping
from functools import cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor import __version__
from editor.core.index import record, split_stat
from editor.core.index.listing import FolderListing
from editor.core.storage.siteroot import has_site_config

if TYPE_CHECKING:  # a check of an unchanged folder imports none of the checks
    from editor.core.checks.folder_checks import Report
    from editor.core.index.entry import Entry
    from editor.core.index.rowstore import Known

log = logging.getLogger(__name__)

_MAGIC = b"article-editor report 3\n"
_DIGEST = 16
#: The largest kept blob read: a folder of 200,000 files keeps some 80 MB; anything larger
#: (a link to a device, a sparse file put there) is no report of ours.
MAX_KEPT = 1 << 30
#: A kept file is opened without waiting on a named pipe put in its place, nor following a
#: link there.
_OPEN = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
_CHECK = 4  # a CRC-32 of the blob: finds flipped bytes and a cut, at 2 GB/s


@cache
def _code_stamp() -> bytes:
    """What changes whenever the checking code or the bundled schema may have changed."""
    h = hashlib.blake2b(digest_size=_DIGEST)
    h.update(f"{__version__} {record.schema_version()}".encode())
    core = Path(__file__).resolve().parents[1]
    sources = sorted(core.rglob("*.py")) + sorted((core.parents[1] / "resources").rglob("*.yaml"))
    for path in sources:
        with contextlib.suppress(OSError):
            st = path.stat()
            h.update(f"{path.name} {st.st_size} {st.st_mtime_ns}\n".encode())
    return h.digest()


def site_stamp(root: Path) -> bytes:
    """What the site checks read besides the indexed pages: the CloudCannon configuration,
    the Bookshop component files and the static folder's files (their paths and stamps);
    empty for a folder that is no configured site."""
    if not has_site_config(root):
        return b""
    from editor.core.site.bookshop_files import bookshop_roots

    h = hashlib.blake2b(digest_size=_DIGEST)
    configs = sorted(root / name for name in os.listdir(root)
                     if name.startswith("cloudcannon.config."))
    files: list[Path] = list(configs)
    page_folders, static_path = _site_folders(root, configs)
    for base in bookshop_roots(root, page_folders):
        files.extend(base.rglob("*.bookshop.*"))
    # Whether each collection's folder and the static folder are there (an empty folder
    # made or removed changes what the checks say, and holds no file to stamp).
    there = [f"{name} {(root / name).is_dir()}\n" for name in page_folders]
    if static_path is not None:
        static = root / static_path
        there.append(f"static {static_path} {static.is_dir()}\n")
        if static != root and static.is_dir():
            files.extend(static.rglob("*"))
    h.update("".join(there).encode("utf-8", "surrogatepass"))
    for path in sorted(files):
        h.update(_stamp_line(path, str(path)))
    return h.digest()


def _stamp_line(path: Path, name: str) -> bytes:
    """A line naming the file and its stamp (nothing for a file gone since it was listed)."""
    try:
        st = path.stat()
    except OSError:
        return b""
    return (f"{name} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}\n"
            .encode("utf-8", "surrogatepass"))


def _site_folders(root: Path, configs: list[Path]) -> tuple[tuple[str, ...], str | None]:
    """The collections' page folders and the static path the site's configuration names
    (None for a configuration that cannot be read). Kept beside the index under the stamps
    of the configuration files, so that a check of an unchanged site reads no YAML."""
    from editor.core.storage.appdirs import cache_path_for

    h = hashlib.blake2b(key=_code_stamp(), digest_size=_DIGEST)
    for path in configs:
        h.update(_stamp_line(path, path.name))
    key = h.digest()
    memo = ReportCache(cache_path_for(root))
    blob = memo.get("site", key)
    with contextlib.suppress(EOFError, ValueError, TypeError):
        if blob is not None:
            folders, static = marshal.loads(blob)
            if (type(folders) is tuple and all(type(f) is str for f in folders)
                    and (static is None or type(static) is str)):
                return folders, static
    from editor.core.errors import ArticleError
    from editor.core.site.config import site_config

    try:
        config = site_config(root)
    except ArticleError:
        found: tuple[tuple[str, ...], str | None] = ((), None)
    else:
        found = (tuple(config.page_folders), config.static_path)
    memo.put("site", key, marshal.dumps(found))
    return found


def digest(stamps: Mapping[str, Known], site: bytes = b"") -> bytes | None:
    """The key of a report on the files of ``stamps``: each one's path and the stamp (size,
    mtime, change time, inode) its cached row was read at, as the index keeps them; the
    index serves a row again only while its file keeps that stamp. None when a file's stamp
    is not known (it is read afresh each time): no kept report can then be trusted.

    The paths in the listing's order (``split_stat.place``), NUL-joined, and the stamps as
    one array of 64-bit numbers in the same order: bytes that depend only on the values (as
    marshal's would not: they follow reference counts), hashed in C."""
    paths = sorted(stamps, key=split_stat.place)
    known = list(map(stamps.__getitem__, paths))
    if None in known:  # a stamp not known
        return None
    try:
        numbers = array("q", chain.from_iterable(known))  # type: ignore[arg-type]
    except (TypeError, OverflowError):  # not a stamp a file system gives
        return None
    sizes = array("q", map(len, known))  # type: ignore[arg-type]
    return _hashed(paths, sizes.tobytes(), numbers.tobytes(), site)


def _hashed(paths: list[str], sizes: bytes, numbers: bytes, site: bytes) -> bytes:
    h = hashlib.blake2b(key=_code_stamp(), digest_size=_DIGEST)
    h.update(len(paths).to_bytes(8, "little"))
    h.update("\0".join(paths).encode("utf-8", "surrogatepass"))
    h.update(sizes)
    h.update(numbers)
    h.update(site)  # the site checks' own files (``site_stamp``)
    return h.digest()


def listed_key(root: Path, site: bytes | None = None) -> bytes | None:
    """The key of the reports on the folder as it is now, from a listing alone: ``digest``
    of every file's path and current stamp. It equals the key a report was kept under only
    while every file keeps the stamp its row was read at, and no file came or went: a check
    of an unchanged folder is then answered without opening the index. None when a file
    cannot be stat'ed (a broken link: its problem is found afresh). ``site``: the folder's
    ``site_stamp`` where the caller has it already."""
    found = split_stat.stamped_files(str(root))
    if found is None:  # a link to a folder: listed as the index lists it
        listed = sorted((item for part in FolderListing(root, native=False).parts()
                         for item in part), key=lambda item: split_stat.place(item[0]))
        found = ([rel for rel, _stamp in listed],
                 array("q", chain.from_iterable(stamp for _rel, stamp in listed)))
    rels, numbers = found  # in the order ``digest`` hashes them in
    if not rels or min(numbers[::split_stat.FIELDS]) < 0:  # a size only UNSTATED has
        return None
    sizes = array("q", [split_stat.FIELDS]) * len(rels)
    return _hashed(rels, sizes.tobytes(), numbers.tobytes(),
                   site_stamp(root) if site is None else site)


def stamps_of(entries: Mapping[str, Entry], known: Mapping[str, Known]) -> dict[str, Known]:
    """The stamps of these entries' files, as ``digest`` takes them."""
    return {rel: known.get(rel) for rel in entries}


class ReportCache:
    """Blobs kept by kind ("json", "text", ...) for one folder, each under the digest of the
    entries it was made from."""

    def __init__(self, index_path: Path) -> None:
        self.base = index_path

    def _path(self, kind: str) -> Path:
        return self.base.with_name(f"{self.base.stem}.{kind}.report")

    def get(self, kind: str, key: bytes | None) -> bytes | None:
        """The blob kept for this kind under this key, or None."""
        if key is None:
            return None
        mark = _mark(kind)
        try:
            fd = os.open(self._path(kind), _OPEN)
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_KEPT:
                return None  # a pipe, a device or a folder in its place
            with open(fd, "rb", buffering=0, closefd=False) as f:
                head = f.read(len(mark) + _DIGEST + _CHECK)
                blob = f.readall()  # sized from the file's size (a buffered read grows and
                # copies: 19 ms against 2 ms for 13 MB), and read on where a read is short
        except OSError:
            return None
        finally:
            os.close(fd)
        if head[:len(mark)] != mark or head[len(mark):-_CHECK] != key:
            return None  # another folder state's or kind's, or not a report at all
        if _checksum([blob]) != head[-_CHECK:]:
            log.warning("the kept %s report of %s is damaged: checking again", kind, self.base)
            return None
        return blob

    def put(self, kind: str, key: bytes | None, blob: bytes | list[bytes]) -> None:
        """Keep a blob, or the chunks of one (``in_pieces``: written one after the other,
        never joined in memory). Quietly nothing where the cache folder cannot be written,
        or with no key."""
        if key is None:
            return
        chunks = blob if isinstance(blob, list) else [blob]
        target = self._path(kind)
        check = _checksum(chunks)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        except OSError as exc:
            log.info("cannot keep the %s report of %s: %s", kind, self.base, exc)
            return
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_mark(kind) + key + check)
                f.writelines(chunks)
            os.replace(tmp, target)
        except OSError as exc:
            log.info("cannot keep the %s report of %s: %s", kind, self.base, exc)
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _mark(kind: str) -> bytes:
    """What a kept file of this kind starts with: a file of another kind put in its place
    is not read as one of this kind."""
    return _MAGIC + kind.encode("ascii") + b"\n"


def _checksum(chunks: list[bytes]) -> bytes:
    """The CRC-32 of these chunks one after the other."""
    crc = 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
    return crc.to_bytes(_CHECK, "little")


#: Items in one piece of a kept list (see ``in_pieces``).
PIECE = 2048
#: What marked a list kept in pieces inside one marshalled tuple (the earlier form, still
#: read): a tuple of it and the pieces' marshalled bytes.
_PIECES = "\0pieces"
#: What starts a blob of pieces laid end to end (no marshalled value starts with a NUL).
_LAID = b"\0laid pieces\n"
_LENGTH = 8


def in_pieces(values: tuple[Any, ...]) -> list[bytes]:
    """``values`` marshalled, each list among them in pieces of PIECE items, as chunks to
    keep one after the other (``ReportCache.put`` takes them). One marshal call holds the
    interpreter lock from its start to its end, and the window's thread waits it out: 40 ms
    for a folder's 48,889 problems, and 30-60 ms for one that joins the pieces of a tree
    (their 8 MB is new memory, touched for the first time); between two pieces it can take
    the lock. A head lists the values, and for a list the sizes of its pieces."""
    head: list[Any] = []
    pieces: list[bytes] = []
    for value in values:
        if type(value) is list:
            mine = [marshal.dumps(value[at:at + PIECE]) for at in range(0, len(value), PIECE)]
            head.append((_PIECES, [len(piece) for piece in mine]))
            pieces += mine
        else:
            head.append(value)
    top = marshal.dumps(tuple(head))
    return [_LAID, len(top).to_bytes(_LENGTH, "little"), top, *pieces]


def from_pieces(blob: bytes) -> tuple[Any, ...]:
    """The values ``in_pieces`` kept, read piece by piece from the blob, not copied out of
    it (a blob of one marshal call, or of the earlier pieces form, reads as it is);
    EOFError, ValueError or TypeError when it is damaged."""
    if not blob.startswith(_LAID):
        return _from_one_tuple(blob)
    view = memoryview(blob)
    at = len(_LAID) + _LENGTH
    top = int.from_bytes(view[len(_LAID):at], "little")
    head = marshal.loads(view[at:at + top])
    at += top
    if type(head) is not tuple:
        raise TypeError("not a kept tuple")
    values: list[Any] = []
    for value in head:
        if not (type(value) is tuple and len(value) == 2 and value[0] == _PIECES):
            values.append(value)
            continue
        items: list[Any] = []
        for size in value[1]:
            if type(size) is not int or not 0 < size <= len(blob) - at:
                raise ValueError("a piece past the blob's end")
            piece = marshal.loads(view[at:at + size])
            at += size
            if type(piece) is not list:  # (a list would take in any iterable's items)
                raise TypeError("not a piece of a kept list")
            items += piece
        values.append(items)
    if at != len(blob):
        raise ValueError("bytes after the kept pieces")
    return tuple(values)


def _from_one_tuple(blob: bytes) -> tuple[Any, ...]:
    values = marshal.loads(blob)
    if type(values) is not tuple:
        raise TypeError("not a kept tuple")
    return tuple(_joined(v[1]) if type(v) is tuple and len(v) == 2 and v[0] == _PIECES else v
                 for v in values)


def _joined(pieces: list[bytes]) -> list[Any]:
    out: list[Any] = []
    for piece in pieces:
        items = marshal.loads(piece)
        if type(items) is not list:  # (a list would take in any iterable's items)
            raise TypeError("not a piece of a kept list")
        out += items
    return out


def kept_report(cache: ReportCache, key: bytes | None) -> Report | None:
    """The report kept under this key (as ``keep_report`` left it), or None."""
    from editor.core.checks.folder_checks import Problem, Report

    blob = cache.get("problems", key)
    if blob is None:
        return None
    try:
        articles, files, rows = from_pieces(blob)
        problems = [Problem(*row) for row in rows]
    except (EOFError, ValueError, TypeError):
        return None
    return Report(articles, files, problems)


def keep_report(cache: ReportCache, key: bytes | None, report: Report) -> None:
    rows = [(p.file, p.line, p.code, p.severity, p.message, p.key, p.text, p.column)
            for p in report.problems]
    cache.put("problems", key, in_pieces((report.articles, report.files, rows)))
