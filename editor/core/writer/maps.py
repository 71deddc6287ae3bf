"""Mapping keys removed, added and moved by their own lines (block mappings) or their own
text (flow mappings), for the splice writer. Keys merged in with ``<<`` are not the
mapping's own: editing one writes an own key over it; removing one is refused."""

from __future__ import annotations

from collections import Counter
from typing import Any

from yaml.nodes import MappingNode, Node

from editor.core.errors import EditError
from editor.core.values import dotted, same
from editor.core.writer.base import NONE, Place, SpliceBase
from editor.core.writer.emit import flow_text
from editor.core.writer.flows import splice_flow
from editor.core.writer.hints import Hints
from editor.core.writer.items import ItemPlan, moved_keys
from editor.core.writer.positions import (
    column,
    entry_end,
    is_alias_entry,
    is_flow,
    line_start,
    next_line,
    own_entries,
    value_end,
)
from editor.core.writer.yamltree import MERGE, mapping_entries, merged_from


class MappingSplice(SpliceBase):
    def _diff_mapping(self, node: MappingNode, old: dict[Any, Any], new: dict[Any, Any],
                      place: Place) -> None:
        text = self.text
        own_pairs = {id(k) for k, _v in own_entries(text, node)}
        entries = [e for e in mapping_entries(node) if id(e[1]) in own_pairs]
        own_keys = {key for key, _k, _v in entries}
        counts = Counter(key for key, _k, _v in entries)
        removed = {k for k in old if k not in new}
        self._refuse_merged(node, place, removed)
        fresh = [k for k in new if k not in own_keys and (k not in old or not same(old[k], new[k]))]
        file_order = [k for k, _kn, _v in entries if k in new]
        new_order = [k for k in new if k in own_keys]
        moved = moved_keys(file_order, new_order)
        if moved and not self._own_lines(entries[0][1]) and entries[0][0] in new:
            # the first key shares its line with a list item's dash: it stays, others move
            first = entries[0][0]
            at = new_order.index(first)
            moved = set(new_order[:at]) | moved_keys(
                [k for k in file_order if k != first and k not in new_order[:at]],
                new_order[at + 1 :])
        flow = place.flow or is_flow(node)
        for key, knode, _vnode in entries:
            if counts[key] > 1 and (key in removed or moved or (  # a move reorders them all
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
                self._refuse_shared_within(vnode, path, is_alias_entry(knode, vnode))
                start = line_start(text, knode.start_mark.index)
                self._add(start, next_line(text, entry_end(text, knode, vnode)), "")
            elif key in new and not same(old[key], new[key]):
                self._diff(vnode, old[key], new[key], Place(node, knode, flow, path))
        if fresh or moved:
            self._insert_entries(node, entries, old, new,
                                 [k for k in new if k in moved or k in fresh], place.path)

    def _splice_flow_mapping(self, node: MappingNode, entries: list[tuple[Any, Node, Node]],
                             old: dict[Any, Any], new: dict[Any, Any],
                             placed: set[Any], place: Place) -> bool:
        """A flow mapping (``{a: 1}``) with keys removed, added or moved in place."""
        text, order = self.text, list(new)
        plan = ItemPlan[float]()
        last_j = -0.5
        for n, (key, knode, vnode) in enumerate(entries):
            if key is MERGE:  # <<: *base stays where it is, after the key before it
                plan.pairs.append((n, last_j + 0.25))
                last_j += 0.25
            elif key in new and key not in placed:
                last_j = order.index(key)
                plan.pairs.append((n, last_j))
            else:
                self._refuse_shared_within(vnode, (*place.path, key),
                                           is_alias_entry(knode, vnode))
                plan.gone.append(n)
        index = {key: n for n, (key, _k, _v) in enumerate(entries)}
        plan.placed = sorted(
            (order.index(key), index[key] if key in index and same(old[key], new[key]) else None)
            for key in placed)
        if not plan.pairs:
            return False
        for n, _j in plan.pairs:
            key, knode, vnode = entries[n]
            if key is not MERGE and not same(old[key], new[key]):
                self._diff(vnode, old[key], new[key],
                           Place(node, knode, True, (*place.path, key)))
        spots = [(k.start_mark.index, entry_end(text, k, v)) for _key, k, v in entries]
        return splice_flow(text, spots, plan,
                           lambda j: flow_text({order[j]: new[order[j]]})[1:-1], self._add)

    def _refuse_merged(self, node: MappingNode, place: Place, removed: set[Any]) -> None:
        """A key that ``<<`` merges in cannot be removed here: the merge would give it back."""
        for key in removed:
            source = merged_from(node, key)
            if source is not None:
                raise EditError(
                    f"'{dotted((*place.path, key))}' is merged in with '<<' from here, so "
                    "it cannot be removed where it is merged; remove it in the raw text",
                    line=source.start_mark.line + 1, column=source.start_mark.column + 1)

    def _insert_entries(self, node: MappingNode, entries: list[tuple[Any, Node, Node]],
                        old: dict[Any, Any], new: dict[Any, Any],
                        keys: list[Any], path: tuple[Any, ...]) -> None:
        """Write new and moved keys where the new mapping's order puts them.

        Such a key goes right after the nearest key before it (in ``new``'s order) that keeps
        its place in the file, else right before the nearest such key after it, else at the
        end of the mapping. A moved key whose value is unchanged keeps its own lines' text.
        """
        text = self.text
        col = column(text, entries[0][1].start_mark.index)
        hints = Hints(text, node, self.example if node is self.tree.root else None)
        kept = {key: (knode, vnode) for key, knode, vnode in entries
                if key in new and key not in keys}
        own = {key: (knode, vnode) for key, knode, vnode in entries}
        order = list(new)
        at_end = next_line(text, value_end(text, node))
        index = {key: n for n, (key, _k, _v) in enumerate(entries)}
        groups: dict[int, list[Any]] = {}
        inline = -1  # the position right after a list item's dash, when the first key is there
        for key in keys:
            i = order.index(key)
            before = next((k for k in reversed(order[:i]) if k in kept), NONE)
            after = next((k for k in order[i + 1 :] if k in kept), NONE)
            if before is not NONE and all(
                    k is MERGE for k, _kn, _v in entries[index[before] + 1 :]):
                pos = at_end  # after the last key: past merge entries written after it too
            elif before is not NONE:
                pos = next_line(text, entry_end(text, *kept[before]))
            elif after is not NONE and not self._own_lines(kept[after][0]):
                pos = inline = kept[after][0].start_mark.index
            elif after is not NONE:
                pos = line_start(text, kept[after][0].start_mark.index)
            else:
                pos = at_end
            groups.setdefault(pos, []).append(key)
        for pos, group in groups.items():
            parts = []
            for k in group:
                moved = (self._moved_entry(node, own[k], old[k], new[k], (*path, k))
                         if k in own else None)
                parts.append(moved if moved is not None else
                             "\n".join(self._entry_lines(k, new[k], col, hints)) + "\n")
            out = "".join(parts)
            if pos == inline:  # - new: 1\n  old: 2 (the new keys take the dash's line)
                out = out.lstrip(" ") + " " * col
            elif pos and text[pos - 1] != "\n":
                out = "\n" + out[:-1]
            self._add(pos, pos, out)


    def _moved_entry(self, node: MappingNode, entry: tuple[Node, Node], old: Any, new: Any,
                     path: tuple[Any, ...]) -> str | None:
        """A moved key's own lines, with its value's edits made in them."""
        text, (knode, vnode) = self.text, entry
        start = line_start(text, knode.start_mark.index)
        end = next_line(text, entry_end(text, knode, vnode))
        return self._edited_lines(vnode, old, new, Place(node, knode, is_flow(node), path),
                                  start, end)
