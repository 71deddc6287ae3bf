"""The window's saves beside other writers: nothing another program wrote is lost, hard links
are not split, owner and extended attributes survive, a pipe never hangs the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from editor.core.document.article import ArticleDocument
from editor.ui.menus import ActionId
from tests.core.test_write_safety import SET_LOOP, env
from tests.ui.helpers import MITO, SLEEP, pick, replace_text


def save(window) -> None:
    window.findChild(type(window.menus[ActionId.SAVE]), "actionSave").trigger()


def test_saves_beside_another_writer_lose_nothing(qtbot, window, sample_copy: Path) -> None:
    path = sample_copy / SLEEP
    pick(qtbot, window, SLEEP)
    rounds = 60
    writer = subprocess.Popen([sys.executable, "-c", SET_LOOP, str(path), "b", str(rounds)],
                              env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    field = window.findChild(QLineEdit, "field:seo.title")
    saves = 0
    while writer.poll() is None or saves < 5:
        replace_text(field, f"Sleep {saves}")
        save(window)
        saves += 1
    out, err = writer.communicate(timeout=120)
    assert out.strip() == "0", err
    window.controller.check_disk()  # the writer's last edits, merged into the window
    save(window)
    doc = ArticleDocument.load(path)
    lost = [f"b{n}" for n in range(rounds) if not doc.has(f"b{n}")]
    assert lost == [], f"{len(lost)} of the other program's edits lost"
    assert doc.get("seo.title") == f"Sleep {saves - 1}"


def test_hard_linked_file_is_not_split(qtbot, window, sample_copy: Path) -> None:
    path = sample_copy / MITO
    twin = sample_copy / "twin-of-mito.txt"
    os.link(path, twin)
    before = path.read_bytes()
    pick(qtbot, window, MITO)
    opened = window.banner.text()
    assert window.banner.isVisible() and "hard link" in opened and "refused" in opened
    assert "This file's text" in opened  # an apostrophe Qt shows as written, not as &#x27;
    replace_text(window.findChild(QLineEdit, "field:seo.title"), "Mitochondria")
    save(window)
    assert window.controller.modified
    assert "hard link" in window.banner.text()
    assert path.read_bytes() == twin.read_bytes() == before
    assert os.stat(path).st_ino == os.stat(twin).st_ino


def test_owner_and_extended_attributes_survive_a_save(qtbot, window, sample_copy) -> None:
    path = sample_copy / SLEEP
    try:
        os.setxattr(path, "user.origin", b"by hand")
    except (OSError, AttributeError):
        pytest.skip("no extended attributes here")
    root = os.geteuid() == 0
    if root:
        os.chown(path, 1234, 5678)
    pick(qtbot, window, SLEEP)
    replace_text(window.findChild(QPlainTextEdit, "field:seo.page_description"), "Moods.")
    save(window)
    assert not window.controller.modified
    assert os.getxattr(path, "user.origin") == b"by hand"
    if root:
        assert (os.stat(path).st_uid, os.stat(path).st_gid) == (1234, 5678)


def test_a_file_deleted_just_before_the_save_is_not_written_back(qtbot, window,
                                                                 sample_copy) -> None:
    path = sample_copy / SLEEP
    pick(qtbot, window, SLEEP)
    replace_text(window.findChild(QLineEdit, "field:seo.title"), "Gone")
    path.unlink()
    save(window)  # before the file counts as missing (git may be replacing it): not re-created
    assert not path.exists()
    assert "deleted or renamed" in window.banner.text()
    assert window.controller.modified


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_opens_read_only_without_hanging(qtbot, window, sample_copy) -> None:
    pipe = sample_copy / "content" / "learn" / "biology" / "pipe.md"
    os.mkfifo(pipe)
    window.controller.open(pipe)
    assert window.controller.read_only
    assert "not a regular file" in window.banner.text()
    assert "no text to show" in window.preview.toPlainText()  # not "shown above"


def test_new_article_in_the_window_never_takes_an_id_just_taken(qtbot, window, sample_copy,
                                                                 monkeypatch) -> None:
    from editor.ui import dialogs

    # another program adds an article the window has not seen yet
    made = subprocess.run([sys.executable, "-m", "editor", "new", str(sample_copy),
                           "--subject", "Biology", "--question", "Why do cells divide?"],
                          env=env(), capture_output=True, text=True, timeout=60, check=True)
    theirs = ArticleDocument.load(made.stdout.strip()).get("id")
    monkeypatch.setattr(dialogs, "ask_new_article",
                        lambda _w, _subjects: ("Biology", "What is a coral reef?"))
    window.menus[ActionId.NEW_ARTICLE].trigger()
    rel = "content/learn/biology/what-is-a-coral-reef.md"
    qtbot.waitUntil(lambda: window.current_rel == rel)
    assert ArticleDocument.load(sample_copy / rel).get("id") == theirs + 1
