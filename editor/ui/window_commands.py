"""The window's menu commands: the slots of the menus' actions (CommandSlots, mixed into
MainWindow), and the commands that take a few steps: a new article, a folder-wide refresh of
stale related articles and its undo, a site link in the preview, the log folder, About.

Each function is called by one slot; the main window stays the one place panes meet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QProgressDialog

from editor.core.checks.repair import describe
from editor.core.errors import ArticleError
from editor.core.logs import log_folder
from editor.ui import dialogs
from editor.ui.menus import ActionId
from editor.ui.panes.banners import escape
from editor.ui.window_parts import apply_zoom

if TYPE_CHECKING:
    from editor.core.text.spelling import Speller
    from editor.ui.main_window import MainWindow
    from editor.ui.menus import Menus
    from editor.ui.panes.article_tree import ArticleTree
    from editor.ui.panes.fields_form import FieldsForm
    from editor.ui.panes.markdown_editor import MarkdownEditor
    from editor.ui.panes.problems_pane import ProblemsPane
    from editor.ui.settings import Settings
    from editor.ui.spelling_menu import SpellingMenu
    from editor.ui.window_parts import WindowParts


class CommandSlots:
    """Slots for the menus' actions and the spelling language."""

    if TYPE_CHECKING:  # what MainWindow gives this part
        folder: Path | None
        settings: Settings
        speller: Speller
        menus: Menus
        parts: WindowParts
        tree: ArticleTree
        form: FieldsForm
        editor: MarkdownEditor
        problems: ProblemsPane
        spelling_menu: SpellingMenu

        def open_folder(self, path: Path | str, wait: bool = False) -> None: ...

    @Slot()
    def _on_new_article(self) -> None:
        new_article(self)  # type: ignore[arg-type]

    @Slot()
    def _on_refresh_related_all(self) -> None:
        refresh_related_all(self)  # type: ignore[arg-type]

    @Slot()
    def _on_open_folder(self) -> None:
        chosen = dialogs.ask_folder(self, str(self.folder or Path.home()))  # type: ignore[arg-type]
        if chosen:
            self.open_folder(chosen)

    @Slot()
    def _on_undo_refresh(self) -> None:
        undo_refresh(self)  # type: ignore[arg-type]

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

    def _zoom(self, zoom: int) -> None:
        self.settings.zoom = max(-6, min(24, zoom))
        apply_zoom(self, self.parts, self.settings.zoom)  # type: ignore[arg-type]

    @Slot()
    def _on_go_filter(self) -> None:
        self.menus[ActionId.TOGGLE_TREE].setChecked(True)  # shows the tree when it was hidden
        self.tree.focus_filter()

    @Slot()
    def _on_go_form(self) -> None:
        focus_first_field(self)  # type: ignore[arg-type]

    @Slot()
    def _on_go_problems(self) -> None:
        self.parts.problems_dock.show()
        self.problems.view.setFocus()

    @Slot()
    def _on_log_folder(self) -> None:
        open_log_folder(self)  # type: ignore[arg-type]

    @Slot()
    def _on_about(self) -> None:
        show_about(self)  # type: ignore[arg-type]

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


def new_article(window: MainWindow) -> None:
    """Ask subject and question; a refused question comes back in the dialog as typed."""
    folder_ctl = window.folder_ctl
    if window.folder is None or not folder_ctl.ready or not window.maybe_save():
        return
    subjects = folder_ctl.subjects()
    answer = dialogs.ask_new_article(window, subjects)
    while answer is not None:
        try:
            target = folder_ctl.create_article(*answer)
            break
        except ArticleError as exc:
            answer = dialogs.ask_new_article(window, subjects, *answer,
                                             error=f"Not created: {exc.message}.")
    if answer is None:
        return
    window.open_article(target)


def refresh_related_all(window: MainWindow) -> None:
    """Show what would change, refresh with progress (it can be stopped), sum it up; Edit >
    Undo Refresh of Related Articles is then on offer."""
    folder_ctl, controller = window.folder_ctl, window.controller
    if window.folder is None or folder_ctl.catalog is None or not window.maybe_save():
        return
    plan = folder_ctl.stale_plan()
    slots = sum(bool(s.changes) for f in plan for s in f.slots)
    if not slots:
        dialogs.tell(window, "Related articles", "No stale related snapshots to refresh.")
        return
    summary = f"Refresh {slots} stale related snapshots in {len(plan)} articles?"
    if not dialogs.confirm_changes(window, "Refresh related articles", summary, describe(plan)):
        return
    progress = QProgressDialog("Refreshing related articles…", "Stop", 0, len(plan), window)
    progress.setObjectName("refreshProgress")
    progress.setWindowTitle("Refresh related articles")
    progress.setMinimumDuration(300)

    def step(done: int, total: int) -> bool:
        progress.setValue(done)
        QApplication.processEvents()
        return not progress.wasCanceled()

    applied = folder_ctl.apply_fixes(plan, step)
    progress.close()
    window.menus[ActionId.UNDO_REFRESH].setEnabled(bool(applied.written))
    text = (f"Refreshed {applied.slots} related snapshots in {len(applied.written)} "
            "articles." + (" Edit > Undo Refresh puts them back." if applied.written else ""))
    if applied.failed:
        text += f" {len(applied.failed)} articles could not be written (see details)."
    dialogs.show_summary(window, "Related articles refreshed", text,
                         describe(applied.failed) if applied.failed else "")
    controller.reopen()  # the open article may be one of those refreshed


def undo_refresh(window: MainWindow) -> None:
    if not window.maybe_save():
        return
    left = window.folder_ctl.undo_fixes()
    window.menus[ActionId.UNDO_REFRESH].setEnabled(False)
    if left:
        window.banner.show_error(f"{len(left)} articles changed since the refresh and were "
                                 f"left as they are, e.g. {escape(left[0])}.")
    else:
        window.banner.show_info("The related articles are back as they were before the "
                                "refresh.")
    window.controller.reopen()


def article_at(window: MainWindow, url: str) -> str | None:
    """The article a link in the preview points to (a page of the site: /learn/…), or None
    after saying so in the status bar."""
    catalog = window.folder_ctl.catalog
    target = next((e for e in catalog.articles if e.url == url), None) if catalog else None
    if target is None:
        window.statusBar().showMessage(f"No article in this folder has the address {url}", 5000)
        return None
    return target.path


def focus_first_field(window: MainWindow) -> None:
    if window.parts.form_stack.currentWidget() is window.parts.form_page:
        first = next((b.widget for b in window.form.bindings.values()
                      if b.widget.isEnabled() and b.widget.isVisible()), None)
        if first is not None:
            first.setFocus()


def open_log_folder(window: MainWindow) -> None:
    """Help > Open Log Folder: where "it did not save" can be answered."""
    folder = log_folder()
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        dialogs.tell(window, "Log folder", f"The log is kept in {folder}")


def show_about(window: MainWindow) -> None:
    from editor import __version__

    dialogs.about(window, __version__)
