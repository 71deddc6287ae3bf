"""The line a key of a page (or of the configuration) is written on, for problems."""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from editor.core.writer.yamltree import mapping_entries


def node_line(root: Node | None, path: tuple[Any, ...]) -> int | None:
    """The 0-based line of the key at ``path`` under ``root`` (of the item, for a list
    index): the deepest step of ``path`` found."""
    node, line = root, None
    for part in path:
        if isinstance(node, MappingNode):
            found = next(((k, v) for key, k, v in mapping_entries(node) if key == part), None)
            if found is None:
                return line
            line, node = found[0].start_mark.line, found[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line
        else:
            return line
    return line
