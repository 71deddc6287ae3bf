"""A markdown or html input of a page of the site: a compact Markdown editor (the answer
editor's highlighting and spelling menu) over a small read-only view of what the site
shows, the Markdown rendered by the app's renderer, the HTML as the browser would show it.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QTextBrowser, QVBoxLayout, QWidget

from editor.core.render.markdown import render_markdown
from editor.ui.panes.markdown_editor import SpellTextEdit
from editor.ui.panes.text_access import plain_text

#: The editor's height in lines (at least, at most) and the view's greatest height.
MIN_LINES, MAX_LINES, VIEW_HEIGHT = 3, 10, 140


class RichField(QWidget):
    """``editor`` (bound like any text box) over ``view``, which follows each edit."""

    def __init__(self, key: str, label: str, kind: str, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"rich:{key}")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.editor = SpellTextEdit(None, self)
        self.editor.setObjectName(f"field:{key}")
        self.editor.setAccessibleName(label)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setTabChangesFocus(True)
        lines = max(MIN_LINES, min(text.count("\n") + 2, MAX_LINES))
        self.editor.setFixedHeight(self.editor.fontMetrics().lineSpacing() * lines + 12)
        self.view = QTextBrowser(self)
        self.view.setObjectName(f"view:{key}")
        self.view.setAccessibleName(f"{label}: as the site shows it")
        self.view.setOpenLinks(False)
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        self.view.setMaximumHeight(VIEW_HEIGHT)
        self.view.setStyleSheet("QTextBrowser { background: palette(window); }")
        box.addWidget(self.editor)
        box.addWidget(self.view)
        self.editor.textChanged.connect(self._on_text)

    @Slot()
    def _on_text(self) -> None:
        text = plain_text(self.editor)
        if self.kind == "markdown":
            self.view.setHtml(render_markdown(text).html.strip())
        else:
            self.view.setHtml(text)  # HTML as Qt's rich text reads it, as a browser would
        document = self.view.document()
        document.setTextWidth(max(1, self.view.viewport().width()))
        height = int(document.size().height()) + 8
        self.view.setFixedHeight(max(24, min(height, VIEW_HEIGHT)))
