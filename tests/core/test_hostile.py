"""Hostile and odd files on the command line: every failure is a message naming the file, its
own line and column, never a traceback; odd keys can be addressed; output is terminal-safe."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.document.article import ArticleDocument
from editor.core.document.merge import three_way
from tests.conftest import FIXTURES, SAMPLE

REF = FIXTURES / "reference-format.md"


def run(*args: str, env: dict[str, str] | None = None,
        encoding: str = "utf-8") -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **(env or {})}
    done = subprocess.run([sys.executable, "-m", "editor", *args], capture_output=True,
                          timeout=120, env=full)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(encoding),
        done.stderr.decode(encoding))


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SAMPLE, root)
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


# -- 7: tags PyYAML cannot construct --------------------------------------------------------

BAD_TAGS = [
    ("ok: !!bool maybe", "the value 'maybe' is not true or false", 5),
    ("ok: !!timestamp nope", "the value 'nope' is not a date or time", 5),
    ("ok: !!int", "the empty value is not a whole number", 5),
    ("ok: !!float x", "the value 'x' is not a number", 5),
    ("ok: !!int ''", "the empty value is not a whole number", 5),
]


@pytest.mark.parametrize(("line", "says", "column"), BAD_TAGS)
def test_unconstructable_tags_are_parse_errors_in_get_set_unset(
        tmp_path: Path, line: str, says: str, column: int) -> None:
    path = write(tmp_path / "bad.md", f"---\ntitle: Hi\n{line}\n---\nbody\n")
    before = path.read_bytes()
    for args in (("get", "title", str(path)), ("set", "title", "x", str(path)),
                 ("unset", "title", str(path))):
        result = run(*args)
        no_traceback(result)
        assert result.returncode in (1, 2), result.stderr
        assert f"{path}:3:{column}: {says}, as its type (!!" in result.stderr
    assert path.read_bytes() == before


def test_one_unconstructable_file_does_not_stop_check(site: Path) -> None:
    learn = site / "content" / "learn"
    for n, (line, _says, _col) in enumerate(BAD_TAGS):
        write(learn / "odd" / f"bad{n}.md", f"---\ntitle: Hi\n{line}\n---\n")
    articles = len(list(learn.rglob("*.md"))) - len(BAD_TAGS)
    result = run("check", str(site), "--format", "json")
    no_traceback(result)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["articles"] == articles  # the others are all checked
    errors = {p["file"]: p for p in report["problems"] if p["code"] == "parse-error"}
    assert sorted(errors) == [f"content/learn/odd/bad{n}.md" for n in range(len(BAD_TAGS))]
    assert all(p["line"] == 3 and p["column"] == 5 for p in errors.values())
    text = run("check", str(site)).stdout
    assert "    3:5  error    parse-error             the value 'maybe' is not true" in text


# -- 19: every error names the file and the file's own line ---------------------------------

def test_edit_errors_name_the_file_and_its_line(tmp_path: Path) -> None:
    dup = write(tmp_path / "dup.md", "---\ntitle: A\nseo:\n  title: x\n  title: y\n---\n")
    fine = write(tmp_path / "fine.md", "---\ntitle: A\nseo:\n  title: x\n---\n")
    result = run("set", "seo.title", "z", str(dup), str(fine))
    no_traceback(result)
    assert result.returncode == 1
    assert "<text>" not in result.stderr
    assert f"{dup}:4:3: key 'seo.title' appears 2 times" in result.stderr  # the file's line 4
    assert "skipped" in result.stderr and str(fine) not in result.stderr
    assert "title: z" in fine.read_text()


def test_value_errors_name_the_file(tmp_path: Path) -> None:
    one = write(tmp_path / "one.md", "---\ncount: 1\n---\n")
    result = run("set", "count", "many", str(one))
    assert result.returncode == 1
    assert f"{one}: 'count' holds an integer; 'many' is not one" in result.stderr
    result = run("set", "--yaml", "count", "[1", str(one))
    assert f"{one}: --yaml value does not parse: line 1, column 1" in result.stderr


# -- 20: merge keys ----------------------------------------------------------------------------

MERGED = "---\nbase: &b\n  a: 1\n  c: 2\nm:\n  <<: *b\n  a: 3\n---\nbody\n"


def test_an_override_of_a_merged_key_is_set_in_place(tmp_path: Path) -> None:
    path = write(tmp_path / "m.md", MERGED)
    assert main(["set", "--yaml", "m.a", "5", str(path)]) == 0
    assert path.read_text() == MERGED.replace("  a: 3", "  a: 5")


def test_setting_a_merged_in_key_writes_an_override(tmp_path: Path) -> None:
    path = write(tmp_path / "m.md", MERGED)
    assert main(["set", "--yaml", "m.c", "9", str(path)]) == 0
    assert path.read_text() == MERGED.replace("  a: 3\n", "  a: 3\n  c: 9\n")
    doc = ArticleDocument.load(path)
    assert doc.get("base.c") == 2 and doc.get("m.c") == 9


def test_removing_a_merged_in_key_says_where_it_comes_from(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "m.md", MERGED)
    assert main(["unset", "m.c", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:4:3: 'm.c' is merged in with '<<' from here" in err
    assert main(["unset", "m.a", str(path)]) == 1  # the merge would give back a: 1
    assert f"{path}:3:3: 'm.a' is merged in" in capsys.readouterr().err
    assert path.read_text() == MERGED


# -- 21: long lists are no alias bomb -------------------------------------------------------

def test_a_long_plain_list_is_not_an_alias_bomb(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    numbers = "\n".join(f"  - {n}" for n in range(200_001))
    path = write(tmp_path / "long.md", f"---\ntitle: Long\nnumbers:\n{numbers}\n---\n")
    assert main(["get", "numbers.200000", str(path)]) == 0
    assert capsys.readouterr().out == "200000\n"


def test_a_real_alias_bomb_is_still_refused_at_its_line(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 7):
        prev = chr(ord("a") + n - 1)
        lines.append(f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [" + ", ".join([f"*{prev}"] * 10)
                     + "]")
    path = write(tmp_path / "bomb.md", "---\ntitle: x\n" + "\n".join(lines) + "\n---\n")
    result = run("get", "title", str(path))
    no_traceback(result)
    assert result.returncode == 2
    assert f"{path}:" in result.stderr and "alias bomb" in result.stderr
    line = int(result.stderr.split(f"{path}:")[1].split(":")[0])
    assert 3 <= line <= 9  # the file's line of the alias, not the front matter's


# -- 22, 23: unset of a missing key, values that start with '-' -----------------------------

def test_unset_of_a_missing_key_fails_and_says_so(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: A\n---\n")
    assert main(["unset", "nope", str(path)]) == 1
    assert f"{path}: no key 'nope'" in capsys.readouterr().err
    assert path.read_text() == "---\ntitle: A\n---\n"


def test_a_value_starting_with_a_dash_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: A\n---\n")
    result = run("set", "title", "-rest", str(path))
    assert result.returncode == 2
    assert "put '--' before it" in result.stderr
    assert run("set", "--", "title", "-rest", str(path)).returncode == 0
    assert path.read_text() == "---\ntitle: -rest\n---\n"
    assert "put '--'" not in run("set", "title", "--yaml", str(path)).stderr


# -- 24: keys with dots, keys that are not strings -----------------------------------------

ODD_KEYS = "---\na.b: 1\n1: one\nlink.url: /x\nlink:\n  url: /y\n---\n"


def test_odd_keys_can_be_read_and_written(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "k.md", ODD_KEYS)
    for key, value in (("'a.b'", "1"), ('"a.b"', "1"), ("[1]", "one"), ("1", "one"),
                       ("'link.url'", "/x"), ("link.url", "/y")):
        assert main(["get", key, str(path)]) == 0, key
        assert capsys.readouterr().out == value + "\n"
    assert main(["set", "'link.url'", "/z", str(path)]) == 0
    assert main(["set", "[1]", "uno", str(path)]) == 0
    assert path.read_text() == ODD_KEYS.replace("/x", "/z").replace("one", "uno")
    assert main(["get", "'a.b", str(path)]) == 1
    assert "the quote at 1 is never closed" in capsys.readouterr().err


def test_the_disk_merge_keeps_a_key_with_a_dot(tmp_path: Path) -> None:
    """Our edit of the key ``link.url`` merged into a file someone else changed goes to that
    key, not into a new ``link: {url:}`` mapping; so does a number key."""
    text = "---\nx: 1\n" + ODD_KEYS.removeprefix("---\n")
    path = write(tmp_path / "k.md", text)
    base = ArticleDocument.load(path)
    ours = ArticleDocument.load(path)
    ours.set("'link.url'", "/ours")
    ours.set("[1]", "ours")
    path.write_text(path.read_text().replace("x: 1", "x: 2"))
    result = three_way(base, ours, ArticleDocument.load(path))
    assert result.merged == ["[1]", "'link.url'"] and result.taken == ["x"]
    assert result.document.render() == text.replace("/x", "/ours").replace(
        "one", "ours").replace("x: 1", "x: 2")


# -- 13: new articles whose question or subject make no file name ---------------------------

def test_new_with_a_very_long_question_caps_the_file_name(site: Path) -> None:
    question = "Why " + "does this keep going " * 15 + "?"
    result = run("new", str(site), "--subject", "Biology", "--question", question)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    target = Path(result.stdout.strip())
    assert target.is_file() and len(target.name.encode()) <= 255
    assert len(target.stem) <= 200 and not target.stem.endswith("-")
    doc = ArticleDocument.load(target)
    assert doc.get("file_name") == target.name
    assert doc.get("url") == f"/learn/biology/questions/{target.stem}"
    check = json.loads(run("check", str(site), "--format", "json").stdout)
    assert not [p for p in check["problems"] if p["file"].endswith(target.name)]


@pytest.mark.parametrize(("subject", "question", "says"), [
    ("Biology", "???", "the question “???” has no letters a-z or digits"),
    ("Biology", "漢字とは", "the question “漢字とは” has no letters a-z or digits"),
    ("!!!", "Why?", "the subject “!!!” has no letters a-z or digits"),
])
def test_new_without_slug_characters_is_refused(site: Path, subject: str, question: str,
                                                says: str) -> None:
    before = sorted(site.rglob("*"))
    result = run("new", str(site), "--subject", subject, "--question", question)
    no_traceback(result)
    assert result.returncode == 2 and says in result.stderr
    assert sorted(site.rglob("*")) == before


# -- 11: output encodings and control characters -------------------------------------------

ODD_TEXT = '---\ntitle: "caf\\u00e9 \\u2014 \\e[31mred\\r\\u202e x"\nanswer: "a\\nb"\n---\n'


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_get_and_check_survive_narrow_output_encodings(site: Path, encoding: str) -> None:
    path = write(site / "content" / "learn" / "odd" / "odd.md", ODD_TEXT)
    env = {"PYTHONIOENCODING": encoding}
    got = run("get", "title", str(path), env=env, encoding=encoding)
    no_traceback(got)
    assert got.returncode == 0
    wanted = {"ascii": "caf\\xe9 \\u2014", "cp1252": "café —"}[encoding]
    assert got.stdout == wanted + " \\x1b[31mred\\r\\u202e x\n"
    checked = run("check", str(site), env=env, encoding=encoding)
    no_traceback(checked)
    assert checked.returncode in (0, 1) and "files," in checked.stdout
    again = run("check", str(site), env=env, encoding=encoding)  # the kept report
    no_traceback(again)
    assert (again.returncode, again.stdout) == (checked.returncode, checked.stdout)


def test_get_under_the_c_locale_without_utf8_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "odd.md", ODD_TEXT)
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "",
           "PYTHONCOERCECLOCALE": "0"}
    got = run("get", "title", str(path), env=env)
    no_traceback(got)
    assert got.returncode == 0 and "\x1b" not in got.stdout
    assert got.stdout.startswith("caf\\xe9 \\u2014 \\x1b[31m")  # ASCII, every byte kept


def test_get_escapes_terminal_controls_but_keeps_newlines_and_letters(tmp_path: Path) -> None:
    path = write(tmp_path / "odd.md", ODD_TEXT)
    got = run("get", "title", str(path), env={"PYTHONIOENCODING": "utf-8"})
    assert got.stdout == "café — \\x1b[31mred\\r\\u202e x\n"
    assert run("get", "answer", str(path), env={"PYTHONIOENCODING": "utf-8"}).stdout == "a\nb\n"


def test_check_escapes_control_characters_in_file_names(site: Path) -> None:
    odd = site / "content" / "learn" / "odd"
    write(odd / "x\n  99  error    parse-error  fake.md", "---\ntitle: [x\n---\n")
    write(odd / "e\x1b[2J.md", "---\ntitle: [x\n---\n")
    out = run("check", str(site)).stdout
    assert "\x1b" not in out
    lines = out.splitlines()
    assert "content/learn/odd/x\\n  99  error    parse-error  fake.md" in lines
    assert "content/learn/odd/e\\x1b[2J.md" in lines
    assert not any(ln.startswith("  99") for ln in lines)
    report = json.loads(run("check", str(site), "--format", "json").stdout)
    assert "content/learn/odd/e\x1b[2J.md" in {p["file"] for p in report["problems"]}


# -- more hostile bytes: NUL and control characters, tabs -----------------------------------

@pytest.mark.parametrize(("front", "where", "says"), [
    ("title: x\nb: éé a\x00\n", "3:8", "the character U+0000 is not allowed"),
    ("title: a\x07\n", "2:9", "the character U+0007 is not allowed"),
    ("title: x\nseo:\n\ttitle: y\n", "4:1", "found a tab character: YAML indents with spaces only"),
])
def test_control_characters_and_tabs_are_placed(tmp_path: Path, front: str, where: str,
                                                says: str) -> None:
    path = write(tmp_path / "odd.md", f"---\n{front}---\nbody\n")
    result = run("get", "title", str(path))
    no_traceback(result)
    assert result.returncode == 2
    assert f"{path}:{where}: invalid YAML: " in result.stderr and says in result.stderr
    assert "<unicode string>" not in result.stderr


def test_a_reader_that_has_gone_gets_no_traceback(tmp_path: Path) -> None:
    """``check FOLDER | head -1``: the reading end of stdout is closed before the write."""
    path = write(tmp_path / "a.md", "---\ntitle: A title\n---\n")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "editor", "get", "title", str(path)],
                              stdout=write_end, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(write_end)
    err = done.stderr.decode()
    assert done.returncode == 1
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_paths_read_back_what_join_writes() -> None:
    import datetime as dt

    from editor.core.document.paths import get_path, join, parse
    from editor.core.errors import KeyNotFoundError

    data = {"a.b": {"it's": 1}, 1: {True: 2}, "1": 3, None: 4, dt.date(2024, 1, 31): 5,
            "seo": {"title": 6}, "items": [{"x": 7}], "[odd]": 8, " pad": 9, "true": 10}
    for path, value in (("'a.b'.'it''s'", 1), ("[1].[true]", 2), ("'1'", 3), ("1", 3),
                        ("[null]", 4), ("[2024-01-31]", 5), ("seo.title", 6),
                        ("items[0].x", 7), ("items.0.x", 7), ("'[odd]'", 8), ("' pad'", 9),
                        ("true", 10)):
        assert get_path(data, path) == value, path
    for parts in (("a.b", "it's"), (1, True), ("1",), (None,), (dt.date(2024, 1, 31),),
                  ("seo", "title"), ("[odd]",), (" pad",), ("true",)):
        node: object = data
        for part in parts:
            node = node[part]  # type: ignore[index]
        assert get_path(data, join(parts)) == node, parts
    assert join(("seo", "title")) == "seo.title" and join(("a.b",)) == "'a.b'"
    for bad in ("", "a.", ".a", "a..b", "'a", "[1", "a]", "[]", "a'b"):
        with pytest.raises(KeyNotFoundError, match="invalid key path"):
            parse(bad)


def test_check_of_a_folder_whose_path_is_not_utf8(tmp_path: Path) -> None:
    odd = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/site-\xff"))
    shutil.copytree(SAMPLE, odd)
    first = run("check", os.fsdecode(odd))
    no_traceback(first)
    assert first.returncode in (0, 1) and "files," in first.stdout
    again = run("check", os.fsdecode(odd))
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_check_says_when_its_output_cannot_be_written(site: Path) -> None:
    for form in ("text", "json"):
        with open("/dev/full", "wb") as full:
            done = subprocess.run([sys.executable, "-m", "editor", "check", str(site),
                                   "--format", form], stdout=full, stderr=subprocess.PIPE,
                                  timeout=120, text=True)
        no_traceback(done)  # type: ignore[arg-type]
        assert done.returncode == 2 and "cannot write the output" in done.stderr


def test_check_with_its_output_closed(site: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "editor", "check", str(site)],
                          stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          timeout=120, close_fds=True,
                          preexec_fn=lambda: os.close(1))
    no_traceback(done)  # type: ignore[arg-type]
    assert done.returncode == 2 and "standard output is closed" in done.stderr
