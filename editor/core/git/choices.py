"""The choices a team update leaves for the writer, as the chooser offers them: fields the
site keeps in step (the title and the article title, which the schema derives from the
question, and the question itself) are one choice when more than one of them conflicts in
the same article, so the writer does not choose three times what is one decision.

Each field still has its own choice underneath (``resolve`` takes them per field).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from editor.core.document.schema import Schema, article_schema
from editor.core.git.sync import FieldConflict


@dataclass(frozen=True)
class ChoiceGroup:
    """One row of the chooser: a single conflict, or an article's fields kept in step."""

    path: str
    title: str
    label: str  # the field's label, or "Title, Article title and Question"
    conflicts: tuple[FieldConflict, ...]

    @property
    def grouped(self) -> bool:
        return len(self.conflicts) > 1

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.conflicts)


def in_step_keys(schema: Schema) -> tuple[str, ...]:
    """The fields that are copies of another field (their derivation is that field's name:
    ``derive: question``) and the fields they copy, in the schema's order: ``title``,
    ``article_title`` and ``question`` for the site's articles."""
    copies = {f.key: f.derive for f in schema.fields
              if f.derive in schema.by_key and f.derive != f.key}
    sources = set(copies.values())
    return tuple(f.key for f in schema.fields if f.key in copies or f.key in sources)


@lru_cache(maxsize=1)
def _article_in_step() -> tuple[str, ...]:
    return in_step_keys(article_schema())


def spoken_list(words: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def group_conflicts(conflicts: Sequence[FieldConflict],
                    in_step: Sequence[str] | None = None) -> list[ChoiceGroup]:
    """``conflicts`` as the chooser's rows, in their order: an article's conflicts in two or
    more fields kept in step become one group (at the first one's place, in the schema's
    order); every other conflict is a row of its own."""
    keys = tuple(_article_in_step() if in_step is None else in_step)
    order = {key: n for n, key in enumerate(keys)}
    linked: dict[str, list[FieldConflict]] = {}
    for c in conflicts:
        if c.key in order:
            linked.setdefault(c.path, []).append(c)
    rows: list[ChoiceGroup] = []
    placed: set[str] = set()
    for c in conflicts:
        members = linked.get(c.path, [])
        if c.key not in order or len(members) < 2:
            rows.append(ChoiceGroup(c.path, c.title, c.label, (c,)))
        elif c.path not in placed:
            placed.add(c.path)
            members = sorted(members, key=lambda m: order[m.key])
            rows.append(ChoiceGroup(c.path, c.title, spoken_list([m.label for m in members]),
                                    tuple(members)))
    return rows


__all__ = ["ChoiceGroup", "group_conflicts", "in_step_keys", "spoken_list"]
