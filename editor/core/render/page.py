"""The question page around an answer, as the site lays it out: the subject above the
question, the answer, then "Related Questions" listing the slots' titles."""

from __future__ import annotations

import html
from typing import Any

from editor.core.document.schema import article_schema

RELATED_HEADING = "Related Questions"


def _text(value: Any) -> str:
    return html.escape(str(value).strip(), quote=False) if value is not None else ""


def page_header(data: dict[Any, Any] | None) -> str:
    """Subject and question, or "" for a file that is not an article."""
    if not isinstance(data, dict) or not data.get("question"):
        return ""
    return (f'<p class="subject">{_text(data.get("subject"))}</p>'
            f'<h1 class="question">{_text(data.get("question"))}</h1>')


def page_footer(data: dict[Any, Any] | None) -> str:
    """The related questions the slots name, in slot order, each linking to its page."""
    if not isinstance(data, dict):
        return ""
    items = []
    for key in article_schema().related_keys():
        slot = data.get(key)
        if not isinstance(slot, dict) or not str(slot.get("title") or "").strip():
            continue
        title, url = _text(slot.get("title")), str(slot.get("url") or "").strip()
        link = (f'<a href="{html.escape(url)}">{title}</a>' if url.startswith("/")
                else title)
        items.append(f"<li>{link}</li>")
    if not items:
        return ""
    return (f'<h2 class="related">{RELATED_HEADING}</h2>'
            f'<ul class="related">{"".join(items)}</ul>')
