"""The article tree's model over the folder structure ``tree_data`` prepares: folders first,
then articles by title; filtered as the writer types."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from editor.core.index.entry import Entry
from editor.ui.controllers.reaper import release_later
from editor.ui.models.tree_data import (
    Folder,
    Refreshed,
    TreeData,
    id_text,
    prepare_tree,
    refreshed,
    taken_apart,
)
from editor.ui.models.tree_filter import Matches, share_out

__all__ = ["ArticleTreeModel", "PathRole", "TreeData", "prepare_tree"]

PathRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_Role = Qt.ItemDataRole
#: The roles ``data`` answers: a view asks seven for each cell it paints, and the others are
#: turned away before any lookup.
_ANSWERED = frozenset(int(role) for role in (
    _Role.DisplayRole, _Role.TextAlignmentRole, _Role.ToolTipRole, _Role.ForegroundRole,
    _Role.FontRole, PathRole))
#: Rows changed in place up to which each is repainted on its own: a range over the top-level
#: rows makes the view ask every row shown below them whether it has children (20,000
#: Python calls, 70 ms, with ten subjects open), while one row costs a fraction of a ms.
FEW_ROWS = 50


class ArticleTreeModel(QAbstractItemModel):
    """Folders first, then articles by title, over the index entries; no widget per row.

    An index's internal pointer is its parent folder: rows below the parent's visible
    sub-folders are articles. Filtering recomputes the visible lists (see ``tree_filter``: a
    few ms for 36,000 articles, less as a typed word grows, as only earlier matches are
    re-checked, and next to nothing on Backspace, whose answers are kept).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._hay: list[str] = []
        self._folder_of: list[Folder] = []
        self._number: dict[str, int] = {}
        self._root = Folder("", "", None)
        self._all_folders: list[Folder] = []
        self._filter: list[str] = []
        self.tree_data: TreeData | None = None
        self._matches: list[int] | None = None
        self._finder = Matches(self._hay)
        self._pinned: set[str] = set()
        self.modified: set[str] = set()
        self.problems: set[str] = set()
        #: Saved but not published, by path: "new", "modified", "renamed" (git's status).
        self.unpublished: dict[str, str] = {}
        self.widest_id = ""
        self._renamed: list[Folder] = []  # folders named by entries since the last repaint
        #: Set by the view from its palette and font (see ArticleTree._restyle).
        self.problem_brush = QBrush(QColor("#c0392b"))
        self.bold_font = QFont()
        self.bold_font.setBold(True)

    # -- data in ---------------------------------------------------------------------------
    def set_tree_data(self, data: TreeData) -> None:
        """Swap in a tree prepared by ``prepare_tree`` (which may run in a worker thread)."""
        self.beginResetModel()
        old, self.tree_data = self.tree_data, data
        self._entries, self._hay, self._number = data.entries, data.hay, data.number
        self._folder_of, self._root, self._all_folders = data.folder_of, data.root, data.folders
        self.problems = set(data.problems)
        self.widest_id = data.widest_id
        self._matches, self._finder, self._renamed = None, Matches(self._hay), []
        self._apply_filter(self._filter, refine=False)
        self.endResetModel()
        if old is not None and old is not data:  # the tree listed, say: its 36,000 entries
            release_later(*taken_apart(old))

    def update_entries(self, entries: list[Entry]) -> None:
        """Replace known entries in place (titles filling in); order is kept until set_tree_data."""
        self.take_refreshed(refreshed(entries))

    def update_entry(self, entry: Entry) -> None:
        self.update_entries([entry])

    def take_refreshed(self, batch: Refreshed) -> None:
        """``update_entries`` with each entry's filter text made already (``refreshed``, in
        the thread that read them): a batch of hundreds while a folder opens is taken in
        without a call per entry here."""
        widest = self.widest_id
        number, entries, hay = self._number, self._entries, self._hay
        changed: list[str] = []
        taken: list[Entry] = []
        for entry, text in zip(batch.entries, batch.hay, strict=True):
            i = number.get(entry.path)
            if i is None:
                continue
            entries[i], hay[i] = entry, text
            changed.append(entry.path)
            taken.append(entry)
            if entry.kind == "error" or entry.missing:
                self.problems.add(entry.path)
            folder = self._folder_of[i]
            if not folder.named and entry.subject:
                folder.label, folder.named = entry.subject, True
                self._renamed.append(folder)
        if len(batch.widest_id) > len(self.widest_id):  # of the listed ones only
            self.widest_id = max([widest, *map(id_text, taken)], key=len)
        if batch.entries:
            self._finder.changed()
        if self.widest_id != widest:  # the id column widens (see ArticleTree._fit_id_column)
            self._emit_all_changed()
        else:
            self._emit_changed(changed)

    def set_problem_paths(self, paths: set[str]) -> None:
        before, self.problems = self.problems, set(paths)
        self._emit_changed(list(before ^ self.problems))

    def _emit_changed(self, paths: list[str]) -> None:
        """Repaint the rows of these files (and of folders renamed meanwhile): one row at a
        time for a few (a save), else all at once (``_emit_all_changed``)."""
        renamed, self._renamed = self._renamed, []
        if len(paths) + len(renamed) > FEW_ROWS:
            self._emit_all_changed()
            return
        rows = [self.index_for_path(path) for path in paths]
        rows += [self.folder_index(folder) for folder in renamed]
        for index in rows:
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(1))

    def set_filter(self, text: str) -> None:
        """Show the articles matching every typed word; a new filter lets pinned rows go."""
        words = text.lower().split()
        refine = bool(self._filter) and len(words) >= len(self._filter) and all(
            old in new for old, new in zip(self._filter, words, strict=False)
        )
        self._pinned.clear()
        self.beginResetModel()
        self._apply_filter(words, refine)
        self.endResetModel()

    def pin(self, path: str) -> None:
        """Show this file whatever the filter says, until the filter changes or another file
        is pinned (the article just opened or created). A path not listed yet shows once
        it is."""
        before, self._pinned = self._pinned, {path}
        if self._filter and (before - self._pinned or (
            path in self._number and not self.index_for_path(path).isValid()
        )):
            self.beginResetModel()
            self._apply_filter(self._filter, refine=False)
            self.endResetModel()

    def set_unpublished(self, marks: dict[str, str]) -> None:
        """The articles saved but not yet published, and how (see ``unpublished``)."""
        before, self.unpublished = self.unpublished, dict(marks)
        changed = {p for p in before.keys() | marks.keys() if before.get(p) != marks.get(p)}
        for path in changed:
            index = self.index_for_path(path)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(1))

    def set_marked(self, path: str, modified: bool) -> None:
        (self.modified.add if modified else self.modified.discard)(path)
        index = self.index_for_path(path)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(1))

    def _apply_filter(self, words: list[str], refine: bool) -> None:
        before, self._filter = self._filter, words
        if not words:
            self._matches = None
            for folder in self._all_folders:
                folder.shown = folder.articles
        else:
            self._matches = self._finder.find(words, before if refine else None)
            folder_of = self._folder_of
            share_out(self._matches, self._all_folders)
            for path in self._pinned:
                i = self._number.get(path, -1)
                if i >= 0 and i not in (shown := folder_of[i].shown):
                    bisect.insort(shown, i)
        self._count(self._root, bool(words))

    def _count(self, folder: Folder, filtering: bool) -> int:
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
        self._renamed = []
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, 1))

    def restyled(self) -> None:
        """The view's palette or font changed: repaint what it shows."""
        self._emit_all_changed()

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

    def folder_index(self, folder: Folder) -> QModelIndex:
        """A folder's row, when it is shown."""
        parent = folder.parent
        if parent is None or folder not in parent.shown_folders:
            return QModelIndex()
        return self.createIndex(folder.row, 0, parent)

    def first_article(self) -> QModelIndex:
        """The first article row in display order (folders first, depth first)."""

        def first_in(folder: Folder) -> Folder | None:
            for sub in folder.shown_folders:
                if sub.count and (found := first_in(sub)) is not None:
                    return found
            return folder if folder.shown else None

        folder = first_in(self._root)
        if folder is None:
            return QModelIndex()
        return self.createIndex(len(folder.shown_folders), 0, folder)

    def visible_articles(self) -> int:
        return self._root.count

    def entry_at(self, index: _Index) -> Entry | None:
        if not index.isValid():
            return None
        parent: Folder = index.internalPointer()
        row = index.row() - len(parent.shown_folders)
        return self._entries[parent.shown[row]] if 0 <= row < len(parent.shown) else None

    def folder_at(self, index: _Index) -> Folder | None:
        """The folder of a folder's row (the root for no row), else None."""
        if not index.isValid():
            return self._root
        parent: Folder = index.internalPointer()
        row = index.row()
        return parent.shown_folders[row] if row < len(parent.shown_folders) else None

    # -- Qt model overrides ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = _NO_INDEX) -> QModelIndex:
        # Called for every row the view lays out: inlined, not through folder_at.
        if parent.isValid():
            above: Folder = parent.internalPointer()
            if parent.row() >= len(above.shown_folders):
                return QModelIndex()
            folder = above.shown_folders[parent.row()]
        else:
            folder = self._root
        if 0 <= column < 2 and 0 <= row < len(folder.shown_folders) + len(folder.shown):
            return self.createIndex(row, column, folder)
        return QModelIndex()

    def parent(self, index: _Index = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        folder: Folder = index.internalPointer()
        if folder is self._root or folder.parent is None:
            return QModelIndex()
        return self.createIndex(folder.row, 0, folder.parent)

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        folder = self.folder_at(parent)
        return 0 if folder is None else len(folder.shown_folders) + len(folder.shown)

    def hasChildren(self, parent: _Index = _NO_INDEX) -> bool:
        """Asked of every row the view lays out (thousands when a large subject opens):
        folder rows are exactly the first rows of their parent, and never empty."""
        if not parent.isValid():
            return bool(self._root.shown_folders or self._root.shown)
        return parent.column() == 0 and parent.row() < len(
            parent.internalPointer().shown_folders)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return ("Article", "Id")[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == 1:
                return _RIGHT
        return None

    def cell(self, index: _Index) -> tuple[str, QBrush | None, QFont | None]:
        """What a cell paints, in one call (see ``tree_delegate``): its text, and its
        foreground and font where they are not the view's (the Display, Foreground and
        Font roles)."""
        entry = self.entry_at(index)
        if entry is None:
            folder = self.folder_at(index)
            if folder is None or index.column() != 0:
                return "", None, None
            return f"{folder.label}  ({folder.count})", None, None
        brush = self.problem_brush if entry.path in self.problems else None
        if index.column() == 1:
            return id_text(entry), brush, None
        if entry.path in self.modified:
            return "● " + entry.display_title, brush, self.bold_font
        mark = self.unpublished.get(entry.path)
        if mark is not None:
            return UNPUBLISHED_MARK.get(mark, "↑ ") + entry.display_title, brush, None
        return entry.display_title, brush, None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ANSWERED or not index.isValid():
            return None
        entry = self.entry_at(index)
        if entry is None:
            return self._folder_data(index, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(index)[0]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return _RIGHT
        if role == PathRole:
            return entry.path
        if role == Qt.ItemDataRole.ToolTipRole:
            return _article_tip(entry, entry.path in self.modified,
                                self.unpublished.get(entry.path))
        if role == Qt.ItemDataRole.ForegroundRole and entry.path in self.problems:
            return self.problem_brush
        if role == Qt.ItemDataRole.FontRole and index.column() == 0 and (
            entry.path in self.modified
        ):
            return self.bold_font
        return None

    def _folder_data(self, index: _Index, role: int):
        folder = self.folder_at(index)
        if folder is None or index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{folder.label}  ({folder.count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            noun = "article" if folder.count == 1 else "articles"
            return f"{folder.label}\n{folder.count} {noun} in {folder.path}/"
        return None


#: The tree's mark before a title saved but not published: new, or changed (or renamed).
UNPUBLISHED_MARK = {"new": "+ ", "modified": "↑ ", "renamed": "↑ "}


def _article_tip(entry: Entry, modified: bool, unpublished: str | None = None) -> str:
    lines = [entry.display_title]
    if entry.subject:
        lines.append(f"Subject: {entry.subject}")
    if entry.id is not None:
        lines.append(f"Id: {entry.id}")
    lines.append(f"File: {entry.path}")
    if modified:
        lines.append("Unsaved changes")
    if unpublished == "new":
        lines.append("New, not published yet")
    elif unpublished is not None:
        lines.append("Changed, not published yet")
    if entry.error:
        lines.append(entry.error)
    return "\n".join(lines)
