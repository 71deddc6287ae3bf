"""Dotted paths into front matter data: ``seo.title``, ``content_blocks.0.items.2.title``."""

from __future__ import annotations

from typing import Any

from editor.core.errors import KeyNotFoundError

Part = str | int


def split_path(path: str) -> list[str]:
    parts = path.split(".")
    if not path or any(p == "" for p in parts):
        raise KeyNotFoundError(f"invalid key path '{path}'")
    return parts


def _step(container: Any, part: str) -> Part:
    if isinstance(container, list):
        if not part.lstrip("-").isdigit():
            raise KeyError(part)
        return int(part)
    return part


def resolve(data: Any, path: str) -> list[Part]:
    """Typed parts of ``path`` in ``data`` (list indexes as ints); KeyNotFoundError if absent."""
    parts: list[Part] = []
    node = data
    for raw in split_path(path):
        try:
            part = _step(node, raw)
            if not isinstance(node, dict | list):
                raise KeyError(part)
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise KeyNotFoundError(f"no key '{path}'") from None
        parts.append(part)
    return parts


def get_path(data: Any, path: str) -> Any:
    node = data
    for part in resolve(data, path):
        node = node[part]
    return node


def set_path(data: dict, path: str, value: Any) -> None:
    """Set a value, creating missing mappings along the way (never lists)."""
    raw_parts = split_path(path)
    node: Any = data
    for raw in raw_parts[:-1]:
        part = _step(node, raw)
        try:
            child = node[part]
        except KeyError:
            child = node[part] = {}
        except (IndexError, TypeError):
            raise KeyNotFoundError(f"cannot set '{path}': '{raw}' is not there") from None
        if not isinstance(child, dict | list):
            raise KeyNotFoundError(f"cannot set '{path}': '{raw}' holds a single value")
        node = child
    last = _step(node, raw_parts[-1])
    try:
        node[last] = value
    except (IndexError, TypeError):
        raise KeyNotFoundError(f"cannot set '{path}'") from None


def delete_path(data: dict, path: str) -> bool:
    """Remove a key; return False when it was not there."""
    try:
        parts = resolve(data, path)
    except KeyNotFoundError:
        return False
    node: Any = data
    for part in parts[:-1]:
        node = node[part]
    del node[parts[-1]]
    return True
