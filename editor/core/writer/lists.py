"""List items inserted, removed and moved by their own lines (block lists) or their own
text (flow lists), for the splice writer."""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, SequenceNode

from editor.core.values import alike, kin, same
from editor.core.writer.base import Place, SpliceBase, lines_of
from editor.core.writer.emit import block_text, flow_text
from editor.core.writer.flows import splice_flow
from editor.core.writer.items import ItemPlan, item_spans, plan_items
from editor.core.writer.positions import column, is_flow, item_positions, line_start

#: An anchor defined in an item's text (``&name``): a copy of it would define it twice.
_ANCHOR = re.compile(r"(?:^|[\s:\-\[{,])&[^\s,\[\]{}]+")


class ListSplice(SpliceBase):
    def _splice_list(self, node: SequenceNode, old: list[Any], new: list[Any],
                     place: Place) -> bool:
        """Items inserted, removed or moved: the others keep their text, a moved item its
        own lines (or, in a flow list, its own text). False when the list must be
        written again as a whole."""
        flow = place.flow or is_flow(node)
        plan = plan_items(old, new, same, alike, kin) if old and new else None
        if plan is None or plan.in_place:
            if len(old) != len(new):
                return False
            for i, item in enumerate(node.value):
                self._diff(item, old[i], new[i], Place(node, None, flow, (*place.path, i)))
            return True
        spots = item_positions(self.text, node)
        for i in plan.gone:
            alias = spots[i][0] != node.value[i].start_mark.index  # - *a
            self._refuse_shared_within(node.value[i], (*place.path, i), alias)
        if flow:
            return self._splice_flow_list(node, old, new, plan, place)
        found = item_spans(self.text, node)
        if found is None:
            return False
        col, spans = found
        if spans[0][0] != line_start(self.text, spans[0][0]) and (  # - - a: a nested list
                0 in plan.gone or any(plan.anchor(j) is None for j, _i in plan.placed)):
            self._rewrite_nested(old, new, plan, col, spans)
            return True
        for i, j in plan.pairs:
            self._diff(node.value[i], old[i], new[j], Place(node, None, False, (*place.path, j)))
        for i in plan.gone:
            self._add(*spans[i], "")
        groups: dict[int, list[str]] = {}
        for j, source in plan.placed:
            at = plan.anchor(j)
            pos = spans[at][1] if at is not None else spans[0][0]
            moved = self._edited_lines(
                node.value[source], old[source], new[j],
                Place(node, None, False, (*place.path, j)), *spans[source],
            ) if source is not None else None
            if moved is not None:
                groups.setdefault(pos, []).append(moved)
            else:
                groups.setdefault(pos, []).append(
                    self._new_item(node, old, new[j], col, spans, at or 0))
        for pos, blocks in groups.items():
            out = "".join(blocks)
            if pos and self.text[pos - 1] != "\n":
                out = "\n" + out[:-1]
            self._add(pos, pos, out)
        return True

    def _new_item(self, node: SequenceNode, old: list[Any], value: Any, col: int,
                  spans: list[tuple[int, int]], near: int) -> str:
        """The lines of a new item: a copy of an equal item's own lines (a duplicate keeps
        its quoting, folding and dates), else a mapping written in the style of its
        sibling ``near`` (the item it follows), keys in its own order, else the emitter's
        text."""
        text = self.text
        for k, item in enumerate(old):
            start, end = spans[k]
            if (same(item, value) and start == line_start(text, start)
                    and not _ANCHOR.search(text[start:end])):
                return lines_of(text, start, end)
        if isinstance(value, dict) and value:
            order = [node.value[near], *node.value]
            sibling = next((n for n in order if isinstance(n, MappingNode) and n.value
                            and not is_flow(n)), None)
            key_col = col + 2
            if sibling is not None:
                key_col = column(text, sibling.value[0][0].start_mark.index)
            return "\n".join(self._item_lines(value, col, key_col, sibling)) + "\n"
        return "\n".join(block_text([value], col=col)) + "\n"

    def _rewrite_nested(self, old: list[Any], new: list[Any], plan: ItemPlan[int], col: int,
                        spans: list[tuple[int, int]]) -> None:
        """A list whose first item stands on its parent's dash line (``- - a``), with that
        item moved or removed: the items are written again in their new order from their own
        lines, the new first one taking the dash line; only new and edited items get new
        text."""
        text = self.text
        source = dict(plan.placed)
        source.update({j: i for i, j in plan.pairs})
        blocks = []
        for j, value in enumerate(new):
            i = source.get(j)
            if i is not None and same(old[i], value):
                block = lines_of(text, *spans[i])
                blocks.append(" " * col + block if i == 0 else block)
            else:
                blocks.append("\n".join(block_text([value], col=col)) + "\n")
        out = "".join(blocks)[col:]
        if text[spans[-1][1] - 1] != "\n":
            out = out[:-1]
        self._add(spans[0][0], spans[-1][1], out)

    def _splice_flow_list(self, node: SequenceNode, old: list[Any], new: list[Any],
                          plan: ItemPlan[int], place: Place) -> bool:
        """A flow list (``[a, 'b']``) with items removed, inserted or moved in place."""
        if not plan.pairs:
            return False
        for i, j in plan.pairs:
            self._diff(node.value[i], old[i], new[j], Place(node, None, True, (*place.path, j)))
        plan.placed = [(j, i if i is not None and same(old[i], new[j]) else None)
                       for j, i in plan.placed]  # a moved item that was edited: new text
        return splice_flow(self.text, item_positions(self.text, node), plan,
                           lambda j: flow_text(new[j]), self._add)
