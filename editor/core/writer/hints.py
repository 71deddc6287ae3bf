"""Style found in an existing mapping, which new keys copy (see ``splice``)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from yaml.nodes import MappingNode, ScalarNode

from editor.core.writer.positions import (
    column,
    content_indent,
    is_block_scalar,
    is_flow,
    wrap_width,
)
from editor.core.writer.yamltree import STR_TAG, TIMESTAMP_TAG, mapping_entries

_DIGITS = re.compile(r"\d+$")


class Hints:
    """Style found in an existing mapping, used for keys the file does not have yet.

    ``fallback`` (hints from an example in the site's format) answers for keys that neither
    the mapping nor a sibling of the same stem can: the first related slot of an article.
    """

    def __init__(self, text: str, node: MappingNode | None,
                 fallback: Hints | None = None) -> None:
        self.text = text
        self.fallback = fallback
        self.styles: dict[Any, str | None] = {}
        self.templates: dict[Any, tuple[MappingNode, int]] = {}
        self.content_offset = 2
        self.child_offset = 2
        self.default_style: str | None = None
        #: the source text of each date the mapping holds, whose form new dates copy
        self.dates: dict[Any, str] = {}
        #: the width each folded (``>``) value was wrapped at, which new ones copy
        self.widths: dict[Any, int] = {}
        if node is None or not node.value or is_flow(node):
            return
        col = column(text, node.value[0][0].start_mark.index)
        votes: Counter[str | None] = Counter()
        found_content = found_child = False
        for key, _knode, vnode in mapping_entries(node):
            if isinstance(vnode, ScalarNode):
                style = vnode.style or None
                self.styles[key] = style
                if vnode.tag == TIMESTAMP_TAG:
                    self.dates[key] = text[vnode.start_mark.index : vnode.end_mark.index]
                if vnode.tag == STR_TAG:
                    votes[style] += 1
                if style == ">":
                    width = wrap_width(text, vnode)
                    if width is not None:
                        self.widths[key] = width
                if is_block_scalar(vnode) and not found_content:
                    indent = content_indent(text, vnode)
                    if indent is not None and indent > col:
                        self.content_offset, found_content = indent - col, True
            elif isinstance(vnode, MappingNode) and vnode.value and not is_flow(vnode):
                offset = column(text, vnode.value[0][0].start_mark.index) - col
                if offset > 0:
                    self.templates[key] = (vnode, offset)
                    if not found_child:
                        self.child_offset, found_child = offset, True
        if votes:
            self.default_style = votes.most_common(1)[0][0]

    def style_for(self, key: Any, value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        if key not in self.styles and self.fallback is not None and key in self.fallback.styles:
            return self.fallback.styles[key]
        return self.styles.get(key, self.default_style)

    def width_for(self, key: Any) -> int | None:
        """The width a new folded value at ``key`` is wrapped at: the mapping's own value's
        at ``key``, else the widest of its folded values (None: not wrapped)."""
        return self.widths.get(key, max(self.widths.values(), default=None))

    def date_sample(self, key: Any) -> str | None:
        """A date as this mapping writes one: its own at ``key``, else any of its dates,
        else the fallback's."""
        if key in self.dates:
            return self.dates[key]
        if self.dates:
            return next(iter(self.dates.values()))
        return self.fallback.date_sample(key) if self.fallback is not None else None

    def _same_stem(self, key: Any) -> tuple[MappingNode, int] | None:
        if key in self.templates:
            return self.templates[key]
        stem = _DIGITS.sub("", str(key))
        for other, found in self.templates.items():
            if _DIGITS.sub("", str(other)) == stem:
                return found
        return None

    def template_for(self, key: Any) -> tuple[MappingNode | None, int, str]:
        """A mapping to copy style from, and its text: a sibling with the same key, else the
        same stem (related_articleN), else the example's, else any sibling mapping."""
        found = self._same_stem(key)
        if found is not None:
            return (*found, self.text)
        if self.fallback is not None:
            example = self.fallback._same_stem(key)
            if example is not None:
                return (*example, self.fallback.text)
        node, offset = next(iter(self.templates.values()), (None, self.child_offset))
        return node, offset, self.text
