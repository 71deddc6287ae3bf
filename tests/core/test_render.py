"""The answer renderer speaks the site's dialect: what it gives for what writers type."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.cli import main
from editor.core.render.markdown import Formula, render_markdown, render_stored
from tests.conftest import FIXTURES

REF = FIXTURES / "reference-format.md"


def test_a_list_right_after_a_sentence_is_a_list() -> None:
    assert render_markdown("Steps:\n1. one\n2. two").html == (
        "<p>Steps:</p>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n")


def test_formulas_are_single_elements_and_listed() -> None:
    done = render_markdown("Area $A = \\pi r^2$ where\n$$\n\\frac{a}{b}\n$$\nand $$x$$.")
    assert '<span class="math">A = \\pi r^2</span>' in done.html
    assert '<div class="math display">\\frac{a}{b}</div>' in done.html
    assert done.formulas == (Formula("A = \\pi r^2", False), Formula("\\frac{a}{b}", True),
                             Formula("x", False))


def test_dollars_pair_like_code_spans_as_the_site_pairs_them() -> None:
    # The site has no rule against spaces or digits next to a dollar: "$5 and $" is math.
    assert render_markdown("costs $5 and $10").formulas == (Formula("5 and ", False),)
    assert render_markdown("a \\$5 and $x$").formulas == (Formula("x", False),)
    assert render_markdown("only $5 here").formulas == ()
    assert render_markdown("`$x$`").html == "<p><code>$x$</code></p>\n"
    assert render_markdown("\\(x\\)").html == "<p>(x)</p>\n"  # not math on the site


def test_display_math_drops_the_text_after_its_fence_and_runs_to_the_end_unclosed() -> None:
    assert render_markdown("$$ a+1\nb\n$$").formulas == (Formula("b", True),)
    assert render_markdown("p\n\n$$\na\n").formulas == (Formula("a", True),)


def test_raw_html_is_shown_as_text_never_rendered() -> None:
    done = render_markdown('a <b>x</b>\n\n<script>alert(1)</script>\n\n<img src=x onerror=y>')
    assert "<b>" not in done.html and "<script" not in done.html and "<img" not in done.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in done.html


def test_gfm_tables_strikethrough_tasks_and_autolinks() -> None:
    html = render_markdown("| a | b |\n|:-|-:|\n| 1 | 2 |").html
    assert '<th style="text-align:left">a</th>' in html and "<td" in html
    assert render_markdown("~x~ ~~y~~").html == "<p><del>x</del> <del>y</del></p>\n"
    assert '<input type="checkbox" disabled="" checked=""/> done' in render_markdown(
        "- [x] done").html
    linked = render_markdown("www.example.com and example.com").html
    assert linked == ('<p><a href="http://www.example.com">www.example.com</a> and '
                      "example.com</p>\n")


def test_the_stored_answer_is_decoded_as_the_site_decodes_it() -> None:
    assert render_stored("Intro:\\n- a\\n- b") == render_markdown("Intro:\n- a\n- b")
    # every backslash-n is a line break on the site, even inside code
    assert render_stored("`a\\nb`").html == "<p><code>a b</code></p>\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab $\\`*_~|-[]()<>!#\n\t1.&;^:x")), max_size=80))
def test_any_text_renders_and_no_tag_a_writer_typed_gets_through(text: str) -> None:
    html = render_markdown(text).html
    for tag in ("<script", "<iframe", "<b>", "<x"):
        assert tag not in html


def _with_answer(tmp_path: Path, answer: str, name: str = "a.md") -> Path:
    raw = REF.read_bytes()
    marker = b"\nanswer: >-\n  "
    at = raw.index(marker) + len(marker)
    path = tmp_path / name
    path.write_bytes(raw[:at] + answer.encode() + raw[raw.index(b"\n", at):])
    return path


def test_render_command_prints_html_and_json(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    one = _with_answer(tmp_path, "Intro:\\n- a\\n- $x$", "one.md")
    assert main(["render", str(one)]) == 0
    assert capsys.readouterr().out == (
        '<p>Intro:</p>\n<ul>\n<li>a</li>\n<li><span class="math">x</span></li>\n</ul>\n')
    two = _with_answer(tmp_path, "**b**", "two.md")
    assert main(["render", "--format", "json", str(one), str(two)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["file"] for d in lines] == [str(one), str(two)]
    assert lines[1]["html"] == "<p><strong>b</strong></p>\n"


def test_render_command_names_what_it_cannot_render_and_renders_the_rest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _with_answer(tmp_path, "ok")
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: A page\n---\nbody\n")
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n")
    shutil.copy(good, tmp_path / "copy.md")
    code = main(["render", str(page), str(broken), str(tmp_path / "missing.md"), str(good)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.endswith("<p>ok</p>\n") and out.count("<!--") == 1
    assert f"{page}: has no answer to render" in err
    assert f"{broken}:2:8: invalid YAML" in err  # file, line and column
    assert "missing.md: file not found" in err
