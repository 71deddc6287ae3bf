"""The raw text of a file that cannot be parsed: read-only with the error marked, or fixed."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor, QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from editor.ui.panes.banners import mix
from editor.ui.panes.text_access import plain_text


class RawTextView(QPlainTextEdit):
    """Shows a broken file's text; while it is being fixed, hands the text over as it is."""

    #: str: the whole text being fixed (non-breaking spaces kept), when fixing starts and
    #: after every change while fixing; what a save of the fixed file writes.
    rawEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rawText")
        self.setAccessibleName("Raw file text")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.textChanged.connect(self._on_text_changed)

    @property
    def fixing(self) -> bool:
        return not self.isReadOnly()

    def show_raw(self, raw: str, line: int | None, column: int | None) -> None:
        self.setReadOnly(True)
        self.setPlainText(raw)
        self.mark_error(line, column)

    @Slot()
    def start_fixing(self) -> None:
        self.setReadOnly(False)
        self.setFocus()
        self.rawEdited.emit(plain_text(self))

    @Slot()
    def _on_text_changed(self) -> None:
        if self.fixing:
            self.rawEdited.emit(plain_text(self))

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
