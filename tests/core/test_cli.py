"""The article-editor command line, run as a real subprocess and in-process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor import __version__
from editor.cli import main
from tests.conftest import FIXTURES

REF = FIXTURES / "reference-format.md"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args], capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    shutil.copy(REF, path)
    return path


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_get_values(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["get", "seo.title", str(article)]) == 0
    assert capsys.readouterr().out == "QuickTakes | Psychology\n"
    assert main(["get", "answer", str(article)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sleep and emotion are closely linked.\n\n1. **The amygdala**")
    assert out.endswith("support for mood.\n") and "\\n" not in out
    assert main(["get", "related_article1.id", str(article)]) == 0
    assert capsys.readouterr().out == "81001\n"
    assert main(["get", "date", str(article)]) == 0
    assert capsys.readouterr().out == "2025-03-07\n"
    assert main(["get", "seo", str(article)]) == 0
    assert capsys.readouterr().out.startswith("title: QuickTakes | Psychology\npage_description:")


def test_get_missing_key_and_unreadable_file(article: Path, tmp_path: Path) -> None:
    result = run("get", "nope", str(article))
    assert result.returncode == 1 and "no key 'nope'" in result.stderr
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [x\n---\n")
    result = run("get", "title", str(bad))
    assert result.returncode == 2
    assert f"{bad}:2:8:" in result.stderr  # where the [ that is never closed opens


def test_set_writes_one_line_and_keeps_mode(article: Path) -> None:
    os.chmod(article, 0o640)
    before = article.read_text()
    result = run("set", "seo.page_keywords", "sleep, mood", str(article))
    assert result.returncode == 0, result.stderr
    after = article.read_text()
    assert before.replace(
        before.split("page_keywords: >-\n")[1].split("\n")[0], "    sleep, mood"
    ) == after
    assert oct(article.stat().st_mode & 0o777) == "0o640"
    assert not list(article.parent.glob(".*.tmp"))


def test_set_same_value_does_not_write(article: Path) -> None:
    os.utime(article, (1_000_000, 1_000_000))
    before = article.read_bytes()
    assert main(["set", "seo.title", "QuickTakes | Psychology", str(article)]) == 0
    assert article.read_bytes() == before
    assert article.stat().st_mtime == 1_000_000


def test_set_answer_is_encoded(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", "answer", "Line one\n\nLine two", str(article)]) == 0
    assert "answer: >-\n    Line one\\n\\nLine two\n" in article.read_text()
    main(["get", "answer", str(article)])
    assert capsys.readouterr().out == "Line one\n\nLine two\n"


def test_set_typed_fields_and_yaml(article: Path) -> None:
    assert main(["set", "id", "123", str(article)]) == 0
    assert main(["set", "date", "2026-01-02", str(article)]) == 0
    assert main(["set", "score", "", str(article)]) == 0
    assert main(["set", "tags", "[a, b]", "--yaml", str(article)]) == 0
    text = article.read_text()
    assert "\nid: 123\n" in text and "\ndate: 2026-01-02\n" in text
    assert "\nscore:\n" in text and text.endswith("tags:\n- a\n- b\n---\n\n&nbsp;")
    assert main(["set", "id", "not a number", str(article)]) == 1


def test_set_continues_past_failures(article: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\ntitle: \xff\n---\n")
    other = tmp_path / "b.md"
    shutil.copy(REF, other)
    result = run("set", "author", "Someone", str(bad), str(article), str(other))
    assert result.returncode == 1
    assert f"{bad}:2:8:" in result.stderr and "skipped" in result.stderr
    assert bad.read_bytes() == b"---\ntitle: \xff\n---\n"
    assert "\nauthor: Someone\n" in article.read_text()
    assert "\nauthor: Someone\n" in other.read_text()


def test_set_creates_missing_nested_key(article: Path) -> None:
    assert main(["set", "related_article3.id", "5", str(article)]) == 0
    assert article.read_text().endswith("related_article3:\n    id: 5\n---\n\n&nbsp;")


def test_unset(article: Path) -> None:
    before = article.read_bytes()
    assert main(["unset", "related_article2", str(article)]) == 0
    assert b"related_article2" not in article.read_bytes()
    assert len(article.read_bytes()) < len(before)
    mtime = article.stat().st_mtime_ns
    assert main(["unset", "related_article2", str(article)]) == 1  # said so; nothing written
    assert article.stat().st_mtime_ns == mtime


def test_new_article_in_reference_format(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REF.parent.parent.parent / "resources" / "sample-content", site)
    result = run("new", str(site), "--subject", "Education Studies",
                 "--question", "Why does non-REM sleep help f(x) learning?")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    slug = "why-does-nonrem-sleep-help-fx-learning"
    assert path == site / f"content/learn/education-studies/{slug}.md"
    text = path.read_text()
    assert text.startswith("---\n_schema: default\nid: 85004\ndate: ")
    assert "title: >-\n    Why does non-REM sleep help f(x) learning?\n" in text
    assert "seo:\n  title: QuickTakes | Education Studies\n" in text
    assert f"url: /learn/education-studies/questions/{slug}\n" in text
    assert text.endswith("score: -1.0\n---\n\n&nbsp;")
    again = run("new", str(site), "--subject", "Education Studies",
                "--question", "Why does non-REM sleep help f(x) learning?")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text() == text


def test_smoke_test_prints_one_json_line(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, "-m", "editor", "--smoke-test", "--screenshot", str(shot)],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["articles"] == 14 and result["opened"].endswith(".md")
    assert result["preview_chars"] > 100 and result["seconds"] > 0
    from editor.core.index import listing
    assert result["native_listing"] == (listing.scandir_rs is not None)
    assert shot.read_bytes().startswith(b"\x89PNG")
    failed = subprocess.run(
        [sys.executable, "-m", "editor", "--smoke-test", str(tmp_path / "missing")],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )
    assert failed.returncode == 1 and "not a folder" in failed.stderr
