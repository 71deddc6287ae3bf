"""What the splice writer's parts share: the changes it plans, where a node sits, and the
equality that decides what changed (types and key order count)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from editor.core.errors import EditError
from editor.core.hints import Hints
from editor.core.spans import is_alias_entry, item_positions, line_start
from editor.core.yamltree import Tree, mapping_entries

NONE = object()  # "no such key" (None is a valid YAML key)


@dataclass(frozen=True)
class Change:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Place:
    """Where a node sits: its parent collection, its key node, and the path to it."""

    parent: Node | None
    key: Node | None
    flow: bool
    path: tuple[Any, ...]


def same(a: Any, b: Any, _seen: set[tuple[int, int]] | None = None) -> bool:
    """Deep equality that also requires equal types (True is not 1, 1 is not 1.0) and the
    same key order. Recursive data (``x: &a [*a]``) compares without endless recursion."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict | list):
        if a is b:
            return True
        seen = set() if _seen is None else _seen
        pair = (id(a), id(b))
        if pair in seen:  # already being compared further up: equal unless shown otherwise
            return True
        seen.add(pair)
        if isinstance(a, dict):
            return list(a) == list(b) and all(same(a[k], b[k], seen) for k in a)
        return len(a) == len(b) and all(
            same(x, y, seen) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path) or "<root>"


def lines_of(text: str, start: int, end: int) -> str:
    """Whole lines of ``text`` to write elsewhere, ending in a newline; the file's line
    endings are put back by ``apply_changes``."""
    block = text[start:end].replace("\r\n", "\n")
    return block if block.endswith("\n") else block + "\n"


class SpliceBase:
    """State and helpers of the splice writer; ``Splicer`` adds the rest."""

    def __init__(self, text: str, tree: Tree, example: tuple[str, Tree] | None = None) -> None:
        """``example``: front matter in the site's format (its text and tree), whose style new
        keys take when the file has no sibling to copy."""
        self.text = text
        self.tree = tree
        self.changes: list[Change] = []
        self.example: Hints | None = None
        if example is not None and isinstance(example[1].root, MappingNode):
            self.example = Hints(example[0], example[1].root)

    def _add(self, start: int, end: int, text: str) -> None:
        self.changes.append(Change(start, end, text))

    def _refuse_shared(self, node: Node, place: Place) -> None:
        if id(node) in self.tree.shared:
            mark = node.start_mark
            raise EditError(
                f"'{dotted(place.path)}' is shared through a YAML anchor and alias; "
                "editing it here would change or break the alias, so edit it in the raw text",
                line=mark.line + 1,
                column=mark.column + 1,
            )

    def _own_lines(self, knode: Node) -> bool:
        start = knode.start_mark.index
        return not self.text[line_start(self.text, start) : start].strip()

    def _refuse_shared_within(self, node: Node, path: tuple[Any, ...],
                              alias: bool = False) -> None:
        """Refuse to remove text that defines an anchor some alias uses. An ``alias``
        occurrence (``*a``) defines nothing, and goes freely."""
        if alias:
            return
        self._refuse_shared(node, Place(None, None, False, path))
        if isinstance(node, MappingNode):
            for key, k, v in mapping_entries(node):
                self._refuse_shared_within(v, (*path, key), is_alias_entry(k, v))
        elif isinstance(node, SequenceNode):
            spots = item_positions(self.text, node)
            for i, item in enumerate(node.value):
                self._refuse_shared_within(item, (*path, i), spots[i][0] != item.start_mark.index)

    def _gap(self, pos: int) -> int:
        text, n = self.text, 0
        while pos + n < len(text) and text[pos + n] in " \t":
            n += 1
        return n

    # provided by Splicer
    def _diff(self, node: Node, old: Any, new: Any, place: Place) -> None:
        raise NotImplementedError

    def _replace_value(self, node: Node, new: Any, place: Place) -> None:
        raise NotImplementedError

    def _entry_lines(self, key: Any, value: Any, col: int, hints: Hints) -> list[str]:
        raise NotImplementedError
