"""The article tree: a QAbstractItemModel over the folder index, with a filter box."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from editor.core.index import Entry

PathRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


class _Node:
    __slots__ = ("children", "entry", "name", "parent", "row")

    def __init__(self, name: str, parent: _Node | None, entry: Entry | None = None) -> None:
        self.name, self.parent, self.entry = name, parent, entry
        self.children: list[_Node] = []
        self.row = 0

    def sort_key(self) -> tuple[int, str]:
        if self.entry is None:
            return (0, self.name.lower())
        return (1, self.entry.display_title.lower())


def _haystack(entry: Entry) -> str:
    return " ".join(
        (entry.display_title, str(entry.id or ""), entry.name, entry.keywords, entry.subject)
    ).lower()


class ArticleTreeModel(QAbstractItemModel):
    """Folders, then articles by title. Filtering rebuilds the visible tree in one pass."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._hay: list[str] = []
        self._root = _Node("", None)
        self._by_path: dict[str, _Node] = {}
        self._filter: list[str] = []
        self.modified: set[str] = set()
        self.problems: set[str] = set()

    # -- data in ---------------------------------------------------------------------------
    def set_entries(self, entries: list[Entry]) -> None:
        self._entries = sorted(entries, key=lambda e: e.path)
        self._hay = [_haystack(e) for e in self._entries]
        self.problems = {e.path for e in self._entries if e.kind == "error" or e.missing}
        self._rebuild()

    def update_entry(self, entry: Entry) -> None:
        for i, old in enumerate(self._entries):
            if old.path == entry.path:
                self._entries[i], self._hay[i] = entry, _haystack(entry)
                node = self._by_path.get(entry.path)
                if node is not None:
                    node.entry = entry
                    index = self.createIndex(node.row, 0, node)
                    self.dataChanged.emit(index, index.siblingAtColumn(1))
                return

    def set_filter(self, text: str) -> None:
        self._filter = text.lower().split()
        self._rebuild()

    def set_marked(self, path: str, modified: bool) -> None:
        (self.modified.add if modified else self.modified.discard)(path)
        node = self._by_path.get(path)
        if node is not None:
            index = self.createIndex(node.row, 0, node)
            self.dataChanged.emit(index, index)

    def _rebuild(self) -> None:
        self.beginResetModel()
        root = _Node("", None)
        folders: dict[str, _Node] = {"": root}
        by_path: dict[str, _Node] = {}
        words = self._filter
        for entry, hay in zip(self._entries, self._hay, strict=True):
            if words and not all(w in hay for w in words):
                continue
            folder, _, _name = entry.path.rpartition("/")
            parent = folders.get(folder)
            if parent is None:
                parent = root
                sofar = ""
                for part in folder.split("/"):
                    sofar = f"{sofar}/{part}" if sofar else part
                    node = folders.get(sofar)
                    if node is None:
                        node = folders[sofar] = _Node(part, parent)
                        parent.children.append(node)
                    parent = node
            leaf = _Node(entry.name, parent, entry)
            parent.children.append(leaf)
            by_path[entry.path] = leaf
        self._sort(root)
        self._root, self._by_path = root, by_path
        self.endResetModel()

    def _sort(self, node: _Node) -> None:
        node.children.sort(key=_Node.sort_key)
        for row, child in enumerate(node.children):
            child.row = row
            if child.children:
                self._sort(child)

    # -- lookups ---------------------------------------------------------------------------
    def index_for_path(self, path: str) -> QModelIndex:
        node = self._by_path.get(path)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def visible_articles(self) -> int:
        return len(self._by_path)

    def _node(self, index: _Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    # -- Qt model overrides ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = _NO_INDEX) -> QModelIndex:
        node = self._node(parent)
        if 0 <= row < len(node.children) and 0 <= column < 2:
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: _Index = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer().parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Article", "Id")[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        entry = node.entry
        if role == Qt.ItemDataRole.DisplayRole:
            if entry is None:
                return f"{node.name}  ({self._count(node)})" if index.column() == 0 else None
            if index.column() == 1:
                return "" if entry.id is None else str(entry.id)
            mark = "● " if entry.path in self.modified else ""
            return mark + entry.display_title
        if entry is None:
            return None
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

    def _count(self, node: _Node) -> int:
        return sum(1 if c.entry else self._count(c) for c in node.children)


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
        if text.strip():
            self.view.expandAll()

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
