"""Find and replace for a QPlainTextEdit (Ctrl+F, Ctrl+H), as desktop editors have it.

Typing in the find box moves to the first match from where the cursor is; Enter and F3 go to
the next match, Shift+Enter and Shift+F3 to the previous one (wrapping at either end); the bar
counts the matches ("3 of 12"). Match case and Whole word apply to finding, counting and
replacing alike. Esc closes the bar and gives the keyboard back to the editor. Replace all is
one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import (
    QHideEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

_Find = QTextDocument.FindFlag


class FindBar(QWidget):
    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("findBar")
        self.find_box = QLineEdit(self)
        self.find_box.setObjectName("findText")
        self.find_box.setPlaceholderText("Find")
        self.find_box.setClearButtonEnabled(True)
        self.replace_box = QLineEdit(self)
        self.replace_box.setObjectName("replaceText")
        self.replace_box.setPlaceholderText("Replace with")
        self.status = QLabel(self)
        self.status.setObjectName("findStatus")
        self.status.setMinimumWidth(self.fontMetrics().horizontalAdvance("999 of 999") + 8)
        self.previous_button = QPushButton("Previous", self)
        self.previous_button.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.next_button = QPushButton("Next", self)
        self.next_button.setToolTip("Next match (Enter, F3)")
        self.case_box = QCheckBox("Match &case", self)
        self.case_box.setObjectName("findMatchCase")
        self.word_box = QCheckBox("&Whole word", self)
        self.word_box.setObjectName("findWholeWord")
        self.replace_button = QPushButton("Replace", self)
        self.replace_button.setToolTip("Replace this match and go to the next (Enter)")
        self.all_button = QPushButton("Replace all", self)
        self.close_button = QPushButton("Close", self)
        self.close_button.setToolTip("Close (Esc)")
        for button in (self.previous_button, self.next_button, self.replace_button,
                       self.all_button, self.close_button):
            button.setAutoDefault(False)
        self._lay_out()
        self._matches: list[tuple[int, int]] | None = None  # (start, end), while valid
        self._searched = ""  # the text last counted: what "Replace all" says it replaced

        self.find_box.textEdited.connect(self._on_needle_edited)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_one)
        self.all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        self.case_box.toggled.connect(self._on_options_changed)
        self.word_box.toggled.connect(self._on_options_changed)
        editor.document().contentsChanged.connect(self._on_document_changed)
        editor.cursorPositionChanged.connect(self._update_status)
        self._shortcuts()
        self.hide()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(2, 2, 2, 2)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.find_box, 0, 0)
        grid.addWidget(self.replace_box, 1, 0)
        finding = QHBoxLayout()
        for widget in (self.status, self.previous_button, self.next_button, self.case_box,
                       self.word_box):
            finding.addWidget(widget)
        finding.addStretch(1)
        finding.addWidget(self.close_button)
        grid.addLayout(finding, 0, 1)
        replacing = QHBoxLayout()
        replacing.addWidget(self.replace_button)
        replacing.addWidget(self.all_button)
        replacing.addStretch(1)
        grid.addLayout(replacing, 1, 1)
        grid.setColumnStretch(0, 1)

    def _shortcuts(self) -> None:
        in_bar = Qt.ShortcutContext.WidgetWithChildrenShortcut
        in_box = Qt.ShortcutContext.WidgetShortcut
        std = QKeySequence.StandardKey
        pairs = [
            (QKeySequence(std.FindNext), self, in_bar, self.find_next),
            (QKeySequence(std.FindPrevious), self, in_bar, self.find_previous),
            (QKeySequence(std.FindNext), self.editor, in_box, self.find_next),
            (QKeySequence(std.FindPrevious), self.editor, in_box, self.find_previous),
            (QKeySequence(Qt.Key.Key_Escape), self, in_bar, self.close_bar),
        ]
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            pairs += [
                (QKeySequence(key), self.find_box, in_box, self.find_next),
                (QKeySequence(Qt.KeyboardModifier.ShiftModifier | key), self.find_box, in_box,
                 self.find_previous),
                (QKeySequence(key), self.replace_box, in_box, self.replace_one),
                (QKeySequence(Qt.KeyboardModifier.ControlModifier
                              | Qt.KeyboardModifier.AltModifier | key), self, in_bar,
                 self.replace_all),
            ]
        for sequence, owner, context, slot in pairs:
            shortcut = QShortcut(sequence, owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        # Esc in the editor closes the bar while it is open (and does nothing otherwise).
        self._editor_escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.editor)
        self._editor_escape.setContext(in_box)
        self._editor_escape.setEnabled(False)
        self._editor_escape.activated.connect(self.close_bar)

    # -- opening and closing -----------------------------------------------------------------
    @Slot()
    def show_find(self) -> None:
        self.open_find(replace=False)

    @Slot()
    def show_replace(self) -> None:
        self.open_find(replace=True)

    def open_find(self, replace: bool = False) -> None:
        for w in (self.replace_box, self.replace_button, self.all_button):
            w.setVisible(replace)
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:  # a one-line selection is the search
            self.find_box.setText(selected)
            self._matches = None
        self.show()
        self.find_box.setFocus()
        self.find_box.selectAll()
        self._update_status()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        self._editor_escape.setEnabled(True)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._editor_escape.setEnabled(False)
        super().hideEvent(event)

    # -- finding -----------------------------------------------------------------------------
    def flags(self) -> QTextDocument.FindFlag:
        flags = _Find(0)
        if self.case_box.isChecked():
            flags |= _Find.FindCaseSensitively
        if self.word_box.isChecked():
            flags |= _Find.FindWholeWords
        return flags

    @Slot()
    def find_next(self) -> bool:
        return self._find(backward=False)

    @Slot()
    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, backward: bool, start: int | None = None) -> bool:
        needle = self.find_box.text()
        if not needle:
            if not self.isVisible():
                self.show_find()
            return False
        doc = self.editor.document()
        flags = self.flags() | (_Find.FindBackward if backward else _Find(0))
        cursor = self.editor.textCursor()
        if start is not None:
            cursor.setPosition(start)
        found = doc.find(needle, cursor, flags)
        if found.isNull():  # wrap around
            edge = QTextCursor(doc)
            edge.movePosition(QTextCursor.MoveOperation.End if backward
                              else QTextCursor.MoveOperation.Start)
            found = doc.find(needle, edge, flags)
        if not found.isNull():
            self.editor.setTextCursor(found)  # scrolls the match into view
        self._update_status()
        return not found.isNull()

    def matches(self) -> list[tuple[int, int]]:
        """Every match in the document (start, end), with the current options."""
        needle = self.find_box.text()
        if self._matches is None or self._searched != needle:
            self._searched, self._matches = needle, []
            if needle:
                doc, flags = self.editor.document(), self.flags()
                found = doc.find(needle, 0, flags)
                while not found.isNull():
                    self._matches.append((found.selectionStart(), found.selectionEnd()))
                    found = doc.find(needle, found.selectionEnd(), flags)
        return self._matches

    @Slot()
    def _update_status(self) -> None:
        if not self.isVisible():
            return
        if not self.find_box.text():
            self.status.setText("")
            return
        matches = self.matches()
        if not matches:
            self.status.setText("No results")
            return
        cursor = self.editor.textCursor()
        here = (cursor.selectionStart(), cursor.selectionEnd())
        if here in matches:
            self.status.setText(f"{matches.index(here) + 1} of {len(matches)}")
        else:
            self.status.setText(f"{len(matches)} match" + ("es" if len(matches) > 1 else ""))

    @Slot(str)
    def _on_needle_edited(self, _text: str) -> None:
        """Find as you type: the first match from where the current one (or the cursor)
        starts, so a longer search stays on the same place when it still matches."""
        self._matches = None
        cursor = self.editor.textCursor()
        if self.find_box.text():
            self._find(backward=False, start=cursor.selectionStart())
        else:
            cursor.clearSelection()
            self.editor.setTextCursor(cursor)
            self._update_status()

    @Slot()
    def _on_options_changed(self) -> None:
        self._matches = None
        if self.find_box.text():
            self._find(backward=False, start=self.editor.textCursor().selectionStart())

    @Slot()
    def _on_document_changed(self) -> None:
        self._matches = None
        if self.isVisible():
            self._update_status()

    # -- replacing ---------------------------------------------------------------------------
    def _selection_is_match(self) -> bool:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return False
        return (cursor.selectionStart(), cursor.selectionEnd()) in self.matches()

    @Slot()
    def replace_one(self) -> None:
        """Replace the selected match (with the current options) and go to the next."""
        if not self.find_box.text():
            return
        if self._selection_is_match():
            self.editor.textCursor().insertText(self.replace_box.text())
        self.find_next()

    @Slot()
    def replace_all(self) -> int:
        needle, replacement = self.find_box.text(), self.replace_box.text()
        if not needle:
            return 0
        doc, flags = self.editor.document(), self.flags()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        count = 0
        found = doc.find(needle, 0, flags)
        while not found.isNull():
            cursor.setPosition(found.selectionStart())
            cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
            count += 1
            found = doc.find(needle, cursor.position(), flags)
        cursor.endEditBlock()
        self.status.setText(f"{count} replaced")
        return count
