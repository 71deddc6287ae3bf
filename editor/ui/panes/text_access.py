"""The text a plain-text widget holds, exactly as typed.

``QPlainTextEdit.toPlainText()`` turns every non-breaking space (U+00A0) into an ordinary
space, so a value read back through it changes where the writer typed nothing. The
document's raw text keeps them; only its block and line separators become newlines.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

#: What the document stores for line breaks (blocks, soft breaks, frame marks): "\n" in text.
_BREAKS = str.maketrans({"\u2029": "\n", "\u2028": "\n", "\ufdd0": "\n", "\ufdd1": "\n"})


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\u2028\u2029]+[ \t]*")


def one_line(text: str) -> str:
    """Line breaks (typed, pasted, or Qt's separators) and the spaces around them as one
    space: for values the site shows on one line."""
    return _LINE_BREAKS.sub(" ", text)


def plain_text(widget: QPlainTextEdit | QTextEdit | QLineEdit) -> str:
    """The widget's text with non-breaking spaces kept (QLineEdit.text() keeps them)."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    return widget.document().toRawText().translate(_BREAKS)
