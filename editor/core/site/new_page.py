"""A new blog post or page: the collection's schema file, filled in, named by its URL pattern.

The schema (``schemas/post.md``) keeps its own layout: only the title keys, the date and the
``_schema`` key that names it are written into it. The file name comes from the
collection's ``url`` (``/blog/[slug]`` -> ``<slug>.md`` in the collection's folder); the date
takes the form the collection's other pages write (``2024-09-25T16:00:00Z``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from editor.core.document.article import ArticleDocument
from editor.core.errors import ArticleError
from editor.core.site.site import Site
from editor.core.storage.safe_io import atomic_create
from editor.core.writer.dates import format_like

#: The schema keys a new page's title goes into, when the schema has them.
TITLE_KEYS = ("title", "article_title", "seo.title")
_PLACEHOLDER = re.compile(r"\[([a-z_]+)\]")
_DATE_LINE = re.compile(r"(?m)^date:[ \t]*(\S.*?)[ \t]*$")


def slug(text: str) -> str:
    """The page's slug, as CloudCannon makes one: lower case ASCII letters and digits, every
    other run of characters one hyphen (``A Senior's Guide`` -> ``a-senior-s-guide``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_name(url: str, page_slug: str) -> str:
    """The file name the collection's URL pattern gives a page: its last step, with
    ``[slug]``, ``[filename]`` and ``[title]`` standing for the slug (``/blog/[slug]`` ->
    ``<slug>.md``)."""
    last = url.rstrip("/").rsplit("/", 1)[-1] if url else "[slug]"
    name = _PLACEHOLDER.sub(lambda m: page_slug if m.group(1) in (
        "slug", "filename", "title", "full_slug") else "", last)
    name = name.strip("-") or page_slug
    return name if name.endswith((".md", ".markdown")) else name + ".md"


def page_text(site: Site, collection_key: str, title: str, *, when: dt.datetime | None = None,
              schema: str = "default") -> str:
    """The text of a new page of ``collection_key`` (nothing is written)."""
    collection = site.config.by_key.get(collection_key)
    if collection is None:
        raise ArticleError(f"the site has no collection “{collection_key}”")
    if not collection.schemas:
        # No template: a page with its title, as CloudCannon's "add file" starts one; its
        # blocks are added in the form.
        blank = ArticleDocument("---\ntitle: x\n---\n")
        blank.set("title", title)
        return blank.render()
    spec = collection.schemas.get(schema)
    if spec is None:
        raise ArticleError(f"the collection “{collection_key}” has no schema “{schema}”")
    try:
        doc = ArticleDocument.load(site.root / spec.path)
    except ArticleError as exc:
        raise ArticleError(f"the schema cannot be read: {exc.message}",
                           path=site.root / spec.path) from None
    data = doc.data or {}
    for key in TITLE_KEYS:
        head, _, sub = key.partition(".")
        if head in data and (not sub or (isinstance(data[head], dict) and sub in data[head])):
            doc.set(key, title)
    moment = None
    if "date" in data:
        moment = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
        doc.set("date", moment)
    text = doc.render()
    sample = _sibling_date(site.root / collection.path)
    written = format_like(moment, sample) if moment is not None and sample else None
    if written is not None:  # the date as the collection's pages write theirs
        text = _DATE_LINE.sub(lambda _m: f"date: {written}", text, count=1)
        if ArticleDocument(text).get("date") != moment:
            raise ArticleError("internal error: the new page's date would not read back")
    if "_schema" not in data and doc.has_front_matter:
        start = doc.layout.fm_start
        text = text[:start] + f"_schema: {schema}{doc.layout.newline}" + text[start:]
    return text


def _sibling_date(folder: Path) -> str | None:
    """The date of the first page of the folder that has one, as written."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("*.md"))[:20]:
        try:
            head = path.read_text(encoding="utf-8")[:4096]
        except (OSError, UnicodeDecodeError):
            continue
        found = _DATE_LINE.search(head)
        if found:
            return found.group(1)
    return None


def new_page(site: Site, collection_key: str, title: str, *, when: dt.datetime | None = None,
             schema: str = "default") -> Path:
    """Create a new page of the collection from its schema, in its folder, named by its URL
    pattern; never overwrites (ArticleError when the file exists)."""
    collection = site.config.by_key.get(collection_key)
    if collection is None:
        raise ArticleError(f"the site has no collection “{collection_key}”")
    page_slug = slug(title)
    if not page_slug:
        raise ArticleError(f"the title “{title}” has no letters or digits to name the file")
    text = page_text(site, collection_key, title, when=when, schema=schema)
    target = site.root / collection.path / file_name(collection.url, page_slug)
    if target.exists():
        raise ArticleError("already exists; not overwritten", path=target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArticleError(exc.strerror or str(exc), path=target) from None
    atomic_create(target, text.encode("utf-8"))
    return target
