"""Where code, math and raw HTML are: the same formulas, in the same order, as the renderer
draws, over the real sample, the typed cases and generated Markdown, each at the right place."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.document.article import ArticleDocument
from editor.core.render import markdown as site_markdown
from editor.core.render.markdown import render_markdown, site_decode
from editor.core.text.code_regions import Math, regions
from tests.conftest import CORPORA
from tests.core.render_cases import CASES

_SQUASH = re.compile(r"\s+|>|\\(?=\|)")


def squash(text: str) -> str:
    """Text without what a container or a table takes from a formula's lines."""
    return _SQUASH.sub("", text)


def agree(text: str) -> None:
    """The regions' formulas are the renderer's, and each one's place holds its TeX."""
    found = regions(text).math
    drawn = render_markdown(text).formulas
    # footnotes are drawn at the end, so the same formulas, in any order
    assert sorted((m.tex, m.display) for m in found) == sorted(
        (f.tex, f.display) for f in drawn), text
    for math in found:
        held = squash(text[math.start:math.end])
        assert held.endswith(squash(math.tex)) if math.display else held == squash(math.tex)
    html = [text[start:end] for start, end in regions(text).html]
    assert sorted(html) == sorted(rendered_html(text)), text
    tables = regions(text).tables
    assert len(tables) == render_markdown(text).html.count("<table>"), text
    for table in tables:
        assert "|" in text[table.start:table.rule] and "-" in text[table.rule:table.body]


_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)


def rendered_html(text: str) -> list[str]:
    """The HTML the renderer shows as text: its HTML tokens' tags and comments."""
    out = []
    for token in site_markdown._MD.parse(text):
        if token.type == "html_block":
            out += _TAG.findall(token.content)
        out += [child.content for child in token.children or () if child.type == "html_inline"]
    return out


def _answers() -> list[str]:
    folder = CORPORA / "quicktakes-sample" / "content"
    if not folder.is_dir():
        pytest.skip("../shared/corpora/quicktakes-sample is not present")
    out = []
    for path in sorted(folder.rglob("*.md")):
        doc = ArticleDocument.load(path)
        answer = doc.get("answer") if doc.has("answer") else None
        if isinstance(answer, str):
            out.append(site_decode(answer))
    return out


def test_every_answer_of_the_sample_has_the_renderers_formulas() -> None:
    answers = _answers()
    assert len(answers) > 1500
    for text in answers:
        agree(text)
    assert sum(len(regions(t).math) for t in answers) > 100


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_typed_case_has_the_renderers_formulas(name: str) -> None:
    agree(CASES[name])


PIECES = ["$", "$$", "$$\n", "`", "``", "```\n", "~~~\n", "\\", "\\$", "\n", "\n\n", " ", "  ",
          "x", "a b", "5", "> ", "- ", "1. ", "    ", "\t", "|", "| a | b |\n|---|---|\n",
          "# ", "<b>", "</b>", "<!-- c -->", "<br/>", '<a href="x">', "<div>\n", "<", "[",
          "](u)", "![", "*", "_", "~", "&amp;",
          "\\neq", "=\n", "[^1]", "[^1]: n\n"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_generated_markdown_has_the_renderers_formulas(text: str) -> None:
    agree(text)


def spans(text: str, found: list[tuple[int, int]] | list[Math]) -> list[str]:
    return [text[r[0]:r[1]] for r in found]


def test_dollars_pair_as_the_site_pairs_them() -> None:
    text = "costs $5 and $10 today"
    assert spans(text, regions(text).math) == ["5 and "]
    assert regions(text).math[0].tex == "5 and "
    text = "a \\$5 and $x$, $$y$$ and $z"
    assert spans(text, regions(text).math) == ["x", "y"]


def test_code_comes_before_math_where_it_starts_first() -> None:
    text = "`$x$` then $`y`$"
    found = regions(text)
    assert spans(text, found.spans) == ["$x$"]
    assert spans(text, found.math) == ["`y`"]


def test_blocks_hold_no_inline_math_and_display_math_is_a_fence() -> None:
    text = "para\n\n    $a$ code\n\n~~~\n$b$\n~~~\n\n$$ dropped\nx^2\n$$\n\n<div>$c$</div>"
    found = regions(text)
    assert spans(text, found.fences) == ["    $a$ code\n", "$b$\n"]
    assert [(m.tex, m.display) for m in found.math] == [("x^2", True)]
    assert spans(text, found.math) == [" dropped\nx^2\n"]
    assert spans(text, found.html) == ["<div>", "</div>"]


def test_math_in_quotes_lists_and_tables_is_found_where_it_is() -> None:
    text = "> q $a\n> b$\n\n- item `c`\n  and $d$\n\n| h | $e$ |\n|---|---|\n| $e$ | $x\\|y$ |"
    found = regions(text)
    assert spans(text, found.math) == ["a\n> b", "d", "e", "e", "x\\|y"]
    assert [m.tex for m in found.math] == ["a\nb", "d", "e", "e", "x|y"]
    assert spans(text, found.spans) == ["c"]
    row = text.rindex("| $e$")
    assert found.math[3].start == row + 3


def test_raw_html_is_each_tag_outside_code() -> None:
    text = "a <b>bold</b> c `<i>` <https://a.b> <!-- n -->\n\n```\n<p>\n```"
    assert spans(text, regions(text).html) == ["<b>", "</b>", "<!-- n -->"]


def test_a_footnote_counts_only_where_the_text_cites_it() -> None:
    cited = "See[^1].\n\n[^1]: $a$ and `b`\n\n[^2]: $c$"
    found = regions(cited)
    assert spans(cited, found.math) == ["a"]
    assert spans(cited, found.spans) == ["b"]


def test_display_math_left_open_at_the_end_runs_to_the_end() -> None:
    text = "$$\nx"
    assert spans(text, regions(text).math) == ["\nx"]


def test_a_table_is_found_by_its_rows() -> None:
    text = "Intro\n\n| a | b |\n|:--|--:|\n| $x$ | 2 |\n\nafter | not\n\n> | q |\n> |---|\n"
    found = regions(text).tables
    assert [(text[t.start:t.rule], text[t.rule:t.body], text[t.body:t.end]) for t in found] == [
        ("| a | b |\n", "|:--|--:|\n", "| $x$ | 2 |\n"), ("> | q |\n", "> |---|\n", "")]


def test_the_same_text_object_is_parsed_once_and_an_equal_copy_again() -> None:
    # An answer's backslash-n rules and its site marks ask one after the other; two files
    # with equal answers are two parses (what a folder of distinct articles costs).
    text = "costs $5 and $10, `code`\n\n| a | $b$ |\n|---|---|\n"
    first = regions(text)
    assert regions(text) is first
    copy = "".join(list(text))
    assert copy is not text
    again = regions(copy)
    assert again is not first and again == first


def test_site_decode_gives_the_same_object_for_the_same_stored_answer() -> None:
    stored = "one\\ntwo $x$"
    decoded = site_decode(stored)
    assert decoded == "one\ntwo $x$" and site_decode(stored) is decoded
    assert site_decode("".join(list(stored))) == decoded
