"""The article tree: a filter box over a tree view of the folder index (see tree_model).

Keys: Down or Enter in the filter box moves into the results at the first article (Enter
also opens it), Up on the top row goes back to the filter, Escape clears the filter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from editor.ui.models.tree_data import TreeData, humanise, prepare_tree
from editor.ui.models.tree_model import ArticleTreeModel, PathRole
from editor.ui.panes.tree_delegate import TreeRowDelegate

__all__ = ["EXPAND_LIMIT", "ArticleTree", "ArticleTreeModel", "PathRole", "TreeData",
           "humanise", "prepare_tree", "readable_red"]

#: Filter results up to this many articles are shown expanded (expanding more costs >30 ms).
EXPAND_LIMIT = 400
#: Problem rows: this red on light bases, lightened on dark ones until it reads.
PROBLEM_RED = "#c0392b"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_red(base: QColor, minimum: float = 4.5) -> QColor:
    """The problem red, lightened on a dark base (darkened on a light one) until it has at
    least ``minimum`` contrast with the base."""
    color = QColor(PROBLEM_RED)
    hue, saturation, lightness, _alpha = color.getHslF()
    step = 0.03 if base.lightnessF() < 0.5 else -0.03
    while contrast(color, base) < minimum and 0.0 < lightness < 1.0:
        lightness = min(1.0, max(0.0, lightness + step))
        color = QColor.fromHslF(hue, saturation, lightness)
    return color


class ArticleTree(QWidget):
    """Filter box over a tree view. Emits articleRequested(relative path) on activation."""

    articleRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleTreeModel(self)
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("articleFilter")
        self.filter_box.setPlaceholderText("Filter by title, id, file name or keyword…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter articles")
        self.view = QTreeView(self)
        self.view.setObjectName("articleTree")
        self.view.setAccessibleName("Articles")
        self.view.setModel(self.model)
        self.delegate = TreeRowDelegate(self.model, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setExpandsOnDoubleClick(False)  # a click on a folder's name opens it
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.view)
        self._current: str | None = None  # the article last made current
        self._pending: str | None = None  # revealed before the index listed it
        self._reopen: list[str] = []  # the folders to open again in a new tree
        self._reselect: str | None = None  # and the folder to make current again
        self.filter_box.textChanged.connect(self._on_filter)
        self.filter_box.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._fit_id_column)
        self.model.modelReset.connect(self._on_reset)
        self.model.dataChanged.connect(self._fit_id_column)
        self._restyle()

    # -- public API ------------------------------------------------------------------------
    def focus_filter(self) -> None:
        """Put the cursor in the filter box with its text selected (quick open)."""
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def set_tree_data(self, data: TreeData) -> None:
        """Swap in the folder's tree as read (the one listed while it opened, say): the
        folders the writer opened stay open, and where no article is current, the rows at
        the top stay there."""
        old, model = self.model.tree_data, self.model
        self._reopen = [] if old is None else [
            f.path for f in old.folders if self.view.isExpanded(model.folder_index(f))]
        current = self.view.currentIndex()
        folder = model.folder_at(current) if current.isValid() else None
        self._reselect = folder.path if folder is not None else None
        top = self.view.verticalScrollBar().value()
        model.set_tree_data(data)
        if self._current is None and self._pending is None:
            self.view.verticalScrollBar().setValue(top)

    def select_path(self, path: str) -> None:
        index = self.model.index_for_path(path)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def reveal(self, path: str) -> None:
        """Show this file, select it and scroll to it. A filter that hides it stays as typed:
        the file is shown beside its matches until the filter changes or another file is
        revealed. A file the index has not listed yet (a new article) is revealed when it
        appears."""
        self.model.pin(path)
        if self.model.index_for_path(path).isValid():
            self._pending = None
            self.select_path(path)
        else:
            self._pending = path

    def set_zoom(self, step: int) -> None:
        """The tree's text ``step`` points larger (smaller below 0) than the application's;
        rows and the id column follow."""
        font = QFont(QApplication.font(self))
        if step:
            font.setPointSizeF(max(6.0, font.pointSizeF() + step))
        self.setFont(font)

    # -- events ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.filter_box and self._filter_key(event):
                return True
            if watched is self.view and self._view_key(event):
                return True
        elif kind == QEvent.Type.MouseButtonRelease and watched is self.view.viewport():
            self._folder_click(event)
        elif watched is self.view and kind in (
            QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            self._restyle()
        return super().eventFilter(watched, event)

    def _filter_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if mods & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if key == Qt.Key.Key_Down:
            self._enter_results(open_it=False)
            return True
        if key in _ENTER_KEYS:
            self._enter_results(open_it=True)
            return True
        if key == Qt.Key.Key_Escape and self.filter_box.text():
            self.filter_box.clear()
            return True
        return False

    def _view_key(self, event: QKeyEvent) -> bool:
        key, current = event.key(), self.view.currentIndex()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if key in _ENTER_KEYS and current.isValid() and self.model.entry_at(current) is None:
            self.view.setExpanded(current.siblingAtColumn(0),
                                  not self.view.isExpanded(current.siblingAtColumn(0)))
            return True
        if key != Qt.Key.Key_Up or self.view.indexAbove(current).isValid():
            return False
        self.focus_filter()
        return True

    def _folder_click(self, event: QEvent) -> None:
        """A click on a folder's name (not only its arrow) opens or closes it, as in file
        explorers; a double click therefore closes it again."""
        if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        index = self.view.indexAt(pos).siblingAtColumn(0)
        if not index.isValid() or self.model.entry_at(index) is not None:
            return
        if pos.x() >= self.view.visualRect(index).x():  # the arrow toggles by itself
            self.view.setExpanded(index, not self.view.isExpanded(index))

    def _enter_results(self, open_it: bool) -> None:
        """Into the results: at the first article; with no filter, at the current article."""
        index = QModelIndex()
        if not self.filter_box.text().strip():
            index = self.model.index_for_path(self._current) if self._current else index
            index = index if index.isValid() else self.view.currentIndex()
        if not index.isValid():
            index = self.model.first_article()
        if not index.isValid():
            return
        self.view.setFocus(Qt.FocusReason.TabFocusReason)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        if open_it:
            self._on_activated(index)

    # -- slots -----------------------------------------------------------------------------
    @Slot(str)
    def _on_filter(self, text: str) -> None:
        self.model.set_filter(text)

    @Slot()
    def _on_reset(self) -> None:
        """After a filter or a new listing: expand small results, and keep the current article
        selected where it shows, or its top folder where that is closed (opening a subject of
        a few thousand articles would cost more than a keystroke may). An article being
        revealed is opened to. A new tree opens the folders open in the one it replaced
        (``set_tree_data``)."""
        if self._reopen or self._reselect:
            data = self.model.tree_data
            folders = {f.path: f for f in data.folders} if data is not None else {}
            for path in self._reopen:
                folder = folders.get(path)
                if folder is not None:
                    self.view.expand(self.model.folder_index(folder))
            again = folders.get(self._reselect) if self._reselect else None
            if again is not None and self._current is None:
                self.view.setCurrentIndex(self.model.folder_index(again))
            self._reopen, self._reselect = [], None
        if self.filter_box.text().strip() and self.model.visible_articles() <= EXPAND_LIMIT:
            self.view.expandAll()
        pending = self._pending
        if pending and self.model.index_for_path(pending).isValid():
            self._pending = None
            self.select_path(pending)
            return
        index = self.model.index_for_path(self._current) if self._current else QModelIndex()
        if not index.isValid():
            return
        top = index
        while top.parent().isValid():
            top = top.parent()
        shown = self.view.isExpanded(index.parent())
        self.view.setCurrentIndex(index if shown else top)
        self.view.scrollTo(index if shown else top)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        path = self.model.data(current.siblingAtColumn(0), PathRole)
        if path:
            self._current = path

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        path = self.model.data(index.siblingAtColumn(0), PathRole)
        if path:
            self.articleRequested.emit(path)

    @Slot()
    def _fit_id_column(self) -> None:
        """The id column as wide as the widest id, never cut."""
        metrics = self.view.fontMetrics()
        text = self.model.widest_id
        width = metrics.horizontalAdvance(text)
        if text.isdigit():  # any id of as many digits fits, whichever digits it has
            width = max(width, len(text) * max(metrics.horizontalAdvance(d)
                                                for d in "0123456789"))
        style = self.view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        gap = metrics.horizontalAdvance(" ")  # between an elided title and its id
        header = self.view.header()
        needed = max(width + 2 * margin + gap, header.sectionSizeHint(1))
        if header.sectionSize(1) != needed:
            header.resizeSection(1, needed)

    def _restyle(self) -> None:
        """Palette or font changed: the problem red stays readable on the base colour, bold
        follows the font; rows, indentation and the id column follow its size."""
        base = self.view.palette().color(QPalette.ColorRole.Base)
        self.model.problem_brush = QBrush(readable_red(base))
        bold = QFont(self.view.font())
        bold.setBold(True)
        self.model.bold_font = bold
        self.delegate.restyled(self.view)
        # Narrower than Qt's 20 px: a title gets the room, the arrows still fit.
        self.view.setIndentation(max(10, round(self.view.fontMetrics().height() * 0.85)))
        self._fit_id_column()
        self.model.restyled()
