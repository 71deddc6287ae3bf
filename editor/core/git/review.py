"""What a publish would send, field by field: old -> new per changed field of each article,
for the review dialog to list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from editor.core.document.article import ArticleDocument
from editor.core.document.merge import MISSING, _eq
from editor.core.document.paths import join
from editor.core.document.schema import article_schema
from editor.core.errors import ArticleError
from editor.core.git.runner import Git


@dataclass(frozen=True)
class FieldChange:
    key: str  # dotted key ("seo.title"), or "body" for the Markdown after the front matter
    label: str  # in the writer's words ("SEO title")
    old: Any  # MISSING when the field is new
    new: Any  # MISSING when the field was removed

    @property
    def added(self) -> bool:
        return self.old is MISSING

    @property
    def removed(self) -> bool:
        return self.new is MISSING


@dataclass
class FileReview:
    path: str
    title: str
    is_new: bool = False
    is_deleted: bool = False
    readable: bool = True  # False: not an article both sides could read; shown as a whole
    fields: list[FieldChange] = field(default_factory=list)


def blob(git: Git, rev: str, path: str) -> bytes | None:
    """The bytes of ``path`` at ``rev`` (a commit, or ``:N``: an index stage); None if absent."""
    result = git.run("cat-file", "blob", f"{rev}:{path}", check=False)
    return result.stdout if result.returncode == 0 else None


def parse(data: bytes | None, path: str) -> ArticleDocument | None:
    if data is None:
        return None
    try:
        return ArticleDocument.from_bytes(data, path)
    except ArticleError:
        return None


def title_of(doc: ArticleDocument | None, path: str) -> str:
    """The article's title, else its file name."""
    if doc is not None and isinstance(doc.data, dict):
        for key in ("title", "article_title", "question"):
            value = doc.data.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())
    return path.rsplit("/", 1)[-1]


def field_changes(old: ArticleDocument | None, new: ArticleDocument | None) -> list[FieldChange]:
    """Every leaf field (recursing into mappings) whose value differs, and the body."""
    out: list[FieldChange] = []
    schema = article_schema()

    def walk(prefix: tuple[Any, ...], a: Any, b: Any) -> None:
        keys: list[Any] = []
        for data in (a, b):
            if isinstance(data, dict):
                keys += [k for k in data if k not in keys]
        for key in keys:
            x = a.get(key, MISSING) if isinstance(a, dict) else MISSING
            y = b.get(key, MISSING) if isinstance(b, dict) else MISSING
            if isinstance(x, dict) and isinstance(y, dict):
                walk((*prefix, key), x, y)
            elif not _eq(x, y):
                path = join((*prefix, key))
                path = "'body'" if path == "body" else path
                out.append(FieldChange(path, schema.label(path), x, y))

    walk((), old.data if old else None, new.data if new else None)
    old_body = old.body if old else MISSING
    new_body = new.body if new else MISSING
    if not _eq(old_body, new_body) and not (old_body in (MISSING, "") and new_body in (
            MISSING, "")):
        out.append(FieldChange("body", "Body", old_body, new_body))
    return out


def review_file(git: Git, path: str, *, old_rev: str = "HEAD",
                new_data: object = MISSING) -> FileReview:
    """The review of ``path``: ``old_rev``'s version against the file in the work tree (or
    ``new_data`` when given; None for deleted)."""
    old_bytes = blob(git, old_rev, path)
    if new_data is MISSING:
        file = git.folder / path
        new_bytes = file.read_bytes() if file.is_file() else None
    else:
        new_bytes = new_data if isinstance(new_data, bytes) else None
    old, new = parse(old_bytes, path), parse(new_bytes, path)
    review = FileReview(path, title_of(new or old, path), is_new=old_bytes is None,
                        is_deleted=new_bytes is None)
    if (old_bytes is not None and old is None) or (new_bytes is not None and new is None):
        review.readable = False
        return review
    review.fields = field_changes(old, new)
    return review


def review(git: Git, paths: list[str], *, old_rev: str = "HEAD") -> list[FileReview]:
    """The review of each of ``paths`` (relative to the repository's top folder)."""
    return [review_file(git, p, old_rev=old_rev) for p in paths]
