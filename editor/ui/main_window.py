"""The main window: a composition root. It builds the panes and wires them in one place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Slot
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.document import ArticleDocument
from editor.core.errors import ArticleError
from editor.core.index import Entry, FolderIndex
from editor.core.spelling import Speller
from editor.resources import resource_path
from editor.ui import dialogs
from editor.ui.article_tree import ArticleTree
from editor.ui.controller import DocumentController
from editor.ui.fields_form import FieldsForm
from editor.ui.find_bar import FindBar
from editor.ui.jobs import IndexJob, SpellJob
from editor.ui.markdown_editor import MarkdownEditor
from editor.ui.menus import build_menus
from editor.ui.preview import PreviewPane
from editor.ui.settings import Settings


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
        self.settings = Settings()
        self.pool = QThreadPool(self)
        self.speller = Speller()
        self.folder: Path | None = None
        self.index: FolderIndex | None = None
        self.current_rel: str | None = None
        self._index_job: IndexJob | None = None
        self._spell_job = SpellJob(self.speller)

        # panes
        self.controller = DocumentController(self)
        self.tree = ArticleTree(self)
        self.form = FieldsForm(self, self.speller)
        self.editor = MarkdownEditor("answer", self.speller, self)
        self.find_bar = FindBar(self.editor, self)
        self.preview = PreviewPane(self, pool=self.pool)
        self.banner = QLabel(self)
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fdecea; color:#8a1c12; padding:6px;")
        self.banner.hide()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.path_label = QLabel(self)
        self.state_label = QLabel(self)
        self.count_label = QLabel(self)

        editor_box = QWidget(self)
        box = QVBoxLayout(editor_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.editor)
        box.addWidget(self.find_bar)
        self.right_split = QSplitter(Qt.Orientation.Vertical, self)
        self.right_split.addWidget(editor_box)
        self.right_split.addWidget(self.preview)
        self.main_split = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_split.setObjectName("mainSplitter")
        self.main_split.addWidget(self.tree)
        self.main_split.addWidget(self.form)
        self.main_split.addWidget(self.right_split)
        self.main_split.setSizes([300, 430, 650])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.main_split, 1)
        self.setCentralWidget(central)
        status = self.statusBar()
        status.addWidget(self.path_label, 1)
        status.addPermanentWidget(self.count_label)
        status.addPermanentWidget(self.state_label)
        status.addPermanentWidget(self.progress)
        self.actions = build_menus(self)

        # wiring: the one place panes meet
        self.tree.articleRequested.connect(self._on_article_requested)
        self.form.fieldEdited.connect(self.controller.set_field)
        self.editor.fieldEdited.connect(self.controller.set_field)
        self.editor.fieldEdited.connect(self._on_answer_edited)
        self.editor.countsChanged.connect(self._on_counts)
        self.editor.verticalScrollBar().valueChanged.connect(self._on_editor_scrolled)
        self.controller.documentLoaded.connect(self._on_document_loaded)
        self.controller.documentFailed.connect(self._on_document_failed)
        self.controller.modifiedChanged.connect(self._on_modified_changed)
        self.controller.saved.connect(self._on_saved)
        self.controller.saveFailed.connect(self._on_save_failed)
        self.actions["open_folder"].triggered.connect(self._on_open_folder)
        self.actions["save"].triggered.connect(self.save)
        self.actions["save_all"].triggered.connect(self.save)
        self.actions["revert"].triggered.connect(self._on_revert)
        self.actions["quit"].triggered.connect(self.close)
        self.actions["find"].triggered.connect(self._on_find)
        self.actions["replace"].triggered.connect(self._on_replace)
        self.actions["zoom_in"].triggered.connect(self._on_zoom_in)
        self.actions["zoom_out"].triggered.connect(self._on_zoom_out)
        self.actions["toggle_tree"].toggled.connect(self.tree.setVisible)
        self.actions["toggle_form"].toggled.connect(self.form.setVisible)
        self.actions["toggle_preview"].toggled.connect(self.preview.setVisible)
        self.actions["recent"].triggered.connect(self._on_recent)
        self._spell_job.signals.loaded.connect(self._on_spelling_changed)
        self.editor.wordAdded.connect(self._on_spelling_changed)
        self.form.wordAdded.connect(self._on_spelling_changed)

        self._restore_state()
        self._update_title()
        self.pool.start(self._spell_job)

    # -- public API ------------------------------------------------------------------------
    def open_folder(self, path: Path | str, wait: bool = False) -> None:
        """Show the folder; titles fill in as the background index proceeds."""
        if not self.maybe_save():
            return
        self.controller.close()
        self.folder = Path(path).resolve()
        self.preview.content_root = self.folder
        self.settings.last_folder = str(self.folder)
        self.settings.add_recent_folder(str(self.folder))
        self.actions["recent_menu"].refresh(self.settings.recent_folders)
        from editor.core.index import walk_markdown

        names = [Entry(p.relative_to(self.folder).as_posix()) for p in walk_markdown(self.folder)]
        self.tree.model.set_entries(names)
        self.progress.setRange(0, 0)
        self.progress.show()
        job = IndexJob(self.folder)
        job.signals.progress.connect(self._on_index_progress)
        job.signals.finished.connect(self._on_index_finished)
        self._index_job = job
        self.pool.start(job)
        if wait:
            self.pool.waitForDone()

    def open_article(self, path: Path | str) -> bool:
        if not self.maybe_save():
            return False
        path = Path(path).resolve()
        if self.folder and path.is_relative_to(self.folder):
            self.current_rel = path.relative_to(self.folder).as_posix()
            self.tree.select_path(self.current_rel)
        self.controller.open(path)
        self.settings.last_article = str(path)
        return True

    @Slot()
    def save(self) -> bool:
        return self.controller.save()

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

    # -- slots -----------------------------------------------------------------------------
    @Slot(str)
    def _on_article_requested(self, rel: str) -> None:
        if self.folder is None or rel == self.current_rel:
            return
        previous = self.current_rel
        if not self.open_article(self.folder / rel) and previous:
            self.tree.select_path(previous)

    @Slot(object)
    def _on_document_loaded(self, doc: ArticleDocument) -> None:
        self.banner.hide()
        self.form.set_read_only(False)
        self.form.load(doc)
        answer = doc.get_field("answer") if doc.is_article else ""
        self.editor.setReadOnly(not doc.is_article)
        self.editor.setEnabled(doc.is_article)
        self.editor.load_text(answer or "")
        self._set_preview_header(doc)
        self.preview.request_render(answer or "", immediate=True)
        self.path_label.setText(str(doc.path))
        self._update_title()

    @Slot(object, str)
    def _on_document_failed(self, error: ArticleError, raw: str) -> None:
        self.banner.setText(f"Cannot edit this file — {error}. It is shown read-only.")
        self.banner.show()
        self.editor.load_text("")
        self.editor.setEnabled(False)
        self.form.body_editor.setPlainText(raw)
        self.form.set_read_only(True)
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
        if self.index is not None:
            entry = self.index.update_file(Path(path))
            if entry is not None:
                self.tree.model.update_entry(entry)

    @Slot(object)
    def _on_save_failed(self, error: ArticleError) -> None:
        self.banner.setText(f"Not saved — {error}. Your edits are still here.")
        self.banner.show()

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

    @Slot(int, int)
    def _on_index_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot(object, object)
    def _on_index_finished(self, index: FolderIndex, entries: list[Entry]) -> None:
        if self.folder is None or index.root != self.folder:
            index.close()
            return
        if self.index is not None:
            self.index.close()
        self.index = index
        self.tree.model.set_entries(entries)
        if self.current_rel:
            self.tree.select_path(self.current_rel)
        self.progress.hide()
        self.statusBar().showMessage(f"{len(entries)} files indexed", 4000)

    @Slot()
    def _on_spelling_changed(self) -> None:
        self.editor.highlighter.rehighlight()
        self.form.rehighlight()

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
    def _on_revert(self) -> None:
        self.controller.revert()

    @Slot()
    def _on_find(self) -> None:
        self.find_bar.open_find(replace=False)

    @Slot()
    def _on_replace(self) -> None:
        self.find_bar.open_find(replace=True)

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

    def _set_preview_header(self, doc: ArticleDocument) -> None:
        import html

        question = doc.get("question") if doc.is_article else ""
        subject = doc.get("subject") if doc.is_article else ""
        self.preview.header_html = (
            f'<p class="meta">{html.escape(str(subject or ""))}</p>'
            f'<p class="question">{html.escape(str(question or ""))}</p>'
        ) if question else ""

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

    def _restore_state(self) -> None:
        geometry = self.settings.geometry("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        splitter = self.settings.geometry("splitter")
        if splitter is not None:
            self.main_split.restoreState(splitter)
        if self.settings.zoom:
            self.editor.zoomIn(self.settings.zoom)
            self.preview.zoomIn(self.settings.zoom)

    def save_state(self) -> None:
        self.settings.set_geometry("geometry", self.saveGeometry())
        self.settings.set_geometry("splitter", self.main_split.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.save_state()
        self.pool.waitForDone(5000)
        if self.index is not None:
            self.index.close()
        event.accept()
