"""Markdown syntax highlighting plus wavy underlines for words the speller does not know."""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from editor.core.text.spelling import Speller


def _fmt(color: str | None = None, bold: bool = False, italic: bool = False,
         mono: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if mono:
        fmt.setFontFamilies(["DejaVu Sans Mono", "monospace"])
    return fmt


#: The longest a slice of a sliced redraw keeps the window busy.
SLICE_SECONDS = 0.004

RULES: list[tuple[re.Pattern[str], QTextCharFormat]] = [
    (re.compile(r"^#{1,6} .*$"), _fmt("#2f6f9f", bold=True)),
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s"), _fmt("#b35c00", bold=True)),
    (re.compile(r"^\s*>.*$"), _fmt("#6a737d", italic=True)),
    (re.compile(r"\*\*[^*]+\*\*|__[^_]+__"), _fmt(bold=True)),
    (
        re.compile(r"(?<![*\w])\*[^*\s][^*]*\*(?!\*)|(?<![_\w])_[^_\s][^_]*_(?!_)"),
        _fmt(italic=True),
    ),
    (re.compile(r"`[^`]+`"), _fmt("#a626a4", mono=True)),
    (re.compile(r"!?\[[^\]]*\]\([^)]*\)"), _fmt("#1a73e8")),
]


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights Markdown (unless ``markdown`` is False) and underlines unknown words."""

    def __init__(self, document: QTextDocument, speller: Speller | None = None,
                 markdown: bool = True) -> None:
        super().__init__(document)
        self.speller = speller
        self.markdown = markdown
        self._spell_fmt = QTextCharFormat()
        self._spell_fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._spell_fmt.setUnderlineColor(QColor("#d93025"))
        self._slices = QTimer(self)
        self._slices.setSingleShot(True)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._on_slice)
        self._next = self._left = 0

    def rehighlight_in_slices(self, start: int = 0) -> None:
        """Redraws every block a few milliseconds at a time (a long answer takes tens of
        milliseconds in one go), from block number ``start`` (the first one shown) to the end,
        then from the top. A new call starts over."""
        self._next = max(0, min(start, self.document().blockCount() - 1))
        self._left = self.document().blockCount()
        self._on_slice()

    @Slot()
    def _on_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        doc = self.document()
        while self._left > 0:
            block = doc.findBlockByNumber(self._next)
            if not block.isValid():  # the text got shorter meanwhile: go on from the top
                block = doc.firstBlock()
            self.rehighlightBlock(block)
            self._left -= 1
            following = block.next()
            self._next = following.blockNumber() if following.isValid() else 0
            if time.perf_counter() > deadline:
                break
        if self._left > 0:
            self._slices.start()

    @property
    def redrawing(self) -> bool:
        """Whether a sliced redraw is still under way."""
        return self._left > 0

    def highlightBlock(self, text: str) -> None:
        if self.markdown and self._highlight_markdown(text):
            return  # code is not prose: no spelling marks
        if self.speller is not None and self.speller.ready:
            for start, length in self.speller.misspelled(text):
                merged = QTextCharFormat(self.format(start))
                merged.merge(self._spell_fmt)
                self.setFormat(start, length, merged)

    def _highlight_markdown(self, text: str) -> bool:
        """Apply the Markdown formats; True when the block is (part of) a code fence."""
        in_code = self.previousBlockState() == 1
        if text.startswith("```"):
            self.setFormat(0, len(text), RULES[5][1])
            self.setCurrentBlockState(0 if in_code else 1)
            return True
        self.setCurrentBlockState(1 if in_code else 0)
        if in_code:
            self.setFormat(0, len(text), RULES[5][1])
            return True
        for pattern, fmt in RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)
        return False
