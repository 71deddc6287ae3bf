"""Inputs: how one key of a page is edited, as CloudCannon's ``_inputs`` configure it.

An ``_inputs`` entry is found by the key's name (``answer``) or by a key path from the root
of its scope (``items[*].description.en``: ``[*]`` is any item of an array, ``.`` a step into
an object). A key path beats a name; within each kind the more specific level of the cascade
wins (global < collection < schema < file < structure). With no ``type``, the type is
inferred from the key's name and value as CloudCannon does (``*_image`` an image, ``*_at`` a
datetime...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from editor.core.document.schema import Field

KeyPath = tuple[Any, ...]  # mapping keys (str) and list indexes (int) from a scope's root

#: The editor's form field type for each CloudCannon input type that has a form widget.
FORM_TYPES: dict[str, str] = {
    "text": "text", "email": "text", "url": "text", "color": "text", "select": "text",
    "image": "text", "file": "text", "document": "text", "time": "text",
    "textarea": "long_text", "code": "long_text", "html": "long_text",
    "markdown": "markdown",
    "date": "date", "datetime": "date",
    "number": "number", "range": "number",
    "switch": "boolean", "checkbox": "boolean",
    "multiselect": "keywords", "multichoice": "keywords",
}
CONTAINER_TYPES = {"array", "object"}
#: The input types whose value is a list of values (not an array of items).
LIST_TYPES = {"multiselect", "multichoice"}

_NAME_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind) for pattern, kind in (
        (r"(?:.*_)?(?:image|thumbnail)", "image"),
        (r"(?:.*_)?path", "file"),
        (r"(?:.*_)?date", "date"),
        (r".+_at", "datetime"),
        (r"(?:.*_)?url", "url"),
        (r"(?:.*_)?html", "html"),
        (r"(?:.*_)?markdown", "markdown"),
        (r"(?:.*_)?colou?r", "color"),
        (r"(?:.*_)?time", "time"),
        (r"(?:.*_)?email", "email"),
        (r"(?:.*_)?number", "number"),
        (r"(?:.*_)?(?:multiselect|multichoice)", "multiselect"),
        (r"(?:.*_)?select", "select"),
        (r"(?:.*_)?(?:is|has)_.+|.+_enabled", "switch"),
        (r"tags", "multiselect"),
    ))
_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@dataclass(frozen=True)
class Input:
    """How one key is edited. ``type`` is a CloudCannon input type (``text``, ``textarea``,
    ``html``, ``markdown``, ``image``, ``date``, ``datetime``, ``switch``, ``number``,
    ``select``, ``array``, ``object``, ... or ``raw`` for a value no input fits);
    ``source`` says where it came from (``global``, ``collection:blog``, ``schema:default``,
    ``file``, ``structure:home/banner``, ``inferred``); ``options`` is the entry's
    ``options`` (``values`` of a select resolved from ``_select_data``)."""

    key: str
    type: str
    label: str
    comment: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    hidden: bool = False
    source: str = "inferred"
    config: Mapping[str, Any] = field(default_factory=dict)  # the whole _inputs entry

    @property
    def form_type(self) -> str | None:
        """The editor's form field type (``text``, ``long_text``, ``markdown``, ``date``,
        ``number``, ``boolean``, ``keywords``); None for an array, an object, or a value the
        form shows as raw YAML."""
        return FORM_TYPES.get(self.type)

    @property
    def is_raw(self) -> bool:
        return self.form_type is None and self.type not in CONTAINER_TYPES

    def field(self, path: str) -> Field | None:
        """A form field for the key at ``path`` (the editor's path syntax), for the form's
        existing widgets; None when the key has no widget of its own."""
        kind = self.form_type
        if kind is None:
            return None
        return Field(key=path, label=self.label, type=kind, group="Page",
                     readonly=bool(self.config.get("disabled", False)))


def label_for(key: Any) -> str:
    """CloudCannon's label for a key it has none for: ``contentTitle`` -> "Content Title",
    ``image_alt`` -> "Image Alt"."""
    words = _WORDS.findall(str(key))
    return " ".join(w[:1].upper() + w[1:] for w in words) if words else str(key)


def infer_type(key: Any, value: Any) -> str:
    """The input type CloudCannon gives a key with no configured ``type``: from its name
    first (``image``, ``*_image``, ``*_path``, ``date``, ``*_date``, ``*_at``, ``*_url``,
    ``*_html``, ``*_markdown``, ``*_color``...), else from its value."""
    name = str(key).lower() if isinstance(key, str) else ""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        if not value or all(isinstance(v, str) for v in value):
            return "multiselect" if name == "tags" else "array"
        return "array"
    for pattern, kind in _NAME_RULES:
        if name and pattern.fullmatch(name):
            return kind
    if isinstance(value, bool):
        return "switch"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "textarea" if "\n" in value.strip() else "text"
    if value is None:
        return "text"
    return "raw"


@lru_cache(maxsize=4096)
def path_pattern(key: str) -> tuple[str, ...] | None:
    """The steps of an ``_inputs`` key path (``items[*].answer.en`` -> ``items``, ``*``,
    ``answer``, ``en``); None for a plain key name."""
    if "." not in key and "[" not in key:
        return None
    steps: list[str] = []
    for part in key.split("."):
        name, *rest = part.split("[")
        if name:
            steps.append(name)
        steps.extend(r.rstrip("]") or "*" for r in rest)
    return tuple(steps)


def matches(pattern: Sequence[str], path: KeyPath) -> bool:
    if len(pattern) != len(path):
        return False
    for step, part in zip(pattern, path, strict=True):
        if isinstance(part, int) and not isinstance(part, bool):
            if step not in ("*", str(part)):
                return False
        elif step != str(part):
            return False
    return True


@dataclass(frozen=True)
class InputLevel:
    """One level of the cascade: its ``_inputs`` and ``_select_data``, the scope its key
    paths start from (a prefix of the page's key paths), and its name."""

    source: str
    inputs: Mapping[str, Any]
    select_data: Mapping[str, Any] = field(default_factory=dict)
    scope: KeyPath = ()


def resolve(levels: Sequence[InputLevel], path: KeyPath, value: Any) -> Input:
    """The input of the key at ``path`` (from the page's root) through ``levels``, least
    specific first: a key path match wins over a name match, a later level over an earlier;
    the entries found for the key at each level merge, the more specific ones' settings
    winning."""
    merged: dict[str, Any] = {}
    source = "inferred"
    key = path[-1] if path else ""
    by_name: list[tuple[str, Mapping[str, Any]]] = []
    by_path: list[tuple[str, Mapping[str, Any]]] = []
    for level in levels:
        n = len(level.scope)
        if tuple(path[:n]) != tuple(level.scope) or len(path) <= n:
            continue
        inner = path[n:]
        for name, entry in level.inputs.items():
            if not isinstance(entry, dict):
                continue
            pattern = path_pattern(str(name))
            if pattern is None:
                if name == key and isinstance(key, str):
                    by_name.append((level.source, entry))
            elif matches(pattern, inner):
                by_path.append((level.source, entry))
    for where, entry in (*by_name, *by_path):
        merged.update(entry)
        source = where
    kind = merged.get("type") or infer_type(key, value)
    if kind == "select" or kind == "multiselect":
        options = dict(merged.get("options") or {})
        values = options.get("values")
        if isinstance(values, str):
            options["values"] = _select_values(levels, values)
        merged = {**merged, "options": options}
    return Input(
        key=str(key),
        type=str(kind),
        label=str(merged.get("label") or label_for(key)),
        comment=str(merged.get("comment") or ""),
        options=dict(merged.get("options") or {}),
        hidden=bool(merged.get("hidden", str(key).startswith("_"))),
        source=source,
        config=merged,
    )


def _select_values(levels: Sequence[InputLevel], name: str) -> list[Any]:
    """``_select_data.<name>`` (``values: _select_data.colors``), the most specific level's."""
    name = name.removeprefix("_select_data.")
    for level in reversed(levels):
        found = level.select_data.get(name)
        if isinstance(found, list):
            return list(found)
        if isinstance(found, dict):
            return list(found)
    return []
