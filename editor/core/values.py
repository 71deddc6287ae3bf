"""Value helpers every wing shares: deep equality as YAML sees it, and a path's name."""

from __future__ import annotations

import math
from typing import Any


def same(a: Any, b: Any, _seen: set[tuple[int, int]] | None = None, *,
         ordered: bool = True) -> bool:
    """Deep equality that also requires equal types (True is not 1, 1 is not 1.0) and, unless
    not ``ordered``, the same key order. Recursive data (``x: &a [*a]``) compares without
    endless recursion."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict | list):
        if a is b:
            return True
        seen = set() if _seen is None else _seen
        pair = (id(a), id(b))
        if pair in seen:  # already being compared further up: equal unless shown otherwise
            return True
        seen.add(pair)
        if isinstance(a, dict):
            keys_match = list(a) == list(b) if ordered else a.keys() == b.keys()
            return keys_match and all(same(a[k], b[k], seen, ordered=ordered) for k in a)
        return len(a) == len(b) and all(
            same(x, y, seen, ordered=ordered) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def alike(a: Any, b: Any) -> bool:
    """``same`` but for the order of mapping keys: a list item moved and its keys reordered."""
    return same(a, b, ordered=False)


def kin(a: Any, b: Any) -> bool:
    """Two mappings with the same keys, or two lists of the same items in another order:
    the same value, edited (a list item that moved too)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys()
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        rest = list(b)
        for item in a:
            match = next((n for n, other in enumerate(rest) if alike(item, other)), None)
            if match is None:
                return False
            rest.pop(match)
        return True
    return False


def dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path) or "<root>"
