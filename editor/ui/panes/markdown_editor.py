"""The answer editor: plain-text Markdown with highlighting, spelling and counts."""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.core.text.spelling import WORD_RE, Speller
from editor.ui.panes.answer_scan import AnswerScanner
from editor.ui.panes.highlighter import MarkdownHighlighter
from editor.ui.panes.text_access import one_line, plain_text


class SpellTextEdit(QPlainTextEdit):
    """A QPlainTextEdit whose right-click menu offers spelling suggestions."""

    wordAdded = Signal(str)

    def __init__(self, speller: Speller | None, parent: QWidget | None = None,
                 markdown: bool = True) -> None:
        super().__init__(parent)
        self.speller = speller
        self.single_line = not markdown  # the question, SEO text: one line in the file
        self.highlighter = MarkdownHighlighter(self.document(), speller, markdown)

    def refresh_spelling(self) -> None:
        """Redraws the spelling marks (another language, say) in slices, shown blocks first,
        so a long text does not freeze the window."""
        self.highlighter.rehighlight_in_slices(self.firstVisibleBlock().blockNumber())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.single_line and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # no hidden line breaks in a one-line value
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self.single_line and source.hasText():
            self.insertPlainText(one_line(source.text()))
            return
        super().insertFromMimeData(source)

    def word_at(self, cursor: QTextCursor) -> tuple[str, int, int]:
        block = cursor.block()
        pos = cursor.positionInBlock()
        for match in WORD_RE.finditer(block.text()):
            if match.start() <= pos <= match.end():
                return match.group(), block.position() + match.start(), match.end() - match.start()
        return "", 0, 0

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        actions = self.spelling_actions(self.cursorForPosition(event.pos()), menu)
        if actions:
            first = menu.actions()[0] if menu.actions() else None
            menu.insertActions(first, actions)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())

    def spelling_actions(self, cursor: QTextCursor, parent: QObject) -> list[QAction]:
        """Suggestions (in the word's capitals), then "Add to dictionary", for an unknown word
        under ``cursor``. A word in capitals is not marked (it may be an acronym), but when
        the dictionary lacks it a right-click still offers corrections: RECIEVE -> RECEIVE."""
        word, start, length = self.word_at(cursor)
        if not word or self.speller is None:
            return []
        shouted = word.isupper() and len(word) > 1 and not self.speller.is_known(word)
        if self.speller.is_correct(word) and not shouted:
            return []
        actions = []
        for suggestion in self.speller.suggestions(word):
            action = QAction(suggestion, parent)
            action.setData((start, length, suggestion))
            action.triggered.connect(self._on_suggestion)
            actions.append(action)
        add = QAction(f"Add “{word}” to dictionary", parent)
        add.setData(word)
        add.triggered.connect(self._on_add_word)
        actions.append(add)
        return actions

    @Slot()
    def _on_suggestion(self) -> None:
        start, length, suggestion = self.sender().data()
        self.replace_range(start, length, suggestion)

    @Slot()
    def _on_add_word(self) -> None:
        if self.speller is not None:
            word = self.sender().data()
            self.speller.add_word(word)
            self.highlighter.rehighlight()
            self.wordAdded.emit(word)

    @Slot(str)
    def focus_key(self, key: str) -> None:
        """A problem about this field was clicked: go to the editor."""
        if key == self.key:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensureCursorVisible()

    @Slot(int, int, str)
    def replace_range(self, start: int, length: int, text: str) -> None:
        """One undoable edit replacing ``length`` characters at ``start`` (Qt's positions).
        The caret goes after it and the focus back to the editor, so that typing goes on
        there and Ctrl+Z takes the edit back at once."""
        if self.isReadOnly():
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        self.setTextCursor(cursor)
        self.setFocus(Qt.FocusReason.OtherFocusReason)


LIST_ITEM = re.compile(r"(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])( |$)")


class MarkdownEditor(SpellTextEdit):
    """Edits one Markdown field (the answer). Emits fieldEdited and countsChanged."""

    fieldEdited = Signal(str, object)
    countsChanged = Signal(int, int)  # words, characters
    textLoaded = Signal(str)  # another article's answer is shown

    def __init__(self, key: str = "answer", speller: Speller | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(speller, parent)
        self.key = key
        self.setObjectName("answerEditor")
        self.setAccessibleName("Answer")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self._loading = False
        self._last_text = ""
        self.textChanged.connect(self._on_text_changed)
        #: Where the answer's math, tables and HTML are, found once typing pauses.
        self.scanner = AnswerScanner(self)
        self.scanner.scanned.connect(self.highlighter.show_scan)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Tab on a list item nests it (Shift+Tab un-nests); elsewhere Tab moves to the next
        field, as in every other field: a tab character would make the site show code."""
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier
        ):
            back = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
            item = LIST_ITEM.match(self.textCursor().block().text())
            if item and not self.isReadOnly():
                self._indent_item(item, back)
            else:  # QPlainTextEdit's own focusNextPrevChild refuses while Tab is text
                QWidget.focusNextPrevChild(self, not back)
            event.accept()
            return
        super().keyPressEvent(event)

    def _indent_item(self, item: re.Match[str], back: bool) -> None:
        width = 3 if item["marker"][0].isdigit() else 2  # under "1. " or "- " text
        cursor = self.textCursor()
        line = QTextCursor(cursor.block())
        if back:
            remove = min(width, len(item["indent"]))
            if remove:
                line.movePosition(QTextCursor.MoveOperation.Right,
                                  QTextCursor.MoveMode.KeepAnchor, remove)
                line.removeSelectedText()
        else:
            line.insertText(" " * width)

    def update_text(self, text: str) -> None:
        """Show ``text`` for the same article (a merge from disk, say): unchanged text keeps
        cursor and undo history; changed text is one undoable edit, the cursor kept."""
        if text == plain_text(self):
            return
        position = self.textCursor().position()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)

    def load_text(self, text: str) -> None:
        self._loading = True
        try:
            self.setPlainText(text)  # also resets undo history
            self._last_text = text
        finally:
            self._loading = False
        self._emit_counts()
        self.scanner.request_now(text)
        self.textLoaded.emit(text)

    @Slot()
    def _on_text_changed(self) -> None:
        # QTextDocument also reports format-only changes (spelling marks being redrawn);
        # only a change of the text itself is an edit.
        text = plain_text(self)
        if self._loading or text == self._last_text:
            return
        self._last_text = text
        self._emit_counts(text)
        self.scanner.request(text)
        self.fieldEdited.emit(self.key, text)

    def _emit_counts(self, text: str | None = None) -> None:
        """The counts of ``text``; of the editor's text, read anew, when not given (each read
        of a 3 KB answer costs about half a millisecond of a keystroke)."""
        text = plain_text(self) if text is None else text
        self.countsChanged.emit(len(text.split()), len(text))
