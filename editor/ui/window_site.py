"""The main window's part for the site's own pages (blog posts, pages of content blocks):
which form a file gets, array edits, and File > New Blog Post / New Page. Mixed into
MainWindow.

The site (its CloudCannon configuration and Bookshop components) is read once per folder,
the first time a page that is not a Q&A article is shown (a few tens of milliseconds on
the sample's site).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel

from editor.core.document.article import ArticleDocument
from editor.core.errors import ArticleError, EditError
from editor.core.site.new_page import new_page
from editor.core.site.site import Site, load_site
from editor.core.storage.siteroot import has_site_config
from editor.ui import dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from editor.ui.controllers.document import DocumentController
    from editor.ui.panes.markdown_editor import MarkdownEditor
    from editor.ui.panes.preview import PreviewPane
    from editor.ui.panes.site_form import SiteForm

log = logging.getLogger(__name__)

#: The collections File > New Blog Post and New Page write into.
POST_COLLECTION, PAGE_COLLECTION = "blog", "pages"


def site_label(window: object, site_page: bool) -> None:
    """The editor's label says what it edits: the answer of an article, a page's body."""
    label = window.findChild(QLabel, "answerLabel")  # type: ignore[attr-defined]
    if label is not None:
        label.setText("&Body" if site_page else "&Answer")


class SiteSlots:
    """The site of the open folder and the slots for its pages."""

    if TYPE_CHECKING:
        folder: Path | None
        controller: DocumentController
        site_form: SiteForm
        editor: MarkdownEditor
        preview: PreviewPane

        def statusBar(self) -> QStatusBar: ...
        def maybe_save(self, quitting: bool = False) -> bool: ...
        def open_article(self, path: Path | str) -> None: ...

    _sites: dict[Path, Site | None]

    def site_for(self, doc: ArticleDocument) -> Site | None:
        """The site whose page ``doc`` is (None for a Q&A article, or a folder without a
        CloudCannon configuration, or one that cannot be read)."""
        if doc.is_article or self.folder is None:
            return None
        return self.folder_site()

    def folder_site(self) -> Site | None:
        if self.folder is None:
            return None
        if not hasattr(self, "_sites"):
            self._sites = {}
        root = self.folder
        if root not in self._sites:
            site: Site | None = None
            if has_site_config(root):
                try:
                    site = load_site(root)
                except ArticleError as exc:
                    log.warning("the site's configuration cannot be read: %s", exc)
                    self.statusBar().showMessage(
                        f"The site's configuration cannot be read: {exc.message}", 8000)
            self._sites[root] = site
        return self._sites[root]

    @Slot(str, object, int, object)
    def _on_array_edit(self, op: str, path: object, index: int, arg: object) -> None:
        try:
            self.controller.edit_array(op, path, index, arg)
        except EditError as exc:
            self.statusBar().showMessage(f"Not changed: {exc.message}", 6000)
        self.site_form.array_edited(tuple(path),  # type: ignore[call-overload]
                                    self.controller.document)

    @Slot()
    def _on_site_saved(self) -> None:
        """A save gives the controller a new document: the page's form takes it."""
        self.site_form.mark_saved(self.controller.document)

    @Slot()
    def _on_new_post(self) -> None:
        self._new_site_page(POST_COLLECTION, "blog post")

    @Slot()
    def _on_new_page(self) -> None:
        self._new_site_page(PAGE_COLLECTION, "page")

    def _new_site_page(self, collection: str, what: str) -> None:
        site = self.folder_site()
        if site is None:
            dialogs.tell(self, f"New {what}",  # type: ignore[arg-type]
                         "This folder has no CloudCannon configuration "
                         "(cloudcannon.config.yml), so it has no site pages to add to.")
            return
        if not self.maybe_save():
            return
        title = dialogs.ask_page_title(self, what)  # type: ignore[arg-type]
        if title is None:
            return
        try:
            target = new_page(site, collection, title)
        except ArticleError as exc:
            dialogs.tell(self, f"New {what}", f"Not created: {exc.message}.")  # type: ignore[arg-type]
            return
        self.open_article(target)
