"""The site's CloudCannon configuration: collections, paths, inputs, structures, schemas."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from editor.core.errors import ArticleError, SiteConfigError, UnsupportedConfigError
from editor.core.storage.siteroot import CONFIG_NAMES, JS_CONFIG_NAMES
from editor.core.writer.yamltree import LOADER


@dataclass(frozen=True)
class Schema:
    """A collection's schema: the template file new pages start from (``_schema: name``)."""

    name: str
    path: str  # relative to the site root
    config: Mapping[str, Any] = field(default_factory=dict)

    @property
    def inputs(self) -> Mapping[str, Any]:
        return _mapping(self.config.get("_inputs"))


class _Level:
    """What a level of CloudCannon's cascade configures, read from its ``config``."""

    config: Mapping[str, Any]

    @property
    def inputs(self) -> Mapping[str, Any]:
        return _mapping(self.config.get("_inputs"))

    @property
    def select_data(self) -> Mapping[str, Any]:
        return _mapping(self.config.get("_select_data"))

    @property
    def structures(self) -> Mapping[str, Any]:
        return _mapping(self.config.get("_structures"))


@dataclass(frozen=True)
class Collection(_Level):
    """One ``collections_config`` entry. ``path`` is relative to the site root (``''`` for
    the root itself); ``url`` the pattern of its pages' URLs (``/blog/[slug]``)."""

    key: str
    path: str
    name: str
    icon: str = ""
    url: str = ""
    output: bool = False
    schemas: Mapping[str, Schema] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)

    def holds(self, rel: str) -> bool:
        """Whether the file at ``rel`` (relative to the site root, ``/``-separated) lies in
        this collection's folder."""
        return self.path == "" or rel == self.path or rel.startswith(self.path + "/")

    def schema_for(self, data: Any) -> Schema | None:
        """The schema a page's ``_schema`` key names, else ``default``, else None."""
        name = data.get("_schema") if isinstance(data, dict) else None
        if isinstance(name, str) and name in self.schemas:
            return self.schemas[name]
        return self.schemas.get("default")


@dataclass(frozen=True)
class SiteConfig(_Level):
    """The configuration read from ``root``; ``config`` is the whole parsed file (empty when
    the site has none: ``file`` is then None)."""

    root: Path
    file: Path | None
    config: Mapping[str, Any]
    collections: tuple[Collection, ...]

    @property
    def static_path(self) -> str:
        """``paths.static``: the folder the site's ``/`` URLs are files under (``''``)."""
        return _clean(str(_mapping(self.config.get("paths")).get("static") or ""))

    @property
    def uploads_path(self) -> str:
        """``paths.uploads``: where new images go (``uploads`` by CloudCannon's default)."""
        return _clean(str(_mapping(self.config.get("paths")).get("uploads") or "uploads"))

    @property
    def page_folders(self) -> tuple[str, ...]:
        """The collections' folders other than the root itself: where pages live, and no
        Bookshop component."""
        return tuple(c.path for c in self.collections if c.path.strip("/"))

    @cached_property
    def by_key(self) -> dict[str, Collection]:
        return {c.key: c for c in self.collections}

    def relative(self, file: Path | str) -> str:
        """``file`` relative to the root, ``/``-separated (an already relative one as is)."""
        path = Path(file)
        if path.is_absolute():
            try:
                path = path.relative_to(self.root)
            except ValueError:
                path = Path(path.resolve()).relative_to(self.root.resolve())
        return PurePosixPath(path.as_posix()).as_posix()

    def collection_for(self, file: Path | str) -> Collection | None:
        """The collection of a file: the one whose folder holds it most specifically (a post
        in ``content/posts`` belongs to ``blog``, not to ``pages`` at ``content``)."""
        key = str(file)
        if key not in self._found:
            rel = self.relative(file)
            best: Collection | None = None
            for collection in self.collections:
                if collection.holds(rel) and (
                        best is None or len(collection.path) > len(best.path)):
                    best = collection
            self._found[key] = best
        return self._found[key]

    @cached_property
    def _found(self) -> dict[str, Collection | None]:
        """The collection of each file asked about (a page's keys all ask)."""
        return {}

    def static_file(self, url: str) -> Path:
        """The file a site URL such as ``/uploads/a.jpg`` is served from."""
        return self.root / self.static_path / url.split("?", 1)[0].split("#", 1)[0].lstrip("/")


def site_config(root: Path | str) -> SiteConfig:
    """Read the CloudCannon configuration of the site at ``root`` (``cloudcannon.config.yml``,
    ``.yaml`` or ``.json``). A site without one has no collections. A JavaScript configuration
    raises UnsupportedConfigError; one that does not parse, SiteConfigError."""
    root = Path(root)
    for name in CONFIG_NAMES:
        path = root / name
        if path.is_file():
            return _from_file(root, path)
    for name in JS_CONFIG_NAMES:
        path = root / name
        if path.is_file():
            raise UnsupportedConfigError(
                "a JavaScript CloudCannon configuration is not supported: the editor reads "
                "cloudcannon.config.yml, .yaml or .json", path=path)
    return SiteConfig(root, None, {}, ())


def _from_file(root: Path, path: Path) -> SiteConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"cannot read the configuration: {exc}", path=path) from None
    try:
        raw = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=LOADER)
    except json.JSONDecodeError as exc:
        raise SiteConfigError(f"the configuration is not valid JSON: {exc.msg}", path=path,
                              line=exc.lineno, column=exc.colno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SiteConfigError(
            f"the configuration is not valid YAML: {getattr(exc, 'problem', None) or exc}",
            path=path, line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise SiteConfigError("the configuration is not a mapping of keys", path=path)
    try:
        collections = tuple(_collection(key, value) for key, value in
                            _mapping(raw.get("collections_config")).items())
    except ArticleError as exc:
        raise exc.with_path(path) from None
    return SiteConfig(root, path, raw, collections)


def _collection(key: Any, raw: Any) -> Collection:
    conf = _mapping(raw)
    schemas = {str(name): Schema(str(name), _clean(str(_mapping(s).get("path") or "")),
                                 _mapping(s))
               for name, s in _mapping(conf.get("schemas")).items()}
    path = conf.get("path")
    return Collection(
        key=str(key),
        path=_clean(str(path if path is not None else key)),
        name=str(conf.get("name") or conf.get("title") or key),
        icon=str(conf.get("icon") or ""),
        url=str(conf.get("url") or ""),
        output=bool(conf.get("output", False)),
        schemas=schemas,
        config=conf,
    )


def _clean(path: str) -> str:
    return path.strip().strip("/").removeprefix("./")


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}
