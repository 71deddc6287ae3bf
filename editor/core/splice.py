"""The splice writer: re-emit only the values that changed, keep every other byte.

``plan_changes`` walks the composed node tree beside the old and the new data and returns text
replacements (start, end, text) against the original front matter. Untouched keys are never
re-emitted, so their quoting, wrapping, indentation and comments stay exactly as they were.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.emit import NO_WRAP, block_text, flow_text, is_scalar, scalar_text
from editor.core.errors import EditError
from editor.core.hints import Hints as _Hints
from editor.core.rewrap import keep_wrapping, reads_back
from editor.core.seqsplice import align, folded_offset, item_spans
from editor.core.spans import (
    column,
    content_indent,
    is_block_scalar,
    is_flow,
    line_end,
    line_start,
    next_line,
    value_end,
    wrap_width,
)
from editor.core.yamltree import Tree, mapping_entries, merged_from

_NONE = object()  # "no such key" (None is a valid YAML key)


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


def same(a: Any, b: Any) -> bool:
    """Deep equality that also requires equal types (True is not 1, 1 is not 1.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path) or "<root>"


class Splicer:
    """Plans the replacements that turn ``old`` front matter data into ``new``."""

    def __init__(self, text: str, tree: Tree, example: tuple[str, Tree] | None = None) -> None:
        """``example``: front matter in the site's format (its text and tree), whose style new
        keys take when the file has no sibling to copy."""
        self.text = text
        self.tree = tree
        self.changes: list[Change] = []
        self.example: _Hints | None = None
        if example is not None and isinstance(example[1].root, MappingNode):
            self.example = _Hints(example[0], example[1].root)

    # -- entry point -------------------------------------------------------------------------
    def plan(self, new: Any) -> list[Change]:
        root, old = self.tree.root, self.tree.data
        if same(old, new):
            return []
        if root is None:
            if not isinstance(new, dict):
                raise EditError("front matter must be a mapping of keys to values")
            hints = _Hints(self.text, None, self.example)
            lines = [ln for k, v in new.items() for ln in self._entry_lines(k, v, 0, hints)]
            self._add(0, 0, "\n".join(lines) + "\n")
        elif isinstance(root, MappingNode) and isinstance(new, dict) and not is_flow(root):
            self._diff(root, old, new, Place(None, None, False, ()))
        else:
            raise EditError("only front matter that is a block mapping of keys can be edited")
        return sorted(self.changes, key=lambda c: (c.start, c.end))

    def _add(self, start: int, end: int, text: str) -> None:
        self.changes.append(Change(start, end, text))

    # -- recursion ---------------------------------------------------------------------------
    def _diff(self, node: Node, old: Any, new: Any, place: Place) -> None:
        if same(old, new):
            return
        self._refuse_shared(node, place)
        if isinstance(node, MappingNode) and isinstance(old, dict) and isinstance(new, dict):
            self._diff_mapping(node, old, new, place)
        elif (
            isinstance(node, SequenceNode)
            and isinstance(old, list)
            and isinstance(new, list)
            and len(old) == len(new)
        ):
            flow = place.flow or is_flow(node)
            for i, item in enumerate(node.value):
                self._diff(item, old[i], new[i], Place(node, None, flow, (*place.path, i)))
        elif isinstance(node, ScalarNode) and is_scalar(new):
            self._replace_scalar(node, new, place)
        elif not self._resize_list(node, old, new, place):
            self._replace_value(node, new, place)

    def _resize_list(self, node: Node, old: Any, new: Any, place: Place) -> bool:
        """Items added to or removed from a block list: the others keep their text."""
        if not (isinstance(node, SequenceNode) and isinstance(old, list) and isinstance(new, list)
                and new and not place.flow and not is_flow(node)):
            return False
        found = item_spans(self.text, node)
        if found is None:
            return False
        col, spans = found
        for step, i, j in align(old, new, same):
            path = (*place.path, j if step == "pair" else i)
            if step == "pair":
                self._diff(node.value[i], old[i], new[j], Place(node, None, False, path))
            elif step == "delete":
                self._refuse_shared_within(node.value[i], path)
                self._add(*spans[i], "")
            else:
                pos = spans[i - 1][1] if i else spans[0][0]
                lines = "\n".join(block_text([new[j]], col=col))
                ends_line = self.text[pos - 1 : pos] in ("\n", "")
                self._add(pos, pos, lines + "\n" if ends_line else "\n" + lines)
        return True

    def _refuse_shared(self, node: Node, place: Place) -> None:
        if id(node) in self.tree.shared:
            mark = node.start_mark
            raise EditError(
                f"'{dotted(place.path)}' is shared through a YAML anchor and alias; "
                "editing it here would change or break the alias, so edit it in the raw text",
                line=mark.line + 1,
                column=mark.column + 1,
            )

    def _diff_mapping(self, node: MappingNode, old: dict, new: dict, place: Place) -> None:
        entries = mapping_entries(node)
        counts = Counter(key for key, _k, _v in entries)
        removed = {k for k in old if k not in new}
        added = [k for k in new if k not in old] + self._inherited(node, counts, old, new, place)
        flow = place.flow or is_flow(node)
        if (flow and (removed or added)) or (removed and not new):
            self._replace_value(node, new, place)
            return
        if removed and not all(self._own_lines(k) for key, k, _v in entries if key in removed):
            self._replace_value(node, new, place)
            return
        for key, knode, vnode in entries:
            path = (*place.path, key)
            if key in removed:
                self._refuse_shared_within(vnode, path)
                start = line_start(self.text, knode.start_mark.index)
                self._add(start, next_line(self.text, value_end(self.text, vnode)), "")
            elif key in new and not same(old[key], new[key]):
                if counts[key] > 1:
                    raise EditError(
                        f"key '{dotted(path)}' appears {counts[key]} times in this mapping; "
                        "remove the duplicate in the raw text before editing it",
                        line=knode.start_mark.line + 1,
                        column=knode.start_mark.column + 1,
                    )
                self._diff(vnode, old[key], new[key], Place(node, knode, flow, path))
        if added:
            self._insert_added(node, entries, new, [k for k in added if k in new])

    def _inherited(self, node: MappingNode, own: Counter, old: dict, new: dict,
                   place: Place) -> list[Any]:
        """Keys merged in with ``<<`` whose value changed: each gets a key of its own here
        (overriding the merged one, which other mappings share). Removing one is refused:
        the merge would give it back."""
        for key in old:
            source = merged_from(node, key) if key not in new else None
            if source is not None:
                raise EditError(
                    f"'{dotted((*place.path, key))}' is merged in with '<<' from here, so "
                    "it cannot be removed where it is merged; remove it in the raw text",
                    line=source.start_mark.line + 1, column=source.start_mark.column + 1)
        return [k for k in new if k in old and k not in own and not same(old[k], new[k])]

    def _insert_added(self, node: MappingNode, entries: list, new: dict, added: list) -> None:
        """Write new keys where the new mapping's order puts them.

        A new key goes right after the nearest key before it (in ``new``'s order) that the
        file already has, else right before the nearest such key after it, else at the end of
        the mapping. Keys the file has keep their places; only new lines are inserted.
        """
        col = column(self.text, node.value[0][0].start_mark.index)
        hints = _Hints(self.text, node, self.example if node is self.tree.root else None)
        kept = {key: (knode, vnode) for key, knode, vnode in entries if key in new}
        order = list(new)
        at_end = next_line(self.text, value_end(self.text, node))
        groups: dict[int, list[Any]] = {}
        for key in added:
            i = order.index(key)
            before = next((k for k in reversed(order[:i]) if k in kept), _NONE)
            after = next((k for k in order[i + 1 :] if k in kept), _NONE)
            if before is not _NONE:
                pos = next_line(self.text, value_end(self.text, kept[before][1]))
            elif after is not _NONE:
                pos = line_start(self.text, kept[after][0].start_mark.index)
            else:
                pos = at_end
            groups.setdefault(pos, []).append(key)
        for pos, keys in groups.items():
            lines = [ln for k in keys for ln in self._entry_lines(k, new[k], col, hints)]
            self._add(pos, pos, "\n".join(lines) + "\n")

    def _own_lines(self, knode: Node) -> bool:
        start = knode.start_mark.index
        return not self.text[line_start(self.text, start) : start].strip()

    def _refuse_shared_within(self, node: Node, path: tuple[Any, ...]) -> None:
        self._refuse_shared(node, Place(None, None, False, path))
        if isinstance(node, MappingNode):
            for key, _k, v in mapping_entries(node):
                self._refuse_shared_within(v, (*path, key))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                self._refuse_shared_within(item, (*path, i))

    # -- emitting ----------------------------------------------------------------------------
    def _skip_properties(self, pos: int) -> tuple[int, bool]:
        """Skip an anchor (&a) or tag (!t) before a value; return (position, found)."""
        text, found = self.text, False
        while pos < len(text) and text[pos] in "&!":
            found = True
            while pos < len(text) and text[pos] not in " \t\r\n":
                pos += 1
            while pos < len(text) and text[pos] in " \t":
                pos += 1
        return pos, found

    def _parent_col(self, node: Node, place: Place) -> int:
        if place.key is not None:
            return column(self.text, place.key.start_mark.index)
        return max(0, column(self.text, node.start_mark.index) - 2)

    def _replace_scalar(self, node: ScalarNode, new: Any, place: Place) -> None:
        text = self.text
        start, _ = self._skip_properties(node.start_mark.index)
        end = value_end(text, node)
        if place.flow:
            self._add(start, end, flow_text(new, node.style or None))
            return
        parent_col = self._parent_col(node, place)
        if is_block_scalar(node):  # an empty one: indented like the others at its column
            content_col = content_indent(text, node) or parent_col + (
                folded_offset(text, place.parent, parent_col)
                or folded_offset(text, self.tree.root, parent_col) or 2)
        elif node.end_mark.line > node.start_mark.line:
            second = next_line(text, start)
            content_col = len(text[second:end]) - len(text[second:end].lstrip(" "))
        else:
            content_col = parent_col + 2
        if new is None and isinstance(place.parent, MappingNode):
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            self._add(start, end, "")
            return
        style = node.style or None
        blank_or_kept = isinstance(new, str) and new != "" and (
            not new.strip() or new.endswith("\n\n"))
        if style in ("|", ">") and blank_or_kept:
            style = '"'  # blank or keep-chomped text reads back reliably only when quoted
        width = wrap_width(text, node) or NO_WRAP
        place_args = {"first_col": column(text, start), "parent_col": parent_col,
                      "content_col": content_col}
        out = scalar_text(new, style, width=width, **place_args)
        if width < NO_WRAP and isinstance(new, str) and style != "|":
            single = scalar_text(new, style, **place_args)
            kept = keep_wrapping(text[start:end], single, first_col=place_args["first_col"],
                                 content_col=content_col, width=width)
            if kept is not None and reads_back(kept, new):
                out = kept
        if is_block_scalar(node):
            old_header = text[start : line_end(text, start)]
            new_header = out.split("\n", 1)[0]
            if old_header.split(" #", 1)[0].rstrip() == new_header:
                out = old_header + out[len(new_header) :]
        if start == end and start > 0 and text[start - 1] not in " \t":
            out = " " + out
        self._add(start, end, out)

    def _replace_value(self, node: Node, new: Any, place: Place) -> None:
        text = self.text
        if place.flow:
            start, _ = self._skip_properties(node.start_mark.index)
            self._add(start, value_end(text, node), flow_text(new))
            return
        if place.parent is None:
            raise EditError("front matter must stay a mapping of keys to values")
        end = value_end(text, node)
        if isinstance(place.parent, MappingNode):
            colon = text.index(":", place.key.end_mark.index) + 1
            props_end, has_props = self._skip_properties(colon + self._gap(colon))
            start = colon
            if has_props:
                start = props_end
                while text[start - 1] in " \t":
                    start -= 1
            key_col = column(text, place.key.start_mark.index)
            if isinstance(new, dict | list) and new and not is_flow(node):
                child_col = key_col + _Hints(text, place.parent).child_offset
                if isinstance(node, MappingNode | SequenceNode) and node.value:
                    child_col = column(text, node.start_mark.index)
                template = node if isinstance(node, MappingNode) else None
                lines = self._block_lines(new, child_col, template)
                self._add(start, max(end, start), "\n" + "\n".join(lines))
                return
            if new is None:
                self._add(start, max(end, start), "")
                return
            out = flow_text(new) if isinstance(new, dict | list) else scalar_text(
                new, None, first_col=column(text, start) + 1, parent_col=key_col,
                content_col=key_col + 2,
            )
            self._add(start, max(end, start), " " + out)
            return
        start = node.start_mark.index
        item_col = column(text, start)
        if isinstance(new, dict | list) and new and not is_flow(node):
            template = node if isinstance(node, MappingNode) else None
            lines = self._block_lines(new, item_col, template)
            lines[0] = lines[0].lstrip(" ")
            self._add(start, end, "\n".join(lines))
            return
        out = flow_text(new) if isinstance(new, dict | list) else scalar_text(
            new, None, first_col=item_col, parent_col=max(0, item_col - 2), content_col=item_col
        )
        self._add(start, end, out)

    def _gap(self, pos: int) -> int:
        text, n = self.text, 0
        while pos + n < len(text) and text[pos + n] in " \t":
            n += 1
        return n

    def _block_lines(self, value: dict | list, col: int, template: MappingNode | None,
                     template_text: str | None = None) -> list[str]:
        if isinstance(value, list):
            return block_text(value, col=col)
        hints = _Hints(self.text if template_text is None else template_text, template)
        return [ln for k, v in value.items() for ln in self._entry_lines(k, v, col, hints)]

    def _entry_lines(self, key: Any, value: Any, col: int, hints: _Hints) -> list[str]:
        key_text = flow_text(key) if not isinstance(key, str) else scalar_text(
            key, None, first_col=col, parent_col=col, content_col=col + 2
        )
        pad = " " * col
        if isinstance(value, dict) and value:
            template, offset, template_text = hints.template_for(key)
            child_col = col + offset
            return [f"{pad}{key_text}:",
                    *self._block_lines(value, child_col, template, template_text)]
        if isinstance(value, list) and value:
            return [f"{pad}{key_text}:", *block_text(value, col=col)]
        if value is None:
            return [f"{pad}{key_text}:"]
        out = flow_text(value) if isinstance(value, dict | list) else scalar_text(
            value,
            hints.style_for(key, value),
            first_col=col + len(key_text) + 2,
            parent_col=col,
            content_col=col + hints.content_offset,
        )
        return f"{pad}{key_text}: {out}".split("\n")


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
