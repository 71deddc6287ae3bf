"""The site's own article layout, matched in one regex: the index's fastest path.

Nearly every QuickTakes article is written in one key order with one shape per value (see
``../shared/reference``): ``_schema id date title article_title date_format post_on_text
seo{title page_description page_keywords} author question [no_index] answer subject file_name
url [score] [related_article1..N{id title subject url}]``, each text value either a one-line
``>-`` folded scalar or a plain scalar that YAML can only read as text. One ``fullmatch``
checks all of that and captures every value the index keeps; a file that differs in any way
(another key, a comment, quotes, a wrapped value, CRLF, a character YAML refuses) returns None
and goes to ``quickscan``, then to the full parse. Tests prove the result equal to the full
parse on the real corpora and on generated edge cases.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from editor.core.index import record
from editor.core.index.quickscan import WORDS_NOT_TEXT, refused_bytes

#: A one-line plain scalar starting with a letter or '/'; ``_plain_ok`` checks the rest.
_PLAIN_TEXT = r"(?:[^\W\d_]|/)[^\n]*(?<![ :])"


class _Pattern:
    """Builds the layout regex in order, remembering which group holds which value."""

    def __init__(self) -> None:
        self.regex = ""
        self.groups = 0
        self.slots: dict[str, int] = {}
        self.plain: list[int] = []  # positions in match.groups() of plain text values

    def _group(self, name: str, body: str) -> str:
        self.groups += 1
        self.slots[name] = self.groups
        return f"({body})"

    def add(self, literal: str) -> None:
        self.regex += literal

    def block(self, key: str) -> str:
        """``key:`` opening a nested mapping; returns the backreference to its indentation."""
        self.groups += 1
        self.regex += f"{key}:\n(?=( +))"
        return f"\\{self.groups}"

    def text(self, name: str, key: str, indent: str = "", keep: bool = True) -> None:
        """``key: >-`` plus one more-indented line, or ``key: plain text``. A folded value
        the index does not keep is matched without a group; a plain one is always captured,
        for ``_plain_ok`` to check."""
        line = r"[^ \n#\t][^\n]*"
        folded = self._group(name + "/f", line) if keep else line
        plain = self._group(name, _PLAIN_TEXT)
        self.plain.append(self.groups - 1)
        self.regex += rf"{indent}{key}: (?:>-\n{indent} +{folded}|{plain})\n"

    def value(self, name: str, key: str, body: str, indent: str = "",
              optional: bool = False) -> None:
        line = f"{indent}{key}: {self._group(name, body)}\n"
        self.regex += f"(?:{line})?" if optional else line


_INT = r"0|[1-9][0-9]*"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_NUMBER = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
_BOOL = r"true|True|false|False"
RELATED_SLOTS = 5


_Groups = tuple[str | None, ...]


def _build() -> tuple[re.Pattern[str], dict[str, int], Callable[[_Groups], _Groups]]:
    p = _Pattern()
    p.add("---\n")
    p.text("_schema", "_schema", keep=False)
    p.value("id", "id", _INT)
    p.value("date", "date", _DATE)
    p.text("title", "title")
    p.text("article_title", "article_title")
    p.text("date_format", "date_format", keep=False)
    p.text("post_on_text", "post_on_text", keep=False)
    seo = p.block("seo")
    p.text("seo_title", "title", seo)
    p.text("description", "page_description", seo)
    p.text("keywords", "page_keywords", seo)
    p.text("author", "author", keep=False)
    p.text("question", "question")
    p.value("no_index", "no_index", _BOOL, optional=True)
    p.text("answer", "answer")  # not an index value: found for its findings and its line
    for key in ("subject", "file_name", "url"):
        p.text(key, key)
    p.value("score", "score", _NUMBER, optional=True)
    for n in range(1, RELATED_SLOTS + 1):
        p.add("(?:")  # each slot is optional, and only after the one before it
        indent = p.block(f"related_article{n}")
        p.value(f"r{n}.id", "id", _INT, indent)
        for key in ("title", "subject", "url"):
            p.text(f"r{n}.{key}", key, indent)
    p.add(")?" * RELATED_SLOTS + "\n*---(?:\n|$)")  # blank lines may end the block
    return re.compile(p.regex), p.slots, itemgetter(*p.plain)


_LAYOUT, _SLOTS, _PLAINS = _build()


#: The values ``scan`` returns first, in this order (the index's Entry fields of the same names).
#: ``related`` holds one (slot key, id, title, subject, url) tuple per slot.
VALUES = record.SCANNED
# ``_values`` builds the first (id) and the last (related) apart from the texts between.


def _reader(name: str) -> tuple[int, int]:
    """Positions in ``match.groups()`` of a text value's folded and plain forms."""
    return _SLOTS[name + "/f"] - 1, _SLOTS[name] - 1


_TEXTS = [_reader(name) for name in VALUES[1:-1]]
_ID, _DATE_AT = _SLOTS["id"] - 1, _SLOTS["date"] - 1
_RELATED: list[tuple[str, int, tuple[int, int], tuple[int, int], tuple[int, int]]] = [
    (f"related_article{n}", _SLOTS[f"r{n}.id"] - 1, _reader(f"r{n}.title"),
     _reader(f"r{n}.subject"), _reader(f"r{n}.url"))
    for n in range(1, RELATED_SLOTS + 1)
]
_date = dt.date.fromisoformat
#: Where ``scan`` finds the lines of ``record.LINE_KEYS``: text values by their folded and
#: plain groups (a folded value starts a line below its key), the id by its group, and each
#: related slot by its id (the line below the slot's key).
_GROUP_OF = {"title": "title", "answer": "answer", "file_name": "file_name", "url": "url",
             "seo.title": "seo_title", "seo.page_description": "description"}
_LINE_TEXTS = [(key, *_reader(_GROUP_OF[key])) for key in record.LINE_KEYS if key != "id"]
_LINE_VALUES = [("id", _ID)]
_LINE_SLOTS = [(f"{record.LINE_SLOT_PREFIX}{n}", _SLOTS[f"r{n}.id"] - 1)
               for n in range(1, RELATED_SLOTS + 1)]


def _match(raw: bytes) -> tuple[re.Match[str], str] | None:
    """The layout regex's match (and the decoded text) for a file in the site's layout, once
    every value is known to read back as YAML would read it (and the file holds no character
    YAML refuses or reads as a line break, no tab, no CR); else None."""
    if not raw.startswith(b"---\n") or refused_bytes(raw):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    match = _LAYOUT.match(text)
    if match is None:
        return None
    g = match.groups()
    plains = _PLAINS(g)
    # YAML reads a plain scalar as this exact text unless it holds ': ' or ' #' or is a
    # boolean or null word (the regex already ruled out every other case).
    joined = "\n".join(filter(None, plains))
    if (":" in joined or "#" in joined) and (": " in joined or " #" in joined):
        return None
    if not WORDS_NOT_TEXT.isdisjoint(plains):
        return None
    try:
        _date(g[_DATE_AT])
    except ValueError:
        return None  # YAML refuses an impossible date: let the full parse report it
    return match, text


def _values(g: tuple[str | None, ...]) -> tuple[Any, ...]:
    """The index's values (see VALUES) from the groups of ``_match``."""
    related = []
    for slot, at_id, (tf, tp), (sf, sp), (uf, up) in _RELATED:
        ident = g[at_id]
        if ident is None:
            break
        related.append((slot, int(ident), g[tf] or g[tp], g[sf] or g[sp], g[uf] or g[up]))
    return (int(g[_ID] or 0), *[g[f] or g[p] for f, p in _TEXTS], related)


def scan(raw: bytes) -> tuple[tuple[Any, ...], dict[str, int], str] | None:
    """For a file in the site's layout: the index's values (see VALUES), the line of each key
    of ``record.LINE_KEYS`` and of each related slot (as ``keylines.key_lines`` finds them,
    from the match's own positions), and the stored answer; else None."""
    matched = _match(raw)
    if matched is None:
        return None
    match, text = matched
    g = match.groups()
    spots = []
    for key, folded, plain in _LINE_TEXTS:
        at = folded if g[folded] is not None else plain
        spots.append((match.start(at + 1), key, at == folded))
    for key, at in _LINE_VALUES:
        if g[at] is not None:
            spots.append((match.start(at + 1), key, False))
    for key, at in _LINE_SLOTS:
        if g[at] is None:
            break
        spots.append((match.start(at + 1), key, True))  # the slot's key: the line above its id
    spots.sort()
    lines, line, counted = {}, 1, 0
    for at, key, above in spots:
        line += text.count("\n", counted, at)
        counted = at
        lines[key] = line - above
    fa, pa = _reader("answer")
    return _values(g), lines, g[fa] if g[fa] is not None else g[pa] or ""
