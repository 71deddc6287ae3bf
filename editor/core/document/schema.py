"""The field schema: labels, types, limits, codecs and derivations, kept as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from editor.core.document.codecs import Codec, get_codec

FIELD_TYPES = {
    "text", "long_text", "markdown", "date", "number", "integer", "boolean", "keywords", "related"
}


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str
    group: str = "Article"
    required: bool = False
    readonly: bool = False
    max_length: int | None = None
    derive: str | None = None
    codec_name: str | None = None

    @property
    def codec(self) -> Codec:
        return get_codec(self.codec_name)


@dataclass(frozen=True)
class Schema:
    name: str
    detect: tuple[str, ...]
    fields: tuple[Field, ...]
    related_fields: tuple[Field, ...]
    related_prefix: str = "related_article"
    related_slots: int = 5
    groups: tuple[str, ...] = ()
    by_key: dict[str, Field] = field(default_factory=dict, compare=False)

    def field(self, key: str) -> Field | None:
        """The field for a dotted key; related_articleN.sub maps to the related sub-field."""
        if key in self.by_key:
            return self.by_key[key]
        slot, _, sub = key.partition(".")
        if slot.startswith(self.related_prefix) and slot[len(self.related_prefix) :].isdigit():
            return next((f for f in self.related_fields if f.key == sub), None)
        return None

    def matches(self, data: Any) -> bool:
        return isinstance(data, dict) and all(k in data for k in self.detect)

    def related_keys(self) -> list[str]:
        return [f"{self.related_prefix}{n}" for n in range(1, self.related_slots + 1)]

    def required_keys(self) -> list[str]:
        return [f.key for f in self.fields if f.required]

    def known_top_keys(self) -> set[str]:
        return {f.key.split(".")[0] for f in self.fields} | set(self.related_keys())

    def label(self, key: str) -> str:
        """A dotted key in the writer's words: ``seo.title`` -> "SEO title",
        ``related_article2`` -> "Related 2", ``related_article2.url`` -> "Related 2: URL"."""
        if key == "body":
            return "Body"
        if key in self.by_key:
            return self.by_key[key].label
        slot, _, sub = key.partition(".")
        number = slot[len(self.related_prefix):]
        if slot.startswith(self.related_prefix) and number.isdigit():
            spec = next((f for f in self.related_fields if f.key == sub), None)
            part = spec.label if spec else sub
            return f"Related {number}: {part}" if part else f"Related {number}"
        return key

    def codec_for(self, key: str) -> Codec:
        spec = self.field(key)
        return spec.codec if spec else get_codec(None)


def _field(raw: dict[Any, Any]) -> Field:
    kind = raw["type"]
    if kind not in FIELD_TYPES:
        raise ValueError(f"unknown field type {kind!r} for {raw['key']!r}")
    return Field(
        key=raw["key"],
        label=raw["label"],
        type=kind,
        group=raw.get("group", "Article"),
        required=bool(raw.get("required", False)),
        readonly=bool(raw.get("readonly", False)),
        max_length=raw.get("max_length"),
        derive=raw.get("derive"),
        codec_name=raw.get("codec"),
    )


def load_schema(path: Path) -> Schema:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = tuple(_field(f) for f in raw["fields"])
    return Schema(
        name=raw["name"],
        detect=tuple(raw["detect"]),
        fields=fields,
        related_fields=tuple(_field(f) for f in raw["related_fields"]),
        related_prefix=raw.get("related_prefix", "related_article"),
        related_slots=int(raw.get("related_slots", 5)),
        groups=tuple(raw.get("groups", ())),
        by_key={f.key: f for f in fields},
    )


@lru_cache(maxsize=1)
def article_schema() -> Schema:
    from editor.resources import resource_path

    return load_schema(resource_path("schema", "quicktakes.yaml"))
