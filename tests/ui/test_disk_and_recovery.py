"""The window under faults: failed saves, files changed on disk, a killed app, broken files."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton

from editor.core.document.article import ArticleDocument
from editor.core.storage.recovery import RecoveryJournal
from editor.core.storage.safe_io import atomic_write
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from tests.core.test_safety import raiser
from tests.ui.helpers import MITO, SLEEP, pick, replace_text

ROOT = Path(__file__).resolve().parents[2]


def edit_on_disk(path: Path, key: str, value: object) -> None:
    """Another program (git, a colleague's editor) changes one field."""
    doc = ArticleDocument.load(path)
    doc.set(key, value)
    atomic_write(path, doc.to_bytes())


def field(window: MainWindow, key: str) -> QLineEdit:
    return window.findChild(QLineEdit, f"field:{key}")


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS],
                         ids=errno.errorcode.get)
@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_failed_save_keeps_edits_in_the_window(qtbot, window, sample_copy, monkeypatch,
                                               call: str, code: int) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    before = path.read_bytes()
    replace_text(field(window, "author"), "Night Desk")
    monkeypatch.setattr(os, call, raiser(code, getattr(os, call)))
    assert not window.save()
    monkeypatch.undo()
    assert os.strerror(code) in window.banner.text() and "still here" in window.banner.text()
    assert path.read_bytes() == before
    assert window.controller.modified and field(window, "author").text() == "Night Desk"
    assert window.save()
    assert b"author: Night Desk\n" in path.read_bytes()


def test_disk_change_without_local_edits_reloads_keeping_the_cursor(qtbot, window,
                                                                    sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    cursor = window.editor.textCursor()
    cursor.setPosition(25)
    window.editor.setTextCursor(cursor)
    edit_on_disk(sample_copy / SLEEP, "author", "Colleague")
    qtbot.waitUntil(lambda: field(window, "author").text() == "Colleague", timeout=5_000)
    assert window.editor.textCursor().position() == 25
    assert not window.controller.modified and not window.disk_banner.isVisible()


def test_different_fields_are_merged(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    replace_text(field(window, "author"), "Mine")
    edit_on_disk(path, "seo.title", "QuickTakes | Sleep")
    window.controller.check_disk()
    assert "merged" in window.banner.text() and "SEO title" in window.banner.text()
    assert "seo.title" not in window.banner.text()
    assert window.save()
    text = path.read_text()
    assert "author: Mine\n" in text and "  title: QuickTakes | Sleep\n" in text


def test_same_field_conflict_waits_for_a_choice(qtbot, window, sample_copy,
                                                 monkeypatch) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    replace_text(field(window, "author"), "Mine")
    replace_text(field(window, "subject"), "Psychology of Sleep")
    edit_on_disk(path, "author", "Theirs")
    theirs = path.read_bytes()
    window.controller.check_disk()
    assert window.disk_banner.isVisible() and "edited: Author." in window.disk_banner.text()
    assert not window.save()
    assert path.read_bytes() == theirs
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_compare", lambda _w, table: shown.append(table))
    window.findChild(QPushButton, "compareVersions").click()
    assert "Mine" in shown[0] and "Theirs" in shown[0] and "QuickTakes" in shown[0]
    assert "<td><b>Author</b></td>" in shown[0]
    window.findChild(QPushButton, "keepMine").click()
    assert not window.disk_banner.isVisible()
    assert window.save()
    text = path.read_text()
    assert "author: Mine\n" in text and "subject: Psychology of Sleep\n" in text


def test_same_field_conflict_take_theirs(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    replace_text(field(window, "author"), "Mine")
    edit_on_disk(path, "author", "Theirs")
    window.controller.check_disk()
    window.findChild(QPushButton, "takeTheirs").click()
    assert field(window, "author").text() == "Theirs"
    assert not window.controller.modified


def test_deleted_file_banner_and_save_recreates(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    before = path.read_bytes()
    path.unlink()
    qtbot.waitUntil(lambda: window.disk_banner.isVisible(), timeout=5_000)
    assert "deleted or renamed" in window.disk_banner.text()
    assert window.save()
    assert path.read_bytes() == before


def test_own_saves_are_not_reported_as_changes(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    replace_text(field(window, "author"), "Mine")
    assert window.save()
    # A fixed wait on purpose: this proves that nothing happens. The save watches the file
    # afresh once it is written, so usually no event comes at all; any late one would be
    # reported within the watcher's settle time (FILE_SETTLE_MS, 100 ms), well inside this.
    qtbot.wait(300)
    assert not window.disk_banner.isVisible() and not window.banner.isVisible()
    assert not window.controller.modified


CRASH = """
import os, signal, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from editor.ui.main_window import MainWindow
window = MainWindow()
window.show()
window.open_folder(sys.argv[1], wait=True)
window.open_article(Path(sys.argv[1]) / sys.argv[2])
window.controller.set_field("author", "Typed before the crash")
window.controller.set_field("answer", "An answer\\nwith two lines")
journal = window.controller.journal
while not journal.entries():
    app.processEvents()
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_crash_then_restore_from_the_journal(qtbot, sample_copy, monkeypatch) -> None:
    path = sample_copy / MITO
    before = path.read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", CRASH, str(sample_copy), MITO], env=env,
                          timeout=60, check=False)
    assert done.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert len(RecoveryJournal().entries()) == 1
    offered: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_restore",
                        lambda _w, name, diff: offered.append(diff) or dialogs.RESTORE)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_folder(sample_copy, wait=True)
    assert window.offer_recovery() == 1
    assert "+author: Typed before the crash" in offered[0]
    assert window.controller.modified
    assert field(window, "author").text() == "Typed before the crash"
    assert window.editor.toPlainText() == "An answer\nwith two lines"
    assert window.save()
    assert b"author: Typed before the crash\n" in path.read_bytes()
    assert RecoveryJournal().entries() == []
    window.pool.waitForDone(5000)


def test_discarded_edits_leave_no_journal(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    replace_text(field(window, "author"), "Draft")
    window.controller.write_journal()
    assert len(RecoveryJournal().entries()) == 1
    window.menus[ActionId.REVERT].trigger()
    assert RecoveryJournal().entries() == []


def test_fix_in_raw_text(qtbot, window, sample_copy) -> None:
    path = sample_copy / "content/learn/broken.md"
    path.write_text("---\ntitle: Fine\nquestion: [unclosed\n---\nbody\n")
    assert window.open_article(path)
    assert window.raw_view.isVisible() and not window.raw_view.fixing
    assert ("broken.md, line 3, column 11: the front matter has a list opened with [ that is "
            "never closed with ]") in window.banner.text()
    assert window.raw_view.textCursor().blockNumber() == 2  # line 3, where the [ opens
    window.findChild(QPushButton, "fixRawButton").click()
    assert window.raw_view.fixing
    window.raw_view.setPlainText("---\ntitle: Fine\nquestion: [still: {broken\n---\nbody\n")
    assert not window.save()
    assert path.read_text().startswith("---\ntitle: Fine\nquestion: [unclosed")
    window.raw_view.setPlainText("---\ntitle: Fine\nquestion: Fixed?\n---\nbody\n")
    assert window.save()
    assert path.read_text() == "---\ntitle: Fine\nquestion: Fixed?\n---\nbody\n"
    assert window.controller.document is not None and not window.raw_view.isVisible()


def test_non_utf8_file_is_never_rewritten(qtbot, window, sample_copy) -> None:
    path = sample_copy / "content/learn/latin1.md"
    data = "---\ntitle: café\n---\n".encode("latin-1")
    path.write_bytes(data)
    window.open_article(path)
    assert "UTF-8" in window.banner.text()
    assert not window.findChild(QPushButton, "fixRawButton").isVisible()
    assert not window.save()
    assert path.read_bytes() == data


def test_large_file_opens_read_only_with_a_shortened_view(qtbot, window, sample_copy) -> None:
    path = sample_copy / "content/learn/huge.md"
    path.write_text("---\ntitle: Huge\nquestion: q\nanswer: a\n---\n" + "word " * 10_000_000)
    window.open_article(path)
    assert "too large" in window.banner.text()
    assert not window.findChild(QPushButton, "fixRawButton").isVisible()
    assert len(window.raw_view.toPlainText()) <= 1_000_000
    assert window.findChild(QPlainTextEdit, "rawText").isReadOnly()


def test_hostile_files_open_read_only_with_a_location(qtbot, window, sample_copy) -> None:
    from tests.core.test_safety import HOSTILE

    for name, (text, expected) in sorted(HOSTILE.items()):
        path = sample_copy / "content" / name
        path.write_text(text)
        assert window.open_article(path)
        assert window.controller.document is None and window.controller.read_only
        plain = {"invalid YAML": "never closed with ]",
                 "nesting": "nested too deeply"}.get(expected, expected)
        assert plain in window.banner.text() and path.name in window.banner.text()
        assert "YAML" not in window.banner.text()
        assert window.raw_view.isVisible() and not window.raw_view.fixing
        assert not window.save()
        assert path.read_text() == text
