"""The main window: a composition root. It builds the panes and the controllers and wires
them in one place; what the window then does lives in its parts, mixed in here:
window_lifecycle (open a folder or an article, save, recovery, the unsaved-edits question),
window_folder and window_document (the slots for the two controllers' signals) and
window_commands (the menus' actions). The decisions about the open article are the
document controller's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QThreadPool, QTimer
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from editor.core.index.entry import Entry
from editor.core.storage.folderlock import FolderLock
from editor.core.text.site_marks import SiteMark
from editor.core.text.spelling import Speller
from editor.resources import resource_path
from editor.ui import window_views
from editor.ui.controllers.document import DocumentController
from editor.ui.controllers.folder import FolderController
from editor.ui.controllers.jobs import Jobs
from editor.ui.controllers.open_article import OpenArticle
from editor.ui.controllers.publishing import Publishing
from editor.ui.controllers.sign_in import SignIn
from editor.ui.menus import ActionId, EditRelay, build_menus
from editor.ui.panes.article_problems import ArticleProblems
from editor.ui.panes.article_tree import ArticleTree
from editor.ui.panes.backslash_warning import BackslashWarning
from editor.ui.panes.banners import BannerArea, DiskBanner, MessageBanner
from editor.ui.panes.fields_form import FieldsForm
from editor.ui.panes.find_bar import FindBar
from editor.ui.panes.markdown_editor import MarkdownEditor
from editor.ui.panes.preview import PreviewPane
from editor.ui.panes.problems_pane import ProblemsPane
from editor.ui.panes.raw_view import RawTextView
from editor.ui.panes.site_form import SiteForm
from editor.ui.panes.wheel_guard import install_wheel_guard
from editor.ui.settings import Settings
from editor.ui.spelling_menu import SpellingMenu
from editor.ui.window_commands import CommandSlots
from editor.ui.window_document import DocumentSlots
from editor.ui.window_folder import FolderSlots
from editor.ui.window_git import GitSlots
from editor.ui.window_lifecycle import WindowLifecycle
from editor.ui.window_parts import build_layout, restore_window_state, save_window_state
from editor.ui.window_site import SiteSlots

#: The open article is checked this long after the writer stops typing.
ARTICLE_CHECK_DELAY_MS = 150


class MainWindow(WindowLifecycle, FolderSlots, DocumentSlots, CommandSlots, SiteSlots,
                 GitSlots, QMainWindow):
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
        self.answer_of: OpenArticle | None = None  # the article whose answer the editor holds
        self._answer_marks: tuple[SiteMark, ...] | None = None  # the editor's last scan found
        self._folder_lock: FolderLock | None = None
        self._spelling_asked = False  # the dictionary loads once the folder is on screen
        self._spelling_sample: list[Entry] | None = None  # texts to sample, once it is
        self.jobs = Jobs(self.pool, self)

        # panes and controllers
        self.controller = DocumentController(self)
        self.folder_ctl = FolderController(self.jobs, self)
        self.sign_in = SignIn(self)
        self.publishing = Publishing(self.jobs, self, sign_in=self.sign_in)
        self.tree = ArticleTree(self)
        self.form = FieldsForm(self, self.speller)
        self.site_form = SiteForm(self)  # a page of the site that is not a Q&A article
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
        self.git_chip = QLabel(self)  # what is not published, for a folder in a repository
        self.git_chip.setObjectName("gitChip")
        self.parts = build_layout(self, self)
        self.menus = build_menus(self)
        install_wheel_guard(self)  # the wheel scrolls; it never turns a field's value
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
        self.site_form.fieldEdited.connect(self.controller.set_field)
        self.site_form.restoreFieldRequested.connect(self.controller.restore_field)
        self.site_form.validityChanged.connect(self.controller.set_validity)
        self.site_form.arrayEditRequested.connect(self._on_array_edit)
        self.controller.saved.connect(self._on_site_saved)
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
        self.editor.scanner.scanned.connect(self.backslash_warning.show_scan)
        self.editor.scanner.scanned.connect(self._on_answer_scanned)
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
        self.banner.fixRawRequested.connect(self.controller.start_fixing)  # first: it takes
        self.banner.fixRawRequested.connect(self.raw_view.start_fixing)  # the text handed over
        self.banner.fixRawRequested.connect(self._on_fix_raw)
        self.raw_view.rawEdited.connect(self.controller.set_raw_text)
        self.raw_view.modificationChanged.connect(self.controller.set_raw_modified)
        self.raw_view.modificationChanged.connect(self._on_raw_modified)
        self.folder_ctl.listed.connect(self._on_listed)
        self.folder_ctl.entriesRead.connect(self.tree.model.take_refreshed)
        self.folder_ctl.progressChanged.connect(self._on_index_progress)
        self.folder_ctl.indexReady.connect(self._on_index_ready)
        self.folder_ctl.indexFailed.connect(self._on_index_failed)
        self.folder_ctl.indexFailed.connect(self._load_spelling)
        self.folder_ctl.suggestionsReady.connect(self._load_spelling)
        self.folder_ctl.problemsChanged.connect(self._on_problems_changed)
        self.folder_ctl.suggestionsReady.connect(self.form.related.suggestions_ready)
        self.folder_ctl.entryChanged.connect(self.tree.model.update_entry)
        self.jobs.spellingLoaded.connect(self._on_spelling_changed)
        self.spelling_menu.languageRequested.connect(self._on_spelling_language_requested)
        self.jobs.spellingRedecided.connect(self._on_spelling_redecided)
        self.menus[ActionId.NEW_ARTICLE].triggered.connect(self._on_new_article)
        self.menus[ActionId.NEW_POST].triggered.connect(self._on_new_post)
        self.menus[ActionId.NEW_PAGE].triggered.connect(self._on_new_page)
        self.menus[ActionId.OPEN_FOLDER].triggered.connect(self._on_open_folder)
        self.menus[ActionId.SAVE].triggered.connect(self.controller.save)
        self.menus[ActionId.SAVE_ALL].triggered.connect(self.controller.save)
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
        self.controller.saved.connect(self.publishing.file_saved)
        self.publishing.availableChanged.connect(self._on_git_available)
        self.publishing.summaryChanged.connect(self._on_git_summary)
        self.publishing.unpublishedChanged.connect(self.tree.model.set_unpublished)
        self.publishing.reviewReady.connect(self._on_publish_review)
        self.publishing.published.connect(self._on_published)
        self.publishing.failed.connect(self._on_git_failed)
        self.publishing.synced.connect(self._on_synced)
        self.sign_in.signInRequested.connect(self._on_sign_in_requested)
        self.menus[ActionId.PUBLISH].triggered.connect(self._on_publish)
        self.menus[ActionId.GET_TEAM_CHANGES].triggered.connect(self._on_get_team_changes)

        restore_window_state(self, self.parts, self, self.settings)
        self._on_git_available(False)  # until a folder in a repository opens
        window_views.show_empty(self)
        QTimer.singleShot(0, self._load_spelling_unless_opening)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.controller.check_disk()  # a git pull may have happened while we were away
            self.folder_ctl.recheck()
            self.publishing.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save(quitting=True):
            event.ignore()
            return
        save_window_state(self, self.parts, self.settings)
        self.folder_ctl.finish()  # what the last saves changed is kept for the next start
        self.pool.waitForDone(5000)
        self.folder_ctl.close()
        self.sign_in.close()
        if self._folder_lock is not None:
            self._folder_lock.release()
        event.accept()


__all__ = ["MainWindow"]
