"""The open folder: background indexing, the catalog of articles and the check results.

The folder's directories are watched: files added, removed or renamed by other programs (a
git pull, a colleague) trigger one quiet re-check per burst, which updates the tree, the
catalog and the problems without the window having to be re-activated.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from editor.core.checks.folder_checks import Report
from editor.core.checks.recheck import recheck
from editor.core.checks.repair import AppliedPlan, FileFix, apply_plan, plan_stale_fixes, undo_plan
from editor.core.checks.report_cache import ReportCache
from editor.core.document.new_article import NewArticle, create_next
from editor.core.errors import ArticleError
from editor.core.index.catalog import Catalog
from editor.core.index.entry import Entry
from editor.core.index.folder_index import FolderIndex
from editor.core.storage.stamps import DiskStamp
from editor.ui.controllers.disk_watch import FolderWatch
from editor.ui.controllers.jobs import SHOWN_MS, IndexResult, Jobs
from editor.ui.models.kept_tree import FolderView

log = logging.getLogger(__name__)

#: The tree and problems are kept for the folder's next opening this long after the last
#: save (ms): a burst of saves is kept once.
KEEP_DELAY_MS = 2000


class FolderController(QObject):
    """Owns the folder's index; panes learn about it only through these signals."""

    #: TreeData of every file of a folder being opened, once it is listed and before its
    #: entries are read (the first signal of an open).
    listed = Signal(object)
    #: Entries read while a folder opens, about ten times a second (``tree_data.Refreshed``).
    entriesRead = Signal(object)
    #: files read, files to read, while a folder opens.
    progressChanged = Signal(int, int)
    #: IndexResult: the background index of a folder being opened is done, or a re-check
    #: (files changed on disk, the window's focus) found changes; index, catalog and report
    #: are this controller's from now on. problemsChanged follows at once.
    indexReady = Signal(object)
    #: Why the folder being opened could not be indexed (instead of indexReady).
    indexFailed = Signal(str)
    #: Report: the folder's problems, right after indexReady, and at once after each save
    #: (only the articles it can affect are checked again: ``Report.changed``).
    problemsChanged = Signal(object)
    #: Catalog: after indexReady, the catalog can now suggest related articles.
    suggestionsReady = Signal(object)
    #: Entry: a saved file was indexed again from the bytes the save wrote (at once, before
    #: the checks re-run).
    entryChanged = Signal(object)
    #: dict[Path, id]: files a re-check found that the previous index did not have (a
    #: rename by someone else shows here as a new file); after indexReady and
    #: problemsChanged.
    filesAppeared = Signal(object)

    def __init__(self, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        jobs.listed.connect(self.listed)
        jobs.batch.connect(self.entriesRead)
        jobs.progress.connect(self.progressChanged)
        jobs.indexed.connect(self._on_indexed)
        jobs.indexFailed.connect(self.indexFailed)
        jobs.checked.connect(self._on_checked)
        jobs.keptProblems.connect(self._on_kept_problems)
        jobs.suggestionsReady.connect(self._on_suggestions_ready)
        self.root: Path | None = None
        self.index: FolderIndex | None = None
        self.catalog: Catalog | None = None
        self.report: Report | None = None
        self._moved = False  # a file was renamed here: the next re-check rebuilds the tree
        self.watch = FolderWatch(self)
        self.watch.changed.connect(self._on_folder_changed)
        self.last_fixes: AppliedPlan | None = None  # the last folder-wide repair, for undo
        # What a save changed is kept for the next opening, once the saves pause.
        self.keep_timer = QTimer(self)
        self.keep_timer.setSingleShot(True)
        self.keep_timer.setInterval(KEEP_DELAY_MS)
        self.keep_timer.timeout.connect(self._keep_now)
        self._keeping: FolderView | None = None  # the state being kept in the pool

    @property
    def ready(self) -> bool:
        return self.index is not None

    def open(self, root: Path) -> None:
        if self.root is not None and root.resolve() != self.root.resolve():
            self.finish()  # the folder left: what its last saves changed is kept still
            self._keeping = None
        self.close()  # the same folder again: its new index keeps its own
        self.root = root
        log.info("indexing %s", root)
        self.jobs.index(root)

    @property
    def busy(self) -> bool:
        return self.jobs.folder_busy

    def recheck(self) -> None:
        """Re-stat the folder in the background (after a git pull, say); files changed on disk
        are re-read and the tree, catalog and problems follow. Quiet when nothing changed."""
        if self.root is None or self.index is None or self.busy:
            return
        self.jobs.index(self.root, known=set() if self._moved else set(self.index.entries))
        self._moved = False

    @Slot()
    def _on_folder_changed(self) -> None:
        if self.busy:  # one re-check at a time; this burst is looked at once it is done
            self.watch.later()
        else:
            self.recheck()

    @Slot(str, str)
    def file_renamed(self, old_name: str, _new_name: str) -> None:
        """The open article was renamed: its old name leaves the index (and the checks) now,
        and the next re-check moves it in the tree."""
        old = Path(old_name)
        if self.index is not None and old.resolve().is_relative_to(self.index.root):
            rel = old.resolve().relative_to(self.index.root).as_posix()
            if rel in self.index.entries:
                self.index.update_file(old)
                self._moved = True
        self.watch.later()

    def close(self) -> None:
        self._cancel_keep()
        self.watch.unwatch()
        if self.index is not None:
            self.index.close()
        self.index = self.catalog = self.report = None

    @Slot(str, object)
    def file_saved(self, name: str, written: tuple[bytes, DiskStamp] | None = None) -> None:
        """Re-index one saved file, then re-check at once only the articles the save can
        affect (see ``recheck``): the tree, catalog and problems follow in a few ms.
        ``written``, the bytes and fingerprint the save wrote, spares reading the file."""
        path = Path(name)
        if self.index is None or self.root is None:
            return
        resolved = path.resolve()
        rel = (resolved.relative_to(self.index.root).as_posix()
               if resolved.is_relative_to(self.index.root) else None)
        before = self.index.entries.get(rel) if rel is not None else None
        entry = self.index.update_file(path, written)
        if entry is None:
            return
        if self.catalog is not None:
            self.catalog.replace(entry)
        self._cancel_keep()  # kept once this save is checked
        self.entryChanged.emit(entry)
        if self.report is None or self.catalog is None:
            self.jobs.check(dict(self.index.entries), self.catalog)
            return
        ids = {entry.id, before.id if before is not None else None}
        self.report = recheck(self.report, self.index.entries, self.catalog, [entry.path], ids)
        self.problemsChanged.emit(self.report)
        self._keep_later()
        if self.busy:  # a re-check of the folder began before this save: look again after it
            self.watch.later()

    @Slot(object)
    def _on_indexed(self, result: IndexResult) -> None:
        if self.root is None or result.index.root != self.root.resolve():
            result.taken.set()
            result.index.close()
            return
        before = self.index.entries if self.index is not None else None
        if self.index is not None and self.index is not result.index:
            self.index.close()
        log.info("indexed %s: %d files, %d problems", self.root, len(result.entries),
                 len(result.report.problems))
        if before is None or set(before) != set(result.entries):
            self.watch.watch(result.folders)
        shown = self.report  # the kept problems shown while the folder opened, if any
        self.index, self.catalog, self.report = result.index, result.catalog, result.report
        self.indexReady.emit(result)
        if result.report is not shown:
            self.problemsChanged.emit(result.report)
        if before is not None:
            root = result.index.root
            appeared = {root / rel: e.id for rel, e in result.entries.items() if rel not in before}
            if appeared:
                self.filesAppeared.emit(appeared)
        QTimer.singleShot(SHOWN_MS, result.taken.set)  # the job goes on once it is painted

    @Slot(object, object)
    def _on_kept_problems(self, root: Path, report: Report) -> None:
        """A folder opening shows the problems its last check kept before it is indexed."""
        if self.root is not None and root.resolve() == self.root.resolve() and self.index is None:
            self.report = report
            self.problemsChanged.emit(report)

    @Slot(object)
    def _on_suggestions_ready(self, catalog: Catalog) -> None:
        if catalog is self.catalog:
            self.suggestionsReady.emit(catalog)

    @Slot(object)
    def _on_checked(self, report: Report) -> None:
        self.report = report
        self.problemsChanged.emit(report)
        self._keep_later()

    # -- what is kept for the next opening -------------------------------------------------
    def _keep_later(self) -> None:
        """After a save: keep the tree and problems for the folder's next opening once the
        saves pause (an index of the folder keeps its own; a save does not re-index)."""
        self._cancel_keep()  # not the latest state any more
        self.keep_timer.start()

    @Slot()
    def _keep_now(self, closing: bool = False) -> None:
        """Start keeping the folder as it is now, in the pool: only references and two
        dicts are copied here. While the folder is indexed or checked, later."""
        if self.index is None or self.report is None:
            return
        if self.busy and not closing:  # its result may change the folder again
            self.keep_timer.start()
            return
        self._keeping = FolderView(ReportCache(self.index.cache_path), self.index.root,
                                   dict(self.index.entries), dict(self.index.stamps()),
                                   self.report)
        self.jobs.keep(self._keeping)

    def finish(self) -> None:
        """Before the window closes: keep now what the last saves left to keep (the caller
        then waits for the pool)."""
        if self.keep_timer.isActive():
            self.keep_timer.stop()
            self._keep_now(closing=True)

    def _cancel_keep(self) -> None:
        self.keep_timer.stop()
        if self._keeping is not None:
            self._keeping.cancelled = True
            self._keeping = None

    def entries(self) -> dict[str, Entry]:
        return self.index.entries if self.index is not None else {}

    def subjects(self) -> list[str]:
        return sorted({e.subject for e in self.entries().values() if e.is_article and e.subject})

    def create_article(self, subject: str, question: str) -> Path:
        """Write a new article (next free id) and re-index; raises ArticleError."""
        if self.root is None:
            raise ArticleError("no folder is open")
        root = self.root

        def ids() -> list:
            """The ids known here and on disk now (another program may have just added one);
            read under the folder's lock, as ``article-editor new`` does."""
            known = [e.id for e in self.entries().values()]
            index = FolderIndex(root)
            try:
                return known + [e.id for e in index.refresh().values()]
            finally:
                index.close()

        target = create_next(root, lambda free: NewArticle(free, subject, question), ids)
        self.open(self.root)
        return target

    def stale_plan(self) -> list[FileFix]:
        if self.catalog is None:
            return []
        return plan_stale_fixes(self.entries(), self.catalog)

    def apply_fixes(self, plan: list[FileFix],
                    progress: Callable[[int, int], bool] | None = None) -> AppliedPlan:
        """Write each file's fixes and re-index; what was written is kept for undo_fixes."""
        if self.root is None:
            return AppliedPlan(failed=list(plan))
        self.last_fixes = apply_plan(self.root, plan, progress)
        self.open(self.root)
        return self.last_fixes

    def undo_fixes(self) -> list[str]:
        """Put back what the last apply_fixes wrote; returns files changed since (left)."""
        if self.root is None or self.last_fixes is None:
            return []
        left = undo_plan(self.root, self.last_fixes)
        self.last_fixes = None
        self.open(self.root)
        return left
