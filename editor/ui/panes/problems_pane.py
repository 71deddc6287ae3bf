"""The Problems pane: the folder's check results; activating one opens the article there.

Errors come first, then warnings, each by file and line. The pane filters by kind of
problem (the box lists each kind that occurs, with its count), by text, to the open article
and to errors. Tens of thousands of problems refilter without stalling: what each filter
compares (code, severity, file, lowercased text) is computed once per report, and a filter
is a few list comprehensions over those lists.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from operator import attrgetter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks.folder_checks import (
    CODES,
    ERROR,
    Columns,
    Problem,
    Report,
    columns_of,
    errors_first,
    field_label,
    problem_order,
)
from editor.ui.panes.problems_delegate import ProblemsDelegate

_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()
_HEADERS = ("Severity", "File", "Line", "Field", "Message", "Code")
_WIDTHS = (85, 320, 50, 120, 460)
FIELD_COLUMN, MESSAGE_COLUMN = 3, 4
#: What each kind of problem means, for the kind box's tooltips.
KIND_WORDS = {
    "parse-error": "The file cannot be read as an article (its front matter does not parse)",
    "unreadable": "The file cannot be read at all (a pipe, a device, too large, no permission)",
    "not-utf8": "The file is not saved as UTF-8 text",
    "no-front-matter": "The file has no front matter",
    "missing-field": "A required field is missing",
    "duplicate-id": "Another article has the same id",
    "related-broken": "A related article names an id no article has",
    "related-stale": "A related article's title, subject or URL are out of date",
    "related-duplicate": "The same article is in two related slots",
    "related-self": "An article names itself as related",
    "seo-title-length": "The SEO title is longer than search results show",
    "seo-description-length": "The SEO description is longer than search results show",
    "file-name-mismatch": "The File name field differs from the file's name",
    "url-mismatch": "The URL differs from the one made from the subject and question",
    "title-mismatch": "Title, Article title and Question differ",
}


_FILE = attrgetter("file")


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _is_warning(problem: Problem) -> bool:
    return problem.severity != ERROR


def _run(problem: Problem) -> tuple[bool, str]:
    """A file's problems of one severity are one run in ``errors_first`` order."""
    return problem.severity != ERROR, problem.file


def of_files(problems: list[Problem], files: frozenset[str]) -> list[Problem]:
    """The problems of these files, from problems in file order (a few bisections rather
    than a look at each of tens of thousands)."""
    out: list[Problem] = []
    for file in sorted(files):
        lo = bisect_left(problems, file, key=_FILE)
        out += problems[lo:bisect_right(problems, file, lo=lo, key=_FILE)]
    return out


class ProblemsModel(QAbstractTableModel):
    """The report's problems, sorted once; ``rows`` are those the filters let through."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[Problem] = []
        self._files: list[str] = []
        self._codes: list[str] = []
        self._keys: list[str | None] = []
        self._errors = 0  # errors come first: rows [0, _errors) are the errors
        self.counts: Counter[str] = Counter()  # problems by code
        self._haystacks: list[str] | None = None  # built by the first text filter
        self._labels: dict[str | None, str] = {None: ""}
        self.rows: list[Problem] = []
        self._icons: dict[str, QIcon | None] = {}

    def set_problems(self, problems: list[Problem], code: str = "", text: str = "",
                     errors_only: bool = False, article: str | None = None,
                     changed: frozenset[str] | None = None,
                     ordered: list[Problem] | None = None,
                     columns: Columns | None = None) -> None:
        """Show these problems (``ordered``: the same, already errors first, and ``columns``
        their files, codes and keys, the model's to keep and change). Given
        ``changed``, the only files whose problems differ from those shown, only theirs are
        taken out and sorted into place (a save's few, among tens of thousands: a few
        bisections instead of a sort); ``problems`` are then in file order, as a save's
        re-check keeps them (``recheck``)."""
        if changed is None:
            if ordered is None:
                ordered = errors_first(problems)
            self._all = ordered
            self._files, self._codes, self._keys = columns or columns_of(ordered)
            self._errors = bisect_left(ordered, True, key=_is_warning)
            self.counts = Counter(self._codes)
            keys = set(self._keys)
        else:
            for file in changed:
                self._take_out(file)
            fresh = errors_first(of_files(problems, changed))
            for problem in fresh:
                self._put_in(problem)
            keys = {p.key for p in fresh}
        self._haystacks = None
        for key in keys - self._labels.keys():
            self._labels[key] = field_label(key)
        self.refilter(code, text, errors_only, article)

    def _take_out(self, file: str) -> None:
        """Remove a file's problems: one run among the errors, one among the warnings."""
        for warning in (False, True):
            lo = bisect_left(self._all, (warning, file), key=_run)
            hi = bisect_right(self._all, (warning, file), lo=lo, key=_run)
            if lo == hi:
                continue
            self.counts.subtract(self._codes[lo:hi])
            for column in (self._all, self._files, self._codes, self._keys):
                del column[lo:hi]
            if not warning:
                self._errors -= hi - lo

    def _put_in(self, problem: Problem) -> None:
        at = bisect_right(self._all, problem_order(problem), key=problem_order)
        self._all.insert(at, problem)
        self._files.insert(at, problem.file)
        self._codes.insert(at, problem.code)
        self._keys.insert(at, problem.key)
        self.counts[problem.code] += 1
        if problem.severity == ERROR:
            self._errors += 1

    def error_files(self) -> set[str]:
        """The files with at least one error."""
        return set(self._files[:self._errors])

    def refilter(self, code: str = "", text: str = "", errors_only: bool = False,
                 article: str | None = None) -> None:
        """Rows of this kind (all when ""), holding every word of ``text``, only errors if
        asked, only the article's when one is given (its path relative to the folder)."""
        picked: list[int] | range = range(self._errors if errors_only else len(self._all))
        if article is not None:
            files = self._files
            picked = [i for i in picked if files[i] == article]
        if code:
            codes = self._codes
            picked = [i for i in picked if codes[i] == code]
        words = text.lower().split()
        if words:
            hay, keys, codes = self._text_index(), self._keys, self._codes
            for word in words:
                # A word may be in the row's own text, its field's label or its code.
                labelled = {k for k, label in self._labels.items() if word in label.lower()}
                coded = {c for c in CODES if word in c}
                picked = [i for i in picked
                          if word in hay[i] or keys[i] in labelled or codes[i] in coded]
        everything = self._all
        self.beginResetModel()
        self.rows = (everything if len(picked) == len(everything)
                     else [everything[i] for i in picked])
        self.endResetModel()

    def _text_index(self) -> list[str]:
        if self._haystacks is None:
            self._haystacks = [f"{p.file}\n{p.text or p.message}".lower() for p in self._all]
        return self._haystacks

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def error_count(self) -> int:
        return self._errors

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
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(index.row(), index.column())[0]
        if role == Qt.ItemDataRole.DecorationRole:
            return self.cell(index.row(), index.column())[1]
        if role == Qt.ItemDataRole.ToolTipRole:
            p = self.rows[index.row()]
            return f"{p.plain}\n{p.file}" + (f", line {p.line}" if p.line else "")
        return None

    def cell(self, row: int, column: int) -> tuple[str | None, QIcon | None]:
        """What a cell shows, in one call (see ``problems_delegate``): its text and icon
        (the Display and Decoration roles)."""
        p = self.rows[row]
        if column == 0:
            return ("Error" if p.severity == ERROR else "Warning"), self._icon(p.severity)
        if column == FIELD_COLUMN:
            return self._labels.get(p.key, p.key), None
        return (None, p.file, "" if p.line is None else str(p.line), None, p.plain,
                p.code)[column], None

    def _icon(self, severity: str) -> QIcon | None:
        if severity not in self._icons:
            pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if severity == ERROR
                      else QStyle.StandardPixmap.SP_MessageBoxWarning)
            parent = self.parent()
            style = parent.style() if isinstance(parent, QWidget) else None
            self._icons[severity] = style.standardIcon(pixmap) if style else None
        return self._icons[severity]


class ProblemsPane(QWidget):
    """Emits problemOpenRequested(relative path, dotted key or None) when a row is activated."""

    problemOpenRequested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPane")
        self.model = ProblemsModel(self)
        self._report: Report | None = None
        self._article: str | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("problemsSummary")
        self.summary.setMinimumWidth(60)  # clipped, not pushing the window wider
        self.article_only = QCheckBox("This article only", self)
        self.article_only.setObjectName("problemsArticleOnly")
        self.article_only.setToolTip("Show only the problems of the article that is open")
        self.article_only.setEnabled(False)
        self.errors_only = QCheckBox("Errors only", self)
        self.errors_only.setObjectName("problemsErrorsOnly")
        self.errors_only.setToolTip("Hide warnings")
        self.code_box = QComboBox(self)
        self.code_box.setObjectName("problemsCode")
        self.code_box.setAccessibleName("Show problems of kind")
        self.code_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.code_box.addItem("All problems", "")
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("problemsFilter")
        self.filter_box.setPlaceholderText("Filter by file, field or message…")
        self.filter_box.setClearButtonEnabled(True)
        # A table, not a tree view: a tree lays out every one of tens of thousands of rows
        # on each reset (>50 ms); a table with fixed row heights lays out only what shows.
        self.view = QTableView(self)
        self.view.setObjectName("problemsView")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ProblemsDelegate(self.model, self.view))
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The pane may shrink to its header row (a small screen): the list then has no height.
        self.view.setMinimumHeight(1)
        for column, width in enumerate(_WIDTHS):
            self.view.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for widget in (self.article_only, self.errors_only, self.code_box, self.filter_box):
            top.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.code_box.currentIndexChanged.connect(self._on_refilter)
        self.filter_box.textChanged.connect(self._on_refilter)
        self.article_only.toggled.connect(self._on_refilter)
        self.errors_only.toggled.connect(self._on_refilter)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)

    def set_report(self, report: Report) -> None:
        """Show a report: a save's re-check (see ``Report.changed``) updates only what
        changed, so it must follow the report shown before it."""
        changed = report.changed if self._report is not None else None
        self._report = report
        whole = changed is None
        self.model.set_problems(report.problems, *self._filters(), changed=changed,
                                ordered=report.in_order() if whole else None,
                                columns=report.take_columns() if whole else None)
        self._fill_codes(report)
        self._update_summary()

    def set_current_article(self, rel: str | None) -> None:
        """The open article (relative path), or None: what "This article only" shows."""
        self._article = rel
        self.article_only.setEnabled(rel is not None)
        if self.article_only.isChecked():
            self._on_refilter()

    @property
    def current_article(self) -> str | None:
        return self._article

    def _fill_codes(self, report: Report) -> None:
        """Each kind that occurs, with its count, in the documented order; a kind being
        shown stays listed (with 0) after the last such problem is fixed."""
        counts = self.model.counts
        current = self.code_box.currentData() or ""
        self.code_box.blockSignals(True)
        self.code_box.clear()
        self.code_box.addItem(f"All problems ({len(report.problems):,})", "")
        for code in CODES:
            if counts[code] or code == current:
                self.code_box.addItem(f"{code} ({counts[code]:,})", code)
                self.code_box.setItemData(self.code_box.count() - 1, KIND_WORDS.get(code, ""),
                                          Qt.ItemDataRole.ToolTipRole)
        self.code_box.setCurrentIndex(max(0, self.code_box.findData(current)))
        self.code_box.blockSignals(False)

    def _filters(self) -> tuple[str, str, bool, str | None]:
        # Checked with no article open (the box is then disabled), it filters nothing.
        article = self._article if self.article_only.isChecked() else None
        return (self.code_box.currentData() or "", self.filter_box.text(),
                self.errors_only.isChecked(), article)

    def _update_summary(self) -> None:
        report = self._report
        if report is None:
            return
        errors = self.model.error_count
        warnings = self.model.total - errors
        text = (f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in "
                f"{_count(report.files, 'file')}")
        shown = self.model.rowCount()
        if shown != self.model.total:
            text += f" — showing {shown:,}"
        self.summary.setText(text)
        self.summary.setToolTip(text)

    @Slot()
    def _on_refilter(self) -> None:
        self.model.refilter(*self._filters())
        self._update_summary()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            problem = self.model.rows[index.row()]
            self.problemOpenRequested.emit(problem.file, problem.key)
