"""Text positions of composed nodes: where a value really ends, columns, line bounds."""

from __future__ import annotations

import re
from typing import TypeGuard

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    """Index of the line break ending the line holding ``index`` (CR of CRLF), or len."""
    end = text.find("\n", index)
    if end == -1:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def next_line(text: str, index: int) -> int:
    """Index of the first character of the line after the one holding ``index``."""
    end = text.find("\n", index)
    return len(text) if end == -1 else end + 1


def column(text: str, index: int) -> int:
    return index - line_start(text, index)


def is_block_scalar(node: Node) -> TypeGuard[ScalarNode]:
    return isinstance(node, ScalarNode) and node.style in ("|", ">")


def is_flow(node: Node) -> bool:
    return isinstance(node, MappingNode | SequenceNode) and bool(node.flow_style)


_ALIAS = re.compile(r"\*[^\s,\[\]{}]+")


def value_end(text: str, node: Node) -> int:
    """Where a node's own text ends: trailing blank lines and comments are not part of it."""
    if isinstance(node, ScalarNode):
        end = node.end_mark.index
        if not is_block_scalar(node):
            return end
        last = end
        while last > node.start_mark.index and text[last - 1] in " \t\r\n":
            last -= 1
        if last <= node.start_mark.index:
            return line_end(text, node.start_mark.index)
        return line_end(text, last - 1)
    if is_flow(node) or not node.value:
        return node.end_mark.index
    if isinstance(node, SequenceNode):
        return item_positions(text, node)[-1][1]
    assert isinstance(node, MappingNode)
    own = own_entries(text, node)
    if not own:
        return node.end_mark.index
    return entry_end(text, *own[-1])


def is_alias_entry(knode: Node, vnode: Node) -> bool:
    """Whether a mapping entry's value is written as an alias (``k: *a``): the node it stands
    for is written before the key."""
    return vnode.start_mark.index < knode.end_mark.index


def entry_end(text: str, knode: Node, vnode: Node) -> int:
    """Where a mapping entry's value ends; a value written as an alias (``*a``) ends after
    the alias, not where the anchored value it stands for does."""
    if not is_alias_entry(knode, vnode):
        return value_end(text, vnode)
    found = _ALIAS.search(text, knode.end_mark.index)
    return found.end() if found else knode.end_mark.index


def item_positions(text: str, node: SequenceNode) -> list[tuple[int, int]]:
    """Where each item of a sequence starts and ends in the text; an item written as an
    alias (``- *a``) is placed at the alias, not at the anchored value."""
    found: list[tuple[int, int]] = []
    pos = node.start_mark.index
    for item in node.value:
        if item.start_mark.index >= pos:
            start, end = item.start_mark.index, value_end(text, item)
        else:
            alias = _ALIAS.search(text, pos)
            start, end = (alias.start(), alias.end()) if alias else (pos, pos)
        found.append((start, end))
        pos = max(end, pos + 1) if end > pos else pos + 1
    return found


def own_entries(text: str, node: MappingNode) -> list[tuple[Node, Node]]:
    """The (key, value) pairs written in this mapping itself, not merged in through ``<<``
    (PyYAML puts merged pairs, whose text is elsewhere, in front of the mapping's own)."""
    start, end = node.start_mark.index, node.end_mark.index
    if is_flow(node):
        return [(k, v) for k, v in node.value if start <= k.start_mark.index <= end]
    inside = [(k, v) for k, v in node.value if start <= k.start_mark.index <= end]
    if not inside:
        return []
    # the mapping's own keys stand at its least indented column (its start mark may be at an
    # anchor or tag before them; keys merged from a mapping written inside it stand deeper)
    col = min(column(text, k.start_mark.index) for k, _v in inside)
    return [(k, v) for k, v in inside if column(text, k.start_mark.index) == col]


def content_indent(text: str, node: ScalarNode) -> int | None:
    """Indentation of a block scalar's first non-empty content line."""
    pos = next_line(text, node.start_mark.index)
    end = node.end_mark.index
    while pos < end:
        stop = line_end(text, pos)
        line = text[pos:stop]
        if line.strip():
            return len(line) - len(line.lstrip(" "))
        pos = next_line(text, pos)
    return None


def wrap_width(text: str, node: ScalarNode) -> int | None:
    """The width a multi-line scalar was wrapped at (its longest line), None if one line."""
    start = line_start(text, node.start_mark.index)
    end = value_end(text, node)
    lines = text[start:end].split("\n")
    if is_block_scalar(node):
        lines = lines[1:]
    lines = [line.rstrip("\r") for line in lines if line.strip()]
    if len(lines) <= 1:
        return None
    return max(len(line) for line in lines)
