"""The site's HTML, in the subset of HTML that Qt's rich text shows.

QTextBrowser draws no CSS borders on tables, no form controls and no ``display: block``
spans, so tables get the border attributes Qt honours, task boxes become ☐ and ☑, and each
formula a styled span or block holding its TeX until the math step replaces it with an image.
"""

from __future__ import annotations

import re

from editor.core.render.markdown import render_markdown

_TABLE = re.compile(r"<table>")
_BOX = re.compile(r'<input type="checkbox" disabled=""( checked="")?/>')
_ALIGN = re.compile(r'<(t[hd]) style="text-align:(left|center|right)">')


def qt_html(site_html: str) -> str:
    html = _TABLE.sub('<table class="grid" border="1" cellspacing="0" cellpadding="6">',
                      site_html)
    html = _ALIGN.sub(r'<\1 align="\2">', html)
    return _BOX.sub(lambda m: "☑" if m[1] else "☐", html)


def answer_html(text: str) -> str:
    """The preview's HTML of an answer already decoded as the site decodes it."""
    return qt_html(render_markdown(text).html)
