"""What the window tests share: sample articles, opening one, typing, diffs, spelling marks."""

from __future__ import annotations

import difflib

from PySide6.QtGui import QImage, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
)

from editor.ui.main_window import MainWindow

SLEEP = "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"
MITO = "content/learn/biology/what-role-do-mitochondria-play-in-a-cell.md"


def diff_lines(before: str, after: str) -> list[str]:
    lines = difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
    return [ln for ln in lines if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]


def pick(qtbot, window: MainWindow, rel: str) -> None:
    index = window.tree.model.index_for_path(rel)
    assert index.isValid()
    window.tree.view.setCurrentIndex(index)
    window.tree.view.activated.emit(index)
    qtbot.waitUntil(lambda: window.controller.path is not None
                    and window.controller.path.as_posix().endswith(rel))


def replace_text(widget: QPlainTextEdit | QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    if isinstance(widget, QPlainTextEdit):
        widget.insertPlainText(text)
    else:
        widget.insert(text)


def misspelled_ranges(widget: QPlainTextEdit) -> list[str]:
    block = widget.document().firstBlock()
    marked = []
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                marked.append(block.text()[fmt.start : fmt.start + fmt.length])
        block = block.next()
    return marked


def painted(view: QAbstractItemView) -> QImage:
    """What the view shows, once pending paints are done."""
    QApplication.processEvents()
    return view.grab().toImage()


def painted_by_qt(view: QAbstractItemView) -> QImage:
    """The same rows painted by Qt's own delegate, to compare a view's own painting with."""
    ours = view.itemDelegate()
    view.setItemDelegate(QStyledItemDelegate(view))
    try:
        return painted(view)
    finally:
        view.setItemDelegate(ours)
