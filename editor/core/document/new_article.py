"""Write a brand-new article in exactly the site's format (folded values, mixed indentation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.document import derive
from editor.core.document.codecs import BackslashNewlineCodec
from editor.core.errors import ArticleError
from editor.core.storage.filelock import folder_lock
from editor.core.storage.safe_io import atomic_create
from editor.core.storage.siteroot import find_site_root
from editor.core.writer.emit import scalar_text

AUTHOR = "QuickTakes"


@dataclass
class RelatedRef:
    id: int
    title: str
    subject: str
    url: str


@dataclass
class NewArticle:
    id: int
    subject: str
    question: str
    answer: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    page_description: str = ""
    page_keywords: str = ""
    score: float | None = -1.0
    related: list[RelatedRef] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return derive.file_name(self.question)

    @property
    def url(self) -> str:
        return derive.url(self.subject, self.question)

    @property
    def folder(self) -> str:
        return derive.subject_slug(self.subject)


def _entry(key: str, value: Any, col: int, style: str | None, content_col: int) -> str:
    text = scalar_text(
        value, style, first_col=col + len(key) + 2, parent_col=col, content_col=content_col
    )
    if value is None:
        return " " * col + key + ":"
    return " " * col + f"{key}: {text}"


def render(article: NewArticle) -> str:
    """The file text of a new article: the reference layout, no final newline."""
    folded = ">"
    lines = [
        "---",
        _entry("_schema", "default", 0, None, 4),
        _entry("id", article.id, 0, None, 4),
        _entry("date", article.date, 0, None, 4),
        _entry("title", article.question, 0, folded, 4),
        _entry("article_title", article.question, 0, folded, 4),
        _entry("date_format", "MMM DD, YYYY", 0, None, 4),
        _entry("post_on_text", "Posted on", 0, None, 4),
        "seo:",
        _entry("title", derive.seo_title(article.subject), 2, None, 4),
        _entry("page_description", article.page_description, 2, folded, 4),
        _entry("page_keywords", article.page_keywords, 2, folded, 4),
        _entry("author", AUTHOR, 0, None, 4),
        _entry("question", article.question, 0, folded, 4),
        _entry("answer", BackslashNewlineCodec().encode(article.answer), 0, folded, 4),
        _entry("subject", article.subject, 0, None, 4),
        _entry("file_name", article.file_name, 0, None, 4),
        _entry("url", article.url, 0, None, 4),
        _entry("score", article.score, 0, None, 4),
    ]
    for n, ref in enumerate(article.related, start=1):
        lines += [
            f"related_article{n}:",
            _entry("id", ref.id, 4, None, 8),
            _entry("title", ref.title, 4, folded, 8),
            _entry("subject", ref.subject, 4, None, 8),
            _entry("url", ref.url, 4, None, 8),
        ]
    lines += ["---", "", "&nbsp;"]
    return "\n".join(lines)


def next_id(ids: list[Any]) -> int:
    return max((i for i in ids if isinstance(i, int) and not isinstance(i, bool)), default=0) + 1


def create_next(folder: Path, article: Callable[[int], NewArticle],
                ids: Callable[[], list[Any]]) -> Path:
    """Create the article ``article(id)`` with the next free id, the ids read (``ids()``) and
    the file written under the site folder's lock, so two writers never take the same id."""
    with folder_lock(find_site_root(folder).root):
        return create_article(folder, article(next_id(ids())))


def check_names(article: NewArticle) -> None:
    """Refuse a subject or question the site cannot make a folder, file name and URL from:
    its addresses hold only a-z, 0-9 and '-' (see ``derive.slugify``)."""
    for what, text, makes in (("subject", article.subject, "its folder"),
                              ("question", article.question, "the file name and URL")):
        if text.strip() and not derive.slugify(text):
            raise ArticleError(
                f"the {what} “{text.strip()}” has no letters a-z or digits 0-9 to make {makes} "
                "from (the site's addresses hold only those)")


def create_article(folder: Path, article: NewArticle) -> Path:
    """Write ``article`` into its subject folder under ``folder``; never overwrites.

    ``folder`` is the site folder (holding ``content/``) or the ``learn`` folder itself.
    Raises ArticleError when the file exists or cannot be written.
    """
    check_names(article)
    learn = folder / "content" / "learn" if (folder / "content").is_dir() else folder
    target = learn / article.folder / article.file_name
    if not article.question.strip() or not article.subject.strip():
        raise ArticleError("a new article needs a subject and a question", path=str(target))
    if target.exists():
        raise ArticleError("already exists; not overwritten", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArticleError(exc.strerror or str(exc), path=str(target)) from None
    atomic_create(target, render(article).encode("utf-8"))
    return target
