"""The raw text of a file that cannot be parsed: read-only with the error marked, or fixed."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from editor.ui.panes.banners import mix


class RawTextView(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rawText")
        self.setAccessibleName("Raw file text")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

    @property
    def fixing(self) -> bool:
        return not self.isReadOnly()

    def show_raw(self, raw: str, line: int | None, column: int | None) -> None:
        self.setReadOnly(True)
        self.setPlainText(raw)
        self.mark_error(line, column)

    def start_fixing(self) -> None:
        self.setReadOnly(False)
        self.setFocus()

    def mark_error(self, line: int | None, column: int | None) -> None:
        """Highlight the error's line and put the cursor at its column (both 1-based)."""
        if line is None:
            self.setExtraSelections([])
            return
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor,
                            max(0, min((column or 1) - 1, block.length() - 1)))
        selection = QTextEdit.ExtraSelection()
        base = self.palette().color(QPalette.ColorRole.Base)  # a red tint, light or dark
        selection.format.setBackground(mix(base, QColor("#d93025"), 0.25))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(block)
        self.setExtraSelections([selection])
        self.setTextCursor(cursor)
        self.centerCursor()
