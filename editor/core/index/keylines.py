"""Where the keys a check can name are in a file: read once, when the index reads the file.

`check` prints each problem with its line, and the Problems pane opens the file there. The
lines are taken from the bytes the index reads anyway and kept in the file's cached row, so a
check never reads a file again to number its problems.
"""

from __future__ import annotations

import re

from editor.core.index import record

_CLOSING = re.compile(rb"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
#: A line at the left margin that is not a comment: a top-level key, or the end of a block.
_TOP = re.compile(rb"^[^\s#][^\n]*", re.M)
_NAME = re.compile(rb"([^:\n]+):")
_CHILD = re.compile(rb"^( +)[^\s#]", re.M)
_OPENINGS = (b"---\n", b"---\r\n", b"\xef\xbb\xbf---")

#: The top-level keys whose lines are kept, and the nested ones (parent -> children).
_TOP_KEYS = frozenset(k.encode() for k in record.LINE_KEYS if "." not in k)
_CHILDREN: dict[bytes, list[bytes]] = {}
for _key in record.LINE_KEYS:
    if "." in _key:
        _parent, _child = _key.split(".", 1)
        _CHILDREN.setdefault(_parent.encode(), []).append(_child.encode())
_SLOT = record.LINE_SLOT_PREFIX.encode()


def key_lines(raw: bytes) -> dict[str, int]:
    """The 1-based line of each key of ``record.LINE_KEYS`` (and of each related slot) in
    the file's front matter, where it is: a top-level key at the left margin, a nested one at
    the indentation of its block's first line. The first of a repeated key counts."""
    if not raw.startswith(_OPENINGS):
        return {}
    closing = _CLOSING.search(raw, 3)
    end = closing.start() if closing else len(raw)
    out: dict[str, int] = {}
    tops = [(m.start(), m.group()) for m in _TOP.finditer(raw, 4, end)]
    line, counted = 1, 0
    for n, (at, text) in enumerate(tops):
        named = _NAME.match(text)
        if named is None:
            continue
        key = named.group(1)
        if key not in _TOP_KEYS and key not in _CHILDREN and not key.startswith(_SLOT):
            continue
        line += raw.count(b"\n", counted, at)
        counted = at
        name = key.decode("utf-8", "replace")
        if key in _TOP_KEYS or key.startswith(_SLOT):
            out.setdefault(name, line)
        children = _CHILDREN.get(key)
        if children and f"{name}.{children[0].decode()}" not in out:
            stop = tops[n + 1][0] if n + 1 < len(tops) else end
            _child_lines(raw, name, children, at + len(text), stop, line, at, out)
    return out


def _child_lines(raw: bytes, parent: str, children: list[bytes], start: int, stop: int,
                 line: int, at: int, out: dict[str, int]) -> None:
    first = _CHILD.search(raw, start, stop)
    if first is None:
        return
    indent = first.group(1)
    for child in children:
        found = re.compile(rb"^" + indent + re.escape(child) + rb":", re.M).search(
            raw, start, stop)
        if found is not None:
            out[f"{parent}.{child.decode()}"] = line + raw.count(b"\n", at, found.start())
