"""Where a Markdown text's code, math, raw HTML and tables are, exactly as the site's renderer
sees them.

The regions come from the renderer's own parser (``render.markdown``): its block tokens
give fenced and indented code, ``$$`` display blocks, HTML blocks and tables by line; its
inline rules, run on the paragraphs, table cells and headings that hold a ``$``, a backtick
or a ``<``, give code spans, inline math and inline HTML, with each rule's position in the
inline text mapped back to the text. So pairing (a ``$`` run closed by the next run of the
same length, "costs $5 and $10" being math), code spans before math, escapes, ``$$``
fences, and math split by a table's pipes are the renderer's, not a second idea of them.
Used by the backslash-n rules (``backslashes``), the math and raw-HTML checks
(``site_marks``) and the editor's highlighting.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

from editor.core.render import markdown as site_markdown
from editor.core.render.math_syntax import BLOCK, INLINE


class Math(NamedTuple):
    """A formula: its content's start and end in the text, display or inline, its TeX."""

    start: int
    end: int
    display: bool
    tex: str


class Table(NamedTuple):
    """A GFM table by its lines: where its header row, delimiter row and body start, and
    where it ends (the start of the line after it)."""

    start: int
    rule: int
    body: int
    end: int


@dataclass
class Regions:
    """Code, math and raw HTML of a Markdown text, as (start, end) of their content."""

    fences: list[tuple[int, int]]  # fenced and indented code blocks
    spans: list[tuple[int, int]]  # inline code
    math: list[Math] = field(default_factory=list)
    html: list[tuple[int, int]] = field(default_factory=list)  # each tag or comment, whole
    tables: list[Table] = field(default_factory=list)

    def find(self, pos: int) -> tuple[str, int, int] | None:
        for kind, regions in (("fence", self.fences), ("span", self.spans)):
            hit = _inside(regions, pos)
            if hit:
                return kind, *hit
        for start, end, _, _ in self.math:
            if start <= pos < end:
                return "math", start, end
        return None


def _inside(regions: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    i = bisect_right(regions, (pos, 1 << 60)) - 1
    if i >= 0 and regions[i][0] <= pos < regions[i][1]:
        return regions[i]
    return None


# -- the renderer's parser, its inline rules recording where they matched ---------------------

_SRC, _FOUND = "code_regions_src", "code_regions_found"
_KINDS = {"backticks": "code_inline", INLINE: INLINE, "html_inline": "html_inline"}


def _recording(rule_fn: object, kind: str) -> object:
    def rule(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        matched: bool = rule_fn(state, silent)  # type: ignore[operator]
        if (matched and not silent and len(state.tokens) > count
                and state.tokens[-1].type == kind and state.src is state.env.get(_SRC)):
            token = state.tokens[-1]
            state.env[_FOUND].append((kind, start, state.pos, len(token.markup), token.content))
        return matched
    return rule


def _make_parser() -> MarkdownIt:
    md = site_markdown._parser()  # the very parser the renderer builds
    for rule in md.inline.ruler.__rules__:
        if rule.name in _KINDS:
            md.inline.ruler.at(rule.name, _recording(rule.fn, _KINDS[rule.name]))  # type: ignore[arg-type]
    return md


_MD = _make_parser()
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
_NEEDED = re.compile(r"[$`<]")
_ANY = re.compile(r"[$`<~\t|]| {4}")  # what code, math, HTML or a table needs somewhere


#: The last text asked for and its regions: an answer's backslash-n rules and its site
#: marks ask for the same text object one after the other (one tuple, so threads see
#: either; held here, the text cannot be freed and its identity reused).
_LAST: tuple[str, Regions] = ("", Regions([], [], [], []))


def regions(text: str) -> Regions:
    """The code, math and raw HTML of ``text`` as the site renders it (the result is
    shared with the next caller asking for the same text: never change it)."""
    global _LAST
    last_text, last = _LAST
    if text is last_text:
        return last
    out = _parsed(text)
    _LAST = (text, out)
    return out


def _parsed(text: str) -> Regions:
    out = Regions([], [], [], [])
    if "\r" in text or "\0" in text:  # the parser's own normalization, keeping positions
        text = text.replace("\r\n", " \n").replace("\r", "\n").replace("\0", "\ufffd")
    if not _ANY.search(text):
        return out  # nothing code, math or HTML could be made of
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    env: EnvType = {}
    tokens: list[Token] = []
    _MD.block.parse(text, _MD, env, tokens)
    cursor = (-1, 0)  # a table row's line and where its last cell ended
    notes: dict[str, Regions] = {}  # each footnote's definition (the last one counts)
    cites = "[^" in text and any(t.type == "footnote_reference_open" for t in tokens)
    into = out
    for token in tokens:
        if token.type == "footnote_reference_open":
            into = notes[token.meta["label"]] = Regions([], [], [], [])
        elif token.type == "footnote_reference_close":
            into = out
        if token.map is None:
            continue
        first, last = token.map
        if token.type in ("fence", BLOCK):
            body = first + 1
            lines = token.content.count("\n") + (not token.content.endswith("\n"))
            end = _line_start(starts, text, body + lines if token.content else body)
            span = (_line_start(starts, text, body), max(end, _line_start(starts, text, body)))
            if token.type == "fence":
                into.fences.append(span)
            else:  # from the opening run: what follows it on its line is dropped, but a
                # line break there is one the writer may have meant as a backslash-n
                opening = text.index("$", starts[first])
                opening += len(token.markup)
                tex = token.content[:-1] if token.content.endswith("\n") else token.content
                into.math.append(Math(opening, max(span[1], opening), True, tex))
        elif token.type == "table_open":
            into.tables.append(Table(*(_line_start(starts, text, n)
                                       for n in (first, first + 1, first + 2, last))))
        elif token.type == "code_block":
            into.fences.append((_line_start(starts, text, first),
                                _line_start(starts, text, last)))
        elif token.type == "html_block":
            end = _line_start(starts, text, last)
            into.html.extend(m.span() for m in _TAG.finditer(text, starts[first], end))
        elif token.type == "inline" and (_NEEDED.search(token.content)
                                         or (cites and "[^" in token.content)):
            cursor = _inline(text, starts, token, env, into, cursor)
    _shown_notes(out, notes, env)
    out.fences.sort()
    out.spans.sort()
    out.math.sort()
    out.html.sort()
    out.tables.sort()
    return out


def _shown_notes(out: Regions, notes: dict[str, Regions], env: EnvType) -> None:
    """Adds the footnotes the text refers to: the site drops a definition nothing cites."""
    cited = {note.get("label") for note in env.get("footnotes", {}).get("list", {}).values()}
    for label, note in notes.items():
        if label in cited:
            out.fences += note.fences
            out.spans += note.spans
            out.math += note.math
            out.html += note.html
            out.tables += note.tables


def _line_start(starts: list[int], text: str, line: int) -> int:
    return starts[line] if line < len(starts) else len(text)


def _inline(text: str, starts: list[int], token: Token, env: EnvType, out: Regions,
            cursor: tuple[int, int]) -> tuple[int, int]:
    """The code spans, math and HTML of one inline token; the table cursor after it."""
    assert token.map is not None
    content = token.content
    env[_SRC], env[_FOUND] = content, []
    _MD.inline.parse(content, _MD, env, [])
    found = env[_FOUND]
    in_row = token.map[1] - token.map[0] == 1 and "|" in text[
        starts[token.map[0]]:_line_start(starts, text, token.map[0] + 1)]
    place = _Places(text, starts, content, token.map[0],
                    (cursor[1] if cursor[0] == token.map[0] else starts[token.map[0]])
                    if in_row else None)
    if in_row:
        place.of(0)  # the cell's place, for the row's next cell
    for kind, start, end, run, body in found:
        opening, closing = place.of(start), place.of(end - run) if run else place.of(end - 1)
        if opening is None or closing is None:
            continue
        if kind == "html_inline":
            out.html.append((opening, closing + 1))
        elif kind == "code_inline":
            out.spans.append((opening + run, closing))
        else:
            out.math.append(Math(opening + run, closing, False, body))
    return (token.map[0], place.reached) if in_row else (-1, 0)


class _Places:
    """Maps a position in an inline token's text to the text: each of the token's lines is
    the end of its line in the text (past a list's indent or a quote's ``>``); a table cell
    is found after the row's previous cell, and where the cell dropped a backslash (``\\|``)
    its characters are matched one by one."""

    def __init__(self, text: str, starts: list[int], content: str, first: int,
                 after: int | None) -> None:
        self.text, self.starts, self.first, self.after = text, starts, first, after
        self.lines = content.split("\n")
        self.line_starts = [0]
        for line in self.lines:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.offsets: dict[int, int | list[int] | None] = {}
        self.reached = after or 0

    def of(self, index: int) -> int | None:
        k = bisect_right(self.line_starts, index) - 1
        k = min(k, len(self.lines) - 1)
        col = index - self.line_starts[k]
        where = self.offsets[k] if k in self.offsets else self._line(k)
        if where is None:
            return None
        if isinstance(where, int):
            return where + col
        return where[col] if col < len(where) else (where[-1] + 1 if where else None)

    def _line(self, k: int) -> int | list[int] | None:
        line = self.lines[k]
        number = self.first + k
        begin = _line_start(self.starts, self.text, number)
        end = self.text.find("\n", begin)
        source = self.text[begin:end if end >= 0 else len(self.text)]
        where: int | list[int] | None = None
        if self.after is None:
            last = k == len(self.lines) - 1
            stripped = source.rstrip() if last else source
            if stripped.endswith(line):
                where = begin + len(stripped) - len(line)
            else:
                at = source.find(line)
                where = begin + at if at >= 0 else None
        else:
            at = source.find(line, self.after - begin)
            where = begin + at if at >= 0 and line else None
            if where is not None:
                self.reached = where + len(line)
        if where is None:
            where = self._char_by_char(line, source, begin)
        self.offsets[k] = where
        return where

    def _char_by_char(self, line: str, source: str, begin: int) -> list[int] | None:
        pos = max(0, self.after - begin) if self.after is not None else 0
        places = []
        for char in line:
            pos = source.find(char, pos)
            if pos < 0:
                return None
            places.append(begin + pos)
            pos += 1
        if self.after is not None and places:
            self.reached = places[-1] + 1
        return places
