"""Helpers for the splice writer's byte-for-byte tests: a document from front matter text,
and what saving it writes between its --- lines."""

from __future__ import annotations

from typing import Any

from editor.core.document.article import ArticleDocument

BODY = "body\n"


def doc(front: str) -> ArticleDocument:
    return ArticleDocument(f"---\n{front}---\n{BODY}", path="article.md")


def saved(d: ArticleDocument) -> str:
    out = d.render()
    assert out.startswith("---\n") and out.endswith(f"---\n{BODY}")
    return out[4 : -len(f"---\n{BODY}")]


def set_and_save(front: str, path: str, value: Any) -> str:
    d = doc(front)
    d.set(path, value)
    return saved(d)


def replace_and_save(front: str, data: Any) -> str:
    d = doc(front)
    d.replace_data(data)
    return saved(d)
