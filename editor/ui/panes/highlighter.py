"""Markdown syntax highlighting plus wavy underlines for words the speller does not know.

Qt highlights a block synchronously when it changes, so what is done per block stays cheap:
the regular expressions of ``RULES`` and a look-up. Math (``$…$``, ``$$…$$``), GFM tables and
typed HTML are where the site's own parser finds them, in a scan made off the UI thread once
typing pauses (``answer_scan``); each scan's places are kept per block with the block's text,
used only while the block still holds that text, and the blocks whose places changed are
redrawn a few milliseconds at a time. A formula KaTeX rejects and typed HTML, which the site
shows otherwise than typed, get a wavy underline.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections import deque

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from editor.core.text.site_marks import MATH_ERROR
from editor.core.text.spelling import Speller
from editor.ui.panes.answer_scan import Scan


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


def _wavy(fmt: QTextCharFormat, color: str) -> QTextCharFormat:
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor(color))
    return fmt


MATH = _fmt("#0b7a75")
MATH_REJECTED = _wavy(_fmt("#0b7a75"), "#d93025")
HTML = _wavy(_fmt("#6a737d"), "#b35c00")
TABLE_HEAD = _fmt(bold=True)
TABLE_RULE = _fmt("#8a8f98")
TABLE_PIPE = _fmt("#b35c00", bold=True)
_PIPE = re.compile(r"(?<!\\)\|")  # a cell's edge: a pipe the renderer does not take as escaped

#: One place of a scan in a block: start and length in the block (Qt's UTF-16 units), its
#: format, and whether it is prose (spelling marks it) or not (math, HTML).
Place = tuple[int, int, QTextCharFormat, bool]

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
        self._todo: deque[int] = deque()  # block numbers still to redraw
        #: The last scan's places, by block number, with the text the block had then.
        self._places: dict[int, tuple[str, list[Place]]] = {}

    def rehighlight_in_slices(self, start: int = 0) -> None:
        """Redraws every block a few milliseconds at a time (a long answer takes tens of
        milliseconds in one go), from block number ``start`` (the first one shown) to the end,
        then from the top. A new call starts over."""
        count = self.document().blockCount()
        start = max(0, min(start, count - 1))
        self._todo = deque([*range(start, count), *range(start)])
        self._on_slice()

    @Slot(object)
    def show_scan(self, scan: Scan) -> None:
        """Places math, tables and HTML where ``scan`` found them; only blocks whose places
        changed are redrawn, in slices."""
        if not self.markdown:
            return
        places = block_places(scan)
        changed = [n for n in sorted(places.keys() | self._places.keys())
                   if places.get(n) != self._places.get(n)]
        self._places = places
        if changed:
            queued = set(self._todo)
            self._todo.extend(n for n in changed if n not in queued)
            self._on_slice()

    def places(self, number: int) -> list[Place]:
        """The scan's places in block ``number`` (empty when the block changed since)."""
        block = self.document().findBlockByNumber(number)
        kept = self._places.get(number)
        return kept[1] if kept and block.isValid() and kept[0] == block.text() else []

    @Slot()
    def _on_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        doc = self.document()
        while self._todo:
            block = doc.findBlockByNumber(self._todo.popleft())
            if block.isValid():  # else the text got shorter meanwhile
                self.rehighlightBlock(block)
            if time.perf_counter() > deadline:
                break
        if self._todo:
            self._slices.start()

    @property
    def redrawing(self) -> bool:
        """Whether a sliced redraw is still under way."""
        return bool(self._todo)

    def highlightBlock(self, text: str) -> None:
        if self.markdown and self._highlight_markdown(text):
            return  # code is not prose: no spelling marks
        quiet: list[tuple[int, int]] = []
        if self.markdown:
            kept = self._places.get(self.currentBlock().blockNumber())
            if kept is not None and kept[0] == text:
                for start, length, fmt, prose in kept[1]:
                    self.setFormat(start, length, fmt)
                    if not prose:
                        quiet.append((start, start + length))
        if self.speller is not None and self.speller.ready:
            for start, length in self.speller.misspelled(text):
                if any(a < start + length and start < b for a, b in quiet):
                    continue  # TeX and tags are not words
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


def block_places(scan: Scan) -> dict[int, tuple[str, list[Place]]]:
    """The places of a scan's math, tables and HTML, split by line (a block is a line of
    the editor's text), in the order they are applied: table rows, then math and HTML,
    then the table's pipes."""
    text, found = scan.text, scan.regions
    spans: list[tuple[int, int, QTextCharFormat, bool]] = []
    for table in found.tables:
        spans.append((table.start, table.rule, TABLE_HEAD, True))
        spans.append((table.rule, table.body, TABLE_RULE, True))
    rejected = {(m.start, m.end) for m in scan.marks if m.kind == MATH_ERROR}
    for math in found.math:
        opening = math.start
        while opening > 0 and text[opening - 1] == "$":
            opening -= 1
        closing = math.end + (math.start - opening)
        if math.display:  # to the end of the closing line
            closing = text.find("\n", math.end)
            closing = len(text) if closing < 0 else closing
        fmt = MATH_REJECTED if (math.start, math.end) in rejected else MATH
        spans.append((opening, closing, fmt, False))
    spans.extend((start, end, HTML, False) for start, end in found.html)
    for table in found.tables:
        spans.extend((m.start(), m.end(), TABLE_PIPE, True)
                     for m in _PIPE.finditer(text, table.start, table.end))
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    out: dict[int, tuple[str, list[Place]]] = {}
    for start, end, fmt, prose in spans:
        first = bisect_right(starts, start) - 1
        for number in range(first, len(lines)):
            line_start = starts[number]
            if line_start >= end and number > first:
                break
            line = lines[number]
            a = max(start, line_start) - line_start
            b = min(end, line_start + len(line)) - line_start
            if b > a:
                a, b = _utf16(line, a), _utf16(line, b)
                out.setdefault(number, (line, []))[1].append((a, b - a, fmt, prose))
    return out


def _utf16(line: str, index: int) -> int:
    """A position in ``line`` as Qt counts it (UTF-16 code units)."""
    return index if line.isascii() else len(line[:index].encode("utf-16-le")) // 2
