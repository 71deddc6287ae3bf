"""Compose front matter with PyYAML's safe C loader, keeping every node's source span."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.errors import ParseError

try:  # libyaml is much faster; the pure-Python loader gives the same nodes and marks.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels without libyaml
    _Loader = yaml.SafeLoader

LOADER: type = _Loader
STR_TAG = "tag:yaml.org,2002:str"
#: Nodes reachable through aliases beyond this count make a document an alias bomb.
MAX_EXPANDED_NODES = 200_000


@dataclass
class Tree:
    """A composed front matter: root node, constructed data, and alias bookkeeping."""

    root: Node | None
    data: Any
    shared: set[int] = field(default_factory=set)  # ids of nodes referenced more than once


def _safe_constructor() -> yaml.constructor.SafeConstructor:
    return yaml.constructor.SafeConstructor()


def key_of(node: Node) -> Any:
    """The constructed value of a mapping key node."""
    if isinstance(node, ScalarNode) and node.tag == STR_TAG:
        return node.value
    return _safe_constructor().construct_object(node, deep=True)


def _check_aliases(root: Node) -> set[int]:
    """Return ids of shared nodes; refuse documents whose alias expansion is huge."""
    seen: set[int] = set()
    shared: set[int] = set()
    sizes: dict[int, int] = {}

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            shared.add(key)
            return sizes[key]
        if key in seen:  # recursive structure
            shared.add(key)
            return 1
        seen.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            for item in node.value:
                total += size(item)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
        total = min(total, MAX_EXPANDED_NODES + 1)
        sizes[key] = total
        return total

    if size(root) > MAX_EXPANDED_NODES:
        mark = root.start_mark
        raise ParseError(
            f"aliases expand to more than {MAX_EXPANDED_NODES:,} values (an alias bomb?)",
            line=mark.line + 1,
            column=mark.column + 1,
        )
    return shared


def compose(text: str, first_line: int = 1) -> Tree:
    """Compose and construct ``text``; errors carry 1-based file line and column.

    ``first_line`` is the file line on which ``text`` starts.
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        shared = _check_aliases(root) if root is not None else set()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and mark is not None and (
            mark.index >= len(text.rstrip())
            or (exc.context or "").startswith(("while parsing a flow", "while scanning a quoted"))
        ):  # a bracket or quote left open: point at where it opened, not where YAML gave up
            mark = exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        line = mark.line + first_line if mark else None
        column = mark.column + 1 if mark else None
        raise ParseError(f"invalid YAML: {message}", line=line, column=column) from None
    except yaml.YAMLError as exc:
        raise ParseError(f"invalid YAML: {exc}", line=first_line) from None
    except RecursionError:
        raise ParseError("front matter is nested too deeply", line=first_line) from None
    except (ValueError, OverflowError) as exc:  # a value YAML matched but cannot build
        mark = _unbuildable_mark(loader, root)
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        raise ParseError(f"invalid YAML value: {exc}", line=line, column=column) from None
    finally:
        loader.dispose()
    return Tree(root, data, shared)


def _unbuildable_mark(loader: yaml.SafeLoader, root: Node | None) -> yaml.Mark | None:
    """Where the first scalar that cannot be constructed (say the date 2024-02-30) starts."""
    loader.constructed_objects, loader.recursive_objects = {}, {}  # left over from the failure
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop(0)
        if isinstance(node, ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, OverflowError):
                return node.start_mark
            except yaml.YAMLError:
                continue
        elif isinstance(node, MappingNode):
            stack[:0] = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            stack[:0] = list(node.value)
    return None


def mapping_entries(node: MappingNode) -> list[tuple[Any, Node, Node]]:
    return [(key_of(k), k, v) for k, v in node.value]


def lookup(root: Node | None, parts: list[str | int]) -> list[tuple[Node | None, Node]]:
    """Walk ``parts`` from ``root``; return (key node or None, value node) per step."""
    chain: list[tuple[Node | None, Node]] = []
    node = root
    for part in parts:
        if isinstance(node, MappingNode):
            found = [(k, v) for key, k, v in mapping_entries(node) if key == part]
            if not found:
                raise KeyError(part)
            chain.append(found[-1])
            node = found[-1][1]
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            chain.append((None, node.value[part]))
            node = node.value[part]
        else:
            raise KeyError(part)
    return chain
