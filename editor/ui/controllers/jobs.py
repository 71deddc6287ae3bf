"""Slow work run in the thread pool (folder index, checks, dictionary) by one dispatcher,
whose signals bring the results to the UI thread."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from editor.core import tuning
from editor.core.checks.folder_checks import Report, check_folder
from editor.core.checks.report_cache import (
    ReportCache,
    digest,
    keep_report,
    kept_report,
    site_stamp,
    stamps_of,
)
from editor.core.errors import ArticleError
from editor.core.index.catalog import Catalog
from editor.core.index.entry import Entry
from editor.core.index.folder_index import FolderIndex
from editor.core.text.spelling import SAMPLE_TEXTS, Speller
from editor.ui.controllers.disk_watch import folders_of
from editor.ui.models.kept_tree import FolderView, keep_tree, keep_view, kept_tree
from editor.ui.models.tree_data import refreshed
from editor.ui.panes.article_tree import TreeData, prepare_tree

log = logging.getLogger(__name__)


@dataclass
class IndexResult:
    index: FolderIndex
    entries: dict[str, Entry]
    tree: TreeData
    catalog: Catalog
    report: Report
    #: The files this index's refresh read again (the rest kept their cached rows).
    reread: list[str] = field(default_factory=list)
    #: The root and every folder holding one of its files: what the window watches.
    folders: set[Path] = field(default_factory=set)
    #: Set in the UI thread once the window has taken the result in and painted it.
    taken: threading.Event = field(default_factory=threading.Event)


#: How long the index job waits for the window to take its result in before it prepares
#: the suggestions (s). Their half second of Python would share the interpreter with the
#: window's first paint of the result, which calls Python for every row it lays out: each
#: call waited its turn, and the window stalled 0.9 s (36,044 articles).
TAKEN_WAIT_S = 2.0
#: How long the window gives itself to repaint the tree and problems of an index result it
#: took in, before it lets the job go on (ms): a zero timer fired before the repaint, whose
#: few hundred calls into Python then each waited for the interpreter (a 100-150 ms stall).
SHOWN_MS = 250

#: Entries read are handed to the window at most this often (seconds): each hand-over costs
#: the window a model update, and dozens of them queued at once would stall it.
BATCH_INTERVAL = 0.1


class _Batches:
    """Decodes entries here, off the UI thread, and passes them on in coalesced batches,
    with what the tree keeps of them (``refreshed``)."""

    def __init__(self, emit: Callable[[list[Entry]], None]) -> None:
        self.emit = emit
        self.pending: list[Entry] = []
        self.last = time.monotonic()

    def add(self, entries: list[Entry]) -> None:
        for entry in entries:
            entry.decode()
        self.pending += entries
        if time.monotonic() - self.last >= BATCH_INTERVAL:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.emit(refreshed(self.pending))
            self.pending = []
        self.last = time.monotonic()


class _Gate:
    """Lets pool threads emit the dispatcher's signals only while it exists: it is closed,
    under the same lock, when the dispatcher is destroyed (with its window, say), so a job
    that outlives it ends quietly instead of emitting from a deleted object."""

    def __init__(self, jobs: Jobs) -> None:
        self._jobs: Jobs | None = jobs
        self._lock = threading.Lock()

    def close(self, *_args: object) -> None:
        with self._lock:
            self._jobs = None

    def emit(self, name: str, *args: object) -> None:
        self.delivered(name, *args)

    def delivered(self, name: str, *args: object) -> bool:
        """Emit the dispatcher's signal ``name``; False when the dispatcher is gone."""
        with self._lock:
            if self._jobs is None:
                return False
            getattr(self._jobs, name).emit(*args)
            return True


class Jobs(QObject):
    """The one dispatcher of slow work to the thread pool. Each kind of job reports through
    this object's signals, which reach the UI thread queued; nothing else keeps jobs alive
    or tracks whether they are done."""

    #: Indexing of a folder opened (not a quiet re-check) listed its files: TreeData with
    #: titles where the cache knows them. Emitted before any ``batch``.
    listed = Signal(object)
    #: Entries just read by that indexing, coalesced to ~10 per second: ``Refreshed``.
    batch = Signal(object)
    #: That indexing's progress: files read, files to read.
    progress = Signal(int, int)
    #: An indexing (open or re-check) is done: IndexResult. A quiet re-check that found
    #: nothing changed emits nothing.
    indexed = Signal(object)
    #: While a folder opens, before ``indexed``: its root and its problems as kept by the
    #: last check, when no file changed since (Path, Report).
    keptProblems = Signal(object, object)
    #: After ``indexed``: its catalog can now suggest related articles (Catalog), and the
    #: folder's tree and problems are kept for its next opening.
    suggestionsReady = Signal(object)
    #: Indexing of a folder opened failed: what went wrong, in a line. (A failed re-check
    #: is only logged.)
    indexFailed = Signal(str)
    #: The folder checks re-run after a save are done: Report.
    checked = Signal(object)
    #: The folder's tree and problems after a save are kept for its next opening: the
    #: FolderView given to ``keep``.
    kept = Signal(object)
    #: The spelling dictionary is loaded.
    spellingLoaded = Signal()
    #: The folder's own spellings changed the automatic spelling language.
    spellingRedecided = Signal()
    #: A publishing step (``git``) is done: its kind and its result.
    gitDone = Signal(str, object)
    #: A publishing step failed: its kind and what went wrong, in the writer's words.
    gitFailed = Signal(str, str)

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool
        self._gate = _Gate(self)
        self.destroyed.connect(self._gate.close)
        self._running: list[_Job] = []

    @property
    def folder_busy(self) -> bool:
        """An indexing or a check of the folder is running."""
        return any(job.folder and not job.done for job in self._running)

    def index(self, root: Path, known: set[str] | None = None) -> None:
        """Index ``root``; with ``known`` (the paths the window shows), a quiet re-check.
        Called in the UI thread, which collects here what the build's freeze would keep."""
        tuning.collect_unfrozen()
        self._start(partial(_index, self._gate, root, known), folder=True)

    def check(self, entries: dict[str, Entry], catalog: Catalog | None) -> None:
        """Re-run the folder checks (well under a second for 36,000 articles)."""
        self._start(partial(_check, self._gate, entries, catalog), folder=True)

    def keep(self, view: FolderView) -> None:
        """Keep the tree and problems of the folder as ``view`` holds it for its next
        opening (see ``keep_view``)."""
        self._start(partial(_keep, self._gate, view))

    def load_spelling(self, speller: Speller) -> None:
        """Load the English dictionary (about half a second)."""
        self._start(partial(_load_spelling, self._gate, speller))

    def sample_spelling(self, speller: Speller, entries: list[Entry]) -> None:
        """Count the British and American spellings of these entries' question and SEO
        description for the automatic spelling language."""
        self._start(partial(_sample_spelling, self._gate, speller, entries))

    def git(self, kind: str, work: Callable[[], object]) -> None:
        """Run a publishing step (status, review, publish, sync: git commands, seconds when
        the network is slow); ``gitDone(kind, result)`` or ``gitFailed(kind, message)``."""
        self._start(partial(_git, self._gate, kind, work))

    def _start(self, work: Callable[[], None], folder: bool = False) -> None:
        job = _Job(work, folder)
        # Runnables stay referenced here until done, so the pool never holds the last
        # reference to a Python object.
        self._running = [j for j in self._running if not j.done] + [job]
        self.pool.start(job)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], None], folder: bool) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work: Callable[[], None] | None = work
        self.folder, self.done = folder, False

    def run(self) -> None:
        try:
            if self.work is not None:
                self.work()
        finally:
            # The pool's Python side keeps every runnable it was given for good (it never
            # deletes one that is not auto-deleted), so what the work was given goes now: a
            # check's catalog and entries, a re-check's paths.
            self.work = None
            self.done = True
            tuning.release_freed_memory()  # what the work made and dropped


def _index(gate: _Gate, root: Path, known: set[str] | None) -> None:
    quiet = known is not None
    try:
        with tuning.collector_paused():  # the tree, catalog and checks are built too
            index = FolderIndex(root)
            try:
                done = _indexed(gate, index, root, known)
            except BaseException:
                index.close()
                raise
    except Exception as exc:  # said in the window, not lost in a pool thread
        log.error("indexing %s failed", root, exc_info=True)
        if not quiet:
            gate.emit("indexFailed", f"{type(exc).__name__}: {exc}")
        return
    if done is None:
        index.close()
        return
    result, keeping = done
    if not gate.delivered("indexed", result):
        index.close()
        return
    result.taken.wait(TAKEN_WAIT_S)
    with tuning.collector_paused():  # after the window has the folder: not in its way
        for keep in keeping:
            try:
                keep()
            except Exception:  # the folder is open: only its next opening is slower
                log.warning("keeping the tree or problems of %s failed", root, exc_info=True)
        result.catalog.prepare_suggestions()
    gate.emit("suggestionsReady", result.catalog)


@dataclass
class _Shown:
    """The folder as last indexed, shown while it opens: the key of the cached rows' stamps,
    and the tree and report kept under it."""

    key: bytes
    tree: TreeData
    report: Report


def _show_kept(gate: _Gate, index: FolderIndex, root: Path, kept: ReportCache) -> _Shown | None:
    """Show the folder as last indexed (its tree and problems, from the cached rows and what
    the last index kept), before the folder is listed; None when nothing was kept for the
    cached rows as they are."""
    cached = index.cached()
    key = digest(stamps_of(cached, index.stamps()), site_stamp(root))
    report = kept_report(kept, key)
    tree = kept_tree(kept, key, cached) if report is not None else None
    if key is None or report is None or tree is None:
        return None
    report.prepare_columns()  # ordered here, not in the window's thread
    gate.emit("listed", tree)
    gate.emit("keptProblems", root, report)
    return _Shown(key, tree, report)


def _indexed(gate: _Gate, index: FolderIndex, root: Path,
             known: set[str] | None) -> tuple[IndexResult, list[Callable[[], None]]] | None:
    """The refreshed index with its catalog, checks and tree, and what is to be kept of it
    for the next opening once the window has it (the tree and report: 0.1-0.2 s that the
    window need not wait for); None when a quiet re-check found nothing changed. A folder
    opened shows what was kept of its last index at once (``_show_kept``), else its files
    as soon as they are listed."""
    quiet = known is not None
    kept = ReportCache(index.cache_path)
    early = None if quiet else _show_kept(gate, index, root, kept)
    batches = _Batches(partial(gate.emit, "batch"))
    shown: list[tuple[list[Entry], TreeData]] = []  # the tree of the files as listed
    entries = index.refresh(
        progress=None if quiet else partial(gate.emit, "progress"),
        listed=None if quiet or early else partial(_listed, gate, shown),
        batch=None if quiet else batches.add,
    )
    batches.flush()
    if quiet and index.reread == 0 and set(entries) == known:
        return None
    site = site_stamp(root)
    key = digest(stamps_of(entries, index.stamps()), site)
    final = list(entries.values())
    if early is not None and early.key == key and _same(early.tree.by_title, entries):
        return _result(index, entries, early.tree, early.report), []  # as shown: as kept
    report = kept_report(kept, key)  # the last check, when no file changed since
    if report is not None and not quiet:
        report.prepare_columns()
        gate.emit("keptProblems", root, report)
    # Nothing read after the listing: the tree shown then is the folder's.
    listed_tree = shown[0][1] if shown else None
    if listed_tree is None or not _same(listed_tree.by_title, entries):
        listed_tree = prepare_tree(final)
    result = _result(index, entries, listed_tree, report)
    if report is None and site_stamp(root) != site:  # a site file changed as it was checked
        return result, []  # not kept: the folder may soon be as its key says again
    keeping = [partial(keep_tree, kept, key, listed_tree)]
    if report is None:
        keeping.append(partial(keep_report, kept, key, result.report))
    return result, keeping


def _result(index: FolderIndex, entries: dict[str, Entry], tree: TreeData,
            report: Report | None) -> IndexResult:
    """The index's result, with its catalog, checking the folder when no report is given."""
    catalog = Catalog(entries.values(), index.root)
    catalog.prepare_citing()  # a save's re-check asks it, on the UI thread
    if report is None:
        report = check_folder(entries, catalog, site_root=index.root)
    report.prepare_columns()  # ordered here, not in the window's thread
    return IndexResult(index, entries, tree=tree, catalog=catalog, report=report,
                       reread=index.reread_paths, folders=folders_of(index.root, entries))


def _same(listed: list[Entry], entries: dict[str, Entry]) -> bool:
    """Whether ``listed`` are exactly the entries of ``entries`` (the same objects)."""
    return len(listed) == len(entries) and all(entries.get(e.path) is e for e in listed)


def _listed(gate: _Gate, shown: list[tuple[list[Entry], TreeData]],
            entries: list[Entry]) -> None:
    tree = prepare_tree(entries)
    shown.append((entries, tree))
    gate.emit("listed", tree)


def _check(gate: _Gate, entries: dict[str, Entry], catalog: Catalog | None) -> None:
    root = catalog.root if catalog is not None else None
    report = check_folder(entries, catalog, site_root=root)
    report.prepare_columns()
    gate.emit("checked", report)


def _keep(gate: _Gate, view: FolderView) -> None:
    try:
        with tuning.collector_paused():
            done = keep_view(view)
    except Exception:  # only a cache: the next opening lists the folder
        log.error("keeping the tree of %s failed", view.cache.base, exc_info=True)
        return
    if done:
        gate.emit("kept", view)


def _git(gate: _Gate, kind: str, work: Callable[[], object]) -> None:
    try:
        result = work()
    except ArticleError as exc:  # a GitError: said in plain words
        log.warning("%s failed: %s", kind, exc)
        gate.emit("gitFailed", kind, exc.message)
        return
    except Exception as exc:
        log.error("%s failed", kind, exc_info=True)
        gate.emit("gitFailed", kind, f"{type(exc).__name__}: {exc}")
        return
    gate.emit("gitDone", kind, result)


def _load_spelling(gate: _Gate, speller: Speller) -> None:
    speller.load()
    gate.emit("spellingLoaded")


def _sample_spelling(gate: _Gate, speller: Speller, entries: list[Entry]) -> None:
    """Entries are read here: reading may decode them."""
    texts = [f"{e.question}\n{e.description}" for e in entries if e.is_article]
    speller.load()
    if speller.observe_many(texts[:SAMPLE_TEXTS]):
        gate.emit("spellingRedecided")
