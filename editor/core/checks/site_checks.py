"""Site checks: problems of the site's pages, blocks and configuration (not of Q&A articles).

- ``block-unknown``: a ``_bookshop_name`` that no Bookshop component has (names are
  case-sensitive: ``education/bookmentions`` is not ``education/bookMentions``);
- ``image-missing``: an image (a key whose input is an image, or an image in a page's
  Markdown body) whose path resolves to no file under ``paths.static`` (checked only when
  that folder is there; web addresses are not checked);
- ``locale-empty``: texts written per language with some languages filled and others empty,
  one problem per page and empty language, saying how many fields it leaves empty;
- ``collection-missing``: a collection whose folder does not exist, or a
  ``collection_groups`` entry naming no collection;
- ``input-type-mismatch``: an ``_inputs`` type that contradicts the editor's Q&A schema for a
  key of the Q&A articles (the global ``answer: html`` while answers are Markdown).

Only the non-article pages are read (a few dozen on a site of tens of thousands of
articles); the articles are told apart by the index, or by a look at their first bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from editor.core.checks.folder_checks import CODES, Problem
from editor.core.document.article import ArticleDocument
from editor.core.document.paths import join
from editor.core.document.schema import article_schema
from editor.core.errors import ArticleError
from editor.core.site.lines import node_line
from editor.core.site.locales import locale_object
from editor.core.site.site import BOOKSHOP_KEY, Site, load_site
from editor.core.values import dotted
from editor.core.writer.yamltree import LOADER

#: The editor's Q&A field types and the CloudCannon input types that can edit them.
COMPATIBLE = {
    "text": {"text", "textarea", "select", "email", "url"},
    "long_text": {"text", "textarea"},
    "markdown": {"markdown"},
    "date": {"date", "datetime"},
    "number": {"number"}, "integer": {"number"},
    "boolean": {"switch", "checkbox"},
    "keywords": {"multiselect", "text"},
}
_BODY_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*?\bsrc=[\"']([^\"']+)")
_WEB = re.compile(r"(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_SNIFF_BYTES = 65536


@dataclass
class SiteReport:
    """What the site checks found, and what they looked at."""

    problems: list[Problem] = field(default_factory=list)
    pages: int = 0  # non-article pages read
    images: int = 0  # the site's own image paths seen (front matter and bodies)


def _problem(file: str, line: int | None, code: str, message: str, key: str | None = None,
             text: str = "") -> Problem:
    return Problem(file, line, code, CODES[code], message, key, text or message)


def check_site(root: Path | str | Site, articles: Collection[str] | None = None,
               listed: Iterable[str] | None = None) -> SiteReport:
    """The site checks of the site at ``root`` (files named relative to it). ``articles``:
    the paths (relative to the root) already known to be Q&A articles, which are not read;
    without it each page's first bytes tell. ``listed``: the site's files as the index
    listed them (relative, ``/``-separated); without it the collections' folders are
    listed here."""
    site = root if isinstance(root, Site) else load_site(root)
    report = SiteReport()
    report.problems.extend(config_problems(site))
    for rel in page_files(site, listed):
        if articles is not None and rel in articles:
            continue
        path = site.root / rel
        if articles is None and _looks_like_article(path):
            continue
        try:
            doc = ArticleDocument.load(path)
        except ArticleError:
            continue  # the folder check reports it
        if doc.is_article:
            continue
        report.pages += 1
        report.problems.extend(page_problems(site, rel, doc, report))
    report.problems.sort(key=lambda p: (p.file, p.line if p.line is not None else -1))
    return report


def site_page_problems(root: Path, pages: Iterable[str]) -> list[Problem]:
    """The site checks of some pages of the site at ``root`` (a save's re-check); none for a
    folder that is no configured site. The site is read again only when its configuration,
    components or static files changed."""
    from editor.core.checks.report_cache import site_stamp
    from editor.core.storage.siteroot import has_site_config

    if not has_site_config(root):
        return []
    try:
        site = _site(root, site_stamp(root))
    except ArticleError:
        return []
    out: list[Problem] = []
    for rel in pages:
        if not _is_page(site, rel):
            continue
        try:
            doc = ArticleDocument.load(root / rel)
        except ArticleError:
            continue
        if not doc.is_article:
            out.extend(page_problems(site, rel, doc))
    return sorted(out, key=lambda p: (p.file, p.line if p.line is not None else -1))


@lru_cache(maxsize=2)
def _site(root: Path, _stamp: bytes) -> Site:
    return load_site(root)


def page_files(site: Site, listed: Iterable[str] | None = None) -> list[str]:
    """The Markdown files of every collection's folder, relative to the root, sorted: of
    ``listed`` (files relative to the root) when given, else as found on disk."""
    if listed is not None:
        return sorted(rel for rel in listed if _is_page(site, rel))
    found: set[str] = set()
    for collection in site.config.collections:
        folder = site.root / collection.path
        if folder.is_dir():
            found.update(p.relative_to(site.root).as_posix() for p in folder.rglob("*.md")
                         if p.is_file())
    return sorted(found)


def _is_page(site: Site, rel: str) -> bool:
    """Whether the file at ``rel`` is a Markdown file in one of the collections' folders."""
    return rel.endswith(".md") and any(c.holds(rel) for c in site.config.collections)


def _looks_like_article(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return all(re.search(rb"(?m)^%s:" % key.encode(), head)
               for key in article_schema().detect)


# -- the configuration ------------------------------------------------------------------------

def config_problems(site: Site) -> Iterator[Problem]:
    config = site.config
    if config.file is None:
        return
    name = config.file.name
    try:
        tree = yaml.compose(config.file.read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        tree = None

    def at(path: tuple[Any, ...]) -> int | None:
        found = node_line(tree, path)
        return None if found is None else found + 1

    for collection in config.collections:
        if not (site.root / collection.path).is_dir():
            yield _problem(name, at(("collections_config", collection.key)),
                           "collection-missing",
                           f"collection “{collection.key}”: its folder “{collection.path}” "
                           "does not exist", f"collections_config.{collection.key}",
                           f"The collection {collection.name} has no folder "
                           f"“{collection.path}”")
    groups = config.config.get("collection_groups")
    for g, group in enumerate(groups if isinstance(groups, list) else []):
        names = group.get("collections") if isinstance(group, dict) else None
        for n, key in enumerate(names if isinstance(names, list) else []):
            if key not in config.by_key:
                yield _problem(name, at(("collection_groups", g, "collections", n)),
                               "collection-missing",
                               f"collection_groups names “{key}”, which collections_config "
                               "does not define", "collection_groups",
                               f"The group {group.get('heading', g + 1)} lists a collection "
                               f"“{key}” the site does not have")
    yield from _type_mismatches(site, name, at)


def _type_mismatches(site: Site, name: str,
                     at: Callable[[tuple[Any, ...]], int | None]) -> Iterator[Problem]:
    """Configured types that contradict the Q&A schema, at the global level and in the
    collections that hold articles."""
    schema = article_schema()
    levels: list[tuple[tuple[str, ...], Any]] = [(("_inputs",), site.config.inputs)]
    levels += [(("collections_config", c.key, "_inputs"), c.inputs)
               for c in site.config.collections]
    for where, inputs in levels:
        for key, entry in inputs.items():
            spec = schema.by_key.get(str(key))
            kind = entry.get("type") if isinstance(entry, dict) else None
            if spec is None or not isinstance(kind, str) or spec.type not in COMPATIBLE:
                continue
            if kind not in COMPATIBLE[spec.type]:
                dotted = ".".join((*where, str(key)))
                yield _problem(name, at((*where, key)), "input-type-mismatch",
                               f"{dotted}.type is {kind}, but the Q&A articles' {key} is "
                               f"{spec.type}", dotted,
                               f"The site edits {spec.label} as {kind}, but in the Q&A "
                               f"articles it is {spec.type.replace('_', ' ')}")


# -- one page ---------------------------------------------------------------------------------

def page_problems(site: Site, rel: str, doc: ArticleDocument,
                  report: SiteReport | None = None) -> list[Problem]:
    """block-unknown, image-missing and locale-empty of one page."""
    out: list[Problem] = []
    data = doc.data
    static = site.root / site.config.static_path
    check_images = static.is_dir()
    root = doc.tree.root
    first = doc.layout.fm_first_line

    def line(path: tuple[Any, ...]) -> int | None:
        found = node_line(root, path)
        return None if found is None else found + first

    if site.components:
        for path, name in _blocks(data, ()):
            if name not in site.components:
                near = _near(name, site.components)
                hint = f" (did you mean “{near}”?)" if near else ""
                out.append(_problem(rel, line((*path, BOOKSHOP_KEY)), "block-unknown",
                                    f"{dotted(path)}: no component is named "
                                    f"“{name}”{hint}", join([*path, BOOKSHOP_KEY]),
                                    f"No block is called “{name}”{hint}"))
    empties: dict[str, list[tuple[Any, ...]]] = {}  # per language, its empty fields
    for slot in site.slots(rel, data):
        where = dotted(slot.path)
        if (slot.input.type == "image" and isinstance(slot.value, str) and slot.value.strip()
                and not _WEB.match(slot.value)):
            if report is not None:
                report.images += 1
            if check_images and not _resolves(site, slot.value):
                out.append(_problem(rel, line(slot.path), "image-missing",
                                    f"{where}: “{slot.value}” is no file under "
                                    f"{site.config.static_path or 'the site'}",
                                    join(list(slot.path)),
                                    f"The image “{slot.value}” is not in the site's files"))
        found = locale_object(slot.value, site.locales)
        if found is not None and found.empty and found.filled:
            for locale in found.empty:
                empties.setdefault(locale, []).append(slot.path)
    for locale in sorted(empties, key=lambda loc: (loc not in site.locales, site.locales.index(
            loc) if loc in site.locales else 0, loc)):
        paths = empties[locale]
        count = len(paths)
        fields = f"{count} field{'s' if count != 1 else ''}"
        out.append(_problem(rel, line(paths[0]), "locale-empty",
                            f"{locale} is empty in {fields} written in other languages "
                            f"(the first: {dotted(paths[0])})", join(list(paths[0])),
                            f"{fields} of this page {'has' if count == 1 else 'have'} "
                            f"no {locale} text"))
    body_line = doc.text.count("\n", 0, doc.layout.body_start) + 1
    for match in _BODY_IMAGE.finditer(doc.body):
        url = match.group(1) or match.group(2)
        if _WEB.match(url):
            continue
        if report is not None:
            report.images += 1
        if check_images and not _resolves(site, url):
            at = body_line + doc.body.count("\n", 0, match.start())
            out.append(_problem(rel, at, "image-missing",
                                f"body: “{url}” is no file under "
                                f"{site.config.static_path or 'the site'}", "body",
                                f"The image “{url}” in the text is not in the site's files"))
    return out


def _resolves(site: Site, url: str) -> bool:
    return site.config.static_file(url.removeprefix("./")).is_file()


def _blocks(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        name = value.get(BOOKSHOP_KEY)
        if isinstance(name, str):
            yield path, name
        for key, inner in value.items():
            yield from _blocks(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _blocks(inner, (*path, i))


def _near(name: str, components: Collection[str]) -> str | None:
    """A component whose name differs only in case, or in a repeated last part."""
    folded = name.lower()
    for other in components:
        low = other.lower()
        if low == folded or low.rsplit("/", 1)[0] == folded or low == folded + "/" + (
                folded.rsplit("/", 1)[-1]):
            return other
    return None
