"""What the splice writer's parts share: the changes it plans, where a node sits, and the
equality that decides what changed (types and key order count)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from editor.core.errors import EditError
from editor.core.values import dotted, same
from editor.core.writer.hints import Hints
from editor.core.writer.positions import is_alias_entry, item_positions, line_start
from editor.core.writer.yamltree import Tree, mapping_entries

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


def lines_of(text: str, start: int, end: int) -> str:
    """Whole lines of ``text`` to write elsewhere, ending in a newline; the file's line
    endings are put back by ``apply_changes``."""
    block = text[start:end].replace("\r\n", "\n")
    return block if block.endswith("\n") else block + "\n"


def apply_changes(text: str, changes: list[Change], newline: str = "\n") -> str:
    """Apply sorted, non-overlapping changes; inserted text takes the file's line endings."""
    parts: list[str] = []
    pos = 0
    for change in changes:
        if change.start < pos:
            raise EditError("internal error: overlapping edits")
        parts.append(text[pos : change.start])
        new_text = change.text
        if newline != "\n":
            new_text = new_text.replace("\n", newline)
        parts.append(new_text)
        pos = change.end
    parts.append(text[pos:])
    return "".join(parts)


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

    def _edited_lines(self, node: Node, old: Any, new: Any, place: Place, start: int,
                      end: int) -> str | None:
        """The lines ``start:end`` holding ``node`` (moved elsewhere), with the edits from
        ``old`` to ``new`` made in them; None when an edit reaches outside them."""
        if same(old, new):
            return lines_of(self.text, start, end)
        kept, self.changes = self.changes, []
        try:
            self._diff(node, old, new, place)
            inner = sorted(self.changes, key=lambda c: (c.start, c.end))
        finally:
            self.changes = kept
        if not all(start <= c.start and c.end <= end for c in inner):
            return None
        shifted = [Change(c.start - start, c.end - start, c.text) for c in inner]
        block = apply_changes(self.text[start:end], shifted)
        return lines_of(block, 0, len(block))

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

    def _item_lines(self, value: dict[Any, Any], dash_col: int, key_col: int,
                    template: MappingNode | None) -> list[str]:
        raise NotImplementedError
