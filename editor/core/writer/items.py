"""Layout facts the splice writer needs to keep untouched text as it is.

When items are added to or removed from a block list, the items the writer did not touch keep
their text (quoting, escapes such as ``"\\_"``, comments): ``align`` pairs the old items with
the new, and ``item_spans`` says which lines each old item occupies. ``folded_offset`` says
how deep the file indents folded text, for a ``>-`` value that is empty until it is typed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Generic, TypeVar

from yaml.nodes import MappingNode, Node, SequenceNode

from editor.core.writer.positions import (
    column,
    content_indent,
    is_block_scalar,
    item_positions,
    line_start,
    next_line,
)
from editor.core.writer.yamltree import mapping_entries

_DASH = re.compile(r" *-(?: +|$)")
_FIRST_DASH = re.compile(r"(?: *- +)* *-(?: +|$)")


def item_spans(text: str, node: SequenceNode) -> tuple[int, list[tuple[int, int]]] | None:
    """The column of the items' dashes and each item's lines (start, end: the first character
    of the line after it). None unless every item starts its own line with ``-`` at one
    column (an empty ``-`` item too). An item written as an alias (``- *a``) is placed at its
    alias. The first item of a list nested on its parent's line (``- - a``) starts at its
    dash, not at the line's start."""
    spans: list[tuple[int, int]] = []
    dash_col = None
    for n, (start, end) in enumerate(item_positions(text, node)):
        first = line_start(text, start)
        prefix = text[first:start]
        if not (_DASH if n else _FIRST_DASH).fullmatch(prefix):
            return None
        dash = first + prefix.rindex("-")
        col = column(text, dash)
        if dash_col is not None and col != dash_col:
            return None
        dash_col = col
        if spans and first < spans[-1][1]:
            return None
        spans.append((first if n or _DASH.fullmatch(prefix) else dash, next_line(text, end)))
    if dash_col is None:
        return None
    return dash_col, spans


J = TypeVar("J", int, float)  # a new item's place: an index, or between two (maps)


@dataclass
class ItemPlan(Generic[J]):
    """How old list items become the new: ``pairs`` (old i, new j) stay in place (equal or
    edited), ``gone`` old items lose their place (removed, or moved elsewhere), and
    ``placed`` (new j, old i or None) are written where the new order puts them: the old
    item's own text when it was moved unchanged, else new text."""

    pairs: list[tuple[int, J]] = field(default_factory=list)
    gone: list[int] = field(default_factory=list)
    placed: list[tuple[int, int | None]] = field(default_factory=list)

    @property
    def in_place(self) -> bool:
        return not self.gone and not self.placed

    def anchor(self, j: int) -> int | None:
        """The in-place old item that new item ``j`` goes right after (None: the start)."""
        before = [i for i, jj in self.pairs if jj < j]
        return before[-1] if before else None


def plan_items(old: list[Any], new: list[Any], same: Callable[[Any, Any], bool],
               *alike: Callable[[Any, Any], bool]) -> ItemPlan[int]:
    """Pair equal runs of items. In the runs between them: a new item equal to an old one
    that lost its place is that item moved; the rest pair up in order where both are of a
    kind (two mappings, two lists, two scalars) and are edited in place; a new item left over
    that is ``alike`` (by each test in turn) an old one left over is that item moved and
    edited; the others are removed and written anew."""
    seen: list[Any] = []

    def token(value: Any) -> int:
        for n, other in enumerate(seen):
            if same(other, value):
                return n
        seen.append(value)
        return len(seen) - 1

    old_tokens = [token(v) for v in old]
    new_tokens = [token(v) for v in new]
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    plan = ItemPlan[int]()
    runs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            plan.pairs += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        else:
            runs.append((range(i1, i2), range(j1, j2)))
    moves: dict[int, int] = {}
    free_old = [i for olds, _news in runs for i in olds]

    def move(j: int, test: Callable[[int, int], bool]) -> None:
        source = next((i for i in free_old if test(i, j)), None)
        if source is not None:
            moves[j] = source
            free_old.remove(source)

    for _olds, news in runs:
        for j in news:
            move(j, lambda i, j: old_tokens[i] == new_tokens[j])
    left_new = []
    for olds, news in runs:
        for i, j in zip([i for i in olds if i in free_old], [j for j in news if j not in moves],
                        strict=False):
            if _kind(old[i]) == _kind(new[j]):
                plan.pairs.append((i, j))
                free_old.remove(i)
        left_new += [j for j in news if j not in moves and all(jj != j for _i, jj in plan.pairs)]
    for test in alike:
        for j in left_new:
            if j not in moves:
                def alike_at(i: int, j: int,
                             test: Callable[[Any, Any], bool] = test) -> bool:
                    return test(old[i], new[j])

                move(j, alike_at)
    plan.gone = sorted(i for i in range(len(old)) if i in free_old or i in moves.values())
    plan.placed = sorted((j, moves.get(j)) for j in left_new)
    plan.placed += [(j, i) for j, i in moves.items() if j not in left_new]
    plan.pairs.sort()
    plan.placed.sort()
    return plan


def _kind(value: Any) -> type:
    return dict if isinstance(value, dict) else list if isinstance(value, list) else object


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


def list_offset(text: str, node: Node | None) -> int | None:
    """How far past its key the file puts the dashes of a block list (0 for ``key:`` then
    ``- a`` at the key's column, 2 for dashes indented under it): the first such list found
    under ``node``, else None."""
    if isinstance(node, MappingNode):
        for _key, knode, vnode in mapping_entries(node):
            if isinstance(vnode, SequenceNode) and vnode.value and not vnode.flow_style:
                first = item_positions(text, vnode)[0][0]
                dash = text.rfind("-", 0, first + 1)
                if dash >= 0 and line_start(text, dash) > knode.start_mark.index:
                    return column(text, dash) - column(text, knode.start_mark.index)
            found = list_offset(text, vnode)
            if found is not None:
                return found
    elif isinstance(node, SequenceNode):
        for item in node.value:
            found = list_offset(text, item)
            if found is not None:
                return found
    return None
