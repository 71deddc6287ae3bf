"""The related-article picker: a searchable dropdown over every article of the folder.

Typing searches the catalog (every word anywhere in "title — subject (#id)"); the dropdown
arrow lists suggestions (articles sharing most words, same subject first). Choosing one asks
for the slot's id, title, subject and url to be filled together. Buttons clear the slot, open
the target, or refresh a stale snapshot; a badge says when the snapshot is broken or stale.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QToolButton, QWidget

from editor.core.catalog import BROKEN, OK, STALE, Catalog, label_of
from editor.core.index import Entry

PathRole = Qt.ItemDataRole.UserRole + 1
SEARCH_LIMIT = 60


class RelatedPicker(QComboBox):
    """Editable combo box named ``related:N``; emits fillRequested(n, Entry)."""

    fillRequested = Signal(int, object)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.catalog: Catalog | None = None
        self.setObjectName(f"related:{number}")
        self.setAccessibleName(f"Related {number}")  # its label in the form
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        self.lineEdit().setPlaceholderText("Search all articles by title or id…")
        self._results: list[Entry] = []
        self._suggestions: list[Entry] = []
        self._results_model = QStringListModel(self)
        self.completer_ = QCompleter(self._results_model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self.lineEdit())
        self.lineEdit().textEdited.connect(self._on_typed)
        self.completer_.activated[QModelIndex].connect(self._on_result_chosen)
        self.activated.connect(self._on_suggestion_chosen)

    # -- state in --------------------------------------------------------------------------
    def show_target(self, text: str) -> None:
        """Show the slot's current value without searching."""
        self.lineEdit().setText(text)
        self.lineEdit().setCursorPosition(0)

    def set_suggestions(self, entries: list[Entry]) -> None:
        self._suggestions = list(entries)
        text = self.lineEdit().text()
        self.blockSignals(True)
        self.clear()
        for entry in entries:
            self.addItem(f"Suggested: {label_of(entry)}", entry.path)
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        self.lineEdit().setText(text)

    def search(self, text: str) -> list[Entry]:
        """Fill the popup with the articles matching ``text`` (also used by tests)."""
        self._results = self.catalog.search(text, SEARCH_LIMIT) if self.catalog else []
        self._results_model.setStringList([label_of(e) for e in self._results])
        return self._results

    def choose(self, entry: Entry) -> None:
        self.show_target(label_of(entry))
        self.fillRequested.emit(self.number, entry)

    # -- slots -----------------------------------------------------------------------------
    @Slot(str)
    def _on_typed(self, text: str) -> None:
        if not text.strip():
            return
        self.search(text)
        self.completer_.complete()

    @Slot(QModelIndex)
    def _on_result_chosen(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._results):
            self.choose(self._results[index.row()])

    @Slot(int)
    def _on_suggestion_chosen(self, row: int) -> None:
        if 0 <= row < len(self._suggestions):
            self.choose(self._suggestions[row])


class RelatedSlotRow(QWidget):
    """The picker with its clear, open and refresh buttons and a status badge."""

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
        self.clear_button = self._button("✕", "Remove this related article", "clear")
        self.open_button = self._button("↗", "Open the related article", "open")
        self.refresh_button = self._button("⟳", "Refresh title, subject and url from the "
                                                "article", "refresh")
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.picker, 1)
        for widget in (self.badge, self.refresh_button, self.open_button, self.clear_button):
            line.addWidget(widget)
        self.clear_button.clicked.connect(self._on_clear)
        self.open_button.clicked.connect(self._on_open)
        self.refresh_button.clicked.connect(self._on_refresh)
        self.set_status(None, [])

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setObjectName(f"related-{name}:{self.number}")
        return button

    def set_status(self, status: str | None, targets: list[Entry]) -> None:
        """None: empty slot; else ok | broken | stale with the articles holding the id."""
        self.target_path = targets[0].path if targets else None
        self.clear_button.setEnabled(status is not None)
        self.open_button.setEnabled(self.target_path is not None)
        self.refresh_button.setVisible(status == STALE and len(targets) == 1)
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
