"""What the site shows otherwise than typed: a formula KaTeX cannot parse and HTML typed in
the answer, found where the renderer finds them, and the `check` codes answer-math-error and
answer-raw-html, with their lines, counts and messages, cold and from the kept index."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from editor.core.checks.folder_checks import CODES, ERROR, WARNING, article_problems, check_folder
from editor.core.document.article import ArticleDocument
from editor.core.index.catalog import Catalog
from editor.core.index.entry import entry_from_bytes
from editor.core.index.folder_index import FolderIndex
from editor.core.render.markdown import render_stored, site_decode
from editor.core.render.math import formula_error, formula_errors, katex_error
from editor.core.text.site_marks import (
    MATH_ERROR,
    RAW_HTML,
    answer_marks,
    may_have_marks,
    site_marks,
)
from tests.conftest import CORPORA, SAMPLE

MITO = "content/learn/biology/what-role-do-mitochondria-play-in-a-cell.md"
HASH = ("content/learn/computer-science/"
        "how-does-a-hash-table-achieve-constanttime-lookups-on-average.md")


def found(text: str) -> list[tuple[str, str]]:
    return [(m.kind, text[m.start:m.end]) for m in site_marks(text)]


def test_a_rejected_formula_is_marked_where_it_is() -> None:
    text = "Fine $x^2$, broken $\\frac{a$ and\n\n$$\n\\left( x\n$$\n"
    assert found(text) == [(MATH_ERROR, "\\frac{a"), (MATH_ERROR, "\n\\left( x\n")]
    marks = site_marks(text)
    assert [m.shown for m in marks] == ["\\frac{a", "\\left( x"]
    assert marks[0].message == katex_error("\\frac{a", False)
    assert marks[0].message.startswith("ParseError: KaTeX parse error: ")
    assert marks[0].reason.startswith("KaTeX parse error: Unexpected end of input")
    assert marks[0].problem == ("answer: the formula “\\frac{a” cannot be shown: "
                                + marks[0].reason)
    assert marks[1].text.startswith("The site cannot show the formula “\\left( x” and shows "
                                    "its source in red: KaTeX parse error: ")


def test_an_unknown_command_is_no_error_as_on_the_site() -> None:
    assert site_marks("$\\badcmd{x}$ and $x_1$") == []


def test_typed_html_is_marked_tag_by_tag_but_not_in_code_or_prose() -> None:
    text = ("a <b>bold</b> b <br/> `<i>` a < b, <https://example.com> <!-- note -->\n\n"
            "```\n<p>\n```\n\n<div align=\"center\">\n$x$\n</div>\n")
    assert found(text) == [(RAW_HTML, "<b>"), (RAW_HTML, "</b>"), (RAW_HTML, "<br/>"),
                           (RAW_HTML, "<!-- note -->"), (RAW_HTML, '<div align="center">'),
                           (RAW_HTML, "</div>")]
    marks = site_marks(text)
    assert marks[0].problem == "answer: HTML “<b>” is shown as text, not rendered"
    assert marks[3].text.startswith("The site shows the HTML comment “<!-- note -->” as text")
    assert site_marks("if a < b and b > c then $a<b$") == []


def test_dollars_in_code_and_pairs_of_prices_are_the_sites() -> None:
    assert site_marks("`$\\frac{a$` costs $5 and $10") == []
    text = "costs $5 and \\frac{ $10"
    assert [m.shown for m in site_marks(text)] == ["5 and \\frac{ "]


def test_a_long_formula_is_quoted_on_one_line_and_cut() -> None:
    tex = "\\frac{a}{b} +\n" * 10 + "\\left("
    mark = site_marks(f"$${tex}$$")[0]
    assert "\n" not in mark.quoted and len(mark.quoted) == 60 and mark.quoted.endswith("…")


def test_the_stored_answer_is_read_as_the_site_decodes_it() -> None:
    stored = "Line one.\\n\\n$$\\n\\\\frac{a\\n$$\\n<span>x</span>"
    assert site_decode(stored).startswith("Line one.\n\n$$\n\\\\frac")
    assert [(m.kind, m.shown) for m in answer_marks(stored)] == [
        (MATH_ERROR, "\\\\frac{a"), (RAW_HTML, "<span>"), (RAW_HTML, "</span>")]
    assert answer_marks(None) == answer_marks("") == answer_marks("a < b, 3 > 2") == []
    assert not may_have_marks("a < b, no math") and may_have_marks("x<br>")


def test_formula_errors_say_what_the_whole_render_says() -> None:
    """The check only parses; over the sample's formulas and thousands of damaged ones its
    verdict and message are KaTeX's full render's."""
    base = ["\\frac{1}{2}", "x^2_i", "\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}",
            "\\sqrt[3]{x}", "\\left( \\sum_{i=1}^n i \\right)", "\\text{if } x \\neq 0",
            "\\color{red}{x}", "\\rule{1em}{2em}", "\\begin{cases} a & b \\\\ c \\end{cases}",
            "\\mathbb{R}", "\\hat{x} \\vec{v}", "a \\over b", "\\operatorname{sin} x"]
    rnd = random.Random(7)
    cases = [(t, d) for t in base for d in (False, True)]
    for tex, display in list(cases):
        for _ in range(40):
            at = rnd.randrange(len(tex) + 1)
            cut = min(len(tex), at + rnd.randrange(3))
            piece = rnd.choice(["", "{", "}", "\\", "^", "_", "&", "\\\\", "#", "\\left(",
                                "\\end{x}", "\\frac", "%", "\\rule{1zz}"])
            cases.append((tex[:at] + piece + tex[cut:], display))
    verdicts = formula_errors(cases)
    assert verdicts == [katex_error(t, d) for t, d in cases]
    assert sum(v is not None for v in verdicts) > 300
    assert formula_error("\\frac{a", True) == katex_error("\\frac{a", True)


def write_answer(folder: Path, rel: str, answer: str) -> Path:
    path = folder / rel
    raw = path.read_bytes()
    marker = b"\nanswer: >-\n  "
    at = raw.index(marker) + len(marker)
    end = raw.index(b"\n", at)
    path.write_bytes(raw[:at] + answer.encode() + raw[end:])
    return path


def answer_line(path: Path) -> int:
    return path.read_text("utf-8").split("\n").index("answer: >-") + 1


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    write_answer(site, MITO, "Energy: $E = mc^2$ and $\\frac{1}{2$.\\n\\n$$\\n\\left( x\\n$$")
    write_answer(site, HASH, "A <b>hash</b> table.<br>\\n\\n`<code>` is fine, $a<b$ too.")
    return site


def test_check_reports_both_codes_with_their_lines(folder: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "editor", "check", str(folder),
                           "--format", "json"], capture_output=True, text=True, check=False)
    report = json.loads(done.stdout)
    assert done.returncode == 1  # a formula the page cannot show is an error
    ours = [p for p in report["problems"] if p["code"].startswith(("answer-math",
                                                                   "answer-raw"))]
    assert Counter(p["code"] for p in report["problems"]) == {
        "answer-math-error": 2, "answer-raw-html": 3}
    assert [(p["file"], p["code"], p["severity"], p["line"], p["column"]) for p in ours] == [
        (MITO, "answer-math-error", ERROR, answer_line(folder / MITO), None)] * 2 + [
        (HASH, "answer-raw-html", WARNING, answer_line(folder / HASH), None)] * 3
    assert [p["message"] for p in ours[2:]] == [
        f"answer: HTML “{tag}” is shown as text, not rendered" for tag in ("<b>", "</b>",
                                                                           "<br>")]
    math = [p["message"] for p in ours[:2]]
    assert math[0].startswith("answer: the formula “\\frac{1}{2” cannot be shown: "
                              "KaTeX parse error: ")
    assert math[1].startswith("answer: the formula “\\left( x” cannot be shown: KaTeX parse "
                              "error: Expected '\\right'")
    text = subprocess.run([sys.executable, "-m", "editor", "check", str(folder)],
                          capture_output=True, text=True, check=False).stdout
    assert "  answer-math-error              2" in text
    assert "  answer-raw-html                3" in text
    assert (CODES["answer-math-error"], CODES["answer-raw-html"]) == (ERROR, WARNING)


def test_a_warm_check_finds_them_without_reading_a_file(folder: Path, tmp_path: Path) -> None:
    runs = []
    for _ in range(2):  # an empty cache, then every row from it
        index = FolderIndex(folder, tmp_path / "cache.sqlite")
        try:
            entries = index.refresh()
            runs.append((index.reread, [
                (p.file, p.line, p.code, p.message)
                for p in check_folder(entries, Catalog(entries.values())).problems]))
        finally:
            index.close()
    assert runs[0][0] > 0 and runs[1][0] == 0
    assert runs[0][1] == runs[1][1]
    assert Counter(p[2] for p in runs[1][1]) == {"answer-math-error": 2, "answer-raw-html": 3}


def test_the_index_keeps_them_with_the_entry() -> None:
    raw = (SAMPLE / MITO).read_bytes().replace(b"answer: >-\n  ", b"answer: >-\n  $x^$ <i>y</i> ")
    kept = entry_from_bytes(MITO, raw).marks
    assert [(m[0], m[3]) for m in kept] == [(MATH_ERROR, "x^"), (RAW_HTML, "<i>"),
                                           (RAW_HTML, "</i>")]
    assert entry_from_bytes(MITO, (SAMPLE / MITO).read_bytes()).marks == []


def test_the_open_article_gets_them_in_plain_words() -> None:
    doc = ArticleDocument.load(SAMPLE / MITO)
    assert not [p for p in article_problems(doc.data, MITO) if p.code.startswith("answer-")]
    doc.set_field("answer", doc.get_field("answer") + "\n\nWhen $q^$ we use <sub>2</sub>.")
    problems = [p for p in article_problems(doc.data, MITO) if p.code.startswith("answer-")]
    assert [(p.code, p.key) for p in problems] == [("answer-math-error", "answer"),
                                                  ("answer-raw-html", "answer"),
                                                  ("answer-raw-html", "answer")]
    assert problems[0].plain.startswith("Answer: the site cannot show the formula “q^”")
    assert problems[1].plain.startswith("Answer: the site shows the HTML tag “<sub>” as text")


SAMPLE_COUNTS = {"answer-math-error": 0, "answer-raw-html": 0}


def test_the_real_sample_counts() -> None:
    """Every answer of the real sample: what it gets of each code, and that each formula
    counted is one the renderer draws and the whole KaTeX render rejects."""
    folder = CORPORA / "quicktakes-sample" / "content"
    if not folder.is_dir():
        pytest.skip("../shared/corpora/quicktakes-sample is not present")
    counts: Counter[str] = Counter()
    answers = with_dollar = 0
    for path in sorted(folder.rglob("*.md")):
        doc = ArticleDocument.load(path)
        answer = doc.get("answer") if doc.has("answer") else None
        if not isinstance(answer, str):
            continue
        answers += 1
        with_dollar += "$" in answer
        marks = answer_marks(answer)
        counts.update("answer-math-error" if m.kind == MATH_ERROR else "answer-raw-html"
                      for m in marks)
        drawn = render_stored(answer).formulas
        rejected = sorted(f.tex for f in drawn if katex_error(f.tex, f.display))
        assert sorted(m.shown for m in marks if m.kind == MATH_ERROR) == rejected, path
    assert (answers, with_dollar) == (1961, 238)
    assert {code: counts[code] for code in SAMPLE_COUNTS} == SAMPLE_COUNTS


def test_an_index_kept_before_the_marks_is_read_again(folder: Path, tmp_path: Path) -> None:
    """The record's field list is part of the cache's version: a cache written by the
    program before it kept marks (rows without them) is dropped, and every file read anew."""
    import sqlite3
    import zlib

    from editor.core.index import record

    old = tuple(name for name in record.PACKED if name != "marks")
    before = zlib.crc32(repr((record._FORMAT, old, record.RELATED_KEYS, record.LINE_KEYS,
                              record.LINE_SLOT_PREFIX)).encode()) & 0x7FFFFFFF
    assert before != record.schema_version()
    cache = tmp_path / "cache.sqlite"
    index = FolderIndex(folder, cache)
    try:
        count = len(index.refresh())
    finally:
        index.close()
    with sqlite3.connect(cache) as db:
        db.execute(f"PRAGMA user_version = {before}")
    index = FolderIndex(folder, cache)
    try:
        entries = index.refresh()
        assert index.reread == count
    finally:
        index.close()
    assert len(entries[MITO].marks) == 2 and len(entries[HASH].marks) == 3
