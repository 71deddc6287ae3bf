"""`check` and `fix related-stale`: counts compared with an independent count made here."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from benchmarks.generate_articles import generate
from editor.core.document.layout import decode
from editor.core.errors import NotUtf8Error
from editor.core.index.quickscan import scan_front_matter
from editor.core.render import markdown as site_markdown
from editor.core.render.math import katex_error
from editor.core.text.backslashes import stored_hazards
from editor.core.values import same
from editor.core.writer.yamltree import compose
from tests.conftest import CORPORA, SAMPLE, corpus_files

REQUIRED = ["id", "date", "title", "article_title", "question", "answer", "subject",
            "file_name", "url"]
_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).replace(" ", "-")


def independent_counts(root: Path) -> tuple[int, int, Counter[str]]:
    """The documented definitions, computed with plain PyYAML and nothing from editor.core."""
    counts: Counter[str] = Counter()
    articles: dict[str, dict] = {}
    files = sorted(root.rglob("*.md"))
    for path in files:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            counts["not-utf8"] += 1
            continue
        opening = _OPEN.match(text)
        if not opening:
            counts["no-front-matter"] += 1
            continue
        closing = _CLOSE.search(text, opening.end())
        try:
            if closing is None:
                raise yaml.YAMLError("no closing line")
            data = yaml.load(text[opening.end() : closing.start()], Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            counts["parse-error"] += 1
            continue
        if isinstance(data, dict) and "question" in data and "answer" in data:
            articles[path.relative_to(root).as_posix()] = data
    ids: Counter[object] = Counter(a["id"] for a in articles.values() if a.get("id") is not None)
    by_id: dict[object, list[dict]] = {}
    for data in articles.values():
        by_id.setdefault(data.get("id"), []).append(data)
    for rel, data in articles.items():
        counts["missing-field"] += sum(key not in data for key in REQUIRED)
        if data.get("id") is not None and ids[data["id"]] > 1:
            counts["duplicate-id"] += 1
        earlier = set()
        for n in range(1, 6):
            slot = data.get(f"related_article{n}")
            if not isinstance(slot, dict):
                continue
            targets = by_id.get(slot.get("id"), []) if slot.get("id") is not None else []
            if not targets:
                counts["related-broken"] += 1
            elif not any((slot.get("title"), slot.get("subject"), slot.get("url"))
                         == (t.get("title"), t.get("subject"), t.get("url")) for t in targets):
                counts["related-stale"] += 1
            if slot.get("id") is not None and slot.get("id") in earlier:
                counts["related-duplicate"] += 1
            earlier.add(slot.get("id"))
            if slot.get("id") is not None and slot.get("id") == data.get("id"):
                counts["related-self"] += 1
        seo = data.get("seo") or {}
        counts["seo-title-length"] += len(str(seo.get("title") or "")) > 60
        counts["seo-description-length"] += len(str(seo.get("page_description") or "")) > 160
        if "file_name" in data and data["file_name"] != rel.rsplit("/", 1)[-1]:
            counts["file-name-mismatch"] += 1
        if {"url", "subject", "question"} <= data.keys():
            url = f"/learn/{slug(data['subject'])}/questions/{slug(data['question'])}"
            counts["url-mismatch"] += data["url"] != url
        present = {data[k] for k in ("title", "article_title", "question") if k in data}
        counts["title-mismatch"] += len(present) > 1
        # one per finding of the rule (tests/core/test_backslashes.py tests the rule itself)
        counts["answer-backslash-n"] += len(stored_hazards(data.get("answer")))
        if isinstance(data.get("answer"), str):
            math, html = shown_otherwise(data["answer"])
            counts["answer-math-error"] += math
            counts["answer-raw-html"] += html
    return len(files), len(articles), +counts


_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)


def shown_otherwise(answer: str) -> tuple[int, int]:
    """The formulas the site's renderer draws that the whole KaTeX render rejects, and the
    HTML tags and comments of its HTML tokens (what it shows as text)."""
    text = site_markdown.site_decode(answer)
    rendered = site_markdown.render_markdown(text)
    math = sum(katex_error(f.tex, f.display) is not None for f in rendered.formulas)
    html = 0
    for token in site_markdown._MD.parse(text):
        if token.type == "html_block":
            html += len(_TAG.findall(token.content))
        html += sum(child.type == "html_inline" for child in token.children or ())
    return math, html


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "editor", *args], capture_output=True,
                          text=True, check=False)


def json_report(folder: Path) -> tuple[int, dict]:
    done = run_cli("check", str(folder), "--format", "json")
    return done.returncode, json.loads(done.stdout)


SITE_CODES = {"block-unknown", "image-missing", "locale-empty", "collection-missing",
              "input-type-mismatch"}


def assert_counts_match(folder: Path) -> dict:
    # The checker runs in its own process while this one counts (the machine has two cores).
    checker = subprocess.Popen(
        [sys.executable, "-m", "editor", "check", str(folder), "--format", "json"],
        stdout=subprocess.PIPE, text=True,
    )
    files, articles, expected = independent_counts(folder)
    out, _ = checker.communicate()
    code, report = checker.returncode, json.loads(out)
    # the site's pages and configuration are counted in test_site_checks
    got = Counter(p["code"] for p in report["problems"] if p["code"] not in SITE_CODES)
    assert (report["files"], report["articles"]) == (files, articles)
    assert got == expected
    assert code == (1 if any(p["severity"] == "error" for p in report["problems"]) else 0)
    return report


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    generate(root, 1_500, seed=11)
    return root


def test_generated_folder_counts(generated: Path) -> None:
    report = assert_counts_match(generated)
    codes = {p["code"] for p in report["problems"]}
    assert {"parse-error", "duplicate-id", "related-broken", "related-stale", "related-duplicate",
            "related-self", "seo-description-length", "file-name-mismatch", "url-mismatch",
            "title-mismatch", "missing-field", "no-front-matter"} <= codes
    lined = [p for p in report["problems"] if p["code"] == "related-stale"]
    assert all(isinstance(p["line"], int) for p in lined)
    first = lined[0]
    text = (generated / first["file"]).read_text().split("\n")
    assert text[first["line"] - 1].startswith("related_article")


@pytest.mark.slow
def test_generated_36000_article_folder_counts(tmp_path: Path) -> None:
    generate(tmp_path, 36_000, seed=3)
    assert_counts_match(tmp_path)


def test_real_sample_counts() -> None:
    folder = CORPORA / "quicktakes-sample"
    if not folder.is_dir():
        pytest.skip("../shared/corpora is not present")
    report = assert_counts_match(folder)
    assert any(p["code"] == "related-broken" for p in report["problems"])


def test_check_text_format_and_exit_codes(generated: Path, tmp_path: Path) -> None:
    done = run_cli("check", str(SAMPLE))
    assert done.returncode == 0 and "0 errors, 0 warnings" in done.stdout
    done = run_cli("check", str(generated))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].endswith(".md") and re.match(r"^ +(\d+|-)  (error|warning) ", lines[1])
    assert re.search(r"^  related-broken +\d+$", done.stdout, re.M)
    assert run_cli("check", str(tmp_path / "nowhere")).returncode == 2


def test_fix_related_stale(generated: Path, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "site"
    shutil.copytree(generated, folder)
    before = {p: p.read_bytes() for p in folder.rglob("*.md")}
    dry = run_cli("fix", "related-stale", str(folder), "--dry-run")
    assert dry.returncode == 0 and "would refresh" in dry.stdout
    assert {p: p.read_bytes() for p in folder.rglob("*.md")} == before
    done = run_cli("fix", "related-stale", str(folder))
    assert done.returncode == 0, done.stderr
    changed = [p for p, data in before.items() if p.read_bytes() != data]
    assert changed
    for path in changed:
        old, new = before[path].decode().split("\n"), path.read_text().split("\n")
        assert len(old) == len(new)
        diff = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        assert all(new[i].startswith(("        ", "    subject:", "    url:")) for i in diff)
    _code, report = json_report(folder)
    stale = [p for p in report["problems"] if p["code"] == "related-stale"]
    assert all("articles have id" in line for line in done.stdout.splitlines()
               if "skipped" in line)
    skipped = done.stdout.count("skipped")
    assert len(stale) == skipped


@pytest.mark.parametrize("folder", ["quicktakes-sample", "hugodocs", "github-explore"])
def test_quickscan_equals_full_parse(folder: str) -> None:
    files = [p for p in corpus_files() if p.is_relative_to(CORPORA / folder)]
    if not files:
        pytest.skip("../shared/corpora is not present")
    scanned = 0
    for path in files:
        try:
            text, _bom = decode(path.read_bytes())
        except NotUtf8Error:  # the index reports it without a scan
            continue
        data = scan_front_matter(text)
        if data is None:
            continue
        scanned += 1
        body = text[4 : text.index("\n---", 3) + 1]
        assert same(data, compose(body).data), path
    if folder == "quicktakes-sample":
        assert scanned >= 1_900



def test_a_reports_order_is_kept_until_its_problems_change() -> None:
    from editor.core.checks.folder_checks import ERROR, WARNING, Problem, Report, errors_first

    problems = [Problem("b.md", 2, "x", WARNING, "w"), Problem("b.md", 1, "y", ERROR, "e"),
                Problem("a.md", None, "z", ERROR, "e"), Problem("a.md", 3, "x", WARNING, "w")]
    report = Report(2, 2, problems)
    ordered = report.in_order()
    assert [(p.file, p.severity) for p in ordered] == [
        ("a.md", ERROR), ("b.md", ERROR), ("a.md", WARNING), ("b.md", WARNING)]
    assert report.in_order() is ordered  # kept: the window's thread does not sort again
    report.problems = problems[:2]
    assert report.in_order() == errors_first(problems[:2])
    assert Report(2, 2, problems) == Report(2, 2, list(problems))  # the order is no field


def test_a_reports_columns_are_made_ahead_once_and_follow_its_order() -> None:
    from editor.core.checks.folder_checks import ERROR, WARNING, Problem, Report

    problems = [Problem("b.md", 2, "x", WARNING, "w", "seo.title"),
                Problem("a.md", 1, "y", ERROR, "e", "id")]
    report = Report(2, 2, problems)
    report.prepare_columns()
    columns = report.take_columns()
    assert columns == (["a.md", "b.md"], ["y", "x"], ["id", "seo.title"])
    columns[0].append("changed by the Problems pane")
    again = report.take_columns()  # taken once: new lists after that
    assert again == (["a.md", "b.md"], ["y", "x"], ["id", "seo.title"])
    report.prepare_columns()
    report.problems = problems[:1]  # made ahead for another order: not handed out
    assert report.take_columns() == (["b.md"], ["x"], ["seo.title"])
