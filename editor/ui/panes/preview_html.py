"""The site's HTML, in the subset of HTML that Qt's rich text shows, with the backslash-n
hazards marked where they are.

QTextBrowser draws no CSS borders on tables, no form controls and no ``display: block``
spans, so tables get the border attributes Qt honours, task boxes become ☐ and ☑, and each
formula a styled span or block holding its TeX until the math step replaces it with an image.
A line break that reads as a backslash-n someone meant (``break_hazards``) gets a ⚠ at its
place, the warning in its tooltip: a private-use character is put there before rendering
and becomes the mark after it. So does HTML typed in the answer, which the site shows as
text: the ⚠ follows the tag. (A formula KaTeX rejects needs none: it shows as the site shows
it, its source in red with KaTeX's message as its tooltip.)
"""

from __future__ import annotations

import re
from html import escape

from editor.core.render.markdown import render_markdown
from editor.core.text.backslashes import Hazard, break_hazards
from editor.core.text.code_regions import regions
from editor.core.text.site_marks import RAW_HTML, SiteMark

MARK = "\ue000"  # where a hazard is, through the renderer

_TABLE = re.compile(r"<table>")
_BOX = re.compile(r'<input type="checkbox" disabled=""( checked="")?/>')
_ALIGN = re.compile(r'<(t[hd]) style="text-align:(left|center|right)">')


def qt_html(site_html: str) -> str:
    html = _TABLE.sub('<table class="grid" border="1" cellspacing="0" cellpadding="6">',
                      site_html)
    html = _ALIGN.sub(r'<\1 align="\2">', html)
    return _BOX.sub(lambda m: "☑" if m[1] else "☐", html)


Marked = Hazard | SiteMark


def marked(text: str) -> tuple[str, list[Marked]]:
    """The text with MARK before each hazard and after each typed HTML tag, and what each
    MARK is, in order."""
    text = text.replace(MARK, "")
    found: list[tuple[int, Marked]] = [(h.start, h) for h in break_hazards(text)]
    if "<" in text:
        found += [(end, SiteMark(RAW_HTML, start, end, text[start:end]))
                  for start, end in regions(text).html]
    found.sort(key=lambda f: f[0])
    for at, _ in reversed(found):
        text = text[:at] + MARK + text[at:]
    return text, [item for _, item in found]


_MATH_WITH_MARK = re.compile(
    r'(<span class="math">|<div class="math display">)([^<]*\ue000[^<]*)(</span>|</div>)')


def _marks_after_formula(match: re.Match[str]) -> str:
    tex = match[2]
    return match[1] + tex.replace(MARK, "") + match[3] + MARK * tex.count(MARK)


def hazard_marks(html: str, hazards: list[Marked]) -> str:
    """Each MARK of rendered HTML as a ⚠ whose tooltip says what the hazard is; a formula's
    own marks go right after it, its TeX left as the site reads it."""
    html = _MATH_WITH_MARK.sub(_marks_after_formula, html)
    parts = html.split(MARK)
    out = [parts[0]]
    for n, part in enumerate(parts[1:]):
        tip = (hazards[n].text if len(parts) - 1 == len(hazards)
               else "Shown otherwise than typed: see the warnings under the answer")
        out.append(f'<span class="hazard" title="{escape(tip)}">⚠</span>{part}')
    return "".join(out)


def answer_html(text: str) -> str:
    """The preview's HTML of an answer already decoded as the site decodes it."""
    text, hazards = marked(text)
    return hazard_marks(qt_html(render_markdown(text).html), hazards)
