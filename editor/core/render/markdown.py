"""An answer's Markdown to HTML, in the site's dialect.

The site decodes the stored answer with ``answer.replace(/\\n/g, "\\n")`` and renders it with
react-markdown 9, remark-gfm and remark-math, then KaTeX. This follows it: CommonMark with GFM
tables, strikethrough (``~x~`` and ``~~x~~``), task lists and autolink literals, the site's
``$``/``$$`` math, and raw HTML shown as the text it is (the site renders no HTML a writer
types). Each formula becomes one element, ``<span class="math">`` or ``<div class="math
display">``, holding its TeX, and is listed in ``Rendered.formulas`` for the math step.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from editor.core.render.math_syntax import math_plugin


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool


@dataclass(frozen=True)
class Rendered:
    html: str
    formulas: tuple[Formula, ...]


def site_decode(stored: str) -> str:
    """The answer as the site reads it: every backslash-n is a line break. The same stored
    text asked for twice in a row gives the same decoded object (see ``code_regions``)."""
    global _DECODED
    last, decoded = _DECODED
    if stored is not last:
        decoded = stored.replace("\\n", "\n")
        _DECODED = (stored, decoded)
    return decoded


#: The last stored answer decoded and its text (one tuple, so threads see either).
_DECODED: tuple[str, str] = ("", "")


class _SiteRenderer(RendererHTML):
    """markdown-it's HTML renderer with the site's treatment of math and raw HTML."""

    def math_inline(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                    env: EnvType) -> str:
        return _formula(env, tokens[idx].content, display=False)

    def math_block(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                   env: EnvType) -> str:
        content = tokens[idx].content
        return _formula(env, content[:-1] if content.endswith("\n") else content,
                        display=True) + "\n"

    def html_block(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                   env: EnvType) -> str:
        return html.escape(tokens[idx].content, quote=False)

    def html_inline(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                    env: EnvType) -> str:
        return html.escape(tokens[idx].content, quote=False)

    def task_checkbox(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                      env: EnvType) -> str:
        checked = ' checked=""' if tokens[idx].meta.get("checked") else ""
        return f'<input type="checkbox" disabled=""{checked}/>'


    # Footnotes as remark-gfm writes them.
    def footnote_ref(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                     env: EnvType) -> str:
        meta = tokens[idx].meta
        label, n = _note_id(meta), meta["id"] + 1
        ref = label + (f"-{meta['subId'] + 1}" if meta.get("subId", 0) > 0 else "")
        return (f'<sup><a href="#user-content-fn-{label}" id="user-content-fnref-{ref}" '
                f'data-footnote-ref="true" aria-describedby="footnote-label">{n}</a></sup>')

    def footnote_block_open(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                            env: EnvType) -> str:
        return ('<section data-footnotes="true" class="footnotes">'
                '<h2 class="sr-only" id="footnote-label">Footnotes</h2>\n<ol>\n')

    def footnote_block_close(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                             env: EnvType) -> str:
        return "</ol>\n</section>\n"

    def footnote_open(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                      env: EnvType) -> str:
        return f'<li id="user-content-fn-{_note_id(tokens[idx].meta)}">\n'

    def footnote_close(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                       env: EnvType) -> str:
        return "</li>\n"

    def footnote_anchor(self, tokens: Sequence[Token], idx: int, _options: OptionsDict,
                        env: EnvType) -> str:
        meta = tokens[idx].meta
        again = f"-{meta['subId'] + 1}" if meta.get("subId", 0) > 0 else ""
        mark = f"↩<sup>{meta['subId'] + 1}</sup>" if again else "↩"
        return (f' <a href="#user-content-fnref-{_note_id(meta)}{again}" data-footnote-backref="" '
                f'aria-label="Back to reference {meta["id"] + 1}{again}" '
                f'class="data-footnote-backref">{mark}</a>')


def _note_id(meta: dict[str, Any]) -> str:
    label = meta.get("label")
    return html.escape(str(label if label is not None else meta["id"] + 1).lower())


def _formula(env: EnvType, tex: str, *, display: bool) -> str:
    env.setdefault("formulas", []).append(Formula(tex, display))
    if display:
        return f'<div class="math display">{html.escape(tex, quote=False)}</div>'
    return f'<span class="math">{html.escape(tex, quote=False)}</span>'



_LITERAL_LINK = re.compile(r"(?i)(?:https?://|www\.|[^\s@]+@)")


def _site_inline(state: StateCore) -> None:
    """What GFM does differently from markdown-it's defaults, on the parsed inline tokens:
    ``<del>`` for strikethrough, autolink literals only where they start with a scheme, www.
    or are e-mail addresses, and task-list boxes as boxes rather than raw HTML."""
    task_item = False
    for token in state.tokens:
        if token.type == "list_item_open":
            task_item = "task-list-item" in str(token.attrGet("class") or "")
        if token.type != "inline" or not token.children:
            continue
        children = token.children
        if task_item and children[0].type == "html_inline":
            box = children[0]
            box.type, box.meta = "task_checkbox", {"checked": "checked" in box.content}
            task_item = False
        out: list[Token] = []
        i = 0
        while i < len(children):
            child = children[i]
            if child.type in ("s_open", "s_close"):
                child.tag = "del"
            if (child.type == "link_open" and child.markup == "linkify" and i + 2 < len(children)
                    and not _LITERAL_LINK.match(children[i + 1].content)):
                out.append(children[i + 1])
                i += 3
                continue
            out.append(child)
            i += 1
        token.children = out


_SAFE_PROTOCOL = re.compile(r"(?i)^(https?|ircs?|mailto|xmpp)$")


def site_url(url: str) -> str:
    """react-markdown's default URL rule: a link or image address whose scheme is not
    http(s), irc(s), mailto or xmpp becomes empty (the link stays, going nowhere)."""
    colon = url.find(":")
    if colon < 0 or _SAFE_PROTOCOL.match(url[:colon]):
        return url
    if any(0 <= url.find(c) < colon for c in "/?#"):
        return url
    return ""


class _SiteParser(MarkdownIt):
    """Every link parses, as on the site; its address then goes through ``site_url``."""

    def validateLink(self, url: str) -> bool:  # markdown-it's names
        return True

    def normalizeLink(self, url: str) -> str:
        return site_url(super().normalizeLink(url))


def _parser() -> MarkdownIt:
    md = _SiteParser("commonmark", {"html": True, "linkify": True, "typographer": False,
                                   "strikethrough_single_tilde": True},
                    renderer_cls=_SiteRenderer)
    md.enable(["table", "strikethrough", "linkify"])
    md.use(tasklists_plugin)
    md.use(footnote_plugin, inline=False)
    for name in ("footnote_ref", "footnote_block_open", "footnote_block_close", "footnote_open",
                 "footnote_close", "footnote_anchor"):  # the plugin's own rules, replaced
        md.add_render_rule(name, getattr(_SiteRenderer, name))
    md.use(math_plugin)
    md.core.ruler.push("site_inline", _site_inline)
    return md


_MD = _parser()
_TRAILING_NEWLINES = re.compile(r"\n+\Z")


def render_markdown(text: str) -> Rendered:
    """HTML of Markdown already decoded as the site decodes it."""
    env: dict[str, Any] = {}
    out = _MD.render(text, env)
    return Rendered(_TRAILING_NEWLINES.sub("\n", out), tuple(env.get("formulas", ())))


def render_stored(stored: str) -> Rendered:
    """HTML of an answer as stored in the front matter."""
    return render_markdown(site_decode(stored))
