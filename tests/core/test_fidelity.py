"""Saves that keep what the writer did not touch: read-only files, escapes kept in quoted
strings, untouched list items, folded values emptied and typed again, new articles."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor import cli
from editor.core import safe_io
from editor.core.errors import SaveError
from tests.conftest import SAMPLE

ARTICLE = SAMPLE / "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    target = tmp_path / "article.md"
    shutil.copyfile(ARTICLE, target)
    return target


# -- read-only files ---------------------------------------------------------------------------
def test_read_only_file_is_not_replaced(article: Path) -> None:
    before = article.read_bytes()
    article.chmod(0o444)  # as root too: a file with no write bit at all is refused
    with pytest.raises(SaveError) as caught:
        safe_io.atomic_write(article, b"new text")
    assert caught.value.message == "is read-only; nothing was written"
    assert caught.value.path == article
    assert article.read_bytes() == before
    assert article.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.md"]  # no temp left


def test_cli_set_refuses_a_read_only_file(article: Path, capsys) -> None:
    before = article.read_bytes()
    article.chmod(0o444)
    assert cli.main(["set", "author", "Somebody Else", str(article)]) == 1
    err = capsys.readouterr().err
    assert str(article) in err and "is read-only; nothing was written" in err
    assert article.read_bytes() == before


def test_writable_files_and_new_files_are_still_written(tmp_path: Path, article: Path) -> None:
    article.chmod(0o640)
    safe_io.atomic_write(article, b"new text")
    assert article.read_bytes() == b"new text" and article.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.md"
    safe_io.atomic_write(fresh, b"made")
    assert fresh.read_bytes() == b"made"
    assert not safe_io.is_read_only(fresh) and not safe_io.is_read_only(tmp_path / "absent.md")


READ_ONLY_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from editor.ui.main_window import MainWindow
window = MainWindow()
window.open_folder(sys.argv[1], wait=True)
window.open_article(sys.argv[2])
print(window.statusBar().currentMessage())
window.editor.insertPlainText("More. ")
print("saved" if window.save() else "not saved")
print(window.banner.text())
print("modified" if window.controller.modified else "clean")
"""


def as_ordinary_user(*args: str) -> subprocess.CompletedProcess[str]:
    """Run with file permissions enforced: as root, drop the capabilities that bypass them."""
    command = [sys.executable, *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be enforced")
        caps = "-dac_override,-dac_read_search,-fowner"
        command = [setpriv, f"--bounding-set={caps}", "--inh-caps=-all", *command]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                          check=False)


def test_file_we_may_not_write_is_refused_everywhere(tmp_path: Path) -> None:
    """Write bits set, but not for us (as root: the file belongs to someone else and only
    they may write it): only the permission check can tell, and the folder would let a
    replace through."""
    folder = tmp_path / "site"
    shutil.copytree(SAMPLE, folder)
    target = folder / "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"
    before = target.read_bytes()
    if os.geteuid() == 0:
        os.chown(target, 65534, 65534)
        target.chmod(0o644)
    else:
        target.chmod(0o444)
    try:
        put = as_ordinary_user("-m", "editor", "set", "author", "Somebody", str(target))
        assert put.returncode == 1, put.stderr
        assert str(target) in put.stderr and "is read-only; nothing was written" in put.stderr
        shown = as_ordinary_user("-c", READ_ONLY_WINDOW, str(folder), str(target))
        note, result, banner, state = shown.stdout.strip().splitlines()[-4:]
        assert note == "read-only file: saving is refused", shown.stderr
        assert result == "not saved" and state == "modified"
        assert "read-only; nothing was written" in banner and "edits are still here" in banner
    finally:
        target.chmod(0o644)
    assert target.read_bytes() == before
