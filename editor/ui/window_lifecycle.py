"""What the main window does with folders and articles: open a folder, open an article,
save, offer what a crash left, ask about unsaved edits. Mixed into MainWindow.

The decisions about the open article itself (which one it is, what a save writes, whether
anything is unsaved) are the document controller's; these steps add the window's part: the
tree, the banners, the settings and the questions only a person can answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.storage.folderlock import FolderLock
from editor.core.storage.siteroot import find_site_root, has_markdown
from editor.ui import dialogs, window_views
from editor.ui.panes.banners import escape

if TYPE_CHECKING:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QProgressBar

    from editor.core.index.folder_index import FolderIndex
    from editor.ui.controllers.document import DocumentController
    from editor.ui.controllers.folder import FolderController
    from editor.ui.controllers.publishing import Publishing
    from editor.ui.menus import Menus
    from editor.ui.panes.article_tree import ArticleTree
    from editor.ui.panes.banners import BannerArea, MessageBanner
    from editor.ui.panes.fields_form import FieldsForm
    from editor.ui.panes.preview import PreviewPane
    from editor.ui.panes.problems_pane import ProblemsPane
    from editor.ui.settings import Settings


class WindowLifecycle:
    """The window's public steps (the tests and the start-up call them)."""

    if TYPE_CHECKING:  # what MainWindow gives this part
        folder: Path | None
        settings: Settings
        pool: QThreadPool
        controller: DocumentController
        folder_ctl: FolderController
        publishing: Publishing
        tree: ArticleTree
        form: FieldsForm
        preview: PreviewPane
        problems: ProblemsPane
        banner: MessageBanner
        banner_area: BannerArea
        menus: Menus
        progress: QProgressBar
        _folder_lock: FolderLock | None

        def _mark_tree(self, modified: bool) -> None: ...

    @property
    def index(self) -> FolderIndex | None:
        """The open folder's FolderIndex, once indexing has finished."""
        return self.folder_ctl.index

    @property
    def current_rel(self) -> str | None:
        """The open article's path in the folder (read from the controller's record)."""
        article = self.controller.article
        return article.rel if article is not None else None

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
        window_views.show_empty(self)  # type: ignore[arg-type]
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
        self.publishing.open(self.folder)  # first: it finishes an interrupted team update
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
        self.controller.open(path, self.folder)
        rel = self.current_rel
        if rel is not None:
            self.tree.reveal(rel)
        self.problems.set_current_article(rel)
        self.settings.last_article = str(path)
        return True

    def save(self) -> bool:
        """Save what is open; the controller decides what that is (a fixed raw text too)."""
        return self.controller.save()

    def offer_recovery(self) -> int:
        """Offer each article with journaled unsaved edits; returns how many were restored."""
        restored = 0
        for entry in self.controller.journal.entries():
            if self.folder is None or not entry.path.resolve().is_relative_to(self.folder):
                continue  # offered when its own folder is opened
            answer = dialogs.ask_restore(self, str(entry.path),  # type: ignore[arg-type]
                                         entry.diff())
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
        if not self.controller.unsaved:
            return True
        path = self.controller.path
        answer = dialogs.ask_save_changes(self,  # type: ignore[arg-type]
                                          path.name if path else "article", quitting)
        if answer == dialogs.SAVE:
            return self.save()
        if answer == dialogs.DISCARD:
            self._mark_tree(False)
            self.controller.close()
            window_views.show_empty(self)  # type: ignore[arg-type]
            return True
        return False
