"""Where a Markdown text's code and math are: fenced blocks, inline code spans, and ``$`` or
``$$`` math (an inline span and ``$`` math end with their paragraph; a fenced block holds
neither), for the backslash-n rules (``backslashes``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$", re.M)
_BLANK = re.compile(r"\n[ \t]*\n")
_TICKS = re.compile(r"`+")


@dataclass
class Regions:
    """Code and math spans of a Markdown text, as (start, end) of their content."""

    fences: list[tuple[int, int]]
    spans: list[tuple[int, int]]  # inline code
    math: list[tuple[int, int, bool]]  # content start, end, display

    def find(self, pos: int) -> tuple[str, int, int] | None:
        for kind, regions in (("fence", self.fences), ("span", self.spans)):
            hit = _inside(regions, pos)
            if hit:
                return kind, *hit
        for start, end, _ in self.math:
            if start <= pos < end:
                return "math", start, end
        return None


def _inside(regions: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    i = bisect_right(regions, (pos, 1 << 60)) - 1
    if i >= 0 and regions[i][0] <= pos < regions[i][1]:
        return regions[i]
    return None


def regions(text: str) -> Regions:
    """The fenced blocks' contents, then the code spans and math outside them."""
    fences: list[tuple[int, int]] = []
    blocks: list[tuple[int, int]] = []  # each fence from its opening line to its closing one
    pos = 0
    while True:
        opening = _FENCE.search(text, pos)
        if opening is None:
            break
        mark = opening.group(1)
        if mark[0] == "`" and "`" in opening.group(2):
            pos = opening.end()  # not a fence: a backtick in its info string
            continue
        body = min(opening.end() + 1, len(text))
        close = re.compile(rf"^[ \t]*{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$", re.M)
        closing = close.search(text, body)
        end = closing.start() if closing else len(text)
        fences.append((body, end))
        pos = closing.end() if closing else len(text)
        blocks.append((opening.start(), pos))
    spans: list[tuple[int, int]] = []
    math: list[tuple[int, int, bool]] = []
    blanks = [m.start() for m in _BLANK.finditer(text)]
    start = 0
    for block_start, block_end in [*blocks, (len(text), len(text))]:
        _inline(text, start, block_start, spans, math, blanks)
        start = block_end
    return Regions(fences, spans, math)


def _paragraph_end(blanks: list[int], pos: int, stop: int) -> int:
    """Where the paragraph holding ``pos`` ends: the next blank line, or ``stop``."""
    i = bisect_right(blanks, pos - 1)
    return min(blanks[i], stop) if i < len(blanks) else stop


def _inline(text: str, start: int, stop: int, spans: list[tuple[int, int]],
            math: list[tuple[int, int, bool]], blanks: list[int]) -> None:
    """Code spans and math between start and stop (outside fenced blocks)."""
    taken: list[tuple[int, int]] = []
    pos = start
    while True:
        tick = _TICKS.search(text, pos, stop)
        if tick is None:
            break
        if tick.start() > 0 and text[tick.start() - 1] == "\\":
            pos = tick.end()
            continue
        end = _paragraph_end(blanks, tick.end(), stop)
        run = len(tick.group())
        closing = None
        for other in _TICKS.finditer(text, tick.end(), end):
            if len(other.group()) == run:
                closing = other
                break
        if closing is None:
            pos = tick.end()
            continue
        spans.append((tick.end(), closing.start()))
        taken.append((tick.start(), closing.end()))
        pos = closing.end()
    if "$" in text:
        _math(text, start, stop, taken, math, blanks)


_DOLLAR = re.compile(r"(?<!\\)\$\$?")


def _math(text: str, start: int, stop: int, taken: list[tuple[int, int]],
          math: list[tuple[int, int, bool]], blanks: list[int]) -> None:
    pos = start
    while True:
        opening = _DOLLAR.search(text, pos, stop)
        if opening is None:
            return
        if _inside(taken, opening.start()):
            pos = opening.end()
            continue
        mark = opening.group()
        if mark == "$$":
            found = text.find("$$", opening.end(), stop)
        else:
            end = _paragraph_end(blanks, opening.end(), stop)
            found = -1
            for other in _DOLLAR.finditer(text, opening.end(), end):
                if other.group() == "$" and not _inside(taken, other.start()):
                    found = other.start()
                    break
        if found < 0:
            pos = opening.end()
            continue
        math.append((opening.end(), found, mark == "$$"))
        pos = found + len(mark)
