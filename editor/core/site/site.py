"""One site: its configuration and components, and the input of every key of every page."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from editor.core.document.paths import resolve, set_parts
from editor.core.document.schema import article_schema
from editor.core.errors import ArticleError, KeyNotFoundError
from editor.core.site.bookshop import Component, Structure, load_components, structures_for
from editor.core.site.config import Collection, SiteConfig, site_config
from editor.core.site.inputs import CONTAINER_TYPES, LIST_TYPES, Input, InputLevel, KeyPath
from editor.core.site.inputs import resolve as find
from editor.core.site.locales import locale_object, locales_of

BOOKSHOP_KEY = "_bookshop_name"


@dataclass(frozen=True)
class Slot:
    """One key of a page as the form shows it: its path (list indexes as ints), its value,
    its input, and for an array the structures its items may be made from."""

    path: KeyPath
    value: Any
    input: Input
    structures: tuple[Structure, ...] = ()

    @property
    def depth(self) -> int:
        return len(self.path) - 1


class Site:
    """The site at ``root``: ``config`` (SiteConfig) and ``components`` (Bookshop, by
    name). Build it with ``load_site(root)``."""

    def __init__(self, config: SiteConfig, components: Mapping[str, Component]) -> None:
        self.config = config
        self.components = dict(components)

    @property
    def root(self) -> Path:
        return self.config.root

    @cached_property
    def locales(self) -> tuple[str, ...]:
        return locales_of(self.components)

    def collection_for(self, file: Path | str) -> Collection | None:
        return self.config.collection_for(file)

    # -- the cascade ------------------------------------------------------------------------
    def levels(self, file: Path | str, data: Any, path: KeyPath = ()) -> list[InputLevel]:
        """The cascade for the key at ``path`` of the page ``file`` with front matter
        ``data``: global, collection, schema, the file's own ``_inputs``, then each Bookshop
        block (or configured structure) the path passes through, outermost first."""
        conf = self.config
        out = [InputLevel("global", conf.inputs, conf.select_data)]
        collection = conf.collection_for(file)
        if collection is not None:
            out.append(InputLevel(f"collection:{collection.key}", collection.inputs,
                                  collection.select_data))
            schema = collection.schema_for(data)
            if schema is not None:
                out.append(InputLevel(f"schema:{schema.name}", schema.inputs))
        if isinstance(data, dict):
            own = data.get("_inputs")
            if isinstance(own, dict):
                select = data.get("_select_data")
                out.append(InputLevel("file", own, select if isinstance(select, dict) else {}))
        for depth, component in self._blocks_along(data, path):
            out.append(InputLevel(f"structure:{component.name}", component.structure.inputs,
                                  scope=tuple(path[: depth + 1])))
        return out

    def _blocks_along(self, data: Any, path: Sequence[Any]) -> Iterator[tuple[int, Component]]:
        """The Bookshop blocks the key ``path`` of ``data`` passes through, outermost first:
        each one's depth in ``path`` and its component (blocks no component has are left
        out)."""
        node: Any = data
        for depth, part in enumerate(path):
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return
            if isinstance(node, dict) and isinstance(node.get(BOOKSHOP_KEY), str):
                component = self.components.get(node[BOOKSHOP_KEY])
                if component is not None:
                    yield depth, component

    def input_for(self, file: Path | str, key_path: KeyPath | str, data: Any = None) -> Input:
        """The input of one key of a page: ``key_path`` as parts (``("content_blocks", 0,
        "title")``) or in the editor's path syntax (``content_blocks.0.title``). ``data`` is
        the page's front matter (read from ``file`` when None)."""
        if data is None:
            data = self._read(file)
        path = self._parts(data, key_path)
        return self._input(file, data, path)

    def _input(self, file: Path | str, data: Any, path: KeyPath,
                levels: list[InputLevel] | None = None, outer: Input | None = None) -> Input:
        """The input at ``path``: an object or array configured with a scalar type (the
        global ``answer: html`` on an ``answer`` written once per language) is an object,
        and the keys of such a locale object that have no input of their own take it.
        (``levels``, ``outer``: the cascade at ``path`` and the parent's input, when known.)"""
        try:
            value = _get(data, path)
        except (KeyError, IndexError, TypeError):
            value = None
        article = article_input(data, path)
        if article is not None:
            return article
        if levels is None:
            levels = self.levels(file, data, path)
        entry = find(levels, path, value)
        if isinstance(value, list) and entry.type in LIST_TYPES and all(
                is_value(v) for v in value):
            return entry  # a list of values: the multiselect it is configured or inferred as
        if isinstance(value, dict | list) and entry.type not in CONTAINER_TYPES:
            return replace(entry, type="object" if isinstance(value, dict) else "array")
        if entry.source == "inferred" and len(path) > 1:
            up = _get(data, path[:-1])
            if locale_object(up, self.locales) is not None:
                if outer is None:
                    outer = find(self.levels(file, data, path[:-1]), path[:-1], up)
                kind = outer.config.get("type")
                if isinstance(kind, str) and kind not in CONTAINER_TYPES:
                    return replace(entry, type=kind, source=outer.source, comment=outer.comment,
                                   config=outer.config)
        return entry

    def structures_at(self, file: Path | str, data: Any, path: KeyPath) -> tuple[Structure, ...]:
        """The structures the items of the array at ``path`` may be made from: the
        components whose ``spec.structures`` names a top-level array, the nested structure a
        component's blueprint gives one of its arrays, or a configured ``_structures`` entry
        (``options.structures``)."""
        if not path:
            return ()
        key = path[-1]
        if len(path) == 1 and isinstance(key, str):
            found = structures_for(self.components, key)
            if found:
                return found
        # inside a Bookshop block: the nested structure of the block's own arrays
        block: Structure | None = None
        block_at = -1
        for depth, component in self._blocks_along(data, path[:-1]):
            block, block_at = component.structure, depth
        if block is not None:
            inner = list(path[block_at + 1:])
            current: Structure | None = block
            steps: list[str] = []
            for part in inner:
                if isinstance(part, int):
                    if current is None:
                        break
                    found_nested: tuple[Structure, ...] = current.nested.get(".".join(steps), ())
                    current = found_nested[0] if found_nested else None
                    steps = []
                else:
                    steps.append(str(part))
            if current is not None and steps:
                nested = current.nested.get(".".join(steps))
                if nested:
                    return nested
        return self._configured(file, data, path)

    def _configured(self, file: Path | str, data: Any, path: KeyPath) -> tuple[Structure, ...]:
        entry = self.input_for(file, path, data)
        name = entry.options.get("structures")
        config = self.config
        collection = config.collection_for(file)
        pools: list[Mapping[str, Any]] = [config.structures]
        if collection is not None:
            pools.append(collection.structures)
        if isinstance(data, dict) and isinstance(data.get("_structures"), dict):
            pools.append(data["_structures"])
        raw: Any = None
        if isinstance(name, str):
            name = name.removeprefix("_structures.")
            for pool in pools:
                raw = pool.get(name, raw)
        elif isinstance(name, dict):
            raw = name
        if raw is None and isinstance(path[-1], str):
            for pool in pools:
                raw = pool.get(path[-1], raw)
        if not isinstance(raw, dict):
            return ()
        out = []
        for n, value in enumerate(raw.get("values") or []):
            if isinstance(value, dict):
                label = str(value.get("label") or f"{path[-1]} {n + 1}")
                inner = value.get("value")
                inputs = value.get("_inputs")
                inner = inner if isinstance(inner, dict) else {}
                inputs = inputs if isinstance(inputs, dict) else {}
                out.append(Structure(name=label, label=label, value=dict(inner),
                                     inputs=inputs, icon=str(value.get("icon") or "")))
        return tuple(out)

    # -- the form ---------------------------------------------------------------------------
    def slots(self, file: Path | str, data: Any = None, under: KeyPath = (),
              descend: Callable[[Slot], bool] | None = None) -> Iterator[Slot]:
        """Every key of a page, depth first in the file's order, with its input: an object
        or array first, then what it holds. Keys starting with ``_`` are left out (as the
        editor hides them), and so is the body.

        ``under``: only the keys inside the object or array at that path (an item of an
        array opened in the form). ``descend(slot)``: asked once the consumer has taken an
        object's or array's slot, whether to walk what it holds (False: its keys are not
        worked out at all)."""
        if data is None:
            data = self._read(file)
        if not isinstance(data, dict):
            return
        path = tuple(under)
        if not path:
            yield from self._walk(file, data, data, (), self.levels(file, data), None, descend)
            return
        try:
            node = _get(data, path)
        except (KeyError, IndexError, TypeError):
            return
        levels = self.levels(file, data, path)
        yield from self._walk(file, data, node, path, levels,
                              self._input(file, data, path), descend)

    def _walk(self, file: Path | str, data: Any, node: Any, path: KeyPath,
              levels: list[InputLevel], outer: Input | None,
              descend: Callable[[Slot], bool] | None = None) -> Iterator[Slot]:
        items: list[tuple[Any, Any]]
        if isinstance(node, dict):
            items = list(node.items())
        elif isinstance(node, list):
            items = list(enumerate(node))
        else:
            return
        for key, value in items:
            if isinstance(key, str) and key.startswith("_"):
                continue
            here = (*path, key)
            inner = levels
            if isinstance(value, dict) and isinstance(value.get(BOOKSHOP_KEY), str):
                component = self.components.get(value[BOOKSHOP_KEY])
                if component is not None:
                    inner = [*levels, InputLevel(f"structure:{component.name}",
                                                 component.structure.inputs, scope=here)]
            entry = self._input(file, data, here, levels, outer)
            structures = self.structures_at(file, data, here) if isinstance(value, list) else ()
            slot = Slot(here, value, entry, structures)
            yield slot
            if (entry.type in CONTAINER_TYPES or (isinstance(value, dict | list)
                                                  and entry.type not in LIST_TYPES)) and (
                    descend is None or descend(slot)):
                yield from self._walk(file, data, value, here, inner, entry, descend)

    def blocks_only(self, file: Path | str, data: Any, body: str) -> bool:
        """Whether a page is its Bookshop blocks only: no body in the file, one of its
        top-level arrays holds blocks, and its schema (if any) has no body either (a new
        blog post, empty yet, is not)."""
        if body.strip() or not isinstance(data, dict) or not any(
                isinstance(v, list) and any(isinstance(i, dict) and BOOKSHOP_KEY in i for i in v)
                for v in data.values()):
            return False
        collection = self.config.collection_for(file)
        schema = collection.schema_for(data) if collection is not None else None
        if schema is None:
            return True
        from editor.core.document.article import ArticleDocument

        try:
            return not ArticleDocument.load(self.root / schema.path).body.strip()
        except (ArticleError, OSError):
            return True

    # -- helpers ----------------------------------------------------------------------------
    def _read(self, file: Path | str) -> Any:
        from editor.core.document.article import ArticleDocument

        path = Path(file)
        return ArticleDocument.load(path if path.is_absolute() else self.root / path).data

    @staticmethod
    def _parts(data: Any, key_path: KeyPath | str) -> KeyPath:
        if not isinstance(key_path, str):
            return tuple(key_path)
        try:
            return tuple(resolve(data, key_path))
        except KeyNotFoundError:
            return tuple(set_parts(data, key_path))


#: The CloudCannon input type of each of the editor's own field types.
ARTICLE_TYPES = {"text": "text", "long_text": "textarea", "markdown": "markdown",
                 "date": "date", "number": "number", "integer": "number",
                 "boolean": "switch", "keywords": "multiselect", "related": "object"}


def article_input(data: Any, path: KeyPath) -> Input | None:
    """The input of a Q&A article's key from the editor's own schema (which the Q&A
    collection keeps, whatever the site's ``_inputs`` say); None for other files and keys."""
    schema = article_schema()
    if not schema.matches(data) or not path or not all(isinstance(p, str) for p in path):
        return None
    spec = schema.field(".".join(path))
    if spec is None:
        return None
    return Input(key=str(path[-1]), type=ARTICLE_TYPES.get(spec.type, "text"),
                 label=spec.label, source="article-schema", config={"type": spec.type})


def is_value(value: Any) -> bool:
    """Whether ``value`` can be one of a multiselect's values (a string or a number)."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _get(data: Any, path: KeyPath) -> Any:
    node = data
    for part in path:
        node = node[part]
    return node


def load_site(root: Path | str) -> Site:
    """The site at ``root``: its CloudCannon configuration and its Bookshop components."""
    root = Path(root)
    config = site_config(root)
    return Site(config, load_components(root, config.page_folders))
