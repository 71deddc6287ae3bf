"""Faults injected into real saves, killed writers, and hostile files: nothing is ever lost."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor import cli
from editor.core.document.article import ArticleDocument
from editor.core.errors import ArticleError, SaveError
from editor.core.index.folder_index import FolderIndex
from editor.core.storage import safe_io
from tests.conftest import SAMPLE
from tests.core.listed import scan_folder
from tests.helpers import as_ordinary_user

ARTICLE = SAMPLE / "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"
FAULTS = [errno.ENOSPC, errno.EACCES, errno.EROFS]


def raiser(code: int, real):
    def fail(fd_or_path, *args, **kwargs):
        if isinstance(fd_or_path, int) and fd_or_path <= 2:
            return real(fd_or_path, *args, **kwargs)  # the test runner's own output
        raise OSError(code, os.strerror(code))
    return fail


@pytest.fixture
def article(tmp_path: Path) -> Path:
    target = tmp_path / ARTICLE.name
    shutil.copyfile(ARTICLE, target)
    return target


@pytest.mark.parametrize("code", FAULTS, ids=errno.errorcode.get)
@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_failed_save_leaves_the_file_intact(monkeypatch, article: Path, call: str,
                                            code: int) -> None:
    before = article.read_bytes()
    doc = ArticleDocument.load(article)
    doc.set("author", "Somebody Else")
    monkeypatch.setattr(os, call, raiser(code, getattr(os, call)))
    with pytest.raises(SaveError) as caught:
        safe_io.atomic_write(article, doc.to_bytes())
    monkeypatch.undo()
    assert os.strerror(code) in str(caught.value) and "unchanged" in str(caught.value)
    assert str(article) in str(caught.value)
    assert article.read_bytes() == before
    assert sorted(p.name for p in article.parent.iterdir()) == [article.name]  # no temp left


@pytest.mark.parametrize("code", FAULTS, ids=errno.errorcode.get)
def test_cli_set_reports_a_failed_save(monkeypatch, capsys, article: Path, code: int) -> None:
    before = article.read_bytes()
    monkeypatch.setattr(os, "replace", raiser(code, os.replace))
    assert cli.main(["set", "author", "Nobody", str(article)]) == 1
    assert os.strerror(code) in capsys.readouterr().err
    assert article.read_bytes() == before


def test_saves_keep_mode_line_endings_bom_and_final_newline(tmp_path: Path) -> None:
    target = tmp_path / "crlf.md"
    target.write_bytes(b"\xef\xbb\xbf---\r\ntitle: Old\r\nseo:\r\n  title: T\r\n---\r\nBody\r\n")
    target.chmod(0o640)
    doc = ArticleDocument.load(target)
    doc.set("title", "New")
    safe_io.atomic_write(target, doc.to_bytes())
    assert target.read_bytes() == (
        b"\xef\xbb\xbf---\r\ntitle: New\r\nseo:\r\n  title: T\r\n---\r\nBody\r\n")
    assert target.stat().st_mode & 0o777 == 0o640


SAVE_LOOP = """
import sys
from pathlib import Path
from editor.core.document.article import ArticleDocument
from editor.core.storage.safe_io import atomic_write
path = Path(sys.argv[1])
versions = [path.read_bytes()]
doc = ArticleDocument.load(path)
doc.set("answer", "x" * 200_000)
versions.append(doc.to_bytes())
print("ready", flush=True)
n = 0
while True:
    n += 1
    atomic_write(path, versions[n % 2])
"""


def test_killed_in_the_middle_of_a_save_loop(article: Path) -> None:
    old = article.read_bytes()
    doc = ArticleDocument.load(article)
    doc.set("answer", "x" * 200_000)
    new = doc.to_bytes()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31, 0.37, 0.43, 0.5):
        proc = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(article)], env=env,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert article.read_bytes() in (old, new), f"partial file after kill at {delay}s"
    # a killed writer may leave its hidden temp file; the index never lists it
    assert [item[0] for item in scan_folder(article.parent)] == [article.name]


HOSTILE = {
    "unsafe-tag.md": ("---\nrun: !!python/object/apply:os.system ['echo hi']\n---\n",
                      "python/object"),
    "no-closing.md": ("---\ntitle: Half\nquestion: q\n", "never closed"),
    "bad-yaml.md": ("---\ntitle: [unclosed\n---\n", "invalid YAML"),
    "deep.md": ("---\nx: " + "[" * 3000 + "]" * 3000 + "\n---\n", "nesting"),
    "bomb.md": ("---\n" + "\n".join(
        ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    ) + "\n---\n", "alias bomb"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_front_matter_is_refused_with_a_location(tmp_path: Path, name: str) -> None:
    text, expected = HOSTILE[name]
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ArticleError) as caught:
        ArticleDocument.load(path)
    assert expected in str(caught.value) and str(path) in str(caught.value)
    assert caught.value.line is not None or name == "bomb.md"
    before = path.read_bytes()
    assert cli.main(["set", "title", "x", str(path)]) == 1
    assert path.read_bytes() == before
    assert cli.main(["get", "title", str(path)]) == 2


def test_hostile_folder_still_indexes_and_checks(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "site"
    shutil.copytree(SAMPLE, folder)
    odd = folder / "content" / "odd"
    odd.mkdir()
    for name, (text, _expected) in HOSTILE.items():
        (odd / name).write_text(text)
    (odd / "utf16.md").write_bytes("---\ntitle: x\n---\n".encode("utf-16"))
    (odd / "latin1.md").write_bytes("---\ntitle: café\n---\n".encode("latin-1"))
    (odd / "empty.md").write_bytes(b"")
    (odd / "folder.md").mkdir()
    (odd / "broken-link.md").symlink_to(odd / "nowhere.md")
    (odd / "loop").symlink_to(odd, target_is_directory=True)
    (odd / "long-line.md").write_text("---\ntitle: " + "y" * 2_000_000 + "\n---\nbody")
    assert cli.main(["check", str(folder), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    codes = {p["file"].rsplit("/", 1)[-1]: p["code"] for p in report["problems"]}
    assert {codes[n] for n in HOSTILE} == {"parse-error"}
    assert codes["utf16.md"] == "parse-error" or codes["utf16.md"] == "not-utf8"
    assert codes["latin1.md"] == "not-utf8" and codes["broken-link.md"] == "unreadable"
    assert codes["empty.md"] == "no-front-matter"
    assert "folder.md" not in codes and report["articles"] == 14
    index = FolderIndex(folder)
    entries = index.refresh()
    index.close()
    assert entries["content/odd/long-line.md"].title == "y" * 2_000_000
    assert not any(path.startswith("content/odd/loop/loop") for path in entries)


UNREADABLE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from editor.ui.main_window import MainWindow
window = MainWindow()
window.open_folder(sys.argv[1], wait=True)
window.open_article(sys.argv[2])
print(window.banner.text())
print("saved" if window.save() else "not saved")
"""



def test_unreadable_file_is_reported_everywhere(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    shutil.copytree(SAMPLE, folder)
    secret = folder / "content" / "secret.md"
    secret.write_text("---\ntitle: x\nquestion: q\nanswer: a\n---\n")
    secret.chmod(0)
    try:
        got = as_ordinary_user("-m", "editor", "get", "title", str(secret))
        assert got.returncode == 2 and "ermission denied" in got.stderr
        assert str(secret) in got.stderr
        put = as_ordinary_user("-m", "editor", "set", "title", "y", str(secret))
        assert put.returncode == 1 and "ermission denied" in put.stderr
        checked = as_ordinary_user("-m", "editor", "check", str(folder), "--format", "json")
        problems = json.loads(checked.stdout)["problems"]
        assert [p["code"] for p in problems if p["file"] == "content/secret.md"] == ["unreadable"]
        shown = as_ordinary_user("-c", UNREADABLE_WINDOW, str(folder), str(secret))
        assert "ermission denied" in shown.stdout and shown.stdout.strip().endswith("not saved")
    finally:
        secret.chmod(0o644)
    assert secret.read_text() == "---\ntitle: x\nquestion: q\nanswer: a\n---\n"


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_new_article_is_created_whole_or_not_at_all(monkeypatch, tmp_path: Path,
                                                    call: str) -> None:
    target = tmp_path / "new.md"
    monkeypatch.setattr(os, call, raiser(errno.ENOSPC, getattr(os, call)))
    with pytest.raises(SaveError):
        safe_io.atomic_create(target, b"---\ntitle: New\n---\n")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
    safe_io.atomic_create(target, b"first")
    with pytest.raises(SaveError, match="already exists"):
        safe_io.atomic_create(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["new.md"]
