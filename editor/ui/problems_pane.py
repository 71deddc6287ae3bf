"""The Problems pane: the folder's check results; activating one opens the article there."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks import CODES, ERROR, Problem, Report

_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()
_HEADERS = ("Severity", "Code", "File", "Line", "Message")


class ProblemsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[Problem] = []
        self.rows: list[Problem] = []

    def set_problems(self, problems: list[Problem], code: str = "", text: str = "") -> None:
        self.beginResetModel()
        self._all = problems
        words = text.lower().split()
        self.rows = [
            p for p in problems
            if (not code or p.code == code)
            and all(w in f"{p.file} {p.message}".lower() for w in words)
        ]
        self.endResetModel()

    def refilter(self, code: str, text: str) -> None:
        self.set_problems(self._all, code, text)

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (p.severity, p.code, p.file, "" if p.line is None else str(p.line),
                    p.message)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(QColor("#c0392b" if p.severity == ERROR else "#b35c00"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.message
        return None


class ProblemsPane(QWidget):
    """Emits problemOpenRequested(relative path, dotted key or None) when a row is activated."""

    problemOpenRequested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPane")
        self.model = ProblemsModel(self)
        self.summary = QLabel(self)
        self.code_box = QComboBox(self)
        self.code_box.setObjectName("problemsCode")
        self.code_box.setAccessibleName("Show problems of kind")
        self.code_box.addItem("All problems", "")
        for code in CODES:
            self.code_box.addItem(code, code)
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("problemsFilter")
        self.filter_box.setPlaceholderText("Filter by file or message…")
        self.filter_box.setClearButtonEnabled(True)
        # A table, not a tree view: a tree lays out every one of tens of thousands of rows
        # on each reset (>50 ms); a table with fixed row heights lays out only what shows.
        self.view = QTableView(self)
        self.view.setObjectName("problemsView")
        self.view.setModel(self.model)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column, width in enumerate((70, 170, 330, 50)):
            self.view.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.code_box)
        top.addWidget(self.filter_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.code_box.currentIndexChanged.connect(self._on_refilter)
        self.filter_box.textChanged.connect(self._on_refilter)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)

    def set_report(self, report: Report) -> None:
        warnings = len(report.problems) - report.errors
        self.summary.setText(f"{report.errors:,} errors, {warnings:,} warnings in "
                             f"{report.files:,} files")
        self.model.set_problems(report.problems, self.code_box.currentData() or "",
                                self.filter_box.text())

    @Slot()
    def _on_refilter(self) -> None:
        self.model.refilter(self.code_box.currentData() or "", self.filter_box.text())

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            problem = self.model.rows[index.row()]
            self.problemOpenRequested.emit(problem.file, problem.key)
