"""Slow work run in the thread pool (folder index, dictionary); results arrive by signal."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from editor.core import tuning
from editor.core.checks.folder_checks import Report, check_folder
from editor.core.index.catalog import Catalog
from editor.core.index.folder_index import Entry, FolderIndex
from editor.core.text.spelling import SAMPLE_TEXTS, Speller
from editor.ui.panes.article_tree import TreeData, prepare_tree

log = logging.getLogger(__name__)


class IndexSignals(QObject):
    listed = Signal(object)  # TreeData: every file, titles where the cache knows them
    batch = Signal(object)  # list[Entry] just read
    progress = Signal(int, int)
    finished = Signal(object)  # IndexResult
    failed = Signal(str)  # what went wrong, for the window to say


@dataclass
class IndexResult:
    index: FolderIndex
    entries: dict[str, Entry]
    tree: TreeData
    catalog: Catalog
    report: Report


#: Entries read are handed to the window at most this often (seconds): each hand-over costs
#: the window a model update, and dozens of them queued at once would stall it.
BATCH_INTERVAL = 0.1


class _Batches:
    """Decodes entries here, off the UI thread, and passes them on in coalesced batches."""

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
            self.emit(self.pending)
            self.pending = []
        self.last = time.monotonic()


class IndexJob(QRunnable):
    """Lists the folder, indexes it (cache first), then prepares the tree, catalog and checks."""

    def __init__(self, root: Path, known: set[str] | None = None) -> None:
        """With ``known`` (the paths the window shows), this is a quiet re-check: nothing is
        listed or reported unless a file was added, removed or changed on disk."""
        super().__init__()
        self.root = root
        self.known = known
        self.signals = IndexSignals()
        self.done = False
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            with tuning.collector_paused():  # the tree, catalog and checks are built too
                self._run()
        except Exception as exc:  # said in the window, not lost in a pool thread
            log.error("indexing %s failed", self.root, exc_info=True)
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        finally:
            self.done = True

    def _run(self) -> None:
        index = FolderIndex(self.root)
        try:
            result = self._index(index)
        except BaseException:
            index.close()
            raise
        if result is None:
            index.close()
        else:
            self.signals.finished.emit(result)

    def _index(self, index: FolderIndex) -> IndexResult | None:
        """The refreshed index with its catalog, checks and tree; None when a quiet re-check
        found nothing changed."""
        quiet = self.known is not None
        batches = _Batches(self.signals.batch.emit)
        entries = index.refresh(
            progress=None if quiet else self.signals.progress.emit,
            listed=None if quiet else self._on_listed,
            batch=None if quiet else batches.add,
        )
        batches.flush()
        if quiet and index.reread == 0 and set(entries) == self.known:
            return None
        catalog = Catalog(entries.values(), self.root)
        catalog.prepare_suggestions()
        report = check_folder(self.root, entries, catalog)
        return IndexResult(index, entries, tree=prepare_tree(list(entries.values())),
                           catalog=catalog, report=report)

    def _on_listed(self, entries: list[Entry]) -> None:
        self.signals.listed.emit(prepare_tree(entries))


class CheckSignals(QObject):
    finished = Signal(object)  # Report


class CheckJob(QRunnable):
    """Re-runs the folder checks (about a second for 36,000 articles) after a save."""

    def __init__(self, root: Path, entries: dict[str, Entry], catalog: Catalog | None) -> None:
        super().__init__()
        self.root, self.entries, self.catalog = root, entries, catalog
        self.signals = CheckSignals()
        self.done = False
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            self.signals.finished.emit(check_folder(self.root, self.entries, self.catalog))
        finally:
            self.done = True


class SpellSignals(QObject):
    loaded = Signal()


class SpellJob(QRunnable):
    """Loads the English dictionary (about half a second) off the UI thread."""

    def __init__(self, speller: Speller) -> None:
        super().__init__()
        self.speller = speller
        self.signals = SpellSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        self.speller.load()
        self.signals.loaded.emit()


class SpellSampleJob(QRunnable):
    """Counts the British and American spellings of the folder's first articles (question
    and SEO description) for the automatic spelling language; emits ``loaded`` only when
    that changed the language. Entries are read here: reading may decode them."""

    def __init__(self, speller: Speller) -> None:
        super().__init__()
        self.speller = speller
        self.entries: list[Entry] = []
        self.signals = SpellSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        entries, self.entries = self.entries, []
        texts = [f"{e.question}\n{e.description}" for e in entries if e.is_article]
        self.speller.load()
        if self.speller.observe_many(texts[:SAMPLE_TEXTS]):
            self.signals.loaded.emit()
