"""Locale objects: a value written once per language, ``{en: ..., zh_hk: ..., fr: ...}``.

The site's locales are not configured anywhere: they are the key set its components'
blueprints use for such objects (the most common set of two or more language-like keys,
``en``, ``zh_hk``, ``fr``, ``sp``), in the order the blueprints write them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editor.core.site.bookshop import Component

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[_-][a-zA-Z]{2,4})?")


@dataclass(frozen=True)
class LocaleObject:
    """Which keys of an object are the site's locales, which of those are empty (missing,
    null or blank text), and which keys are not locales at all."""

    locales: tuple[str, ...]
    present: tuple[str, ...]
    empty: tuple[str, ...]
    others: tuple[str, ...]

    @property
    def filled(self) -> tuple[str, ...]:
        return tuple(k for k in self.present if k not in self.empty)


def _language_keys(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, dict) or len(value) < 2:
        return None
    keys = tuple(value)
    if all(isinstance(k, str) and _LANGUAGE.fullmatch(k) for k in keys):
        return keys
    return None


def _objects(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from _objects(v)


def detect_locales(values: list[Any]) -> tuple[str, ...]:
    """The most common set of language-like keys of the objects in ``values`` (in the order
    first written), or () when no object looks like a locale object."""
    votes: Counter[frozenset[str]] = Counter()
    order: dict[frozenset[str], tuple[str, ...]] = {}
    for value in values:
        for obj in _objects(value):
            keys = _language_keys(obj)
            if keys is not None:
                votes[frozenset(keys)] += 1
                order.setdefault(frozenset(keys), keys)
    if not votes:
        return ()
    best = max(votes, key=lambda k: (votes[k], len(k)))
    return order[best]


def locales_of(components: Mapping[str, Component]) -> tuple[str, ...]:
    return detect_locales([dict(c.structure.value) for _n, c in sorted(components.items())])


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def locale_object(value: Any, locales: tuple[str, ...]) -> LocaleObject | None:
    """``value`` as a locale object of the site's ``locales``: None unless it is an object
    of at least two keys that are all locales (``{en: Media, fr: test}`` is one,
    ``{title: .., en: ..}`` is not)."""
    if not locales or not isinstance(value, dict) or len(value) < 2:
        return None
    present = tuple(k for k in value if k in locales)
    others = tuple(str(k) for k in value if k not in locales)
    if len(present) < 2 or others:
        return None
    empty = tuple(k for k in locales if k not in value or is_empty(value[k]))
    return LocaleObject(locales, present, empty, others)
