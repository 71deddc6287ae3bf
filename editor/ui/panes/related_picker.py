"""The related-article picker: a searchable dropdown over every article of the folder.

Typing searches the catalog (every word anywhere in "title — subject (#id)"); the dropdown
arrow lists suggestions (articles sharing most words, same subject first). The open article
itself is never offered. Choosing one asks for the slot's id, title, subject and url to be
filled together. A slot costs two tab stops: the picker and its Details switch (which shows
the id, title, subject and url fields); the clear, open and refresh buttons are clicked or
reached by their shortcuts. A badge says when the snapshot is broken or stale.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QRect,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QWidget,
)

from editor.core.index.catalog import BROKEN, OK, STALE, Catalog, label_of, same_article
from editor.core.index.entry import Entry

PathRole = Qt.ItemDataRole.UserRole + 1
SEARCH_LIMIT = 60
SUGGESTED = "Suggested: "
#: Extra width of a popup beyond its longest text: frame, item margins and a scroll bar.
POPUP_MARGIN = 48

SHORTCUTS = {"clear": "Ctrl+Shift+Delete", "open": "Ctrl+Return", "refresh": "Ctrl+Shift+R",
             "details": "Ctrl+Shift+D"}


def shown_labels(entries: list[Entry]) -> list[str]:
    """Each entry's label; labels that would look alike also name the file."""
    labels = [label_of(e) for e in entries]
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return [f"{label} · {e.path}" if counts[label] > 1 else label
            for label, e in zip(labels, entries, strict=True)]


class LabelModel(QStandardItemModel):
    """The search results' labels, each its own tooltip; replaced a keystroke (one reset,
    one insertion). Its rows live in Qt, not in Python: painting the popup asks the model for
    every row's roles, and each call into Python would wait its turn for the interpreter
    while a pool thread works (keeping the folder's tree after a save made a keystroke's
    repaint 150 ms)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []  # the popup is as wide as the widest

    def set_rows(self, labels: list[str], paths: list[str]) -> None:
        self.labels = labels
        rows = []
        for label, path in zip(labels, paths, strict=True):
            item = QStandardItem(label)
            item.setToolTip(label)
            item.setData(path, PathRole)
            item.setEditable(False)
            rows.append(item)
        self.clear()
        if rows:
            self.invisibleRootItem().appendRows(rows)  # one insertion, not one a row


class RelatedPicker(QComboBox):
    """Editable combo box named ``related:N``; emits fillRequested(n, Entry)."""

    fillRequested = Signal(int, object)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.catalog: Catalog | None = None
        self.own_path: str | None = None
        self.own_id: Any = None
        self.target_text = ""
        self.setObjectName(f"related:{number}")
        self.setAccessibleName(f"Related {number}")  # its label in the form
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        self.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the id stays visible
        self.lineEdit().setPlaceholderText("Search all articles by title or id…")
        self._results: list[Entry] = []
        self._suggestions: list[Entry] = []
        self._results_model = LabelModel(self)
        self.completer_ = QCompleter(self._results_model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self.lineEdit())
        popup = self.completer_.popup()
        popup.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        if isinstance(popup, QListView):
            popup.setUniformItemSizes(True)  # one row measured, not sixty, a keystroke
        self.lineEdit().textEdited.connect(self._on_typed)
        self.lineEdit().editingFinished.connect(self._on_editing_finished)
        self.completer_.activated[QModelIndex].connect(self._on_result_chosen)
        self.activated.connect(self._on_suggestion_chosen)

    # -- state in --------------------------------------------------------------------------
    def set_own(self, path: str | None, ident: Any) -> None:
        """The open article (its catalog path and id): never offered."""
        self.own_path, self.own_id = path, ident

    def offered(self, entry: Entry) -> bool:
        return not same_article(entry, self.own_path, self.own_id)

    def show_target(self, text: str) -> None:
        """Show the slot's current value without searching, from its beginning."""
        self.target_text = text
        line = self.lineEdit()
        line.setText(text)
        line.setCursorPosition(0)
        line.setToolTip(text)

    def set_suggestions(self, entries: list[Entry]) -> None:
        self._suggestions = [e for e in entries if self.offered(e)]
        text, cursor = self.lineEdit().text(), self.lineEdit().cursorPosition()
        self.blockSignals(True)
        self.clear()
        for i, label in enumerate(shown_labels(self._suggestions)):
            self.addItem(SUGGESTED + label, self._suggestions[i].path)
            self.setItemData(i, label, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        self.lineEdit().setText(text)
        self.lineEdit().setCursorPosition(min(cursor, len(text)))
        self.view().setMinimumWidth(self._popup_width(
            [self.itemText(i) for i in range(self.count())]))

    def search(self, text: str) -> list[Entry]:
        """Fill the popup with the articles matching ``text`` (also used by tests)."""
        found = self.catalog.search(text, SEARCH_LIMIT, skip=self._not_offered) if (
            self.catalog) else []
        self._results = found
        self._results_model.set_rows(shown_labels(found), [e.path for e in found])
        return found

    def _not_offered(self, entry: Entry) -> bool:
        return not self.offered(entry)

    def choose(self, entry: Entry) -> None:
        self.show_target(label_of(entry))
        self.fillRequested.emit(self.number, entry)

    # -- popups ----------------------------------------------------------------------------
    def _popup_width(self, texts: list[str]) -> int:
        """Wide enough for the longest text, up to the screen; never narrower than the field."""
        metrics = self.view().fontMetrics()
        longest = sorted(texts, key=len)[-8:]  # the widest is among the longest few
        widest = max((metrics.horizontalAdvance(t) for t in longest), default=0) + POPUP_MARGIN
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().width() if screen is not None else widest
        return max(self.lineEdit().width(), min(widest, room))

    def show_results(self) -> None:
        """Pop up the search results below the field, as wide as their longest label."""
        line = self.lineEdit()
        width = self._popup_width(self._results_model.labels)
        if self.completer_.popup().minimumWidth() != width:
            self.completer_.popup().setMinimumWidth(width)
        self.completer_.complete(QRect(0, 0, width, line.height()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape puts back what the slot holds, as leaving the field does."""
        if event.key() == Qt.Key.Key_Escape and self.lineEdit().text() != self.target_text:
            self.show_target(self.target_text)
            event.accept()
            return
        super().keyPressEvent(event)

    # -- slots -----------------------------------------------------------------------------
    @Slot(str)
    def _on_typed(self, text: str) -> None:
        if not text.strip():
            return
        self.search(text)
        self.show_results()

    @Slot()
    def _on_editing_finished(self) -> None:
        """Leaving the field without choosing puts back what the slot holds."""
        if not self.completer_.popup().isVisible() and self.lineEdit().text() != self.target_text:
            self.show_target(self.target_text)

    @Slot(QModelIndex)
    def _on_result_chosen(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._results):
            self.choose(self._results[index.row()])

    @Slot(int)
    def _on_suggestion_chosen(self, row: int) -> None:
        if 0 <= row < len(self._suggestions):
            self.choose(self._suggestions[row])


class RelatedSlotRow(QWidget):
    """The picker with its Details switch, clear, open and refresh buttons and a badge.

    ``details`` is the panel holding the slot's sub-fields; the form places it below the row
    and fills ``details_form``. It is hidden until the Details switch is turned on.
    """

    clearRequested = Signal(int)
    openRequested = Signal(str)
    refreshRequested = Signal(int)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.target_path: str | None = None
        self.picker = RelatedPicker(number, self)
        self.badge = QLabel(self)
        self.badge.setObjectName(f"related-badge:{number}")
        self.clear_button = self._button("✕", "Remove this related article", "clear",
                                         self._on_clear)
        self.open_button = self._button("↗", "Open the related article", "open", self._on_open)
        self.refresh_button = self._button(
            "⟳", "Refresh title, subject and url from the article", "refresh", self._on_refresh)
        self.details_button = self._button("Details", "Show the id, title, subject and url",
                                           "details", None)
        self.details_button.setCheckable(True)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the second tab stop
        self.details_button.toggled.connect(self.show_details)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.picker, 1)
        for widget in (self.badge, self.refresh_button, self.open_button, self.clear_button,
                       self.details_button):
            line.addWidget(widget)
        self.details = QWidget(parent)
        self.details.setObjectName(f"related-details:{number}")
        self.details_form = QFormLayout(self.details)
        self.details_form.setContentsMargins(24, 0, 0, 6)
        self.details_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.details.setVisible(False)
        self.set_status(None, [])

    def _button(self, text: str, tip: str, name: str, slot: Any) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        keys = QKeySequence(SHORTCUTS[name])
        button.setToolTip(f"{tip} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})")
        button.setAccessibleName(tip)
        button.setObjectName(f"related-{name}:{self.number}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        action = QAction(tip, self)
        action.setObjectName(f"related-{name}-action:{self.number}")
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        action.triggered.connect(button.click)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    def tab_stops(self) -> list[QWidget]:
        """The slot's widgets in tab order: picker, Details switch, then its sub-fields."""
        fields = [self.details_form.itemAt(i, QFormLayout.ItemRole.FieldRole).widget()
                  for i in range(self.details_form.rowCount())]
        return [self.picker, self.details_button, *[w for w in fields if w is not None]]

    @Slot(bool)
    def show_details(self, shown: bool) -> None:
        if self.details_button.isChecked() != shown:
            self.details_button.setChecked(shown)  # calls back here once
            return
        self.details_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.details.setVisible(shown)

    def set_status(self, status: str | None, targets: list[Entry]) -> None:
        """None: empty slot; else ok | broken | stale with the articles holding the id."""
        self.target_path = targets[0].path if targets else None
        self.clear_button.setEnabled(status is not None)
        self.open_button.setEnabled(self.target_path is not None)
        self.refresh_button.setVisible(status == STALE and len(targets) == 1)
        self.refresh_button.setEnabled(status == STALE and len(targets) == 1)
        texts = {
            BROKEN: ("⚠ broken", "No article in this folder has this id."),
            STALE: ("⚠ stale", "Title, subject or url differ from the article with this id."),
        }
        label, tip = texts.get(status or OK, ("", ""))
        self.badge.setText(label)
        self.badge.setToolTip(tip)
        self.badge.setStyleSheet("color: #c0392b; font-weight: bold;" if label else "")
        self.badge.setVisible(bool(label))

    @Slot()
    def _on_clear(self) -> None:
        self.clearRequested.emit(self.number)

    @Slot()
    def _on_open(self) -> None:
        if self.target_path:
            self.openRequested.emit(self.target_path)

    @Slot()
    def _on_refresh(self) -> None:
        self.refreshRequested.emit(self.number)
