"""Arrays of objects edited as a whole item: insert, remove, duplicate, move up or down.

Each operation changes an ArticleDocument's working data; saving it (``render``) goes
through the splice writer, which touches only that item's lines: a removed item's lines
go, a moved item's lines move as they are, a duplicate is a copy of its original's lines,
and a new item is written with its siblings' indentation, its keys in the structure's
(blueprint's) order, empty values as ``key:`` and dates in the form the file writes them.
"""

from __future__ import annotations

import copy
from typing import Any

from editor.core.document.article import ArticleDocument
from editor.core.document.paths import join
from editor.core.errors import EditError
from editor.core.site.bookshop import Structure
from editor.core.site.inputs import KeyPath


def items(doc: ArticleDocument, path: KeyPath) -> list[Any]:
    """A copy of the array at ``path`` ([] when the object holding it has no such key
    yet); EditError when the object itself is not there."""
    node: Any = doc.data
    for depth, part in enumerate(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            if depth == len(path) - 1 and isinstance(node, dict):
                return []
            raise EditError(f"'{join(list(path[:depth + 1]))}' is not there") from None
    if node is None:
        return []
    if not isinstance(node, list):
        raise EditError(f"'{join(list(path))}' is not an array")
    return copy.deepcopy(node)


def _store(doc: ArticleDocument, path: KeyPath, new: list[Any]) -> None:
    if not path:
        raise EditError("the front matter itself is not an array")
    doc.set(join(list(path)), new)


def _index(found: list[Any], index: int, path: KeyPath) -> int:
    if not 0 <= index < len(found):
        raise EditError(f"'{join(list(path))}' has no item {index}")
    return index


def insert_item(doc: ArticleDocument, path: KeyPath, index: int,
                item: Structure | dict[str, Any]) -> dict[str, Any]:
    """Insert a new item at ``index`` (``len`` appends): a structure's blueprint value (a
    fresh copy, keys in its order) or the given object. Returns the item inserted."""
    found = items(doc, path)
    if not 0 <= index <= len(found):
        raise EditError(f"'{join(list(path))}' has no place {index}")
    value = item.new_value() if isinstance(item, Structure) else copy.deepcopy(item)
    found.insert(index, value)
    _store(doc, path, found)
    return value


def remove_item(doc: ArticleDocument, path: KeyPath, index: int) -> Any:
    """Remove the item at ``index``; returns it."""
    found = items(doc, path)
    gone = found.pop(_index(found, index, path))
    _store(doc, path, found)
    return gone


def duplicate_item(doc: ArticleDocument, path: KeyPath, index: int) -> int:
    """Put a copy of the item at ``index`` right after it; returns the copy's index."""
    found = items(doc, path)
    found.insert(_index(found, index, path) + 1, copy.deepcopy(found[index]))
    _store(doc, path, found)
    return index + 1


def move_item(doc: ArticleDocument, path: KeyPath, index: int, offset: int) -> int:
    """Move the item at ``index`` by ``offset`` places (-1 up, 1 down), stopping at the
    ends; returns its new index."""
    found = items(doc, path)
    _index(found, index, path)
    target = max(0, min(len(found) - 1, index + offset))
    if target != index:
        found.insert(target, found.pop(index))
        _store(doc, path, found)
    return target
