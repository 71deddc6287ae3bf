"""The main window's slots for the open document: what the panes show and say when the
document controller opens, reloads, saves, renames or merges it. Mixed into MainWindow.

Only answers to the controller's signals and the panes' state: the decisions are the
controller's, the presentation is window_views'.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot

from editor.core.checks.folder_checks import article_problems
from editor.core.document.article import ArticleDocument
from editor.core.document.merge import MergeResult
from editor.core.document.wording import failure_text
from editor.core.errors import ArticleError
from editor.ui import dialogs, window_views
from editor.ui.panes.banners import compare_html, escape, labels

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLabel, QStatusBar

    from editor.core.text.site_marks import SiteMark
    from editor.ui.controllers.document import DocumentController
    from editor.ui.controllers.folder import FolderController
    from editor.ui.controllers.open_article import OpenArticle
    from editor.ui.panes.answer_scan import Scan
    from editor.ui.panes.article_problems import ArticleProblems
    from editor.ui.panes.article_tree import ArticleTree
    from editor.ui.panes.banners import BannerArea, DiskBanner, MessageBanner
    from editor.ui.panes.markdown_editor import MarkdownEditor
    from editor.ui.panes.preview import PreviewPane
    from editor.ui.panes.raw_view import RawTextView
    from editor.ui.settings import Settings


class DocumentSlots:
    """Slots for the document controller's signals and the edits that re-check the article."""

    if TYPE_CHECKING:  # what MainWindow gives this part
        folder: Path | None
        settings: Settings
        controller: DocumentController
        folder_ctl: FolderController
        tree: ArticleTree
        editor: MarkdownEditor
        preview: PreviewPane
        raw_view: RawTextView
        banner: MessageBanner
        banner_area: BannerArea
        disk_banner: DiskBanner
        article_problems: ArticleProblems
        path_label: QLabel
        state_label: QLabel
        count_label: QLabel
        answer_of: OpenArticle | None
        _answer_marks: tuple[SiteMark, ...] | None
        _article_check: QTimer

        @property
        def current_rel(self) -> str | None: ...
        def statusBar(self) -> QStatusBar: ...
        def palette(self) -> QPalette: ...
        def setWindowModified(self, modified: bool) -> None: ...

    @Slot(object)
    def _on_document_loaded(self, doc: ArticleDocument) -> None:
        self._answer_marks = None  # until the editor has scanned this answer
        window_views.show_document(self, doc)  # type: ignore[arg-type]
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
        window_views.show_failure(self, error, raw)  # type: ignore[arg-type]

    @Slot(str)
    def _on_protection(self, reason: str) -> None:
        """Saving the article just opened will be refused: say so while it is open."""
        self.banner.show_info(escape(reason))

    @Slot()
    def _on_fix_raw(self) -> None:
        """"Fix in raw text" (the controller and the raw view have taken it up already)."""
        self.banner.show_info("Correct the text above, then save (Ctrl+S): it is written only "
                              "once it reads as an article.")
        self.state_label.setText("Fixing")

    @Slot(bool)
    def _on_raw_modified(self, modified: bool) -> None:
        if self.controller.fixing:
            self.setWindowModified(modified)
            self._mark_tree(modified)

    @Slot(bool)
    def _on_modified_changed(self, modified: bool) -> None:
        self._mark_tree(modified)
        window_views.update_title(self)  # type: ignore[arg-type]
        window_views.update_actions(self)  # type: ignore[arg-type]

    @Slot(str)
    def _on_saved(self, path: str) -> None:
        self.banner_area.hide_all()  # what they said (merged, missing, not saved) is settled
        self.statusBar().showMessage(f"Saved {path}", 4000)

    @Slot(str, str)
    def _on_path_changed(self, old: str, new: str) -> None:
        """The article's file has a new name (saved under it, or renamed by someone else)."""
        article = self.controller.article
        old_rel = article.moved_to(old).rel if article is not None else None
        if old_rel:
            self.tree.model.set_marked(old_rel, False)
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
                self, path.name):  # type: ignore[arg-type]
            return
        self.controller.revert()

    @Slot(object)
    def _on_save_failed(self, error: ArticleError) -> None:
        self.banner.show_error(escape(f"Not saved: {failure_text(error, saving=True)} "
                                      "Your edits are still here."))
        if self.controller.fixing:
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
        dialogs.show_compare(self,  # type: ignore[arg-type]
                             compare_html(self.disk_banner.conflicts, self.palette()))

    @Slot(str)
    @Slot(str, object)
    def _on_field_edited(self, _key: str, _value: object = None) -> None:
        self._article_check.start()

    @Slot()
    def _on_check_article(self) -> None:
        doc, rel = self.controller.document, self.current_rel
        if doc is None or rel is None:
            self.article_problems.update_problems([])
            return
        self.article_problems.update_problems(
            article_problems(doc.data, rel, self.folder_ctl.catalog, self._answer_marks))
        window_views.show_page(self, doc)  # type: ignore[arg-type]

    @Slot(object)
    def _on_answer_scanned(self, scan: Scan) -> None:
        """The editor scanned the answer it shows (once typing paused): check the article
        again with what the scan found, rather than reading the answer a second time."""
        self._answer_marks = scan.marks
        self._article_check.start()

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

    def _mark_tree(self, modified: bool) -> None:
        if self.current_rel:
            self.tree.model.set_marked(self.current_rel, modified)
