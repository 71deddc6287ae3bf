"""A backslash-n in the answer that the site turns into a line break: what is found, what is
left alone, the fixes, and the `check` code answer-backslash-n."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.checks import backslash_scan, backslashes
from editor.core.checks.backslash_scan import may_have_hazards, stored_answer
from editor.core.checks.backslashes import (
    CODE,
    KEEP_CODE,
    KEEP_PATH,
    MATH,
    PATH,
    apply_fix,
    break_hazards,
    stored_hazards,
    typed_hazards,
)
from editor.core.checks.folder_checks import CODES, WARNING, article_problems
from editor.core.document.article import ArticleDocument
from tests.conftest import CORPORA, SAMPLE

MITO = "content/learn/biology/what-role-do-mitochondria-play-in-a-cell.md"


def site(stored: str) -> str:
    """What the site renders from: answer.replace(/\\\\n/g, "\\n")."""
    return stored.replace("\\n", "\n")


def kinds(found: list[backslashes.Hazard]) -> list[tuple[str, str]]:
    return [(h.kind, h.shown) for h in found]


# -- typed in the editor -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "fixed"), [
    ('Use `printf("\\n")` to end a line.', CODE, f'Use `printf("{KEEP_CODE}")` to end a line.'),
    ('```c\nputs("a\\n");\n```', CODE, f'```c\nputs("a{KEEP_CODE}");\n```'),
    ("~~~\nsplit('\\n')\n~~~", CODE, f"~~~\nsplit('{KEEP_CODE}')\n~~~"),
    ("When $q \\neq 0$, divide.", MATH, "When $q ≠ 0$, divide."),
    ("$$\\nabla f = 0$$", MATH, "$$∇ f = 0$$"),
    ("$\\nu_e$ is a neutrino", MATH, "$ν_e$ is a neutrino"),
    ("$p \\land \\neg p$", MATH, "$p \\land ¬ p$"),
    ("$A \\ni x$", MATH, "$A ∋ x$"),
    ("$\\nexists y$", MATH, "$∄ y$"),
    ("$x \\not= y$", MATH, "$x ≠ y$"),
    ("$x \\not\\in B$", MATH, "$x ∉ B$"),
    ("Open C:\\new\\folder first", PATH, f"Open C:{KEEP_PATH}ew\\folder first"),
    ("in C:\\Users\\nick\\Desktop", PATH, f"in C:\\Users{KEEP_PATH}ick\\Desktop"),
    ("on \\\\server\\notes", PATH, f"on \\\\server{KEEP_PATH}otes"),
])
def test_typed_backslash_n_is_found_and_fixed(text: str, kind: str, fixed: str) -> None:
    found = typed_hazards(text)
    assert [h.kind for h in found] == [kind]
    assert apply_fix(text, found[0]) == fixed
    assert typed_hazards(fixed) == []  # the fix leaves no backslash-n behind
    assert "\\n" not in fixed.replace(KEEP_CODE, "")


@pytest.mark.parametrize("text", [
    "Plain prose with a \\n meant as a line break",
    "Costs $5 and $10, no math here",
    "A real line break\nand another",
    "C: drive, then a space \\n",
])
def test_typed_backslash_n_elsewhere_is_left_alone(text: str) -> None:
    assert typed_hazards(text) == []


def test_the_warning_is_plain_words_and_names_the_spot() -> None:
    math, = typed_hazards("When $q \\neq 0$")
    assert math.text == ("In the math “\\neq”, the site turns the backslash and n into a line "
                         "break: use “≠” instead")
    assert math.action == "Use ≠"
    code, = typed_hazards('Use `printf("\\n")`')
    assert "“printf(\"\\n\")”" in code.text and "preview" in code.text
    path, = typed_hazards("Open C:\\new now")
    assert "“C:\\new”" in path.text
    for hazard in (math, code, path):
        assert "answer" not in hazard.text and "_" not in hazard.text


def test_a_path_is_named_without_the_sentences_full_stop() -> None:
    for text, shown in (("the path C:\\new\\folder.", "C:\\new\\folder"),
                        ("see C:\\new\\a.txt, then", "C:\\new\\a.txt"),
                        ("in C:\\new-", "C:\\new")):
        path, = typed_hazards(text)
        assert path.shown == shown and f"“{shown}”" in path.text


def test_a_command_with_no_single_character_has_no_fix() -> None:
    hazard, = typed_hazards("$$a \\newline b$$")
    assert hazard.fix is None and apply_fix("x", hazard) == "x"
    assert "write it another way" in hazard.text


# -- line breaks of stored answers ---------------------------------------------------------

@pytest.mark.parametrize(("stored", "expected"), [
    ('Use `printf("\\n")` here', [(CODE, 'printf("\\n")')]),
    ("$q \\neq 0$", [(MATH, "\\neq")]),
    ("$$ a \\nabla b $$", [(MATH, "\\nabla")]),
    ("Intro:\\n\\n$$\\np \\land \\neg p\\n$$\\n\\nDone", [(MATH, "\\neg")]),
    ("Open C:\\new\\folder now", [(PATH, "C:\\new\\folder")]),
    ("Open (C:\\Users\\nick) now", [(PATH, "C:\\Users\\nick")]),
    ('```cpp\\nstd::cout << "Hi\\n";\\nreturn 0;\\n```', [(CODE, 'std::cout << "Hi\\n";')]),
    ('```cpp\\nf() { cout << "a\\n"; }\\ng() { cout << "b\\n"; }\\n```',
     [(CODE, 'f() { cout << "a\\n"; }'), (CODE, 'g() { cout << "b\\n"; }')]),
])
def test_stored_answers_with_a_misread_backslash_n(stored: str, expected: list) -> None:
    assert kinds(stored_hazards(stored)) == expected


@pytest.mark.parametrize("stored", [
    "### Heading\\n\\nSome text:\\nthen more, **bold**.\\n\\n1. one\\n2. two",
    "Examples:\\nfoo and bar",  # a colon before a line break is no drive letter
    "Answer C:\\n\\nNext",  # a blank line after it: a real paragraph
    "$$\\nu = 3\\n$$",  # "$$", a line break, then a one-letter name: the display's layout
    "$$\\nx^2 + y^2\\n$$ and $a$\\n$b$",
    "Costs $5 and\\n$10 in total",
    '```python\\nprint("a")\\nprint("b")\\n```',
    "```python\\n# don't panic\\nx = 'isn't'\\n```",
    "```scheme\\n(cond ((> x 0) 'positive)\\n  (else 'zero))\\n```",
    '```python\\ndef f():\\n    """Doc\\n    more"""\\n```',
    "A `code` span\\nthen a line",
])
def test_ordinary_stored_answers_are_left_alone(stored: str) -> None:
    assert stored_hazards(stored) == []


def test_a_stored_fix_reads_back_as_meant() -> None:
    """The fix of a line break found in the editor's (decoded) text, saved and decoded again
    as the site does, shows what was meant."""
    decoded = site('Use `printf("\\n")`, $q \\neq 0$ and C:\\new\\x.')
    found = break_hazards(decoded)
    assert [h.kind for h in found] == [CODE, MATH, PATH]
    for hazard in reversed(found):
        decoded = apply_fix(decoded, hazard)
    stored = decoded.replace("\n", "\\n")
    assert site(stored) == f'Use `printf("{KEEP_CODE}")`, $q ≠ 0$ and C:&#92;new\\x.'
    assert stored_hazards(stored) == []


def test_the_quick_look_never_hides_a_finding() -> None:
    for stored in ('Use `printf("\\n")`', "$q \\neq 0$", "C:\\new", "see \\\\server\\new",
                   "x folder\\sub\\new.txt"):
        assert may_have_hazards(stored) and stored_hazards(stored)
    assert not may_have_hazards("Plain\\n\\nText: with\\nbreaks and $5")


def test_stored_answer_reads_the_site_layout_and_others() -> None:
    raw = (SAMPLE / MITO).read_bytes()
    doc = ArticleDocument.from_bytes(raw)
    assert stored_answer(raw) == doc.get("answer")
    quoted = b'---\nquestion: Q?\nanswer: "Say $a \\\\neq b$"\n---\n'
    assert stored_answer(quoted) == "Say $a \\neq b$"
    assert stored_answer(b"---\ntitle: page\n---\n") is None


# -- the check -----------------------------------------------------------------------------

def write_article(folder: Path, answer: str) -> Path:
    path = folder / MITO
    raw = path.read_bytes()
    marker = b"\nanswer: >-\n  "
    at = raw.index(marker) + len(marker)
    end = raw.index(b"\n", at)
    path.write_bytes(raw[:at] + answer.encode() + raw[end:])
    return path


def test_check_reports_answer_backslash_n_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    shutil.copytree(SAMPLE, folder)
    write_article(folder, "If $x \\neq 0$ then.\\n\\nRun `echo \"\\n\"` too.")
    done = subprocess.run([sys.executable, "-m", "editor", "check", str(folder),
                           "--format", "json"], capture_output=True, text=True, check=False)
    report = json.loads(done.stdout)
    found = [p for p in report["problems"] if p["code"] == "answer-backslash-n"]
    assert [(p["file"], p["severity"]) for p in found] == [(MITO, WARNING)] * 2
    lines = (folder / MITO).read_text().split("\n")
    assert all(lines[p["line"] - 1] == "answer: >-" for p in found)
    assert "\\neq" in found[0]["message"]
    files = [p["file"] for p in report["problems"]]
    assert files == sorted(files)  # grouped by file, as before
    text = subprocess.run([sys.executable, "-m", "editor", "check", str(folder)],
                          capture_output=True, text=True, check=False).stdout
    assert "answer-backslash-n" in text.splitlines()[-1] or "answer-backslash-n" in text
    assert CODES["answer-backslash-n"] == WARNING


def test_lines_are_the_same_whether_the_answer_check_read_the_file_or_not(
        tmp_path: Path) -> None:
    from editor.core.checks.folder_checks import check_folder
    from editor.core.index.catalog import Catalog
    from editor.core.index.folder_index import FolderIndex

    folder = tmp_path / "site"
    shutil.copytree(SAMPLE, folder)
    write_article(folder, "If $x \\neq 0$ then.")
    index = FolderIndex(folder, tmp_path / "cache.sqlite")
    try:
        entries = index.refresh()
    finally:
        index.close()
    backslash_scan.forget()
    runs = []
    for _ in range(2):  # read by the answer check, then remembered (read for lines alone)
        report = check_folder(folder, entries, Catalog(entries.values()))
        runs.append([(p.file, p.line, p.code, p.key) for p in report.problems])
    assert runs[0] == runs[1]
    keyed = [p for p in runs[0] if p[3] is not None and p[2] != "missing-field"]
    assert keyed and all(line is not None for _, line, _, _ in keyed)
    assert (MITO, key_line_of(folder / MITO, "answer"), "answer-backslash-n", "answer") in runs[0]


def key_line_of(path: Path, key: str) -> int:
    return path.read_text("utf-8").split("\n").index(f"{key}: >-") + 1


def test_the_open_article_gets_the_problem_in_plain_words() -> None:
    doc = ArticleDocument.load(SAMPLE / MITO)
    assert not [p for p in article_problems(doc.data, MITO) if p.code == "answer-backslash-n"]
    doc.set_field("answer", doc.get_field("answer") + "\n\nWhen $q \\neq 0$.")
    problems = [p for p in article_problems(doc.data, MITO) if p.code == "answer-backslash-n"]
    assert [p.key for p in problems] == ["answer"]
    assert problems[0].plain.startswith("Answer: the math “\\neq” has a line break")


def test_a_folder_checked_again_reads_only_changed_files(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    shutil.copytree(SAMPLE, folder)
    path = write_article(folder, "If $x \\neq 0$ then.")
    stat = path.stat()
    files = [(MITO, stat.st_size, stat.st_mtime_ns)]
    backslash_scan.forget()
    assert [rel for rel, _ in backslash_scan.folder_hazards(folder, files)] == [MITO]
    path.write_bytes(path.read_bytes().replace(b"\\neq", b"\xe2\x89\xa0!"))  # same size
    assert [rel for rel, _ in backslash_scan.folder_hazards(folder, files)] == [MITO]  # not read
    stat = path.stat()
    changed = [(MITO, stat.st_size, stat.st_mtime_ns + 1)]
    assert list(backslash_scan.folder_hazards(folder, changed)) == []
    backslash_scan.forget()


def test_bytes_held_by_the_caller_are_checked_instead_of_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    shutil.copytree(SAMPLE, folder)
    path = write_article(folder, "If $x \\neq 0$ then.")
    held = path.read_bytes()  # what a save just wrote
    path.write_bytes(held.replace(b"\\neq", b"\xe2\x89\xa0!"))  # the file says otherwise
    stat = path.stat()
    backslash_scan.forget()
    found = backslash_scan.folder_hazards(folder, [(MITO, stat.st_size, stat.st_mtime_ns)],
                                          held={MITO: held})
    assert [(rel, [h.shown for h in hs]) for rel, hs in found] == [(MITO, ["\\neq"])]
    backslash_scan.forget()


def test_real_corpus_hits_are_real_problems() -> None:
    """Every finding in the real sample: 24 TeX commands in math (\\neq, \\neg, \\nu) and 4
    string literals ("...\\n") in C++ code, each one read by hand (28 of 28 real)."""
    folder = CORPORA / "quicktakes-sample"
    if not folder.is_dir():
        pytest.skip("the real corpora are not here")
    found = []
    for path in sorted(folder.rglob("*.md")):
        answer = stored_answer(path.read_bytes())
        found += [(path.name, h.kind, h.shown) for h in stored_hazards(answer or "")]
    assert len(found) == 28
    assert {kind for _, kind, _ in found} == {MATH, CODE}
    assert {shown for _, kind, shown in found if kind == MATH} == {"\\neq", "\\neg", "\\nu"}
    assert all('\\n"' in shown for _, kind, shown in found if kind == CODE)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_put_where_an_article_was_is_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.md")
    backslash_scan.forget()
    assert list(backslash_scan.folder_hazards(tmp_path, [("a.md", 100, 1)])) == []
    grown = tmp_path / "b.md"
    grown.write_text("---\nquestion: Q?\nanswer: >-\n  Say $a \\neq b$\n---\n")
    found = list(backslash_scan.folder_hazards(tmp_path, [("b.md", 3, 2)]))  # grew since indexed
    assert [(rel, [h.shown for h in hs]) for rel, hs in found] == [("b.md", ["\\neq"])]
    backslash_scan.forget()
