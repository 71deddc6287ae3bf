"""The last check of a folder, kept beside its index: a check of a folder whose files did not
change since is answered from it, without decoding an entry or running a rule.

A report is a function of the indexed entries and of the code that checks them, so it is kept
under a digest of both: every entry's path and file stamp (what its row was read at), the
program's version, the index's record format, and the size and mtime of the core's own source
files and the bundled schema (a changed rule or field list is a new digest). Each kept blob
carries a checksum; a damaged, truncated or foreign file is ignored and written anew. It is
only a cache: where it cannot be written, checks simply run.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import tempfile
from array import array
from collections.abc import Mapping
from functools import cache
from itertools import chain
from pathlib import Path

from editor import __version__
from editor.core.checks.folder_checks import Problem, Report
from editor.core.errors import ArticleError
from editor.core.index import record
from editor.core.index.entry import Entry
from editor.core.index.rowstore import Known

log = logging.getLogger(__name__)

_MAGIC = b"article-editor report 1\n"
_DIGEST = 16


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
    the Bookshop component files and the static folder's files (their paths, sizes and
    mtimes); empty for a folder that is no configured site."""
    from editor.core.checks.folder_checks import has_site_config

    if not has_site_config(root):
        return b""
    from editor.core.site.bookshop import bookshop_roots
    from editor.core.site.config import site_config

    h = hashlib.blake2b(digest_size=_DIGEST)
    files: list[Path] = [root / name for name in os.listdir(root)
                         if name.startswith("cloudcannon.config.")]
    try:
        config = site_config(root)
    except ArticleError:
        config = None
    for base in bookshop_roots(root, config.page_folders if config is not None else ()):
        files.extend(base.rglob("*.bookshop.*"))
    if config is not None:
        static = root / config.static_path
        if static != root and static.is_dir():
            files.extend(static.rglob("*"))
    for path in sorted(files):
        with contextlib.suppress(OSError):
            st = path.stat()
            h.update(f"{path} {st.st_size} {st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return h.digest()


def digest(stamps: Mapping[str, Known], site: bytes = b"") -> bytes | None:
    """The key of a report on the files of ``stamps``: each one's path and the stamp (size,
    mtime, change time, inode) its cached row was read at, as the index keeps them; the
    index serves a row again only while its file keeps that stamp. None when a file's stamp
    is not known (it is read afresh each time): no kept report can then be trusted.

    The paths, sorted and NUL-joined, and the stamps as one array of 64-bit numbers in the
    same order: bytes that depend only on the values (as marshal's would not: they follow
    reference counts), hashed in C."""
    paths = sorted(stamps)
    known = list(map(stamps.__getitem__, paths))
    if None in known:  # a stamp not known
        return None
    try:
        numbers = array("q", chain.from_iterable(known))  # type: ignore[arg-type]
    except (TypeError, OverflowError):  # not a stamp a file system gives
        return None
    sizes = array("q", map(len, known))  # type: ignore[arg-type]
    h = hashlib.blake2b(key=_code_stamp(), digest_size=_DIGEST)
    h.update(len(paths).to_bytes(8, "little"))
    h.update("\0".join(paths).encode("utf-8", "surrogatepass"))
    h.update(sizes.tobytes())
    h.update(numbers.tobytes())
    h.update(site)  # the site checks' own files (``site_stamp``)
    return h.digest()


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
        try:
            with open(self._path(kind), "rb") as f:
                head = f.read(len(_MAGIC) + 2 * _DIGEST)
                blob = f.read()
        except OSError:
            return None
        if head[:len(_MAGIC)] != _MAGIC or head[len(_MAGIC):-_DIGEST] != key:
            return None  # another folder state's, or not a report at all
        if hashlib.blake2b(blob, digest_size=_DIGEST).digest() != head[-_DIGEST:]:
            log.warning("the kept %s report of %s is damaged: checking again", kind, self.base)
            return None
        return blob

    def put(self, kind: str, key: bytes | None, blob: bytes) -> None:
        """Keep a blob (quietly nothing where the cache folder cannot be written, or with no
        key)."""
        if key is None:
            return
        target = self._path(kind)
        check = hashlib.blake2b(blob, digest_size=_DIGEST).digest()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        except OSError as exc:
            log.info("cannot keep the %s report of %s: %s", kind, self.base, exc)
            return
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + key + check)
                f.write(blob)
            os.replace(tmp, target)
        except OSError as exc:
            log.info("cannot keep the %s report of %s: %s", kind, self.base, exc)
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def kept_report(cache: ReportCache, key: bytes | None) -> Report | None:
    """The report kept under this key (as ``keep_report`` left it), or None."""
    blob = cache.get("problems", key)
    if blob is None:
        return None
    try:
        articles, files, rows = marshal.loads(blob)
        problems = [Problem(*row) for row in rows]
    except (EOFError, ValueError, TypeError):
        return None
    return Report(articles, files, problems)


def keep_report(cache: ReportCache, key: bytes | None, report: Report) -> None:
    rows = [(p.file, p.line, p.code, p.severity, p.message, p.key, p.text, p.column)
            for p in report.problems]
    cache.put("problems", key, marshal.dumps((report.articles, report.files, rows)))
