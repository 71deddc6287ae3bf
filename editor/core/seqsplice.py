"""Layout facts the splice writer needs to keep untouched text as it is.

When items are added to or removed from a block list, the items the writer did not touch keep
their text (quoting, escapes such as ``"\\_"``, comments): ``align`` pairs the old items with
the new, and ``item_spans`` says which lines each old item occupies. ``folded_offset`` says
how deep the file indents folded text, for a ``>-`` value that is empty until it is typed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.spans import (
    column,
    content_indent,
    is_block_scalar,
    line_start,
    next_line,
    value_end,
)
from editor.core.yamltree import mapping_entries

_DASH = re.compile(r" *- +")
NULL_TAG = "tag:yaml.org,2002:null"


def item_spans(text: str, node: SequenceNode) -> tuple[int, list[tuple[int, int]]] | None:
    """The column of the items' dashes and each item's lines (start, end: the first character
    of the line after it). None unless every item starts its own line with ``- `` at one
    column and holds a value (an empty ``-`` item or one with an anchor or tag is not told)."""
    spans: list[tuple[int, int]] = []
    dash_col = None
    for item in node.value:
        start = item.start_mark.index
        first = line_start(text, start)
        if not _DASH.fullmatch(text[first:start]):
            return None
        if isinstance(item, ScalarNode) and item.tag == NULL_TAG and not item.value:
            return None
        col = column(text, first + text[first:start].index("-"))
        if dash_col is not None and col != dash_col:
            return None
        dash_col = col
        end = next_line(text, value_end(text, item))
        if spans and first < spans[-1][1]:
            return None
        spans.append((first, end))
    if dash_col is None:
        return None
    return dash_col, spans


def align(old: list, new: list, same: Callable[[Any, Any], bool]) -> list[tuple[str, int, int]]:
    """Steps turning ``old`` into ``new``, in order: ("pair", i, j) when old item i becomes
    new item j (equal or edited), ("delete", i, -1), ("insert", i, j) when new item j goes
    just before old item i (after the last one when i == len(old))."""
    seen: list[Any] = []

    def token(value: Any) -> int:
        for n, other in enumerate(seen):
            if same(other, value):
                return n
        seen.append(value)
        return len(seen) - 1

    old_tokens = [token(v) for v in old]
    new_tokens = [token(v) for v in new]
    steps: list[tuple[str, int, int]] = []
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        paired = min(i2 - i1, j2 - j1)
        steps += [("pair", i1 + k, j1 + k) for k in range(paired)]
        steps += [("delete", i, -1) for i in range(i1 + paired, i2)]
        steps += [("insert", i1 + paired, j) for j in range(j1 + paired, j2)]
    return steps


def moved_keys(file_order: list[Any], new_order: list[Any]) -> set[Any]:
    """Keys to move so that ``file_order`` reads as ``new_order``: those outside the longest
    run of keys the two orders share (both list the same keys)."""
    if file_order == new_order:
        return set()
    matcher = SequenceMatcher(None, file_order, new_order, autojunk=False)
    staying = {k for block in matcher.get_matching_blocks()
               for k in file_order[block.a : block.a + block.size]}
    return {k for k in new_order if k not in staying}


def folded_offset(text: str, node: Node | None, key_col: int) -> int | None:
    """How far past its key the file indents the text of a block scalar whose key stands at
    column ``key_col`` (the first one found under ``node`` that has text), else None."""
    if isinstance(node, MappingNode):
        for _key, knode, vnode in mapping_entries(node):
            if is_block_scalar(vnode) and column(text, knode.start_mark.index) == key_col:
                indent = content_indent(text, vnode)
                if indent is not None and indent > key_col:
                    return indent - key_col
            found = folded_offset(text, vnode, key_col)
            if found is not None:
                return found
    elif isinstance(node, SequenceNode):
        for item in node.value:
            found = folded_offset(text, item, key_col)
            if found is not None:
                return found
    return None
