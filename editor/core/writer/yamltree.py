"""Compose front matter with PyYAML's safe C loader, keeping every node's source span."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.errors import ParseError, ValueParseError

try:  # libyaml is much faster; the pure-Python loader gives the same nodes and marks.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels without libyaml
    _Loader = yaml.SafeLoader

LOADER: type = _Loader
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MERGE_TAG = "tag:yaml.org,2002:merge"
#: Nodes that aliases add, beyond those written out, past this count make an alias bomb.
MAX_EXPANDED_NODES = 200_000


@dataclass
class Tree:
    """A composed front matter: root node, constructed data, and alias bookkeeping."""

    root: Node | None
    data: Any
    shared: set[int] = field(default_factory=set)  # ids of nodes referenced more than once


def _safe_constructor() -> yaml.constructor.SafeConstructor:
    return yaml.constructor.SafeConstructor()


class _Merge:
    """The key of a ``<<: *base`` entry: it names no key of its own."""

    def __repr__(self) -> str:
        return "<<"


#: What ``key_of`` gives for a merge key (``<<``); it equals no constructed key.
MERGE = _Merge()


def key_of(node: Node) -> Any:
    """The constructed value of a mapping key node (MERGE for a ``<<`` merge key)."""
    if isinstance(node, ScalarNode) and node.tag == STR_TAG:
        return node.value
    if node.tag == MERGE_TAG:
        return MERGE
    return _safe_constructor().construct_object(node, deep=True)


def _check_aliases(root: Node, first_line: int = 1) -> tuple[set[int], bool]:
    """Ids of shared nodes, and whether any mapping merges others in (``<<: *base``).

    Refuses a document whose aliases expand to more than MAX_EXPANDED_NODES nodes beyond
    those written out (an alias bomb); a long list written out in full is no bomb.
    """
    seen: set[int] = set()
    shared: set[int] = set()
    sizes: dict[int, int] = {}
    extra = 0
    merges = False

    def size(node: Node) -> int:
        nonlocal extra, merges
        key = id(node)
        if key in sizes:
            shared.add(key)
            extra += sizes[key]
            if extra > MAX_EXPANDED_NODES:
                mark = node.start_mark
                raise ParseError(
                    f"aliases expand to more than {MAX_EXPANDED_NODES:,} values "
                    "(an alias bomb?)", line=mark.line + first_line, column=mark.column + 1)
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
                merges = merges or k.tag == MERGE_TAG
                total += size(k) + size(v)
        sizes[key] = total
        return total

    size(root)
    return shared, merges


def _copy_collections(root: Node) -> Node:
    """A copy of the node graph whose mappings and sequences are new objects (scalars and
    marks shared, aliases kept as shared copies): constructing it may rewrite it freely."""
    copies: dict[int, Node] = {}

    def copy(node: Node) -> Node:
        if isinstance(node, ScalarNode):
            return node
        if id(node) in copies:
            return copies[id(node)]
        assert isinstance(node, MappingNode | SequenceNode)
        twin = type(node)(node.tag, [], node.start_mark, node.end_mark, node.flow_style)
        copies[id(node)] = twin
        if isinstance(node, MappingNode):
            twin.value = [(copy(k), copy(v)) for k, v in node.value]
        else:
            twin.value = [copy(item) for item in node.value]
        return twin

    return copy(root)


def compose(text: str, first_line: int = 1) -> Tree:
    """Compose and construct ``text``; errors carry 1-based file line and column.

    ``first_line`` is the file line on which ``text`` starts.
    """
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # the pure-Python reader checks at once
        raise _reader_error(text, exc, first_line) from None
    root = None
    try:
        root = loader.get_single_node()
        shared, merges = _check_aliases(root, first_line) if root is not None else (set(), False)
        # Constructing merges (<<) rewrites the mappings' nodes: build from a copy, so the tree
        # keeps the keys as the file writes them.
        built = _copy_collections(root) if merges else root
        data = loader.construct_document(built) if built is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and text[mark.index : mark.index + 1] == "\t" and (
            "cannot start any token" in (exc.problem or "")
        ):
            exc.problem = "found a tab character: YAML indents with spaces only"
        if exc.context_mark is not None and mark is not None and (
            mark.index >= len(text.rstrip())
            or (exc.context or "").startswith(("while parsing a flow", "while scanning a quoted"))
        ):  # a bracket or quote left open: point at where it opened, not where YAML gave up
            mark = exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        line = mark.line + first_line if mark else None
        column = mark.column + 1 if mark else None
        raise ParseError(f"invalid YAML: {message}", line=line, column=column) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc, first_line) from None
    except yaml.YAMLError as exc:
        raise ParseError(f"invalid YAML: {exc}", line=first_line) from None
    except RecursionError:
        raise ParseError("front matter is nested too deeply", line=first_line) from None
    except ParseError:
        raise
    except Exception as exc:  # a value YAML matched, or a tag named, that cannot be built
        found = _unbuildable(loader, root)
        mark = found.start_mark if found is not None else None
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        raise ValueParseError(_unbuildable_message(found, exc), line=line,
                              column=column) from None
    finally:
        loader.dispose()
    return Tree(root, data, shared)


def _reader_error(text: str, exc: yaml.reader.ReaderError, first_line: int) -> ParseError:
    """A character YAML does not take (NUL, a control character), at its line and column."""
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    at = text.find(char)
    line = text.count("\n", 0, at) + first_line if at >= 0 else first_line
    column = at - text.rfind("\n", 0, at) if at >= 0 else None
    code = ord(char[:1] or " ")
    return ParseError(f"invalid YAML: the character U+{code:04X} is not allowed (inside double "
                      f"quotes it can be written \\u{code:04x})", line=line, column=column)


_TAG_NAMES = {"bool": "true or false", "int": "a whole number", "float": "a number",
              "timestamp": "a date or time", "binary": "base64 data"}


def _unbuildable_message(node: Node | None, exc: Exception) -> str:
    """What is wrong with a value YAML cannot build, in words (the window shows it as is)."""
    if isinstance(node, ScalarNode):
        tag = node.tag.removeprefix("tag:yaml.org,2002:")
        wanted = _TAG_NAMES.get(tag)
        value = node.value if len(node.value) <= 40 else node.value[:40] + "…"
        shown = f"the value '{value}'" if value else "the empty value"
        if tag == "timestamp" and isinstance(exc, ValueError) and "range" in str(exc):
            return f"the date '{value}' does not exist ({exc})"  # day is out of range for month
        written = f"!!{tag}" if node.tag.startswith("tag:yaml.org,2002:") else node.tag
        if wanted:
            return f"{shown} is not {wanted}, as its type ({written}) says it must be"
        return f"{shown} cannot be read as {written}"
    return "a value in the front matter cannot be read"


def _unbuildable(loader: yaml.SafeLoader, root: Node | None) -> Node | None:
    """The first scalar that cannot be constructed (say the date 2024-02-30 or ``!!bool
    maybe``), in file order."""
    loader.constructed_objects, loader.recursive_objects = {}, {}  # left over from the failure
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop(0)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except yaml.YAMLError:
                continue
            except Exception:
                return node
        elif isinstance(node, MappingNode):
            stack[:0] = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            stack[:0] = list(node.value)
    return None


def mapping_entries(node: MappingNode) -> list[tuple[Any, Node, Node]]:
    return [(key_of(k), k, v) for k, v in node.value]


def merged_from(node: MappingNode, key: Any) -> Node | None:
    """The key node that ``<<`` merges into ``node`` for ``key`` (the first merge that has
    it wins, as in YAML), whether or not ``node`` has the key itself; None when none does."""
    for k, v in node.value:
        if k.tag != MERGE_TAG:
            continue
        for source in v.value if isinstance(v, SequenceNode) else [v]:
            if not isinstance(source, MappingNode):
                continue
            own = [kn for kn, _v in source.value if kn.tag != MERGE_TAG and key_of(kn) == key]
            found = own[0] if own else merged_from(source, key)
            if found is not None:
                return found
    return None
