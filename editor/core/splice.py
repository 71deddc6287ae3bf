"""The splice writer: re-emit only the values that changed, keep every other byte.

``plan_changes`` walks the composed node tree beside the old and the new data and returns text
replacements (start, end, text) against the original front matter. Untouched keys are never
re-emitted, so their quoting, wrapping, indentation and comments stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.emit import NO_WRAP, block_text, flow_text, is_scalar, scalar_text
from editor.core.errors import EditError
from editor.core.flowsplice import splice_flow
from editor.core.hints import Hints as _Hints
from editor.core.rewrap import keep_wrapping, reads_back
from editor.core.seqsplice import ItemPlan, folded_offset, item_spans, moved_keys, plan_items
from editor.core.spans import (
    column,
    content_indent,
    entry_end,
    is_block_scalar,
    is_flow,
    item_positions,
    line_end,
    line_start,
    next_line,
    own_entries,
    value_end,
    wrap_width,
)
from editor.core.yamltree import STR_TAG, Tree, mapping_entries

_NONE = object()
_HEADER_COMMENT = re.compile(r"[ \t]+#.*$")
_SEP_COMMENT = re.compile(r"[ \t]*#[^\r\n]*")  # "no such key" (None is a valid YAML key)


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


_TAG_TYPES: dict[str, tuple[type, ...]] = {
    "tag:yaml.org,2002:str": (str,),
    "tag:yaml.org,2002:int": (int,),
    "tag:yaml.org,2002:float": (float,),
    "tag:yaml.org,2002:bool": (bool,),
    "tag:yaml.org,2002:null": (type(None),),
    "tag:yaml.org,2002:timestamp": (dt.date,),
    "tag:yaml.org,2002:binary": (bytes,),
    "tag:yaml.org,2002:seq": (list,),
    "tag:yaml.org,2002:map": (dict,),
}


def _fits(tag: str, value: Any) -> bool:
    """Whether a value of ``value``'s type can stay under ``tag`` (an int is no bool)."""
    types = _TAG_TYPES.get(tag)
    if types is None:
        return False
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


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
        elif isinstance(node, SequenceNode) and isinstance(old, list) and isinstance(new, list):
            if not self._splice_list(node, old, new, place):
                self._replace_value(node, new, place)
        elif isinstance(node, ScalarNode) and is_scalar(new):
            self._replace_scalar(node, new, place)
        else:
            self._replace_value(node, new, place)

    def _splice_list(self, node: SequenceNode, old: list, new: list, place: Place) -> bool:
        """Items inserted, removed or moved: the others keep their text, a moved item its
        own lines (or, in a flow list, its own text). False when the list must be
        written again as a whole."""
        flow = place.flow or is_flow(node)
        plan = plan_items(old, new, same) if old and new else None
        if plan is None or plan.in_place:
            if len(old) != len(new):
                return False
            for i, item in enumerate(node.value):
                self._diff(item, old[i], new[i], Place(node, None, flow, (*place.path, i)))
            return True
        for i in plan.gone:
            self._refuse_shared_within(node.value[i], (*place.path, i))
        if flow:
            return self._splice_flow_list(node, old, new, plan, place)
        found = item_spans(self.text, node)
        if found is None:
            return False
        col, spans = found
        if spans[0][0] != line_start(self.text, spans[0][0]) and (  # - - a: a nested list
                0 in plan.gone or any(plan.anchor(j) is None for j, _i in plan.placed)):
            return False
        for i, j in plan.pairs:
            self._diff(node.value[i], old[i], new[j], Place(node, None, False, (*place.path, j)))
        for i in plan.gone:
            self._add(*spans[i], "")
        groups: dict[int, list[str]] = {}
        for j, source in plan.placed:
            at = plan.anchor(j)
            pos = spans[at][1] if at is not None else spans[0][0]
            if source is not None:
                groups.setdefault(pos, []).append(_lines_of(self.text, *spans[source]))
            else:
                groups.setdefault(pos, []).append("\n".join(block_text([new[j]], col=col)) + "\n")
        for pos, blocks in groups.items():
            out = "".join(blocks)
            if pos and self.text[pos - 1] != "\n":
                out = "\n" + out[:-1]
            self._add(pos, pos, out)
        return True

    def _splice_flow_list(self, node: SequenceNode, old: list, new: list, plan: ItemPlan,
                          place: Place) -> bool:
        """A flow list (``[a, 'b']``) with items removed, inserted or moved in place."""
        if not plan.pairs:
            return False
        for i, j in plan.pairs:
            self._diff(node.value[i], old[i], new[j], Place(node, None, True, (*place.path, j)))
        return splice_flow(self.text, item_positions(self.text, node), plan,
                           lambda j: flow_text(new[j]), self._add)

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
        text = self.text
        own_pairs = {id(k) for k, _v in own_entries(text, node)}
        entries = [e for e in mapping_entries(node) if id(e[1]) in own_pairs]
        own_keys = {key for key, _k, _v in entries}
        merged = {key for key, k, _v in mapping_entries(node) if id(k) not in own_pairs}
        counts = Counter(key for key, _k, _v in entries)
        removed = {k for k in old if k not in new}
        self._refuse_merged(node, place, merged & removed)
        fresh = [k for k in new if k not in own_keys and (k not in old or not same(old[k], new[k]))]
        moved = moved_keys([k for k, _kn, _v in entries if k in new],
                           [k for k in new if k in own_keys])
        flow = place.flow or is_flow(node)
        if not entries and fresh:
            self._refuse_merged(node, place, set(fresh))
        for key, knode, _vnode in entries:
            if counts[key] > 1 and (key in removed or key in moved or (
                    key in new and not same(old[key], new[key]))):
                raise EditError(
                    f"key '{dotted((*place.path, key))}' appears {counts[key]} times in this "
                    "mapping; remove the duplicate in the raw text before editing it",
                    line=knode.start_mark.line + 1,
                    column=knode.start_mark.column + 1,
                )
        if removed and not new:
            self._replace_value(node, new, place)
            return
        if flow and (removed or fresh or moved):
            if not self._splice_flow_mapping(node, entries, old, new, {*fresh, *moved}, place):
                self._replace_value(node, new, place)
            return
        if (removed or moved) and not all(
                self._own_lines(k) for key, k, _v in entries if key in removed or key in moved):
            self._replace_value(node, new, place)
            return
        for key, knode, vnode in entries:
            path = (*place.path, key)
            if key in removed or key in moved:
                self._refuse_shared_within(vnode, path)
                start = line_start(text, knode.start_mark.index)
                self._add(start, next_line(text, entry_end(text, knode, vnode)), "")
            elif key in new and not same(old[key], new[key]):
                self._diff(vnode, old[key], new[key], Place(node, knode, flow, path))
        if fresh or moved:
            self._insert_entries(node, entries, old, new, [k for k in new if k in moved
                                                           or k in fresh])

    def _splice_flow_mapping(self, node: MappingNode, entries: list, old: dict, new: dict,
                             placed: set[Any], place: Place) -> bool:
        """A flow mapping (``{a: 1}``) with keys removed, added or moved in place."""
        text, order = self.text, list(new)
        plan = ItemPlan()
        for n, (key, _k, vnode) in enumerate(entries):
            if key in new and key not in placed:
                plan.pairs.append((n, order.index(key)))
            else:
                self._refuse_shared_within(vnode, (*place.path, key))
                plan.gone.append(n)
        index = {key: n for n, (key, _k, _v) in enumerate(entries)}
        plan.placed = sorted(
            (order.index(key), index[key] if key in index and same(old[key], new[key]) else None)
            for key in placed)
        if not plan.pairs:
            return False
        for n, _j in plan.pairs:
            key, knode, vnode = entries[n]
            if not same(old[key], new[key]):
                self._diff(vnode, old[key], new[key],
                           Place(node, knode, True, (*place.path, key)))
        spots = [(k.start_mark.index, entry_end(text, k, v)) for _key, k, v in entries]
        return splice_flow(text, spots, plan,
                           lambda j: flow_text({order[j]: new[order[j]]})[1:-1], self._add)

    def _refuse_merged(self, node: MappingNode, place: Place, keys: set[Any]) -> None:
        if keys:
            mark = node.start_mark
            raise EditError(
                f"'{dotted((*place.path, sorted(map(str, keys))[0]))}' comes from a mapping "
                "merged in with '<<'; edit it in the raw text",
                line=mark.line + 1, column=mark.column + 1,
            )

    def _insert_entries(self, node: MappingNode, entries: list, old: dict, new: dict,
                        keys: list) -> None:
        """Write new and moved keys where the new mapping's order puts them.

        Such a key goes right after the nearest key before it (in ``new``'s order) that keeps
        its place in the file, else right before the nearest such key after it, else at the
        end of the mapping. A moved key whose value is unchanged keeps its own lines' text.
        """
        text = self.text
        col = column(text, entries[0][1].start_mark.index)
        hints = _Hints(text, node, self.example if node is self.tree.root else None)
        kept = {key: (knode, vnode) for key, knode, vnode in entries
                if key in new and key not in keys}
        own = {key: (knode, vnode) for key, knode, vnode in entries}
        order = list(new)
        at_end = next_line(text, value_end(text, node))
        groups: dict[int, list[Any]] = {}
        inline = -1  # the position right after a list item's dash, when the first key is there
        for key in keys:
            i = order.index(key)
            before = next((k for k in reversed(order[:i]) if k in kept), _NONE)
            after = next((k for k in order[i + 1 :] if k in kept), _NONE)
            if before is not _NONE:
                pos = next_line(text, entry_end(text, *kept[before]))
            elif after is not _NONE and not self._own_lines(kept[after][0]):
                pos = inline = kept[after][0].start_mark.index
            elif after is not _NONE:
                pos = line_start(text, kept[after][0].start_mark.index)
            else:
                pos = at_end
            groups.setdefault(pos, []).append(key)
        for pos, group in groups.items():
            parts = []
            for k in group:
                if k in own and same(old[k], new[k]):
                    knode, vnode = own[k]
                    parts.append(_lines_of(text, line_start(text, knode.start_mark.index),
                                           next_line(text, entry_end(text, knode, vnode))))
                else:
                    parts.append("\n".join(self._entry_lines(k, new[k], col, hints)) + "\n")
            out = "".join(parts)
            if pos == inline:  # - new: 1\n  old: 2 (the new keys take the dash's line)
                out = out.lstrip(" ") + " " * col
            elif pos and text[pos - 1] != "\n":
                out = "\n" + out[:-1]
            self._add(pos, pos, out)

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
    def _properties(self, pos: int) -> list[tuple[int, int]]:
        """Spans of the anchor (&a) and tag (!t) tokens starting at ``pos``, in order."""
        text, found = self.text, []
        while pos < len(text) and text[pos] in "&!":
            start = pos
            while pos < len(text) and text[pos] not in " \t\r\n":
                pos += 1
            found.append((start, pos))
            while pos < len(text) and text[pos] in " \t":
                pos += 1
        return found

    def _skip_properties(self, pos: int) -> tuple[int, bool]:
        """Skip an anchor (&a) or tag (!t) before a value; return (position, found)."""
        props = self._properties(pos)
        if not props:
            return pos, False
        return props[-1][1] + self._gap(props[-1][1]), True

    def _unfit_tag(self, props: list[tuple[int, int]], node: Node, new: Any) -> int | None:
        """Index in ``props`` of a tag the new value's type no longer fits, else None."""
        for i, (start, _end) in enumerate(props):
            if self.text[start] == "!" and not _fits(node.tag, new):
                return i
        return None

    def _keeps_str_tag(self, node: Node, style: str | None, new: Any) -> bool:
        props = self._properties(node.start_mark.index)
        return (style is None and isinstance(new, str) and node.tag == STR_TAG
                and any(self.text[s] == "!" for s, _e in props) and "\n" not in new
                and new == new.strip())

    def _parent_col(self, node: Node, place: Place) -> int:
        if place.key is not None:
            return column(self.text, place.key.start_mark.index)
        return max(0, column(self.text, node.start_mark.index) - 2)

    def _replace_scalar(self, node: ScalarNode, new: Any, place: Place) -> None:
        text = self.text
        start, _ = self._skip_properties(node.start_mark.index)
        props = self._properties(node.start_mark.index)
        unfit = self._unfit_tag(props, node, new)
        end = value_end(text, node)
        if new is None and isinstance(place.parent, MappingNode) and not place.flow:
            if unfit == len(props) - 1:  # the last property goes with the value
                start = props[unfit][0]
            elif unfit is not None:
                self._add(props[unfit][0], props[unfit + 1][0], "")
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            self._add(start, end, "")
            return
        if unfit is not None:
            tag_start, tag_end = props[unfit]
            self._add(tag_start, tag_end + self._gap(tag_end), "")
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
        if self._keeps_str_tag(node, style, new) and reads_back(f"!!str {new}", new):
            out = new  # the tag says string: no quotes needed
        if is_block_scalar(node):
            old_header = text[start : line_end(text, start)]
            comment = _HEADER_COMMENT.search(old_header)
            if comment is not None:  # the header's comment stays, whatever the new header
                new_header, _, rest = out.partition("\n")
                if new_header[:1] in ("|", ">"):
                    out = new_header + comment.group() + (f"\n{rest}" if rest else "")
                else:
                    out += comment.group()
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
            props = self._properties(colon + self._gap(colon))
            unfit = self._unfit_tag(props, node, new)
            if unfit is not None and unfit < len(props) - 1:  # the tag, then an anchor
                self._add(props[unfit][0], props[unfit + 1][0], "")
            elif unfit is not None:
                props = props[:-1]
            start = props[-1][1] if props else colon
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


def _lines_of(text: str, start: int, end: int) -> str:
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
