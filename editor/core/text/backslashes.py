"""A backslash followed by n in the answer: where it is not the line break it was meant to be.

The answer is stored with its line breaks written as the two characters backslash and n, and
the site turns every such pair back into a line break before it renders the Markdown. So a
backslash-n meant as written (``printf("\\n")`` in code, ``$q \\neq 0$`` in math,
``C:\\new\\folder`` in a Windows path) becomes a line break on the page, and the editor,
which decodes the same way, shows it as one when the article is reopened. The stored text
cannot tell the two apart; this module finds the places where one reading is much more
likely than the other:

- ``typed_hazards``: in the editor's text (real line breaks), every backslash-n the writer
  typed inside code, math or a Windows path. Saved, it would come back as a line break.
- ``break_hazards``: in decoded text, a line break that reads as a backslash-n someone meant:
  inside inline code, inside math before the rest of a TeX command (``\\neq`` stored shows as a
  line break and "eq"), inside a string literal of a fenced code block, or right after a
  Windows path.
- ``stored_hazards``: ``break_hazards`` of a stored answer; ``answer_hazards`` the same
  after a quick look (``may_have_hazards``), for the index, which keeps each article's
  findings for the folder check.

Each finding has a fix that renders as meant on the site (see ``TEX_SYMBOLS``, ``KEEP_CODE``
and ``KEEP_PATH``): ``fix`` in place of the text from ``start`` to ``end``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

#: TeX commands that begin with n, and the Unicode character KaTeX renders the same in math
#: (checked with the site's renderer; the few characters KaTeX has no relation for are
#: wrapped in ``\\mathrel`` so they keep a relation's spacing).
#: A stored ``\\neq`` reads on the site as a line break followed by "eq"; ``≠`` has no
#: backslash, so it survives. Commands with no single character (``\\newline``,
#: ``\\nolimits``, ``\\nonumber``, ``\\notag``, ``\\not`` before a symbol) are found but get
#: no one-click fix.
TEX_SYMBOLS: dict[str, str] = {
    "neq": "≠", "ne": "≠", "nabla": "∇", "nu": "ν", "neg": "¬", "ni": "∋", "nexists": "∄",
    "notin": "∉", "nleq": "≰", "ngeq": "≱", "nless": "≮", "ngtr": "≯", "nmid": "∤",
    "nparallel": "∦", "nsim": "≁", "ncong": r"\mathrel{≇}", "nsubseteq": "⊈", "nsupseteq": "⊉",
    "nvdash": "⊬", "nvDash": "⊭", "nVdash": "⊮", "nprec": "⊀", "nsucc": "⊁",
    "nleftarrow": "↚", "nrightarrow": "↛", "nLeftarrow": "⇍", "nRightarrow": "⇏",
    "nleftrightarrow": "↮", "nLeftrightarrow": "⇎", "nearrow": "↗", "nwarrow": "↖",
    "natural": "♮", "ntriangleleft": r"\mathrel{⋪}", "ntriangleright": r"\mathrel{⋫}",
    "nexist": "∄",
}
#: TeX commands beginning with n that have no one-character equivalent.
TEX_OTHER = frozenset({"not", "newline", "nolimits", "nonumber", "notag", "newcommand",
                       "normalsize", "nobreak", "noindent", "newpage", "nleqslant",
                       "ngeqslant", "nshortmid", "nshortparallel", "nsubset", "nsupset"})
TEX_COMMANDS = frozenset(TEX_SYMBOLS) | TEX_OTHER
#: ``\\not`` before a symbol, as one character.
NOT_SYMBOLS = {"=": "≠", "<": "≮", ">": "≯", r"\in": "∉", r"\subset": r"\mathrel{⊄}",
               r"\supset": r"\mathrel{⊅}", r"\equiv": r"\mathrel{≢}", r"\sim": "≁",
               r"\approx": r"\mathrel{≉}"}

#: In code, a word joiner (U+2060, invisible) between the backslash and the n: the page
#: shows ``\\n`` exactly, and the site no longer reads the pair as a line break.
WORD_JOINER = "\u2060"
KEEP_CODE = "\\" + WORD_JOINER + "n"
#: In a path, the backslash as a Markdown character reference: the page shows ``\\n``.
KEEP_PATH = "&#92;n"

MATH, CODE, PATH = "math", "code", "path"


@dataclass(frozen=True)
class Hazard:
    """One backslash-n that is not the line break it looks like.

    ``start``/``end`` span what the fix replaces in the text examined: the typed backslash-n
    (or the line break) and, in math, the rest of the command's name. ``fix`` is the
    replacement, or None when there is no one-click fix. ``shown`` is the spot as the writer
    would type it (``\\neq``, ``printf("\\n")``), for the sentence.
    """

    kind: str
    start: int
    end: int
    fix: str | None
    shown: str
    typed: bool = True  # typed in the editor (True) or found as a line break (False)

    @property
    def text(self) -> str:
        """The warning in plain words."""
        spot = f"“{self.shown}”"
        if self.kind == MATH:
            head = (f"In the math {spot}, the site turns the backslash and n into a line break"
                    if self.typed else
                    f"The math {spot} has a line break that was probably written as "
                    "a backslash and n")
            tail = (f": use “{self.fix}” instead" if self.fix
                    else ": write it another way")
        elif self.kind == CODE:
            head = (f"In the code {spot}, the site turns the backslash and n into a line break"
                    if self.typed else
                    f"The code {spot} has a line break that was probably written as "
                    "a backslash and n")
            tail = ": keep the backslash and n as written (check the preview)"
        else:
            head = (f"In the path {spot}, the site turns the backslash and n into a line break"
                    if self.typed else
                    f"The path {spot} is cut by a line break that was probably written as "
                    "a backslash and n")
            tail = ": keep the backslash as written"
        return head + tail

    @property
    def action(self) -> str:
        """The fix's button text."""
        if self.kind == MATH:
            return f"Use {self.fix}" if self.fix else ""
        return "Keep \\n as written"


# -- typed in the editor -------------------------------------------------------------------

_TYPED = re.compile(r"\\n")
_NAME = re.compile(r"[A-Za-z]+")


def _tex(text: str, after: int, prefix: str = "") -> tuple[str, int, str | None]:
    """The TeX command whose name is ``prefix`` and the letters at ``after``: its name, where
    it ends, and its one-character form (``\\not`` takes the symbol after it)."""
    name = _NAME.match(text, after)
    word = prefix + (name.group() if name else "")
    end = after + len(word) - len(prefix)
    if word == "not":
        window = text[end:end + 12]
        rest = window.lstrip(" ")
        skipped = len(window) - len(rest)
        for follower, symbol in NOT_SYMBOLS.items():
            if rest.startswith(follower) and not (
                    follower[0] == "\\" and rest[len(follower):len(follower) + 1].isalpha()):
                return word, end + skipped + len(follower), symbol
    return word, end, TEX_SYMBOLS.get(word)


def typed_hazards(text: str) -> list[Hazard]:
    """Every backslash-n typed in code, math or a path of the editor's text."""
    found = _TYPED.finditer(text)
    hits = [m.start() for m in found]
    if not hits:
        return []
    from editor.core.text.code_regions import regions  # the parser, only when needed

    where = regions(text)
    out: list[Hazard] = []
    for at in hits:
        place = where.find(at)
        if place is None:
            path = _path_hazard(text, at)
            if path:
                out.append(path)
            continue
        kind, start, end = place
        if kind == "math":
            _, stop, symbol = _tex(text, at + 1)
            out.append(Hazard(MATH, at, stop, symbol, text[at:stop]))
            continue
        out.append(Hazard(CODE, at, at + 2, KEEP_CODE, _excerpt(text, at, start, end)))
    return out


def _path_hazard(text: str, at: int) -> Hazard | None:
    """A backslash-n typed in a Windows path ("C:\\new", "Users\\nick", "\\\\nas")."""
    line_start = text.rfind("\n", max(0, at - 200), at) + 1
    words = text[line_start:at].rsplit(None, 1)
    word = words[-1] if words and not text[at - 1:at].isspace() else ""
    path = _path_word(word)
    if not path:
        return None
    tail = re.match(r"[\w.$~%\\-]*", text[at + 2:at + 200])
    # a sentence's full stop (or other mark) after the path is not part of it
    shown = path + text[at:at + 2] + (tail.group().rstrip(".,;:-") if tail else "")
    return Hazard(PATH, at, at + 2, KEEP_PATH, shown)


def _excerpt(text: str, at: int, start: int, end: int, width: int = 24) -> str:
    """The code around ``at``, on one line and at most about 2 × width characters."""
    left = max(start, text.rfind("\n", start, at) + 1, at - width)
    right_break = text.find("\n", at, end)
    right = min(end, right_break if right_break >= 0 else end, at + width)
    return text[left:right].strip()


# -- line breaks in decoded text -----------------------------------------------------------

_APOSTROPHE = re.compile(r"(?<=[A-Za-z])'(?=[A-Za-z])")
_ESCAPED = re.compile(r"\\.")


def _open_quote(before: str, after: str) -> bool:
    """Whether a line break between these two lines falls inside a string literal: an odd
    number of double quotes on both sides, or a single-quoted string closed right after it
    (``'\\n'.join``, ``'Hello\\nWorld'``; a Lisp ``'symbol`` or an apostrophe is no quote)."""
    if '"""' in before or '"""' in after or "'''" in before or "'''" in after:
        return False
    left, right = _ESCAPED.sub("", before), _ESCAPED.sub("", after)
    if left.count('"') % 2 and right.count('"') % 2:
        return True
    left, right = _APOSTROPHE.sub("", left), _APOSTROPHE.sub("", right)
    return bool(left.count("'") % 2 and right.count("'") % 2
                and re.match(r"[^'\s]{0,24}'", right))


#: The end of a word before a line break that makes it a path cut short: a drive letter
#: ("C:"), a server ("\\\\nas") or a backslash before a letter, digit or _ ("Users\\Me").
_PATH_WORD = re.compile(r"(?<![^\s(\[\"'*_])(?:[A-Za-z]:)?[\w.$~%\\-]*$")


def _path_word(word: str) -> str:
    """The path at the end of a word, or "" when it is none."""
    found = _PATH_WORD.search(word)
    path = found.group() if found else ""
    if re.match(r"[A-Za-z]:|\\\\", path) or re.search(r"\\\w", path):
        return path
    return ""


def break_hazards(text: str) -> list[Hazard]:
    """Line breaks of decoded text that read as a backslash-n meant as written."""
    if "\n" not in text:
        return []
    from editor.core.text.code_regions import Regions, regions  # the parser, when needed

    where = regions(text) if "`" in text or "$" in text else Regions([], [], [])
    out: list[Hazard] = []
    for start, end in where.spans:
        content = text[start:end]
        if "\n" in content:
            shown = content.replace("\n", "\\n")
            out.extend(Hazard(CODE, start + i, start + i + 1, KEEP_CODE, shown, typed=False)
                       for i, c in enumerate(content) if c == "\n")
    for start, end in where.fences:
        out.extend(_fence_breaks(text, start, end))
    for start, end, _, _ in where.math:
        at = text.find("\n", start, end)
        while at >= 0:
            hazard = _math_break(text, at)
            if hazard is not None:
                out.append(hazard)
            at = text.find("\n", at + 1, end)
    if "\\" in text or ":\n" in text:
        for found in _PATH_BREAK.finditer(text, 1):
            if text[found.start() - 1].isspace():
                continue
            hazard = _path_break(text, found.start())
            if hazard is not None and where.find(hazard.start) is None:
                out.append(hazard)
    out.sort(key=lambda h: h.start)
    return out


_PATH_BREAK = re.compile(r"\n(?=[a-z0-9_$%~.-])")


def _path_break(text: str, at: int) -> Hazard | None:
    line_start = text.rfind("\n", max(0, at - 200), at) + 1
    words = text[max(line_start, at - 200):at].rsplit(None, 1)
    word = words[-1] if words else ""
    path = _path_word(word) if "\\" in word or word.endswith(":") else ""
    if not path:
        return None
    tail = re.match(r"[\w.$~%\\-]*", text[at + 1:at + 200])
    return Hazard(PATH, at, at + 1, KEEP_PATH,
                  path + "\\n" + (tail.group() if tail else ""), typed=False)


def _fence_breaks(text: str, start: int, end: int) -> Iterator[Hazard]:
    """Line breaks inside a string literal of a fenced block's code."""
    lines = text[start:end].split("\n")
    offset = start
    joined = ""  # a code line a found break has joined to the next one
    for line, after in pairwise(lines):
        at = offset + len(line)
        offset = at + 1
        before = joined + line
        if ('"' in before or "'" in before) and _open_quote(before, after):
            shown = (before[-24:] + "\\n" + after[:24]).strip()
            yield Hazard(CODE, at, at + 1, KEEP_CODE, shown, typed=False)
            joined = before + "\n"
        else:
            joined = ""


def _math_break(text: str, at: int) -> Hazard | None:
    name, stop, symbol = _tex(text, at + 1, "n")
    if name not in TEX_COMMANDS:
        return None
    line_start = text.rfind("\n", 0, at) + 1
    if len(name) <= 2 and not text[line_start:at].strip(" $"):
        return None  # "$$", a line break, then a one-letter name: a display's own layout
    return Hazard(MATH, at, stop, symbol, "\\" + "n" + text[at + 1:stop], typed=False)


def stored_hazards(stored: str) -> list[Hazard]:
    """``break_hazards`` of a stored answer as the site decodes it (positions are in the
    decoded text)."""
    if not isinstance(stored, str) or "\\n" not in stored:
        return []
    from editor.core.render.markdown import site_decode  # the parser's module: it is needed

    return break_hazards(site_decode(stored))


#: What a stored answer needs for ``break_hazards`` to find anything: a backtick, a TeX
#: command beginning with n (with a dollar somewhere), or a path before a backslash-n.
_TEX_STORED = re.compile(r"\\(?:" + "|".join(sorted(TEX_COMMANDS, key=len, reverse=True))
                         + r")(?![A-Za-z])")
_PATH_STORED = re.compile(r"\\(?:\\|[A-Za-mo-z0-9_])[^\s\\]*\\n[a-z0-9_$%~.-]")


def may_have_hazards(stored: str) -> bool:
    """False when ``stored_hazards`` surely finds nothing (a quick look, for the folder)."""
    if "`" in stored:
        return True
    if "$" in stored and _TEX_STORED.search(stored):
        return True
    at = stored.find(":\\n")
    while at > 0:  # a drive letter: "C:\\new"
        if stored[at - 1].isalpha() and not stored[at - 2:at - 1].isalnum():
            return True
        at = stored.find(":\\n", at + 3)
    return (stored.count("\\") != stored.count("\\n")  # a backslash before something else
            and _PATH_STORED.search(stored) is not None)


def answer_hazards(stored: object) -> list[Hazard]:
    """``stored_hazards`` of a stored answer, after the quick look: what the index keeps."""
    if not isinstance(stored, str) or not stored or not may_have_hazards(stored):
        return []
    return stored_hazards(stored)
