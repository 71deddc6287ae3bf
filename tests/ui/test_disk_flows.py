"""The article's life on disk: git checkouts, outside changes to the folder, renames by
others, typing while a conflict waits, revert and undo, and renaming by file name."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton, QToolButton

from editor.core.document.article import ArticleDocument
from editor.core.storage.safe_io import atomic_write
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from tests.ui.helpers import MITO, SLEEP, pick, replace_text

SLEEP_NAME = "how-does-sleep-affect-emotional-regulation"


def field(window: MainWindow, key: str) -> QLineEdit:
    return window.findChild(QLineEdit, f"field:{key}")


def edit_on_disk(path: Path, key: str, value: object) -> None:
    doc = ArticleDocument.load(path)
    doc.set(key, value)
    atomic_write(path, doc.to_bytes())


def type_in_answer(window: MainWindow, text: str) -> None:
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.insertPlainText(text)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Colleague", "-c", "user.email=c@example.org",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=root, check=True, capture_output=True)


def button(window: MainWindow, name: str) -> QPushButton:
    return window.findChild(QPushButton, name)


# -- git checkout and pull on the open file --------------------------------------------------
def slow_git_repo(root: Path) -> Path:
    """A repository whose checkouts hold each article file back (a smudge filter waiting while
    ``.git/hold`` exists), so git's moment between unlinking and writing the file is seen."""
    git(root, "init", "-q")
    script = root / ".git" / "slow-smudge.sh"
    hold = root / ".git" / "hold"
    script.write_text(f'while [ -e "{hold}" ]; do sleep 0.02; done\ncat\n')
    git(root, "config", "filter.slow.smudge", f"sh '{script}'")
    git(root, "config", "filter.slow.clean", "cat")
    (root / ".gitattributes").write_text("*.md filter=slow\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "v1")
    return hold


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_checkout_of_the_open_file_reloads_quietly(qtbot, window, sample_copy) -> None:
    path = sample_copy / SLEEP
    hold = slow_git_repo(sample_copy)
    git(sample_copy, "branch", "other")
    edit_on_disk(path, "author", "Version Two")
    git(sample_copy, "commit", "-qam", "v2")
    git(sample_copy, "checkout", "-q", "other")
    edit_on_disk(path, "author", "Branch Author")
    git(sample_copy, "commit", "-qam", "on the branch")
    git(sample_copy, "checkout", "-q", "main")
    pick(qtbot, window, SLEEP)
    assert field(window, "author").text() == "Version Two"
    controller = window.controller

    def checkout(*args: str) -> None:
        """git checkout, seen by the window while the file is gone, then finished."""
        hold.touch()
        with qtbot.waitSignal(controller.watch.changed, timeout=5_000):
            process = subprocess.Popen(["git", *args], cwd=sample_copy,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert not path.exists()  # git unlinked it and has not written the new one yet
        with qtbot.waitSignal(controller.documentReloaded, timeout=5_000):
            hold.unlink()
            assert process.wait(timeout=30) == 0

    def quietly_reloaded(author: str) -> None:
        assert field(window, "author").text() == author
        assert not controller.modified and not controller.missing
        assert not window.disk_banner.isVisible() and not window.banner.isVisible()
        assert not window.isWindowModified()

    checkout("checkout", "HEAD~1", "--", SLEEP)
    quietly_reloaded("QuickTakes")
    checkout("checkout", "HEAD", "--", SLEEP)
    quietly_reloaded("Version Two")
    checkout("checkout", "-q", "other")
    quietly_reloaded("Branch Author")
    with qtbot.waitSignal(controller.documentReloaded, timeout=5_000):  # quick, as usual
        git(sample_copy, "checkout", "-q", "main")
    quietly_reloaded("Version Two")


def test_file_replaced_by_rename_is_still_watched(qtbot, window, sample_copy) -> None:
    """Editors that save by renaming a temporary file over the article (as we do)."""
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    for author in ("First", "Second", "Third"):
        with qtbot.waitSignal(window.controller.documentReloaded, timeout=5_000):
            edit_on_disk(path, "author", author)
        assert field(window, "author").text() == author
    assert not window.controller.modified


def test_file_gone_for_good_is_reported_missing(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    before = path.read_bytes()
    with qtbot.waitSignal(window.controller.fileMissing, timeout=5_000):
        path.unlink()
    assert "deleted or renamed" in window.disk_banner.text() and window.controller.modified
    with qtbot.waitSignal(window.controller.fileReturned, timeout=5_000):
        path.write_bytes(before)  # put back (git checkout -- file)
    assert not window.disk_banner.isVisible() and not window.controller.modified


# -- the folder is watched -------------------------------------------------------------------
def test_outside_changes_update_tree_catalog_and_problems(qtbot, window, sample_copy) -> None:
    folder_ctl = window.folder_ctl
    copy_rel = "content/learn/biology/a-colleagues-copy.md"
    new_rel = "content/learn/biology/a-new-article.md"
    ready: list[object] = []
    folder_ctl.indexReady.connect(ready.append)
    shutil.copy(sample_copy / MITO, sample_copy / copy_rel)  # same id: two problems
    text = (sample_copy / MITO).read_text().replace("id: ", "id: 9", 1)
    (sample_copy / new_rel).write_text(re.sub(r"^date: .*\n", "", text, flags=re.M))
    (sample_copy / SLEEP).unlink()
    qtbot.waitUntil(lambda: window.tree.model.index_for_path(new_rel).isValid(), timeout=5_000)
    assert len(ready) == 1  # one re-check for the whole burst
    assert window.tree.model.index_for_path(copy_rel).isValid()
    assert not window.tree.model.index_for_path(SLEEP).isValid()
    assert new_rel in folder_ctl.entries() and SLEEP not in folder_ctl.entries()
    new_id = folder_ctl.entries()[new_rel].id
    assert [e.path for e in folder_ctl.catalog.with_id(new_id)] == [new_rel]  # pickers see it
    assert window.form.related.catalog is folder_ctl.catalog
    problems = {(p.file, p.code) for p in folder_ctl.report.problems}
    assert (copy_rel, "duplicate-id") in problems and (MITO, "duplicate-id") in problems
    assert (new_rel, "missing-field") in problems
    assert {copy_rel, new_rel} <= {p.file for p in window.problems.model.rows}
    assert window.tree.model.problems >= {copy_rel, MITO}

    (sample_copy / copy_rel).unlink()  # and a file changed where it is
    with qtbot.waitSignal(folder_ctl.problemsChanged, timeout=5_000):
        (sample_copy / new_rel).write_text(text)
    qtbot.waitUntil(lambda: not window.tree.model.index_for_path(copy_rel).isValid(),
                    timeout=5_000)
    problems = {(p.file, p.code) for p in folder_ctl.report.problems}
    assert (new_rel, "missing-field") not in problems and (MITO, "duplicate-id") not in problems


def test_files_in_a_new_subject_folder_are_seen(qtbot, window, sample_copy) -> None:
    folder = sample_copy / "content/learn/astronomy"
    folder.mkdir()
    with qtbot.waitSignal(window.folder_ctl.watch.changed, timeout=5_000):
        pass  # the new folder is seen (and watched from now on)
    rel = "content/learn/astronomy/why-do-stars-twinkle.md"
    text = (sample_copy / MITO).read_text().replace("id: ", "id: 7", 1)
    (sample_copy / rel).write_text(text)
    qtbot.waitUntil(lambda: window.tree.model.index_for_path(rel).isValid(), timeout=5_000)


# -- renamed by someone else -----------------------------------------------------------------
def test_rename_by_a_colleague_is_followed_and_merged(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    old = sample_copy / SLEEP
    new = old.with_name("sleep-and-emotions.md")
    replace_text(field(window, "author"), "Night Desk")
    os.rename(old, new)  # git mv, then their edit in the renamed file
    edit_on_disk(new, "seo.title", "QuickTakes | Sleep")
    qtbot.waitUntil(lambda: "renamed to" in window.disk_banner.text()
                    and window.disk_banner.isVisible(), timeout=10_000)
    assert "sleep-and-emotions.md" in window.disk_banner.text()
    assert "your edits are kept and will be saved there" in window.disk_banner.text().lower()
    assert window.controller.path == new.resolve() and not window.controller.missing
    assert window.current_rel == "content/learn/psychology/sleep-and-emotions.md"
    assert window.save()
    assert not old.exists()
    text = new.read_text()
    assert "author: Night Desk\n" in text and "  title: QuickTakes | Sleep\n" in text
    assert window.settings.last_article == str(new.resolve())
    qtbot.waitUntil(lambda: window.tree.model.index_for_path(window.current_rel).isValid(),
                    timeout=5_000)


def test_move_to_another_folder_without_edits_is_followed_quietly(qtbot, window,
                                                                 sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    new = sample_copy / "content/learn/biology" / Path(SLEEP).name
    os.rename(sample_copy / SLEEP, new)
    with qtbot.waitSignal(window.controller.renamedOnDisk, timeout=10_000):
        pass
    assert window.controller.path == new.resolve() and not window.controller.modified
    assert "renamed to" in window.disk_banner.text() and "edits" not in window.disk_banner.text()
    with qtbot.waitSignal(window.controller.documentReloaded, timeout=5_000):
        edit_on_disk(new, "author", "Colleague")  # its changes are followed there
    assert field(window, "author").text() == "Colleague"


def test_rename_that_cannot_be_told_keeps_the_missing_banner(qtbot, window,
                                                             sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    old = sample_copy / SLEEP
    data = old.read_bytes()
    replace_text(field(window, "author"), "Night Desk")
    appeared: list[object] = []
    window.folder_ctl.filesAppeared.connect(appeared.append)
    old.unlink()
    for name in ("copy-one.md", "copy-two.md"):  # two files with its id: which one?
        old.with_name(name).write_bytes(data)
    qtbot.waitUntil(lambda: bool(appeared) and window.controller.missing, timeout=10_000)
    assert "deleted or renamed" in window.disk_banner.text()
    assert window.controller.path == old.resolve()
    assert window.save()
    assert b"author: Night Desk\n" in old.read_bytes()


# -- typing while a conflict waits -----------------------------------------------------------
@pytest.mark.parametrize("choice", ["keepMine", "takeTheirs"])
def test_typing_while_a_conflict_waits_is_kept(qtbot, window, sample_copy, choice) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    replace_text(field(window, "author"), "Mine")
    edit_on_disk(path, "author", "Theirs")
    window.controller.check_disk()
    assert window.disk_banner.isVisible() and window.controller.pending is not None
    replace_text(field(window, "author"), "Mine, later")  # typed after the banner showed
    type_in_answer(window, " Typed while deciding.")
    replace_text(field(window, "post_on_text"), "Written on")
    button(window, choice).click()
    assert window.save()
    saved = ArticleDocument.load(path)
    assert saved.get("author") == ("Mine, later" if choice == "keepMine" else "Theirs")
    assert saved.get_field("answer").endswith(" Typed while deciding.")
    assert saved.get("post_on_text") == "Written on"


# -- revert asks and can be undone -----------------------------------------------------------
def test_revert_asks_and_can_be_undone(qtbot, window, sample_copy, monkeypatch) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    before = path.read_bytes()
    asked: list[str] = []

    def answer(value: bool):
        def confirm(_parent, name: str) -> bool:
            asked.append(name)
            return value
        return confirm

    replace_text(field(window, "author"), "Night Desk")
    type_in_answer(window, " An unsaved thought.")
    monkeypatch.setattr(dialogs, "confirm_revert", answer(False))
    window.menus[ActionId.REVERT].trigger()
    assert asked == [f"{SLEEP_NAME}.md"]
    assert field(window, "author").text() == "Night Desk" and window.controller.modified

    monkeypatch.setattr(dialogs, "confirm_revert", answer(True))
    window.menus[ActionId.REVERT].trigger()
    assert field(window, "author").text() == "QuickTakes" and not window.controller.modified
    assert path.read_bytes() == before
    undo = button(window, "undoRevert")
    assert window.disk_banner.isVisible() and undo.isVisible()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert field(window, "author").text() == "Night Desk" and window.controller.modified
    assert window.editor.toPlainText().endswith(" An unsaved thought.")
    assert not window.disk_banner.isVisible() and path.read_bytes() == before
    assert window.save()
    saved = ArticleDocument.load(path)
    assert saved.get("author") == "Night Desk"
    assert saved.get_field("answer").endswith(" An unsaved thought.")


def test_undo_revert_is_withdrawn_by_new_typing_and_merges_disk_changes(qtbot, window,
                                                                       sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    replace_text(field(window, "author"), "Night Desk")
    window.menus[ActionId.REVERT].trigger()
    assert button(window, "undoRevert").isVisible()
    replace_text(field(window, "post_on_text"), "Written on")
    assert not window.disk_banner.isVisible() and not window.controller.can_undo_revert

    window.menus[ActionId.REVERT].trigger()  # revert that, then the file changes before undoing
    with qtbot.waitSignal(window.controller.documentReloaded, timeout=5_000):
        edit_on_disk(path, "seo.title", "QuickTakes | Sleep")
    button(window, "undoRevert").click()  # the banner stays through a quiet reload
    assert field(window, "post_on_text").text() == "Written on"
    assert window.save()
    saved = ArticleDocument.load(path)
    assert saved.get("post_on_text") == "Written on"
    assert saved.get("seo.title") == "QuickTakes | Sleep"


# -- deriving the file name renames the file -------------------------------------------------
def derive_file_name(window: MainWindow, question: str) -> None:
    replace_text(window.findChild(QPlainTextEdit, "field:question"), question)
    window.findChild(QToolButton, "derive:file_name").click()


def test_derived_file_name_renames_the_file_on_save(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    old = sample_copy / SLEEP
    derive_file_name(window, "Is non-REM sleep deep?")
    assert "rename the file to is-nonrem-sleep-deep.md" in window.statusBar().currentMessage()
    reports: list[object] = []
    window.folder_ctl.problemsChanged.connect(reports.append)
    assert window.save()
    new = old.with_name("is-nonrem-sleep-deep.md")
    assert not old.exists() and new.exists()
    saved = ArticleDocument.load(new)
    assert saved.get("file_name") == "is-nonrem-sleep-deep.md"
    assert saved.get("url") == "/learn/psychology/questions/is-nonrem-sleep-deep"
    assert field(window, "url").text() == "/learn/psychology/questions/is-nonrem-sleep-deep"
    assert window.controller.path == new.resolve() and not window.controller.modified
    assert window.settings.last_article == str(new.resolve())
    rel = "content/learn/psychology/is-nonrem-sleep-deep.md"
    assert window.current_rel == rel
    qtbot.waitUntil(lambda: window.tree.model.index_for_path(rel).isValid()
                    and not window.tree.model.index_for_path(SLEEP).isValid(), timeout=5_000)
    qtbot.waitUntil(lambda: rel in window.folder_ctl.entries(), timeout=5_000)
    window.pool.waitForDone(5000)
    qtbot.waitUntil(lambda: not any(p.code == "file-name-mismatch" and p.file == rel
                                    for p in window.folder_ctl.report.problems), timeout=5_000)
    assert reports and not any(p.file == SLEEP for r in reports for p in r.problems)
    # the next edit is saved in place, not renamed again, and our own rename is not "missing"
    replace_text(field(window, "author"), "Night Desk")
    assert window.save()
    assert b"author: Night Desk" in new.read_bytes() and not window.disk_banner.isVisible()


def test_derived_file_name_taken_is_refused_and_nothing_lost(qtbot, window,
                                                             sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    old = sample_copy / SLEEP
    taken = old.with_name("is-nonrem-sleep-deep.md")
    taken.write_bytes(b"---\nid: 1\n---\nsomeone else's\n")
    before = old.read_bytes()
    derive_file_name(window, "Is non-REM sleep deep?")
    assert not window.save()
    assert "already named" in window.banner.text() and "is-nonrem-sleep-deep.md" in (
        window.banner.text())
    assert "Error" not in window.banner.text()
    assert old.read_bytes() == before and taken.read_bytes() == b"---\nid: 1\n---\nsomeone else's\n"
    assert window.controller.modified and window.controller.path == old.resolve()
    assert field(window, "file_name").text() == "is-nonrem-sleep-deep.md"
