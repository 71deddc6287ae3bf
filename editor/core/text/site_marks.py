"""What the site will not show as the writer typed it: a formula KaTeX cannot parse (the page
shows its source in red, KaTeX's message as its title) and HTML typed in the answer (the site
renders none: the page shows the tag as text).

Both are found where the site's own parser finds math and HTML (``code_regions``): a dollar or
a tag inside code is neither, "costs $5 and $10" is the formula "5 and ", and a ``<`` that
starts no tag ("a < b") is plain text. Formulas are judged by the site's KaTeX
(``render.math.formula_errors``).

- ``site_marks``: in decoded text (the editor's, or an answer as the site decodes it).
- ``answer_marks``: of a stored answer, after a quick look: what the index keeps for the
  folder check (``answer-math-error``, ``answer-raw-html``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.core.text.code_regions import Regions

MATH_ERROR, RAW_HTML = "math-error", "raw-html"
#: The longest a formula or tag is quoted in a message.
QUOTED = 60
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[A-Za-z/!?]")  # what any HTML the parser finds starts with
_PREFIX = "ParseError: "


@dataclass(frozen=True)
class SiteMark:
    """One thing the site shows otherwise than typed: ``start``/``end`` span the formula's
    TeX or the whole tag in the text examined; ``shown`` is that TeX (as KaTeX reads it) or
    tag, ``message`` KaTeX's message for a formula."""

    kind: str
    start: int
    end: int
    shown: str
    message: str = ""

    @property
    def quoted(self) -> str:
        """``shown`` on one line, cut to ``QUOTED`` characters."""
        flat = _SPACES.sub(" ", self.shown).strip()
        return flat if len(flat) <= QUOTED else flat[:QUOTED - 1] + "…"

    @property
    def reason(self) -> str:
        """KaTeX's message without its class name: "KaTeX parse error: …"."""
        return self.message.removeprefix(_PREFIX)

    @property
    def problem(self) -> str:
        """The ``check`` command's message."""
        if self.kind == MATH_ERROR:
            return f"answer: the formula “{self.quoted}” cannot be shown: {self.reason}"
        return f"answer: HTML “{self.quoted}” is shown as text, not rendered"

    @property
    def text(self) -> str:
        """The warning in plain words."""
        if self.kind == MATH_ERROR:
            return (f"The site cannot show the formula “{self.quoted}” and shows its source "
                    f"in red: {self.reason}")
        what = "comment" if self.shown.startswith("<!") else "tag"
        return (f"The site shows the HTML {what} “{self.quoted}” as text: "
                "write it in Markdown instead")


def site_marks(text: str, where: Regions | None = None) -> list[SiteMark]:
    """The rejected formulas and typed HTML of decoded text, in the order of the text."""
    math, html = "$" in text, _TAG.search(text) is not None
    if not (math or html):
        return []
    # The parser and KaTeX load only for a text that may hold either: what imports this
    # module (the index, ``check``) starts without them.
    from editor.core.render.math import formula_errors
    from editor.core.text.code_regions import regions

    found = where if where is not None else regions(text)
    out = [SiteMark(RAW_HTML, start, end, text[start:end]) for start, end in found.html]
    errors = formula_errors([(f.tex, f.display) for f in found.math]) if found.math else []
    for formula, message in zip(found.math, errors, strict=True):
        if message is not None:
            out.append(SiteMark(MATH_ERROR, formula.start, formula.end, formula.tex, message))
    out.sort(key=lambda m: m.start)
    return out


def may_have_marks(stored: str) -> bool:
    """False when ``site_marks`` surely finds nothing in the stored answer (a quick look)."""
    return "$" in stored or _TAG.search(stored) is not None


def answer_marks(stored: object) -> list[SiteMark]:
    """``site_marks`` of a stored answer as the site decodes it, after the quick look."""
    if not isinstance(stored, str) or not may_have_marks(stored):
        return []
    from editor.core.render.markdown import site_decode

    return site_marks(site_decode(stored))
