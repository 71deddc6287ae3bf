"""The site's math syntax (remark-math 6) as markdown-it rules.

Inline math works like a code span: a run of ``$`` opens it, the next run of the same length
closes it, whatever lies between (spaces, digits, line breaks); one space is stripped from each
side when both sides have one. With no closing run the dollars are plain text. A ``$`` run right
after another ``$`` does not open. Display math is a fence of two or more ``$`` on its own line,
closed by a line of at least as many; text after the opening run is dropped, as the site drops it.
``\\(`` and ``\\[`` are not math: the site shows them as ``(`` and ``[``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block.fence import make_fence_rule
from markdown_it.rules_inline import StateInline

INLINE = "math_inline"
BLOCK = "math_block"


def _inline_math(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "$":
        return False
    if pos > 0 and src[pos - 1] == "$" and not _escaped(src, pos - 1):
        return False
    start = pos
    while pos < state.posMax and src[pos] == "$":
        pos += 1
    run = pos - start
    search = pos
    while True:
        found = src.find("$", search, state.posMax)
        if found < 0:
            break
        end = found
        while end < state.posMax and src[end] == "$":
            end += 1
        if end - found == run:
            if not silent:
                token = state.push(INLINE, "math", 0)
                token.markup = "$" * run
                token.content = _strip_one_space(src[pos:found])
            state.pos = end
            return True
        search = end
    if not silent:
        state.pending += "$" * run
    state.pos = pos
    return True


def _escaped(src: str, pos: int) -> bool:
    """True when the character at ``pos`` follows an odd run of backslashes."""
    count = 0
    while pos - count - 1 >= 0 and src[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _strip_one_space(content: str) -> str:
    if (len(content) > 2 and content[0] in " \n" and content[-1] in " \n"
            and content.strip(" \n")):
        return content[1:-1]
    return content


_block_fence = make_fence_rule(markers=("$",), token_type=BLOCK, min_markers=2,
                               disallow_marker_in_info=("$",))


def math_plugin(md: MarkdownIt) -> None:
    """Adds the site's inline and display math; tokens carry the TeX in ``content``."""
    md.inline.ruler.before("escape", INLINE, _inline_math)
    md.block.ruler.before("fence", BLOCK, _block_fence,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
