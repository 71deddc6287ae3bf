"""The main window: a composition root. It builds the panes and wires them in one place."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QThreadPool, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
)

from editor.core.checks.folder_checks import Report, article_problems
from editor.core.document.article import ArticleDocument
from editor.core.document.merge import MergeResult
from editor.core.document.wording import failure_text
from editor.core.errors import ArticleError
from editor.core.storage.folderlock import FolderLock
from editor.core.storage.siteroot import find_site_root, has_markdown
from editor.core.text.spelling import SAMPLE_TEXTS, Speller
from editor.resources import resource_path
from editor.ui import dialogs, window_commands, window_views
from editor.ui.controllers.document import DocumentController
from editor.ui.controllers.folder import FolderController
from editor.ui.controllers.jobs import IndexResult, Jobs
from editor.ui.menus import ActionId, EditRelay, build_menus
from editor.ui.panes.article_problems import ArticleProblems
from editor.ui.panes.article_tree import ArticleTree, TreeData
from editor.ui.panes.backslash_warning import BackslashWarning
from editor.ui.panes.banners import (
    BannerArea,
    DiskBanner,
    MessageBanner,
    compare_html,
    escape,
    labels,
)
from editor.ui.panes.fields_form import FieldsForm
from editor.ui.panes.find_bar import FindBar
from editor.ui.panes.markdown_editor import MarkdownEditor
from editor.ui.panes.preview import PreviewPane
from editor.ui.panes.problems_pane import ProblemsPane
from editor.ui.panes.raw_view import RawTextView
from editor.ui.panes.text_access import plain_text
from editor.ui.panes.wheel_guard import install_wheel_guard
from editor.ui.settings import Settings
from editor.ui.spelling_menu import SpellingMenu
from editor.ui.window_parts import (
    apply_zoom,
    build_layout,
    restore_window_state,
    save_window_state,
)

#: The open article is checked this long after the writer stops typing.
ARTICLE_CHECK_DELAY_MS = 150


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
        self.settings = Settings()
        self.pool = QThreadPool(self)
        # the locale decides the automatic spelling language when the texts do not
        self.speller = Speller(language=self.settings.spelling_language,
                               locale_name=QLocale().name())
        self.folder: Path | None = None
        self.current_rel: str | None = None
        self.editor_path: Path | None = None  # whose answer the editor holds
        self._folder_lock: FolderLock | None = None
        self.jobs = Jobs(self.pool, self)

        # panes and controllers
        self.controller = DocumentController(self)
        self.folder_ctl = FolderController(self.jobs, self)
        self.tree = ArticleTree(self)
        self.form = FieldsForm(self, self.speller)
        self.article_problems = ArticleProblems(self)
        self._article_check = QTimer(self)  # the open article's checks, as the writer types
        self._article_check.setSingleShot(True)
        self._article_check.setInterval(ARTICLE_CHECK_DELAY_MS)
        self.editor = MarkdownEditor("answer", self.speller, self)
        self.find_bar = FindBar(self.editor, self)
        self.backslash_warning = BackslashWarning(self)
        self.preview = PreviewPane(self, pool=self.pool)
        self.problems = ProblemsPane(self)
        self.banner = MessageBanner(self)
        self.disk_banner = DiskBanner(self)
        self.banner_area = BannerArea(self.banner, self.disk_banner, self)
        self.raw_view = RawTextView(self)
        self.progress = QProgressBar(self)
        self.path_label, self.state_label = QLabel(self), QLabel(self)
        self.count_label = QLabel(self)
        self.parts = build_layout(self, self)
        self.menus = build_menus(self)
        install_wheel_guard(self)  # the wheel scrolls; it never turns an unfocused field
        self._edit_relay = EditRelay(self.menus, self)
        self.spelling_menu = SpellingMenu(self)
        self.spelling_menu.set_current(self.speller.setting, self.speller.language)
        self.menus.edit.addSeparator()
        self.menus.edit.addMenu(self.spelling_menu)

        # wiring: the one place panes meet
        self.tree.articleRequested.connect(self._on_article_requested)
        self.form.fieldEdited.connect(self.controller.set_field)
        self.form.removeFieldRequested.connect(self.controller.remove_field)
        self.form.restoreFieldRequested.connect(self.controller.restore_field)
        self.form.validityChanged.connect(self.controller.set_validity)
        self.controller.saved.connect(self.form.mark_saved)
        self.form.openArticleRequested.connect(self._on_article_requested)
        self.form.wordAdded.connect(self._on_spelling_changed)
        self.editor.fieldEdited.connect(self.controller.set_field)
        self.editor.fieldEdited.connect(self._on_answer_edited)
        self.form.fieldEdited.connect(self._on_field_edited)
        self.form.removeFieldRequested.connect(self._on_field_edited)
        self._article_check.timeout.connect(self._on_check_article)
        self.article_problems.fieldFocusRequested.connect(self.form.focus_field)
        self.editor.countsChanged.connect(self._on_counts)
        self.editor.fieldEdited.connect(self.backslash_warning.watch)
        self.editor.textLoaded.connect(self.backslash_warning.show_now)
        self.backslash_warning.fixRequested.connect(self.editor.replace_range)
        self.article_problems.fieldFocusRequested.connect(self.editor.focus_key)
        self.editor.wordAdded.connect(self._on_spelling_changed)
        self.editor.verticalScrollBar().valueChanged.connect(self._on_editor_scrolled)
        self.problems.problemOpenRequested.connect(self._on_problem_requested)
        self.preview.siteLinkRequested.connect(self._on_site_link)
        self.preview.linkHovered.connect(self._on_link_hovered)
        self.controller.documentLoaded.connect(self._on_document_loaded)
        self.controller.documentFailed.connect(self._on_document_failed)
        self.controller.modifiedChanged.connect(self._on_modified_changed)
        self.controller.saved.connect(self._on_saved)
        self.controller.saved.connect(self.folder_ctl.file_saved)
        self.controller.saveFailed.connect(self._on_save_failed)
        self.controller.documentReloaded.connect(self._on_document_reloaded)
        self.controller.mergedFromDisk.connect(self._on_merged)
        self.controller.conflictFound.connect(self.disk_banner.show_conflicts)
        self.controller.fileMissing.connect(self.disk_banner.show_missing)
        self.controller.fileReturned.connect(self.disk_banner.clear)
        self.controller.renamedOnDisk.connect(self.disk_banner.show_renamed)
        self.controller.pathChanged.connect(self._on_path_changed)
        self.controller.pathChanged.connect(self.folder_ctl.file_renamed)
        self.controller.renamePending.connect(self._on_rename_pending)
        self.controller.renameFailed.connect(self._on_rename_failed)
        self.controller.reverted.connect(self.disk_banner.show_reverted)
        self.controller.noteChanged.connect(self.statusBar().showMessage)
        self.controller.protectionChanged.connect(self._on_protection)
        self.disk_banner.undoRevertRequested.connect(self.controller.undo_revert)
        self.folder_ctl.filesAppeared.connect(self.controller.follow_rename)
        self.disk_banner.keepMineRequested.connect(self.controller.keep_mine)
        self.disk_banner.takeTheirsRequested.connect(self.controller.take_theirs)
        self.disk_banner.compareRequested.connect(self._on_compare)
        self.banner.fixRawRequested.connect(self._on_fix_raw)
        self.raw_view.modificationChanged.connect(self._on_raw_modified)
        self.folder_ctl.listed.connect(self._on_listed)
        self.folder_ctl.entriesRead.connect(self.tree.model.update_entries)
        self.folder_ctl.progressChanged.connect(self._on_index_progress)
        self.folder_ctl.indexReady.connect(self._on_index_ready)
        self.folder_ctl.indexFailed.connect(self._on_index_failed)
        self.folder_ctl.problemsChanged.connect(self._on_problems_changed)
        self.folder_ctl.entryChanged.connect(self.tree.model.update_entry)
        self.jobs.spellingLoaded.connect(self._on_spelling_changed)
        self.spelling_menu.languageRequested.connect(self._on_spelling_language_requested)
        self.jobs.spellingRedecided.connect(self._on_spelling_redecided)
        self.menus[ActionId.NEW_ARTICLE].triggered.connect(self._on_new_article)
        self.menus[ActionId.OPEN_FOLDER].triggered.connect(self._on_open_folder)
        self.menus[ActionId.SAVE].triggered.connect(self.save)
        self.menus[ActionId.SAVE_ALL].triggered.connect(self.save)
        self.menus[ActionId.REVERT].triggered.connect(self._on_revert)
        self.menus[ActionId.QUIT].triggered.connect(self.close)
        self.menus[ActionId.FIND].triggered.connect(self.find_bar.show_find)
        self.menus[ActionId.REPLACE].triggered.connect(self.find_bar.show_replace)
        self.menus[ActionId.ZOOM_IN].triggered.connect(self._on_zoom_in)
        self.menus[ActionId.ZOOM_OUT].triggered.connect(self._on_zoom_out)
        self.menus[ActionId.ZOOM_RESET].triggered.connect(self._on_zoom_reset)
        self.menus[ActionId.GO_FILTER].triggered.connect(self._on_go_filter)
        self.menus[ActionId.GO_TREE].triggered.connect(self.tree.view.setFocus)
        self.menus[ActionId.GO_FORM].triggered.connect(self._on_go_form)
        self.menus[ActionId.GO_ANSWER].triggered.connect(self.editor.setFocus)
        self.menus[ActionId.GO_PROBLEMS].triggered.connect(self._on_go_problems)
        self.menus[ActionId.ABOUT].triggered.connect(self._on_about)
        self.menus[ActionId.LOG_FOLDER].triggered.connect(self._on_log_folder)
        self.menus[ActionId.UNDO_REFRESH].triggered.connect(self._on_undo_refresh)
        self.menus[ActionId.TOGGLE_TREE].toggled.connect(self.tree.setVisible)
        self.menus[ActionId.TOGGLE_FORM].toggled.connect(self.form.setVisible)
        self.menus[ActionId.TOGGLE_PREVIEW].toggled.connect(self.preview.setVisible)
        self.menus[ActionId.TOGGLE_PROBLEMS].toggled.connect(self.parts.problems_dock.setVisible)
        self.menus.recent.folderRequested.connect(self._on_recent)
        self.menus[ActionId.REFRESH_RELATED].triggered.connect(self.form.related.refresh_stale_slots)
        self.menus[ActionId.REFRESH_RELATED_ALL].triggered.connect(self._on_refresh_related_all)

        restore_window_state(self, self.parts, self, self.settings)
        self._show_empty()
        self.jobs.load_spelling(self.speller)

    # -- public API ------------------------------------------------------------------------
    @property
    def index(self):  # the open folder's FolderIndex, once indexing has finished
        return self.folder_ctl.index

    def start(self, folder: Path, last_article: Path | None = None) -> None:
        """Open the folder, offer what a crash left unsaved, then the last article (unless a
        recovered one is open now): recovery comes before anything could replace it."""
        self.open_folder(folder)
        if self.offer_recovery() == 0 and last_article is not None and last_article.is_file() \
                and self.folder is not None and last_article.resolve().is_relative_to(self.folder):
            self.open_article(last_article)

    def open_folder(self, path: Path | str, wait: bool = False) -> None:
        """List the folder at once; titles and problems fill in from a background index.

        A folder inside a site's ``content/`` opens the site itself, and says so."""
        if not self.maybe_save():
            return
        site = find_site_root(Path(path))
        self.controller.close()
        self.current_rel = None
        self._show_empty()
        self.banner_area.hide_all()
        self.tree.filter_box.clear()  # another folder: last folder's filter would hide it all
        self.folder = site.root
        if self._folder_lock is not None:
            self._folder_lock.release()
        self._folder_lock = FolderLock(self.folder)
        self.preview.content_root = self.folder
        self.settings.last_folder = str(self.folder)
        self.settings.add_recent_folder(str(self.folder))
        self.menus.recent.refresh(self.settings.recent_folders)
        self.form.related.set_catalog(None)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.folder_ctl.open(self.folder)
        if site.moved_up:
            self.banner.show_info(
                f"Opened the site folder {escape(str(site.root))}, which holds the folder "
                f"you chose ({escape(site.chosen.relative_to(site.root).as_posix())}): "
                "related articles and checks need the whole site.")
        elif self._folder_lock.held_elsewhere:
            self.banner.show_info(
                "This folder is also open in another Article Editor window. Edits to the "
                "same article in both are merged when saved, but each window keeps its own "
                "unsaved edits: it is safest to close one of them.")
        elif not site.found and not has_markdown(site.root):
            self.banner.show_error(
                f"No articles were found in {escape(str(site.root))}. Choose your site's "
                "folder: the one that holds the content folder.")
        if wait:
            self.pool.waitForDone()

    def open_article(self, path: Path | str) -> bool:
        if not self.maybe_save():
            return False
        path = Path(path).resolve()
        if self.folder and path.is_relative_to(self.folder):
            self.current_rel = path.relative_to(self.folder).as_posix()
            self.tree.reveal(self.current_rel)
        self.problems.set_current_article(self.current_rel)
        self.controller.open(path)
        self.settings.last_article = str(path)
        return True

    @Slot()
    def save(self) -> bool:
        if self.controller.document is None and self.raw_view.fixing:
            return self.controller.save_raw(plain_text(self.raw_view))
        return self.controller.save()

    def offer_recovery(self) -> int:
        """Offer each article with journaled unsaved edits; returns how many were restored."""
        restored = 0
        for entry in self.controller.journal.entries():
            if self.folder is None or not entry.path.resolve().is_relative_to(self.folder):
                continue  # offered when its own folder is opened
            answer = dialogs.ask_restore(self, str(entry.path), entry.diff())
            if answer == dialogs.DISCARD_RECOVERY:
                self.controller.journal.discard(entry.path)
            elif answer == dialogs.RESTORE and entry.path.exists() and self.open_article(
                entry.path
            ):
                self.controller.restore_text(entry.text)
                restored += 1
        return restored

    def maybe_save(self, quitting: bool = False) -> bool:
        """Ask about unsaved edits (a broken file's raw text being fixed too); False means the
        user cancelled."""
        if not self.controller.modified and not self._raw_edited():
            return True
        name = self.controller.path.name if self.controller.path else "article"
        answer = dialogs.ask_save_changes(self, name, quitting)
        if answer == dialogs.SAVE:
            return self.save()
        if answer == dialogs.DISCARD:
            self._mark_tree(False)
            self.controller.close()
            self._show_empty()
            return True
        return False

    # -- slots: folder ---------------------------------------------------------------------
    @Slot(object)
    def _on_listed(self, data: TreeData) -> None:
        self.tree.model.set_tree_data(data)
        if self.current_rel:
            self.tree.reveal(self.current_rel)

    @Slot(int, int)
    def _on_index_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def _on_index_ready(self, result: IndexResult) -> None:
        self._on_listed(result.tree)
        self.form.related.set_catalog(result.catalog)
        # the automatic spelling language
        self.jobs.sample_spelling(self.speller,
                                  list(islice(result.entries.values(), 2 * SAMPLE_TEXTS)))
        self.progress.hide()
        self.statusBar().showMessage(f"{len(result.entries):,} files indexed", 4000)

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
        path = window_commands.article_at(self, url)
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

    # -- slots: document -------------------------------------------------------------------
    @Slot(object)
    def _on_document_loaded(self, doc: ArticleDocument) -> None:
        window_views.show_document(self, doc)
        self._on_check_article()

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
        window_views.show_failure(self, error, raw)

    @Slot(str)
    def _on_protection(self, reason: str) -> None:
        """Saving the article just opened will be refused: say so while it is open."""
        self.banner.show_info(escape(reason))

    @Slot()
    def _on_fix_raw(self) -> None:
        self.controller.raw_held = True  # no reload from disk over the writer's fixing
        self.raw_view.start_fixing()
        self.banner.show_info("Correct the text above, then save (Ctrl+S): it is written only "
                              "once it reads as an article.")
        self.state_label.setText("Fixing")

    @Slot(bool)
    def _on_raw_modified(self, modified: bool) -> None:
        if self.raw_view.fixing:
            self.setWindowModified(modified)
            self._mark_tree(modified)

    def _raw_edited(self) -> bool:
        return self.raw_view.fixing and self.raw_view.document().isModified()

    @Slot(bool)
    def _on_modified_changed(self, modified: bool) -> None:
        self._mark_tree(modified)
        self._update_title()
        self._update_actions()

    @Slot(str)
    def _on_saved(self, path: str) -> None:
        self.banner_area.hide_all()  # what they said (merged, missing, not saved) is settled
        self.statusBar().showMessage(f"Saved {path}", 4000)

    @Slot(str, str)
    def _on_path_changed(self, old: str, new: str) -> None:
        """The article's file has a new name (saved under it, or renamed by someone else)."""
        self._mark_tree(False)
        path = Path(new)
        inside = self.folder is not None and path.is_relative_to(self.folder)
        self.current_rel = path.relative_to(self.folder).as_posix() if inside else None
        if self.current_rel:
            self.tree.reveal(self.current_rel)
        self.settings.last_article = new
        self.path_label.setText(new)
        self._on_modified_changed(self.controller.modified)

    @Slot(str)
    def _on_rename_pending(self, name: str) -> None:
        if name:
            self.statusBar().showMessage(f"Saving will rename the file to {name}")
        else:
            self.statusBar().clearMessage()

    @Slot(str)
    def _on_rename_failed(self, text: str) -> None:
        self.banner.show_error(escape(text))

    @Slot()
    def _on_revert(self) -> None:
        path = self.controller.path
        if self.controller.modified and path is not None and not dialogs.confirm_revert(
                self, path.name):
            return
        self.controller.revert()

    @Slot(object)
    def _on_save_failed(self, error: ArticleError) -> None:
        self.banner.show_error(escape(f"Not saved: {failure_text(error, saving=True)} "
                                           "Your edits are still here."))
        if self.raw_view.fixing:
            self.raw_view.mark_error(error.line, error.column)

    @Slot(object)
    def _on_merged(self, result: MergeResult) -> None:
        self.disk_banner.clear()
        parts = []
        if result.taken:
            parts.append(f"took their changes to {labels(result.taken)}")
        if result.merged:
            parts.append(f"kept your edits to {labels(result.merged)}")
        if parts:
            self.banner.show_info(escape("Someone else changed this article; merged: "
                                              + "; ".join(parts) + "."))

    @Slot()
    def _on_compare(self) -> None:
        dialogs.show_compare(self, compare_html(self.disk_banner.conflicts, self.palette()))

    @Slot(str)
    @Slot(str, object)
    def _on_field_edited(self, _key: str, _value: object = None) -> None:
        self._article_check.start()

    @Slot()
    def _on_check_article(self) -> None:
        doc = self.controller.document
        if doc is None or self.current_rel is None:
            self.article_problems.update_problems([])
            return
        self.article_problems.update_problems(
            article_problems(doc.data, self.current_rel, self.folder_ctl.catalog))

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
        self.spelling_menu.set_current(self.speller.setting, self.speller.language)

    @Slot(str)
    def _on_spelling_language_requested(self, code: str) -> None:
        self.settings.spelling_language = code
        if self.speller.set_language(code):
            self._on_spelling_redecided()
        self.spelling_menu.set_current(self.speller.setting, self.speller.language)

    @Slot()
    def _on_spelling_redecided(self) -> None:
        """Another spelling language: the answer's marks are redrawn in slices."""
        self.editor.refresh_spelling()
        self.form.rehighlight()
        self.spelling_menu.set_current(self.speller.setting, self.speller.language)

    # -- slots: menu actions ---------------------------------------------------------------
    @Slot()
    def _on_new_article(self) -> None:
        window_commands.new_article(self)

    @Slot()
    def _on_refresh_related_all(self) -> None:
        window_commands.refresh_related_all(self)

    @Slot()
    def _on_open_folder(self) -> None:
        chosen = dialogs.ask_folder(self, str(self.folder or Path.home()))
        if chosen:
            self.open_folder(chosen)

    @Slot()
    def _on_undo_refresh(self) -> None:
        window_commands.undo_refresh(self)

    @Slot(str)
    def _on_recent(self, folder: str) -> None:
        self.open_folder(folder)

    @Slot()
    def _on_zoom_in(self) -> None:
        self._zoom(self.settings.zoom + 1)

    @Slot()
    def _on_zoom_out(self) -> None:
        self._zoom(self.settings.zoom - 1)

    @Slot()
    def _on_zoom_reset(self) -> None:
        self._zoom(0)

    @Slot()
    def _on_go_filter(self) -> None:
        self.menus[ActionId.TOGGLE_TREE].setChecked(True)  # shows the tree when it was hidden
        self.tree.focus_filter()

    @Slot()
    def _on_go_form(self) -> None:
        window_commands.focus_first_field(self)

    @Slot()
    def _on_go_problems(self) -> None:
        self.parts.problems_dock.show()
        self.problems.view.setFocus()

    @Slot()
    def _on_log_folder(self) -> None:
        window_commands.open_log_folder(self)

    @Slot()
    def _on_about(self) -> None:
        window_commands.show_about(self)

    # -- helpers ---------------------------------------------------------------------------
    def _zoom(self, zoom: int) -> None:
        self.settings.zoom = max(-6, min(24, zoom))
        apply_zoom(self, self.parts, self.settings.zoom)

    def _show_empty(self) -> None:
        window_views.show_empty(self)

    def _update_actions(self) -> None:
        window_views.update_actions(self)

    def _mark_tree(self, modified: bool) -> None:
        if self.current_rel:
            self.tree.model.set_marked(self.current_rel, modified)

    def _update_title(self) -> None:
        window_views.update_title(self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.controller.check_disk()  # a git pull may have happened while we were away
            self.folder_ctl.recheck()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save(quitting=True):
            event.ignore()
            return
        save_window_state(self, self.parts, self.settings)
        self.pool.waitForDone(5000)
        self.folder_ctl.close()
        if self._folder_lock is not None:
            self._folder_lock.release()
        event.accept()



__all__ = ["MainWindow"]
