"""Bookshop components: each ``*.bookshop.yml`` is a structure pages can add to an array.

Components live under the folder holding ``bookshop/bookshop.config.*`` (the Bookshop root,
as ``@bookshop/generate`` finds it), and are named as Bookshop names them: the path after
``components/`` up to the first dot of the file name, with a last folder repeated by the file
name collapsed (``home/banner/banner.bookshop.yml`` is ``home/banner``, but
``education/Media/media.bookshop.yml`` stays ``education/Media/media``).

A component's ``blueprint`` becomes the structure's value, with its ``_bookshop_name`` first;
an array of objects in the blueprint becomes an empty array whose items are a nested structure
made from the blueprint's first item (Bookshop's ``generateDeepStructures``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.errors import SiteConfigError
from editor.core.site.bookshop_files import bookshop_roots, component_files

_CONFIG_GLOB = "bookshop.config.*"


@dataclass(frozen=True)
class Structure:
    """One kind of item an array can hold: the ``value`` a new item starts from (keys in
    the blueprint's order), the inputs of its keys (paths from the item's root), and the
    nested structures of its own arrays (by key path, e.g. ``items``)."""

    name: str  # the component's name, or the structure's label
    label: str
    value: Mapping[str, Any]
    inputs: Mapping[str, Any] = field(default_factory=dict)
    icon: str = ""
    description: str = ""
    nested: Mapping[str, tuple[Structure, ...]] = field(default_factory=dict)

    def new_value(self) -> dict[str, Any]:
        """A fresh copy of the value, for a new item."""
        return copy.deepcopy(dict(self.value))


@dataclass(frozen=True)
class Component:
    name: str  # as pages name it in ``_bookshop_name``
    file: Path
    structures: tuple[str, ...]  # the arrays it may be added to (``spec.structures``)
    structure: Structure


def component_name(path: Path | str) -> str:
    """Bookshop's name of a component file (``getComponentKey``)."""
    text = Path(path).as_posix()
    base = re.sub(r"^.*?components/", "", text).split(".")[0]
    parts = base.split("/")
    if len(parts) >= 2 and parts[-1] == parts[-2]:
        parts.pop()
    return "/".join(parts)


def nice_label(key: str) -> str:
    """Bookshop's label of a name (``niceLabel``): ``home/banner`` -> "Home / Banner"."""
    out = re.sub(r"^[a-z]", lambda m: m.group().upper(), key, flags=re.IGNORECASE)
    out = re.sub(r"[-_]([a-z0-9])", lambda m: " " + m.group(1).upper(), out, flags=re.I)
    return re.sub(r"/([a-z0-9])", lambda m: " / " + m.group(1).upper(), out, flags=re.I)


def _singular(word: str) -> str:
    for plural, single in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"),
                           ("xes", "x")):
        if word.endswith(plural):
            return word[: -len(plural)] + single
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def load_components(site: Path, content: Iterable[str] = ()) -> dict[str, Component]:
    """Every Bookshop component of the site by name (empty without a Bookshop), not looking
    in the ``content`` folders. A component file that does not parse raises SiteConfigError
    naming it."""
    components: dict[str, Component] = {}
    for root in bookshop_roots(site, content):
        for path in component_files(root):
            if ".bookshop." not in path.name or path.suffix not in (".yml", ".yaml"):
                continue
            component = read_component(path)
            components.setdefault(component.name, component)
    return components


def read_component(path: Path) -> Component:
    import yaml  # not for listing the components' files (a check's key, ``site_stamp``)

    from editor.core.writer.yamltree import LOADER

    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"cannot read the component: {exc}", path=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SiteConfigError(f"the component is not valid YAML: {exc}", path=path,
                              line=mark.line + 1 if mark else None) from None
    if not isinstance(raw, dict):
        raise SiteConfigError("the component is not a mapping of keys", path=path)
    name = component_name(path)
    spec = raw.get("spec") if isinstance(raw.get("spec"), dict) else {}
    assert isinstance(spec, dict)
    inputs = dict(raw.get("_inputs") or {}) if isinstance(raw.get("_inputs"), dict) else {}
    blueprint = raw.get("blueprint") if isinstance(raw.get("blueprint"), dict) else {}
    assert isinstance(blueprint, dict)
    value, nested = deep_structures(blueprint, inputs)
    structure = Structure(
        name=name,
        label=str(spec.get("label") or nice_label(name)),
        value={"_bookshop_name": name, **value},
        inputs=inputs,
        icon=str(spec.get("icon") or ""),
        description=str(spec.get("description") or ""),
        nested=nested,
    )
    wanted = spec.get("structures") or []
    names = tuple(str(s) for s in wanted) if isinstance(wanted, list) else ()
    return Component(name, path, names, structure)


def deep_structures(blueprint: Mapping[str, Any], inputs: Mapping[str, Any], prefix: str = ""
                    ) -> tuple[dict[str, Any], dict[str, tuple[Structure, ...]]]:
    """The blueprint with each array of objects emptied, and a nested structure (from the
    array's first item) for each, by key path (``items``, ``section.items``). An array whose
    key has a configured ``type`` stays as it is, as in Bookshop."""
    value: dict[str, Any] = {}
    nested: dict[str, tuple[Structure, ...]] = {}
    for key, item in blueprint.items():
        path = f"{prefix}{key}"
        entry = inputs.get(key)
        if (isinstance(item, list) and item and isinstance(item[0], dict)
                and not (isinstance(entry, dict) and entry.get("type"))):
            inner_value, inner_nested = deep_structures(item[0], inputs)
            nested[path] = (Structure(
                name=nice_label(_singular(str(key))), label=nice_label(_singular(str(key))),
                value=inner_value, inputs=inputs, icon="add_box", nested=inner_nested),)
            value[key] = []
        elif isinstance(item, dict):
            inner, deeper = deep_structures(item, inputs, f"{path}.")
            value[key] = inner
            nested.update(deeper)
        else:
            value[key] = copy.deepcopy(item)
    return value, nested


def structures_for(components: Mapping[str, Component], array: str) -> tuple[Structure, ...]:
    """The structures of the components whose ``spec.structures`` names ``array``
    (``content_blocks``), in name order."""
    return tuple(c.structure for name, c in sorted(components.items()) if array in c.structures)
