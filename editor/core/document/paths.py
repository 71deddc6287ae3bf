"""Paths into front matter data: ``seo.title``, ``content_blocks.0.items.2.title``.

The one definition of the path syntax, for the command line and the window alike:

- steps are separated by dots: ``seo.title``;
- a bare step names a string key (``title``); on a list, a number is an index (``items.2``);
  on a mapping without that string key, a bare ``1``, ``true`` or ``2024-01-31`` also names
  the number, boolean or date key the mapping has;
- a quoted step names the string between the quotes exactly, dots and all: ``'a.b'`` or
  ``"a.b"`` (a quote inside is doubled in single quotes, ``'it''s'``, or escaped with a
  backslash in double quotes);
- a step in square brackets is a key written as YAML, exactly: ``[1]`` is the number key 1
  (or list index 1), ``[true]``, ``[null]``, ``['1']`` the string ``1``. A bracketed step may
  follow the previous step without a dot: ``items[2].title``.

``join`` writes keys back as such a path (quoting only where needed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from editor.core.errors import ArticleError, KeyNotFoundError

Part = Any  # a mapping key (str, int, bool, date, None...) or a list index (int)
_PLAIN_BAD = set(".[]'\"")


@dataclass(frozen=True)
class Step:
    """One step of a path: ``exact`` steps (quoted or bracketed) name ``key`` only."""

    key: Any
    exact: bool
    text: str  # as written, for messages


def _bad(path: str, why: str) -> KeyNotFoundError:
    return KeyNotFoundError(f"invalid key path '{path}': {why}")


def _quoted(path: str, at: int) -> tuple[str, int]:
    """The string in the quotes opening at ``at``, and the index after the closing quote."""
    quote, out, i = path[at], [], at + 1
    while i < len(path):
        c = path[i]
        if c == quote:
            if quote == "'" and path.startswith("''", i):
                out.append("'")
                i += 2
                continue
            return "".join(out), i + 1
        if quote == '"' and c == "\\" and i + 1 < len(path):
            out.append(path[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    raise _bad(path, f"the quote at {at + 1} is never closed")


def _bracketed(path: str, at: int) -> tuple[Any, int]:
    close, i = -1, at + 1
    while i < len(path):  # a ']' inside quotes does not close
        if path[i] in "'\"":
            i = _quoted(path, i)[1]
            continue
        if path[i] == "]":
            close = i
            break
        i += 1
    if close < 0:
        raise _bad(path, f"the '[' at {at + 1} is never closed")
    return _yaml_key(path, path[at + 1 : close]), close + 1


def _yaml_key(path: str, text: str) -> Any:
    from editor.core.writer.yamltree import compose

    if not text.strip():
        raise _bad(path, "empty [ ]")
    try:
        key = compose(text).data
    except ArticleError:
        raise _bad(path, f"[{text}] is not a YAML key") from None
    if isinstance(key, dict | list):
        raise _bad(path, f"[{text}] is not a single value")
    return key


def parse(path: str) -> list[Step]:
    """The steps of ``path``; KeyNotFoundError naming what is wrong with its syntax."""
    steps: list[Step] = []
    i, n = 0, len(path)
    if not path:
        raise _bad(path, "it is empty")
    expect_step = True
    while i < n:
        c = path[i]
        start = i
        if c == "[":
            key, i = _bracketed(path, i)
            steps.append(Step(key, True, path[start:i]))
        elif not expect_step:
            raise _bad(path, f"'.' expected at {i + 1}")
        elif c in "'\"":
            key, i = _quoted(path, i)
            steps.append(Step(key, True, path[start:i]))
        else:
            while i < n and path[i] not in ".[":
                if path[i] in "]'\"":
                    raise _bad(path, f"unexpected {path[i]} at {i + 1} (quote the whole step)")
                i += 1
            if i == start:
                raise _bad(path, f"an empty step at {i + 1}")
            steps.append(Step(path[start:i], False, path[start:i]))
        expect_step = False
        if i < n and path[i] == ".":
            i += 1
            expect_step = True
            if i == n:
                raise _bad(path, "it ends with '.'")
    return steps


def _plain_key(text: str) -> Any:
    """What a bare step could also mean as YAML (1, true, a date), or a marker for nothing."""
    if not text or not (text[0].isdigit() or text[0] in "-+.~tTfFnN"):
        return _NOTHING
    try:
        key = _yaml_key(text, text)
    except KeyNotFoundError:
        return _NOTHING
    return _NOTHING if isinstance(key, str) else key


_NOTHING = object()


def _find(container: Any, step: Step) -> Part:
    """The key or index ``step`` names in ``container``; KeyError when there is none."""
    if isinstance(container, list):
        key = step.key
        if not step.exact:
            if not key.lstrip("-").isdigit():
                raise KeyError(key)
            key = int(key)
        if type(key) is not int or not -len(container) <= key < len(container):
            raise KeyError(key)
        return key
    if not isinstance(container, dict):
        raise KeyError(step.key)
    if step.exact or (isinstance(step.key, str) and step.key in container):
        key = step.key
        for k in container:  # type for type: [1] is not the key true, nor '1'
            if type(k) is type(key) and k == key:
                return k
        raise KeyError(key)
    other = _plain_key(step.key)
    if other is not _NOTHING:
        for k in container:
            if not isinstance(k, str) and type(k) is type(other) and k == other:
                return k
    raise KeyError(step.key)



def resolve(data: Any, path: str) -> list[Part]:
    """Typed parts of ``path`` in ``data`` (list indexes as ints); KeyNotFoundError if absent."""
    parts: list[Part] = []
    node = data
    for step in parse(path):
        try:
            part = _find(node, step)
        except KeyError:
            raise KeyNotFoundError(f"no key '{path}'") from None
        node = node[part]
        parts.append(part)
    return parts


def set_parts(data: Any, path: str) -> list[Part]:
    """The keys ``set_path`` would use: each existing key, or the new key a step names."""
    parts: list[Part] = []
    node: Any = data
    for step in parse(path):
        try:
            part = _find(node, step)
            node = node[part]
        except KeyError:
            part, node = step.key, None
        parts.append(part)
    return parts


def get_path(data: Any, path: str) -> Any:
    node = data
    for part in resolve(data, path):
        node = node[part]
    return node


def set_path(data: dict[Any, Any], path: str, value: Any) -> None:
    """Set a value, creating missing mappings along the way (never lists)."""
    steps = parse(path)
    node: Any = data
    for step in steps[:-1]:
        try:
            part = _find(node, step)
        except KeyError:
            if not isinstance(node, dict):
                raise KeyNotFoundError(f"cannot set '{path}': '{step.text}' is not there") from None
            part = step.key
            node[part] = {}
        child = node[part]
        if not isinstance(child, dict | list):
            raise KeyNotFoundError(f"cannot set '{path}': '{step.text}' holds a single value")
        node = child
    last = steps[-1]
    try:
        node[_find(node, last)] = value
    except KeyError:
        if not isinstance(node, dict):
            raise KeyNotFoundError(f"cannot set '{path}'") from None
        try:
            node[last.key] = value
        except TypeError:
            raise KeyNotFoundError(f"cannot set '{path}'") from None


def delete_path(data: dict[Any, Any], path: str) -> bool:
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


def _step_text(key: Any) -> str:
    from editor.core.writer.emit import value_text

    if isinstance(key, str):
        plain = key and not (_PLAIN_BAD & set(key)) and key.strip() == key
        if plain and _plain_key(key) is _NOTHING:
            return key
        return "'" + key.replace("'", "''") + "'"
    if isinstance(key, bool | int | float | dt.date) or key is None:
        return "[" + value_text(key).strip() + "]"
    return "[" + value_text(key).strip().replace("\n", " ") + "]"


def join(parts: list[Part] | tuple[Part, ...]) -> str:
    """The path naming ``parts`` (mapping keys) in the syntax ``parse`` reads back."""
    return ".".join(_step_text(p) for p in parts)


def parent(path: str) -> str | None:
    """The path one step up, None for a top-level key."""
    steps = parse(path)
    if len(steps) < 2:
        return None
    return ".".join(s.text for s in steps[:-1])
