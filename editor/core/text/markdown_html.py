"""Markdown to HTML for the preview: no scripts, no frames, nothing remote."""

from __future__ import annotations

import re

import markdown

_DANGEROUS = re.compile(
    r"<(script|iframe|object|embed|style|frame|frameset|form)\b.*?(</\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)
_SELF_CLOSING = re.compile(r"<(script|iframe|object|embed|frame|link|meta|base)\b[^>]*>", re.I)
_JS_URL = re.compile(r"""(href|src)\s*=\s*(["']?)\s*(javascript|vbscript|data):[^"'\s>]*\2""", re.I)
_EVENT_ATTR = re.compile(r"""\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)


def sanitize(html: str) -> str:
    html = _DANGEROUS.sub("", html)
    html = _SELF_CLOSING.sub("", html)
    html = _JS_URL.sub(r'\1=""', html)
    return _EVENT_ATTR.sub("", html)


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return sanitize(html)
