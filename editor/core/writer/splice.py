"""The splice writer: re-emit only the values that changed, keep every other byte.

``Splicer.plan`` walks the composed node tree beside the old and the new data and returns text
replacements (start, end, text) against the original front matter. Untouched keys are never
re-emitted, so their quoting, wrapping, indentation and comments stay exactly as they were.
List items and mapping keys that are removed, added or moved touch only their own lines (see
``listsplice`` and ``mapsplice``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.errors import EditError
from editor.core.values import dotted, same
from editor.core.writer.base import Change, Place, apply_changes
from editor.core.writer.dates import format_like
from editor.core.writer.emit import NO_WRAP, block_text, flow_text, is_scalar, scalar_text
from editor.core.writer.hints import Hints as _Hints
from editor.core.writer.items import folded_offset, list_offset
from editor.core.writer.lists import ListSplice
from editor.core.writer.maps import MappingSplice
from editor.core.writer.positions import (
    column,
    content_indent,
    is_block_scalar,
    is_flow,
    line_end,
    next_line,
    value_end,
    wrap_width,
)
from editor.core.writer.rewrap import keep_wrapping, reads_back
from editor.core.writer.yamltree import STR_TAG, TIMESTAMP_TAG

__all__ = ["Change", "Splicer", "apply_changes", "dotted", "same"]

_HEADER_COMMENT = re.compile(r"[ \t]+#.*$")
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


class Splicer(MappingSplice, ListSplice):
    """Plans the replacements that turn ``old`` front matter data into ``new``."""

    _list_offset: int | None = None  # how the file indents a list under its key
    _plain_styles = False  # writing a new list item: a sibling's quoting is not copied

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
        for i, (start, end) in enumerate(props):
            # a bare ! reads as a string in YAML 1.2, as untagged in PyYAML: it goes too
            if self.text[start] == "!" and (end - start == 1 or not _fits(node.tag, new)):
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
        if isinstance(new, dt.date) and node.tag == TIMESTAMP_TAG and not node.style:
            kept_form = format_like(new, text[start:end])
            if kept_form is not None:  # the date keeps the file's form (T or space, Z...)
                self._add(start, end, kept_form)
                return
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
            if kept is not None and reads_back(kept, new, parent_col):
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
        before = props[unfit][0] if unfit is not None and props[unfit][1] + self._gap(
            props[unfit][1]) == start else start  # the text before a tag that goes
        if start == end and before > 0 and text[before - 1] not in " \t":
            out = " " + out
        if start == end and "\n" not in out:  # an empty value: no trailing space after it
            gap = self._gap(end)
            if end + gap == len(text) or text[end + gap] in "\r\n":
                end += gap
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
            assert place.key is not None  # a value in a mapping has its key node
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
                offset = _Hints(text, place.parent).child_offset
                child_col = key_col + offset
                if isinstance(node, MappingNode) and node.value:
                    child_col = column(text, node.value[0][0].start_mark.index)
                elif isinstance(node, SequenceNode) and node.value:  # its dashes' column
                    child_col = column(text, text.rfind("-", 0, node.value[0].start_mark.index))
                if isinstance(new, dict) and child_col <= key_col:  # - items may stand at it
                    child_col = key_col + offset
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

    def _block_lines(self, value: dict[Any, Any] | list[Any], col: int,
                     template: MappingNode | None, template_text: str | None = None) -> list[str]:
        if isinstance(value, list):
            if all(isinstance(v, dict) and v for v in value):
                return [ln for v in value for ln in self._item_lines(v, col, col + 2, template)]
            return block_text(value, col=col)
        hints = _Hints(self.text if template_text is None else template_text, template)
        return [ln for k, v in value.items() for ln in self._entry_lines(k, v, col, hints)]

    def _item_lines(self, value: dict[Any, Any], dash_col: int, key_col: int,
                    template: MappingNode | None) -> list[str]:
        """A mapping as a new block list item: ``-`` at ``dash_col``, its keys at
        ``key_col`` in its own order, written in the style of ``template`` (a sibling
        item): its indentation, empty values as ``key:``, dates in the form the sibling
        writes them, a string folded (``>-``) or literal (``|-``) where the sibling writes
        that key so (folded at the sibling's width); quoting is the emitter's."""
        kept, self._plain_styles = self._plain_styles, True
        try:
            lines = self._block_lines(value, key_col, template)
        finally:
            self._plain_styles = kept
        lines[0] = " " * dash_col + "-" + " " * (key_col - dash_col - 1) + lines[0][key_col:]
        return lines

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
            if self._list_offset is None:
                self._list_offset = list_offset(self.text, self.tree.root) or 0
            return [f"{pad}{key_text}:",
                    *self._block_lines(value, col + self._list_offset, None)]
        if value is None:
            return [f"{pad}{key_text}:"]
        sample = hints.date_sample(key) if isinstance(value, dt.date) else None
        dated = format_like(value, sample) if sample is not None else None
        if dated is not None:
            return [f"{pad}{key_text}: {dated}"]
        style = hints.style_for(key, value)
        width = NO_WRAP
        if self._plain_styles:  # a new list item: only its sibling's block style is copied
            if style in (">", "|") and isinstance(value, str) and value:
                width = (hints.width_for(key) or NO_WRAP) if style == ">" else NO_WRAP
            else:
                style = None
        out = flow_text(value) if isinstance(value, dict | list) else scalar_text(
            value,
            style,
            first_col=col + len(key_text) + 2,
            parent_col=col,
            content_col=col + hints.content_offset,
            width=width,
        )
        return f"{pad}{key_text}: {out}".split("\n")
