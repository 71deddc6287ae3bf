"""The main window: a composition root. It builds the panes and wires them in one place."""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QThreadPool, Slot
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
)

from editor.core.checks import Report
from editor.core.document import ArticleDocument
from editor.core.errors import ArticleError, NotUtf8Error
from editor.core.repair import describe
from editor.core.spelling import Speller
from editor.core.sync import MergeResult
from editor.resources import resource_path
from editor.ui import dialogs
from editor.ui.article_tree import ArticleTree, TreeData
from editor.ui.banners import DiskBanner, MessageBanner, compare_html
from editor.ui.controller import DocumentController
from editor.ui.fields_form import FieldsForm
from editor.ui.find_bar import FindBar
from editor.ui.folder_controller import FolderController
from editor.ui.jobs import IndexResult, SpellJob
from editor.ui.markdown_editor import MarkdownEditor
from editor.ui.menus import build_menus
from editor.ui.preview import PreviewPane
from editor.ui.problems_pane import ProblemsPane
from editor.ui.raw_view import RawTextView
from editor.ui.settings import Settings
from editor.ui.window_layout import build_layout, restore_window_state, save_window_state


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        # Indexing runs in pool threads. A 1 ms interpreter switch interval (5 ms by default)
        # keeps each wait of the UI thread for the interpreter lock short: measured on 36,000
        # articles, the longest UI stall while indexing fell from ~400 ms to ~50 ms.
        sys.setswitchinterval(0.001)
        self.setObjectName("mainWindow")
        self.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
        self.settings = Settings()
        self.pool = QThreadPool(self)
        self.speller = Speller()
        self.folder: Path | None = None
        self.current_rel: str | None = None
        self._spell_job = SpellJob(self.speller)

        # panes and controllers
        self.controller = DocumentController(self)
        self.folder_ctl = FolderController(self.pool, self)
        self.tree = ArticleTree(self)
        self.form = FieldsForm(self, self.speller)
        self.editor = MarkdownEditor("answer", self.speller, self)
        self.find_bar = FindBar(self.editor, self)
        self.preview = PreviewPane(self, pool=self.pool)
        self.problems = ProblemsPane(self)
        self.banner = MessageBanner(self)
        self.disk_banner = DiskBanner(self)
        self.raw_view = RawTextView(self)
        self.progress = QProgressBar(self)
        self.path_label, self.state_label = QLabel(self), QLabel(self)
        self.count_label = QLabel(self)
        build_layout(self)
        self.actions = build_menus(self)

        # wiring: the one place panes meet
        self.tree.articleRequested.connect(self._on_article_requested)
        self.form.fieldEdited.connect(self.controller.set_field)
        self.form.removeFieldRequested.connect(self.controller.remove_field)
        self.form.openArticleRequested.connect(self._on_article_requested)
        self.form.wordAdded.connect(self._on_spelling_changed)
        self.editor.fieldEdited.connect(self.controller.set_field)
        self.editor.fieldEdited.connect(self._on_answer_edited)
        self.editor.countsChanged.connect(self._on_counts)
        self.editor.wordAdded.connect(self._on_spelling_changed)
        self.editor.verticalScrollBar().valueChanged.connect(self._on_editor_scrolled)
        self.problems.problemOpenRequested.connect(self._on_problem_requested)
        self.controller.documentLoaded.connect(self._on_document_loaded)
        self.controller.documentFailed.connect(self._on_document_failed)
        self.controller.modifiedChanged.connect(self._on_modified_changed)
        self.controller.saved.connect(self._on_saved)
        self.controller.saveFailed.connect(self._on_save_failed)
        self.controller.documentReloaded.connect(self._on_document_reloaded)
        self.controller.mergedFromDisk.connect(self._on_merged)
        self.controller.conflictFound.connect(self.disk_banner.show_conflicts)
        self.controller.fileMissing.connect(self.disk_banner.show_missing)
        self.disk_banner.keepMineRequested.connect(self.controller.keep_mine)
        self.disk_banner.takeTheirsRequested.connect(self.controller.take_theirs)
        self.disk_banner.compareRequested.connect(self._on_compare)
        self.banner.fixRawRequested.connect(self.raw_view.start_fixing)
        self.folder_ctl.listed.connect(self._on_listed)
        self.folder_ctl.entriesRead.connect(self.tree.model.update_entries)
        self.folder_ctl.progressChanged.connect(self._on_index_progress)
        self.folder_ctl.indexReady.connect(self._on_index_ready)
        self.folder_ctl.indexFailed.connect(self._on_index_failed)
        self.folder_ctl.problemsChanged.connect(self._on_problems_changed)
        self.folder_ctl.entryChanged.connect(self.tree.model.update_entry)
        self._spell_job.signals.loaded.connect(self._on_spelling_changed)
        self.actions["new_article"].triggered.connect(self._on_new_article)
        self.actions["open_folder"].triggered.connect(self._on_open_folder)
        self.actions["save"].triggered.connect(self.save)
        self.actions["save_all"].triggered.connect(self.save)
        self.actions["revert"].triggered.connect(self.controller.revert)
        self.actions["quit"].triggered.connect(self.close)
        self.actions["find"].triggered.connect(self.find_bar.show_find)
        self.actions["replace"].triggered.connect(self.find_bar.show_replace)
        self.actions["zoom_in"].triggered.connect(self._on_zoom_in)
        self.actions["zoom_out"].triggered.connect(self._on_zoom_out)
        self.actions["toggle_tree"].toggled.connect(self.tree.setVisible)
        self.actions["toggle_form"].toggled.connect(self.form.setVisible)
        self.actions["toggle_preview"].toggled.connect(self.preview.setVisible)
        self.actions["toggle_problems"].toggled.connect(self.problems_dock.setVisible)
        self.actions["recent"].triggered.connect(self._on_recent)
        self.actions["refresh_related"].triggered.connect(self.form.refresh_stale_slots)
        self.actions["refresh_related_all"].triggered.connect(self._on_refresh_related_all)

        restore_window_state(self, self.settings)
        self._update_title()
        self.pool.start(self._spell_job)

    # -- public API ------------------------------------------------------------------------
    @property
    def index(self):  # the open folder's FolderIndex, once indexing has finished
        return self.folder_ctl.index

    def open_folder(self, path: Path | str, wait: bool = False) -> None:
        """List the folder at once; titles and problems fill in from a background index."""
        if not self.maybe_save():
            return
        self.controller.close()
        self.folder = Path(path).resolve()
        self.preview.content_root = self.folder
        self.settings.last_folder = str(self.folder)
        self.settings.add_recent_folder(str(self.folder))
        self.actions["recent_menu"].refresh(self.settings.recent_folders)
        self.form.set_catalog(None)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.folder_ctl.open(self.folder)
        if wait:
            self.pool.waitForDone()

    def open_article(self, path: Path | str) -> bool:
        if not self.maybe_save():
            return False
        path = Path(path).resolve()
        if self.folder and path.is_relative_to(self.folder):
            self.current_rel = path.relative_to(self.folder).as_posix()
            self.tree.reveal(self.current_rel)
        self.controller.open(path)
        self.settings.last_article = str(path)
        return True

    @Slot()
    def save(self) -> bool:
        if self.controller.document is None and self.raw_view.fixing:
            return self.controller.save_raw(self.raw_view.toPlainText())
        return self.controller.save()

    def offer_recovery(self) -> int:
        """Offer each article with journaled unsaved edits; returns how many were restored."""
        restored = 0
        for entry in self.controller.journal.entries():
            answer = dialogs.ask_restore(self, str(entry.path), entry.diff())
            if answer == dialogs.DISCARD_RECOVERY:
                self.controller.journal.discard(entry.path)
            elif answer == dialogs.RESTORE and entry.path.exists() and self.open_article(
                entry.path
            ):
                self.controller.restore_text(entry.text)
                restored += 1
        return restored

    def maybe_save(self) -> bool:
        """Ask about unsaved edits; False means the user cancelled."""
        if not self.controller.modified:
            return True
        name = self.controller.path.name if self.controller.path else "article"
        answer = dialogs.ask_save_changes(self, name)
        if answer == dialogs.SAVE:
            return self.save()
        if answer == dialogs.DISCARD:
            self._mark_tree(False)
            self.controller.close()
            return True
        return False

    # -- slots: folder ---------------------------------------------------------------------
    @Slot(object)
    def _on_listed(self, data: TreeData) -> None:
        self.tree.model.set_tree_data(data)
        if self.current_rel:
            self.tree.select_path(self.current_rel)

    @Slot(int, int)
    def _on_index_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def _on_index_ready(self, result: IndexResult) -> None:
        self._on_listed(result.tree)
        self.form.set_catalog(result.catalog)
        self.progress.hide()
        self.statusBar().showMessage(f"{len(result.entries):,} files indexed", 4000)

    @Slot(str)
    def _on_index_failed(self, message: str) -> None:
        self.progress.hide()
        self.banner.show_error(f"Could not index {self.folder} — {message}. Titles, the "
                               "related-article pickers and problems are unavailable.")

    @Slot(object)
    def _on_problems_changed(self, report: Report) -> None:
        self.problems.set_report(report)
        self.tree.model.set_problem_paths({p.file for p in report.problems
                                           if p.severity == "error"})

    @Slot(str)
    def _on_article_requested(self, rel: str) -> None:
        if self.folder is None or rel == self.current_rel:
            return
        previous = self.current_rel
        if not self.open_article(self.folder / rel) and previous:
            self.tree.select_path(previous)

    @Slot(str, object)
    def _on_problem_requested(self, rel: str, key: object) -> None:
        self._on_article_requested(rel)
        if rel == self.current_rel and key:
            self.form.focus_field(str(key))

    # -- slots: document -------------------------------------------------------------------
    @Slot(object)
    def _on_document_loaded(self, doc: ArticleDocument) -> None:
        self.banner.hide()
        self.disk_banner.clear()
        self.editor_stack.setCurrentWidget(self.editor_box)
        self.form.set_read_only(False)
        self.form.load(doc)
        answer = doc.get_field("answer") if doc.is_article else ""
        self.editor.setReadOnly(not doc.is_article)
        self.editor.setEnabled(doc.is_article)
        self.editor.load_text(answer or "")
        self.preview.header_html = _preview_header(doc)
        self.preview.request_render(answer or "", immediate=True)
        self.path_label.setText(str(doc.path))
        self._update_title()

    @Slot(object)
    def _on_document_reloaded(self, doc: ArticleDocument) -> None:
        """The file changed on disk and we had no edits: show it, keeping cursor and scroll."""
        position = self.editor.textCursor().position()
        scroll = self.editor.verticalScrollBar().value()
        self._on_document_loaded(doc)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, len(self.editor.toPlainText())))
        self.editor.setTextCursor(cursor)
        self.editor.verticalScrollBar().setValue(scroll)
        self.statusBar().showMessage("Reloaded: the file changed on disk", 5000)

    @Slot(object, str)
    def _on_document_failed(self, error: ArticleError, raw: str) -> None:
        fixable = not isinstance(error, NotUtf8Error) and bool(raw) and "too large" not in str(
            error)
        self.banner.show_error(f"Cannot edit this file — {error}. It is shown read-only"
                               + (": fix it in the raw text, then save." if fixable else "."),
                               can_fix=fixable)
        self.editor.load_text("")
        self.editor.setEnabled(False)
        self.form.body_editor.setPlainText(raw)
        self.form.set_read_only(True)
        self.raw_view.show_raw(raw, error.line, error.column)
        self.editor_stack.setCurrentWidget(self.raw_view)
        self.preview.setPlainText(raw)
        self.path_label.setText(str(self.controller.path))
        self._update_title()

    @Slot(bool)
    def _on_modified_changed(self, modified: bool) -> None:
        self._mark_tree(modified)
        self._update_title()

    @Slot(str)
    def _on_saved(self, path: str) -> None:
        self.statusBar().showMessage(f"Saved {path}", 4000)
        self.folder_ctl.file_saved(Path(path))

    @Slot(object)
    def _on_save_failed(self, error: ArticleError) -> None:
        self.banner.show_error(f"Not saved — {error}. Your edits are still here.")
        if self.raw_view.fixing:
            self.raw_view.mark_error(error.line, error.column)

    @Slot(object)
    def _on_merged(self, result: MergeResult) -> None:
        self.disk_banner.clear()
        parts = []
        if result.taken:
            parts.append(f"took their changes to {', '.join(result.taken)}")
        if result.merged:
            parts.append(f"kept your edits to {', '.join(result.merged)}")
        if parts:
            self.banner.show_info("The file changed on disk; merged: " + "; ".join(parts) + ".")

    @Slot()
    def _on_compare(self) -> None:
        dialogs.show_compare(self, compare_html(self.disk_banner.conflicts))

    @Slot(str, object)
    def _on_answer_edited(self, _key: str, text: object) -> None:
        self.preview.request_render(str(text))

    @Slot(int, int)
    def _on_counts(self, words: int, chars: int) -> None:
        self.count_label.setText(f"{words} words, {chars} characters")

    @Slot(int)
    def _on_editor_scrolled(self, value: int) -> None:
        bar = self.editor.verticalScrollBar()
        self.preview.follow_scroll(value / bar.maximum() if bar.maximum() else 0.0)

    @Slot()
    def _on_spelling_changed(self) -> None:
        self.editor.highlighter.rehighlight()
        self.form.rehighlight()

    # -- slots: menu actions ---------------------------------------------------------------
    @Slot()
    def _on_new_article(self) -> None:
        if self.folder is None or not self.folder_ctl.ready or not self.maybe_save():
            return
        answer = dialogs.ask_new_article(self, self.folder_ctl.subjects())
        if answer is None:
            return
        try:
            target = self.folder_ctl.create_article(*answer)
        except ArticleError as exc:
            self.banner.show_error(f"No new article — {exc}.")
            return
        self.current_rel = None
        self.open_article(target)

    @Slot()
    def _on_refresh_related_all(self) -> None:
        if self.folder is None or self.folder_ctl.catalog is None or not self.maybe_save():
            return
        plan = self.folder_ctl.stale_plan()
        slots = sum(bool(s.changes) for f in plan for s in f.slots)
        if not slots:
            dialogs.tell(self, "Related articles", "No stale related snapshots to refresh.")
            return
        summary = f"Refresh {slots} stale related snapshots in {len(plan)} articles?"
        if dialogs.confirm_changes(self, "Refresh related articles", summary, describe(plan)):
            failed = self.folder_ctl.apply_fixes(plan)
            if failed:
                self.banner.show_error(f"{len(failed)} files could not be written: {failed[0]} …")
            if self.controller.path is not None:
                self.controller.open(self.controller.path)

    @Slot()
    def _on_open_folder(self) -> None:
        chosen = dialogs.ask_folder(self, str(self.folder or Path.home()))
        if chosen:
            self.open_folder(chosen)

    @Slot()
    def _on_recent(self) -> None:
        folder = self.sender().data() if self.sender() else None
        if folder:
            self.open_folder(folder)

    @Slot()
    def _on_zoom_in(self) -> None:
        self._zoom(1)

    @Slot()
    def _on_zoom_out(self) -> None:
        self._zoom(-1)

    # -- helpers ---------------------------------------------------------------------------
    def _zoom(self, step: int) -> None:
        self.editor.zoomIn(step)
        self.preview.zoomIn(step)
        self.settings.zoom = self.settings.zoom + step

    def _mark_tree(self, modified: bool) -> None:
        if self.current_rel:
            self.tree.model.set_marked(self.current_rel, modified)

    def _update_title(self) -> None:
        doc = self.controller.document
        name = ""
        if doc is not None:
            name = str(doc.get("title")) if doc.has("title") else doc.path.name
        elif self.controller.path is not None:
            name = self.controller.path.name + " (read-only)"
        self.setWindowTitle(f"{name + ' — ' if name else ''}Article Editor[*]")
        self.setWindowModified(self.controller.modified)
        state = "Read-only" if self.controller.read_only else (
            "Modified" if self.controller.modified else "Saved"
        )
        self.state_label.setText(state if self.controller.path else "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.controller.check_disk()  # a git pull may have happened while we were away
            self.folder_ctl.recheck()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        save_window_state(self, self.settings)
        self.pool.waitForDone(5000)
        self.folder_ctl.close()
        event.accept()


def _preview_header(doc: ArticleDocument) -> str:
    if not doc.is_article or not doc.get("question"):
        return ""
    return (f'<p class="meta">{html.escape(str(doc.get("subject") or ""))}</p>'
            f'<p class="question">{html.escape(str(doc.get("question")))}</p>')


__all__ = ["MainWindow"]
