"""The article tree: a QAbstractItemModel over the folder index, with a filter box."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from editor.core.index import Entry
from editor.ui.reaper import release_later

PathRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()
#: Filter results up to this many articles are shown expanded (expanding more costs >30 ms).
EXPAND_LIMIT = 400


class _Folder:
    """A folder row. Articles are entry numbers; ``shown``/``shown_folders`` pass the filter."""

    __slots__ = ("articles", "count", "folders", "name", "parent", "path", "row",
                 "shown", "shown_folders")

    def __init__(self, name: str, path: str, parent: _Folder | None) -> None:
        self.name, self.path, self.parent = name, path, parent
        self.folders: list[_Folder] = []
        self.articles: list[int] = []
        self.shown_folders: list[_Folder] = []
        self.shown: list[int] = []
        self.count = 0
        self.row = 0


def _haystack(entry: Entry) -> str:
    return " ".join(
        (entry.display_title, str(entry.id or ""), entry.name, entry.keywords, entry.subject)
    ).lower()


@dataclass
class TreeData:
    """The sorted entries and folder structure the model shows, built off the UI thread."""

    entries: list[Entry]
    hay: list[str]
    number: dict[str, int]
    folder_of: list[_Folder]
    root: _Folder
    folders: list[_Folder]
    problems: set[str]


def prepare_tree(entries: list[Entry]) -> TreeData:
    ordered = sorted(entries, key=_title_order)
    root = _Folder("", "", None)
    folders = {"": root}
    folder_of = []
    for i, entry in enumerate(ordered):
        folder_path = entry.path.rpartition("/")[0]
        folder = folders.get(folder_path) or _make_folder(folders, folder_path)
        folder.articles.append(i)
        folder_of.append(folder)
    for folder in folders.values():
        folder.folders.sort(key=_folder_order)
    return TreeData(
        ordered, [_haystack(e) for e in ordered], {e.path: i for i, e in enumerate(ordered)},
        folder_of, root, list(folders.values()),
        {e.path for e in ordered if e.kind == "error" or e.missing},
    )


def _make_folder(folders: dict[str, _Folder], path: str) -> _Folder:
    parent_path, _, name = path.rpartition("/")
    parent = folders.get(parent_path) or _make_folder(folders, parent_path)
    folder = folders[path] = _Folder(name, path, parent)
    parent.folders.append(folder)
    return folder


class ArticleTreeModel(QAbstractItemModel):
    """Folders first, then articles by title, over the index entries; no widget per row.

    An index's internal pointer is its parent folder: rows below the parent's visible
    sub-folders are articles. Filtering recomputes the visible lists (about 10 ms for 36,000
    articles, less as a typed word grows because only earlier matches are re-checked).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._hay: list[str] = []
        self._folder_of: list[_Folder] = []
        self._number: dict[str, int] = {}
        self._root = _Folder("", "", None)
        self._all_folders: list[_Folder] = []
        self._filter: list[str] = []
        self._matches: list[int] | None = None
        self.modified: set[str] = set()
        self.problems: set[str] = set()

    # -- data in ---------------------------------------------------------------------------
    def set_entries(self, entries: list[Entry]) -> None:
        self.set_tree_data(prepare_tree(entries))

    def set_tree_data(self, data: TreeData) -> None:
        """Swap in a tree prepared by ``prepare_tree`` (which may run in a worker thread)."""
        self.beginResetModel()
        release_later(self._entries, self._hay, self._number, self._folder_of,
                      self._all_folders)
        self._entries, self._hay, self._number = data.entries, data.hay, data.number
        self._folder_of, self._root, self._all_folders = data.folder_of, data.root, data.folders
        self.problems = set(data.problems)
        self._matches = None
        self._apply_filter(self._filter, refine=False)
        self.endResetModel()

    def update_entries(self, entries: list[Entry]) -> None:
        """Replace known entries in place (titles filling in); order is kept until set_entries."""
        for entry in entries:
            i = self._number.get(entry.path)
            if i is None:
                continue
            self._entries[i], self._hay[i] = entry, _haystack(entry)
            if entry.kind == "error" or entry.missing:
                self.problems.add(entry.path)
        if entries:
            self._emit_all_changed()

    def update_entry(self, entry: Entry) -> None:
        self.update_entries([entry])

    def set_problem_paths(self, paths: set[str]) -> None:
        self.problems = set(paths)
        self._emit_all_changed()

    def set_filter(self, text: str) -> None:
        words = text.lower().split()
        refine = bool(self._filter) and len(words) >= len(self._filter) and all(
            old in new for old, new in zip(self._filter, words, strict=False)
        )
        self.beginResetModel()
        self._apply_filter(words, refine)
        self.endResetModel()

    def set_marked(self, path: str, modified: bool) -> None:
        (self.modified.add if modified else self.modified.discard)(path)
        index = self.index_for_path(path)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(1))

    def _apply_filter(self, words: list[str], refine: bool) -> None:
        self._filter = words
        hay = self._hay
        if not words:
            self._matches = None
        else:
            pool = self._matches if refine and self._matches is not None else range(len(hay))
            if len(words) == 1:
                word = words[0]
                self._matches = [i for i in pool if word in hay[i]]
            else:
                self._matches = [i for i in pool if all(w in hay[i] for w in words)]
        for folder in self._all_folders:
            folder.shown = [] if words else folder.articles
        if words:
            folder_of = self._folder_of
            for i in self._matches or []:
                folder_of[i].shown.append(i)
        self._count(self._root, bool(words))

    def _count(self, folder: _Folder, filtering: bool) -> int:
        for sub in folder.folders:
            self._count(sub, filtering)
        folder.shown_folders = [f for f in folder.folders if f.count or not filtering]
        for row, sub in enumerate(folder.shown_folders):
            sub.row = row
        folder.count = len(folder.shown) + sum(f.count for f in folder.shown_folders)
        return folder.count

    def _emit_all_changed(self) -> None:
        """Titles, marks or colours changed in place (no row moved or changed size): one
        dataChanged over the top-level rows, a range, makes the view repaint all it shows.
        One range per folder would cost far more: Qt walks every row of each range through
        Python calls (thousands for a large folder), and while the index thread also
        wants the interpreter each call waits its turn: the window froze for 0.4 s."""
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, 1))

    # -- lookups ---------------------------------------------------------------------------
    def index_for_path(self, path: str) -> QModelIndex:
        i = self._number.get(path)
        if i is None:
            return QModelIndex()
        folder = self._folder_of[i]
        try:
            row = folder.shown.index(i)
        except ValueError:
            return QModelIndex()
        return self.createIndex(len(folder.shown_folders) + row, 0, folder)

    def visible_articles(self) -> int:
        return self._root.count

    def entry_at(self, index: _Index) -> Entry | None:
        if not index.isValid():
            return None
        parent: _Folder = index.internalPointer()
        row = index.row() - len(parent.shown_folders)
        return self._entries[parent.shown[row]] if 0 <= row < len(parent.shown) else None

    def _folder_at(self, index: _Index) -> _Folder | None:
        if not index.isValid():
            return self._root
        parent: _Folder = index.internalPointer()
        row = index.row()
        return parent.shown_folders[row] if row < len(parent.shown_folders) else None

    # -- Qt model overrides ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = _NO_INDEX) -> QModelIndex:
        folder = self._folder_at(parent)
        if folder is None or not 0 <= column < 2:
            return QModelIndex()
        if 0 <= row < len(folder.shown_folders) + len(folder.shown):
            return self.createIndex(row, column, folder)
        return QModelIndex()

    def parent(self, index: _Index = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        folder: _Folder = index.internalPointer()
        if folder is self._root or folder.parent is None:
            return QModelIndex()
        return self.createIndex(folder.row, 0, folder.parent)

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        folder = self._folder_at(parent)
        return 0 if folder is None else len(folder.shown_folders) + len(folder.shown)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Article", "Id")[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entry_at(index)
        if entry is None:
            folder = self._folder_at(index)
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 and folder:
                return f"{folder.name}  ({folder.count})"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                return "" if entry.id is None else str(entry.id)
            mark = "● " if entry.path in self.modified else ""
            return mark + entry.display_title
        if role == PathRole:
            return entry.path
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.path}\n{entry.error or ''}".strip()
        if role == Qt.ItemDataRole.ForegroundRole and entry.path in self.problems:
            return QBrush(QColor("#c0392b"))
        if role == Qt.ItemDataRole.FontRole and entry.path in self.modified:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _title_order(entry: Entry) -> tuple[str, str]:
    return (entry.display_title.lower(), entry.path)


def _folder_order(folder: _Folder) -> str:
    return folder.name.lower()


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
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.header().setStretchLastSection(False)
        self.view.setColumnWidth(0, 260)
        self.view.setColumnWidth(1, 60)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.view)
        self.filter_box.textChanged.connect(self._on_filter)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)

    @Slot(str)
    def _on_filter(self, text: str) -> None:
        self.model.set_filter(text)
        if text.strip() and self.model.visible_articles() <= EXPAND_LIMIT:
            self.view.expandAll()
        elif text.strip():
            self.view.expandToDepth(1)  # folders with their match counts; type more to narrow

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        path = self.model.data(index.siblingAtColumn(0), PathRole)
        if path:
            self.articleRequested.emit(path)

    def select_path(self, path: str) -> None:
        index = self.model.index_for_path(path)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
