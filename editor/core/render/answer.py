"""An article file's answer, rendered as the site renders it."""

from __future__ import annotations

from pathlib import Path

from editor.core.document.article import ArticleDocument
from editor.core.errors import ArticleError
from editor.core.render.markdown import Rendered, render_stored

ANSWER = "answer"


class NoAnswerError(ArticleError):
    """The file has no answer to render (a blog post or a page, say)."""


def render_file(path: Path | str) -> Rendered:
    """The rendered answer of one article file; ArticleError when it cannot be read."""
    doc = ArticleDocument.load(path)
    stored = doc.get(ANSWER) if doc.has(ANSWER) else None
    if not isinstance(stored, str):
        raise NoAnswerError("has no answer to render" if stored is None
                            else "its answer is not text", path=path)
    return render_stored(stored)
