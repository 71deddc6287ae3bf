"""Keep a hand-wrapped value's line breaks where the edit did not reach.

A value the file wrapped over several lines (plain, quoted or ``>`` folded) is one paragraph:
each line break reads as a space. After an edit, PyYAML's emitter would re-wrap the whole
paragraph from its first word, so a word added early pushes every later line. Here the old
lines that still hold exactly the same words at the start and at the end of the new text are
kept as they were, and only the words between them are wrapped again, at the old width.
The caller re-parses the result and falls back to the emitter's own wrapping if it does not
read back as the new value.
"""

from __future__ import annotations

import yaml

from editor.core.writer.yamltree import LOADER

_BLOCK_HEADERS = (">", "|")


def _words(line: str) -> list[str] | None:
    """Words of one line split at single spaces, None when spacing is not that simple."""
    if not line or line != line.strip(" ") or "  " in line or "\t" in line:
        return None
    return line.split(" ")


def _greedy(words: list[str], first_room: int, room: int) -> list[list[str]]:
    lines: list[list[str]] = []
    current: list[str] = []
    used = 0
    limit = first_room
    for word in words:
        extra = len(word) if not current else used + 1 + len(word)
        if current and extra > limit:
            lines.append(current)
            current, used, limit = [word], len(word), room
        else:
            current.append(word)
            used = extra
    if current:
        lines.append(current)
    return lines


def keep_wrapping(
    old: str, single: str, *, first_col: int, content_col: int, width: int
) -> str | None:
    """Re-wrap ``single`` (the new value emitted on one line) like ``old`` was wrapped.

    ``old`` is the old value's text from its first character (a quote, a block header or the
    first word) to its end, as found in the file; ``first_col`` is the column it starts at.
    Returns None when either text is not a simple single-spaced paragraph.
    """
    old_lines = [line.rstrip("\r") for line in old.split("\n")]
    new_lines = single.split("\n")
    header = ""
    if old_lines[0][:1] in _BLOCK_HEADERS:
        if old_lines[0][:1] == "|" or len(new_lines) != 2 or new_lines[0][:1] != ">":
            return None
        header = new_lines[0]
        old_lines, new_lines = old_lines[1:], new_lines[1:]
    if len(new_lines) != 1 or len(old_lines) < 2:
        return None
    new_words = _words(new_lines[0].strip(" "))
    line_words = [_words(line.strip(" ")) for line in old_lines]
    if new_words is None or any(words is None for words in line_words):
        return None
    old_words = [words for words in line_words if words is not None]
    head = 0
    pos = 0
    while head < len(old_words) and new_words[pos : pos + len(old_words[head])] == old_words[head]:
        pos += len(old_words[head])
        head += 1
    tail = len(old_words)
    end = len(new_words)
    while tail > head and end - len(old_words[tail - 1]) >= pos and (
        new_words[end - len(old_words[tail - 1]) : end] == old_words[tail - 1]
    ):
        end -= len(old_words[tail - 1])
        tail -= 1
    first_starts_inline = not header and head == 0
    first_room = width - (first_col if first_starts_inline else content_col)
    middle = _greedy(new_words[pos:end], first_room, width - content_col)
    indent = " " * content_col
    fresh = [indent + " ".join(words) for words in middle]
    body = old_lines[:head] + fresh + old_lines[tail:]
    if not body:
        return None
    if first_starts_inline:
        body[0] = body[0].lstrip(" ")
    if header:
        return header + "\n" + "\n".join(body)
    return "\n".join(body)


def reads_back(value_text: str, expected: str, key_col: int = 0) -> bool:
    """Whether ``value_text``, placed after a key at column ``key_col`` (its continuation
    lines already indented for that place), parses as ``expected``."""
    try:
        data = yaml.load(" " * key_col + "k: " + value_text + "\n", Loader=LOADER)
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and data.get("k") == expected
