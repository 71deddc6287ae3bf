"""A targeted scan of the site's front matter shape, about 20x cheaper than a YAML parse.

It understands exactly the simple shape the site writes: top-level ``key: plain`` or
``key: >-`` with one content line, and one level of nested mappings of the same. Anything else
(quotes, comments, lists, flow collections, wrapped values, CRLF, duplicate keys, values that
YAML would not read as text) makes it return None, and the caller falls back to a full parse.
Tests prove it equal to the full parse on the real corpora.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

#: Plain words YAML reads as null or a boolean, never as text.
WORDS_NOT_TEXT = frozenset((
    "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes",
    "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
))
_SPECIAL_START = set("'\"[]{}&*!|>%@`#,")
_NOT_TEXT = re.compile(
    r"^(?:~|" + "|".join(sorted(WORDS_NOT_TEXT)) + "|"
    r"=|<<|[-+]?(?:\.[0-9]+|[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?0x[0-9a-fA-F_]+|[-+]?0o?[0-7_]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$"
)
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


#: Bytes that may stand in front matter the scans read: printable ASCII, newline, and the
#: bytes of non-ASCII characters (checked on their own below). No tab, CR or other control.
_SCANNABLE_BYTES = bytes([10, *range(0x20, 0x7F), *range(0x80, 0x100)])
#: UTF-8 of the C1 controls (NEL among them) and of lone surrogates.
_C1_OR_SURROGATE_UTF8 = re.compile(b"\xc2[\x80-\x9f]|\xed[\xa0-\xbf]")
#: UTF-8 of U+2028/9 (line breaks to YAML) and U+FFFE/F (refused).
_REFUSED_UTF8 = (b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def refused_bytes(raw: bytes) -> bool:
    """Whether UTF-8 text holds a character YAML refuses or reads as a line break (CR, NEL,
    U+2028/9), or a tab or other control: such text is left to the full parse. Fast on
    plain ASCII."""
    if raw.translate(None, _SCANNABLE_BYTES):
        return True
    if raw.isascii():
        return False
    return _C1_OR_SURROGATE_UTF8.search(raw) is not None or any(
        seq in raw for seq in _REFUSED_UTF8)


def refused_character(fm: str) -> bool:
    """``refused_bytes`` of text already decoded."""
    return refused_bytes(fm.encode("utf-8", "surrogatepass"))


class _UnsupportedShapeError(Exception):
    pass


def _plain(raw: str) -> Any:
    """The value of a plain scalar, if it is one of the simple kinds we read; else raise."""
    if raw == "" or raw != raw.strip() or raw[0] in _SPECIAL_START:
        raise _UnsupportedShapeError
    if ": " in raw or " #" in raw or "\t" in raw or raw.endswith(":"):
        raise _UnsupportedShapeError
    if raw[0].isalpha() and raw not in WORDS_NOT_TEXT:
        return raw  # ordinary text starting with a letter (most values): no regex needed
    if raw[0] in "-?:" and (len(raw) == 1 or raw[1] == " "):
        raise _UnsupportedShapeError
    if _NOT_TEXT.match(raw):
        if _INT.match(raw):
            return int(raw)
        if _FLOAT.match(raw):
            return float(raw)
        date = _DATE.match(raw)
        if date:
            y, m, d = (int(x) for x in date.groups())
            return dt.date(y, m, d)
        if raw in ("true", "True", "TRUE"):
            return True
        if raw in ("false", "False", "FALSE"):
            return False
        raise _UnsupportedShapeError
    return raw


def scan_front_matter(text: str) -> dict[str, Any] | None:
    """Front matter data of the simple shape (as a YAML parse would give), else None."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end == -1:
        end = text.find("\n---", 3)
        if end == -1 or end + 4 != len(text):
            return None
    if refused_character(text[4 : end + 1]):
        return None
    try:
        return _scan_items(text[4 : end + 1])
    except (_UnsupportedShapeError, ValueError):
        return None


# One key per item: `key: >-` with exactly one content line, `key: plain`, `key:` (null, or a
# mapping when indented lines follow), or an empty line. The whole front matter must be a run
# of such items (checked in one C-level fullmatch), then findall hands them over as tuples.
_ITEM = (
    r"(?:( *)([A-Za-z_][A-Za-z0-9_]*):"
    r"(?: >-\n( +)([^\n]+)\n(?!\3)| ([^\n]+)\n|\n(?=( ))?)|\n)"
)
_ITEMS = re.compile(_ITEM)
_SHAPE = re.compile(f"(?:{_ITEM})*")


def _scan_items(fm: str) -> dict[str, Any]:
    """The front matter of items (see ``_ITEM``) as data; raises for any other shape."""
    if _SHAPE.fullmatch(fm) is None:
        raise _UnsupportedShapeError
    data: dict[str, Any] = {}
    parent: dict[str, Any] | None = None
    parent_indent = -1
    for ind, key, deep, folded, plain, children in _ITEMS.findall(fm):
        if not key:
            continue  # an empty line
        indent = len(ind)
        if indent == 0:
            target, parent = data, None
        elif parent is not None and (parent_indent == -1 or indent == parent_indent):
            target, parent_indent = parent, indent
        else:
            raise _UnsupportedShapeError
        if key in target:
            raise _UnsupportedShapeError
        if folded:
            if len(deep) <= indent or folded[0] in "#\t":
                raise _UnsupportedShapeError
            target[key] = folded
        elif plain:
            target[key] = _plain(plain)
        elif indent == 0 and children:
            parent, parent_indent = {}, -1
            target[key] = parent
        else:
            target[key] = None
    return data
