"""Find and replace for a QPlainTextEdit (Ctrl+F, Ctrl+H)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget


class FindBar(QWidget):
    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("findBar")
        self.find_box = QLineEdit(self)
        self.find_box.setObjectName("findText")
        self.find_box.setPlaceholderText("Find")
        self.replace_box = QLineEdit(self)
        self.replace_box.setObjectName("replaceText")
        self.replace_box.setPlaceholderText("Replace with")
        self.status = QLabel(self)
        self.next_button = QPushButton("Next", self)
        self.replace_button = QPushButton("Replace", self)
        self.all_button = QPushButton("Replace all", self)
        self.close_button = QPushButton("Close", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        for w in (self.find_box, self.next_button, self.replace_box, self.replace_button,
                  self.all_button, self.status, self.close_button):
            layout.addWidget(w)
        self.find_box.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_one)
        self.all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.hide)
        self.hide()

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
        if selected:
            self.find_box.setText(selected)
        self.show()
        self.find_box.setFocus()
        self.find_box.selectAll()

    @Slot()
    def find_next(self) -> bool:
        needle = self.find_box.text()
        if not needle:
            return False
        found = self.editor.find(needle)
        if not found:
            self.editor.moveCursor(QTextCursor.MoveOperation.Start)
            found = self.editor.find(needle)
        self.status.setText("" if found else "Not found")
        return found

    @Slot()
    def replace_one(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.hasSelection() and cursor.selectedText() == self.find_box.text():
            cursor.insertText(self.replace_box.text())
        self.find_next()

    @Slot()
    def replace_all(self) -> int:
        needle, replacement = self.find_box.text(), self.replace_box.text()
        if not needle:
            return 0
        doc = self.editor.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        count = 0
        found = doc.find(needle, 0, QTextDocument.FindFlag(0))
        while not found.isNull():
            cursor.setPosition(found.selectionStart())
            cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
            count += 1
            found = doc.find(needle, cursor.position(), QTextDocument.FindFlag(0))
        cursor.endEditBlock()
        self.status.setText(f"{count} replaced")
        return count
