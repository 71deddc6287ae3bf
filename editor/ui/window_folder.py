"""The main window's slots for the open folder: the tree listed and filled in by the index,
the problems found, and the ways an article is asked for (the tree, a problem, a link in
the preview). Mixed into MainWindow."""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot

from editor.core.checks.folder_checks import Report
from editor.core.text.spelling import SAMPLE_TEXTS
from editor.ui import window_commands
from editor.ui.controllers.jobs import IndexResult
from editor.ui.panes.article_tree import TreeData

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressBar, QStatusBar

    from editor.core.index.entry import Entry
    from editor.core.text.spelling import Speller
    from editor.ui.controllers.folder import FolderController
    from editor.ui.controllers.jobs import Jobs
    from editor.ui.panes.article_tree import ArticleTree
    from editor.ui.panes.banners import MessageBanner
    from editor.ui.panes.fields_form import FieldsForm
    from editor.ui.panes.problems_pane import ProblemsPane


class FolderSlots:
    """Slots for the folder controller's signals and for articles asked for by a pane."""

    if TYPE_CHECKING:  # what MainWindow gives this part
        folder: Path | None
        speller: Speller
        jobs: Jobs
        tree: ArticleTree
        form: FieldsForm
        problems: ProblemsPane
        banner: MessageBanner
        progress: QProgressBar
        folder_ctl: FolderController
        _article_check: QTimer
        _spelling_asked: bool
        _spelling_sample: list[Entry] | None

        @property
        def current_rel(self) -> str | None: ...
        def open_article(self, path: Path | str) -> bool: ...
        def statusBar(self) -> QStatusBar: ...

    @Slot(object)
    def _on_listed(self, data: TreeData) -> None:
        self.tree.set_tree_data(data)
        if self.current_rel:
            self.tree.reveal(self.current_rel)

    @Slot(int, int)
    def _on_index_progress(self, done: int, total: int) -> None:
        """The files read of those listed; once all are, the folder's checks run (a second
        or so for 36,000 articles) and the bar says so."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat("Checking…" if total and done >= total else "%p%")

    @Slot(object)
    def _on_index_ready(self, result: IndexResult) -> None:
        if result.tree is not self.tree.model.tree_data:  # the one listed, when none was read
            self._on_listed(result.tree)
        self.form.related.set_catalog(result.catalog)
        # the automatic spelling language, sampled once the folder is ready (_load_spelling)
        self._spelling_sample = list(islice(result.entries.values(), 2 * SAMPLE_TEXTS))
        self.progress.hide()
        self.statusBar().showMessage(f"{len(result.entries):,} files indexed", 4000)

    def _load_spelling(self, *_args: object) -> None:
        """Load the dictionary (half a second of work) once the folder being opened is
        indexed and its suggestions are ready, or it could not be read: loaded sooner, it
        shares the interpreter with the opening (the first paint of the kept tree took
        0.3 s instead of 0.03 s) or with the results' arrival (the window stalled 0.5 s)."""
        if not self._spelling_asked:
            self._spelling_asked = True
            self.jobs.load_spelling(self.speller)
        sample, self._spelling_sample = self._spelling_sample, None
        if sample:  # the folder's texts decide the automatic spelling language
            self.jobs.sample_spelling(self.speller, sample)

    def _load_spelling_unless_opening(self) -> None:
        if self.folder_ctl.root is None:  # no folder opening: nothing to wait for
            self._load_spelling()

    @Slot(str)
    def _on_index_failed(self, message: str) -> None:
        self.progress.hide()
        self.banner.show_error(f"Could not read the whole folder {self.folder} — {message}. "
                               "Titles, the related-article pickers and problems are "
                               "unavailable.")

    @Slot(object)
    def _on_problems_changed(self, report: Report) -> None:
        self.problems.set_report(report)
        self._article_check.start()  # the catalog may know new ids now
        self.tree.model.set_problem_paths(self.problems.model.error_files())

    @Slot(str)
    def _on_article_requested(self, rel: str) -> None:
        if self.folder is None or rel == self.current_rel:
            return
        previous = self.current_rel
        if not self.open_article(self.folder / rel) and previous:
            self.tree.select_path(previous)

    @Slot(str)
    def _on_site_link(self, url: str) -> None:
        path = window_commands.article_at(self, url)  # type: ignore[arg-type]
        if path is not None:
            self._on_article_requested(path)

    @Slot(str)
    def _on_link_hovered(self, url: str) -> None:
        if url:
            self.statusBar().showMessage(url, 4000)
        else:
            self.statusBar().clearMessage()

    @Slot(str, object)
    def _on_problem_requested(self, rel: str, key: object) -> None:
        self._on_article_requested(rel)
        if rel == self.current_rel and key:
            self.form.focus_field(str(key))
