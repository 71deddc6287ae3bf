"""Text positions of composed nodes: where a value really ends, columns, line bounds."""

from __future__ import annotations

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


def is_block_scalar(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style in ("|", ">")


def is_flow(node: Node) -> bool:
    return isinstance(node, MappingNode | SequenceNode) and bool(node.flow_style)


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
    last = node.value[-1]
    return value_end(text, last[1] if isinstance(last, tuple) else last)


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
