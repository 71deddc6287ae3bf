"""A writer's day in the real window: recovery, empty state, folders, zoom, menus, messages."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit

from editor.core.document.merge import Conflict
from editor.core.storage.recovery import RecoveryJournal
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.panes.banners import compare_html
from editor.ui.settings import Settings
from tests.conftest import ROOT, SAMPLE
from tests.ui.helpers import MITO, SLEEP, pick, replace_text

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
window.settings.last_article = str(Path(sys.argv[1]) / sys.argv[2])
window.settings.sync()
window.controller.set_field("author", "Typed before the crash")
journal = window.controller.journal
while not journal.entries():
    app.processEvents()
os.kill(os.getpid(), signal.SIGKILL)
"""


def crash_with_edits(folder: Path, rel: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", CRASH, str(folder), rel], env=env,
                          timeout=60, check=False)
    assert done.returncode == -signal.SIGKILL


def test_recovery_is_offered_before_the_last_article_reopens(qtbot, sample_copy,
                                                             monkeypatch) -> None:
    crash_with_edits(sample_copy, MITO)
    last = Path(Settings().last_article)
    assert last == sample_copy / MITO
    offered: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_restore",
                        lambda _w, name, diff: offered.append(name) or dialogs.RESTORE)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.start(sample_copy, last)  # what the app does at start-up
    assert offered == [str(sample_copy / MITO)]
    assert window.controller.modified
    assert window.findChild(QLineEdit, "field:author").text() == "Typed before the crash"
    window.controller.close()
    window.pool.waitForDone(5000)


def test_later_keeps_the_journal_when_the_last_article_reopens(qtbot, sample_copy,
                                                               monkeypatch) -> None:
    crash_with_edits(sample_copy, MITO)
    monkeypatch.setattr(dialogs, "ask_restore", lambda *_a: dialogs.LATER)
    window = MainWindow()
    qtbot.addWidget(window)
    window.start(sample_copy, sample_copy / MITO)
    assert window.controller.path == sample_copy / MITO and not window.controller.modified
    assert [e.path for e in RecoveryJournal().entries()] == [sample_copy / MITO]
    window.pool.waitForDone(5000)


def test_empty_state_until_an_article_is_picked(qtbot, window: MainWindow) -> None:
    assert window.parts.form_stack.currentWidget() is window.parts.placeholder
    assert "Ctrl+N" in window.parts.placeholder.text() and window.parts.placeholder.isVisible()
    menus = window.menus
    assert not menus[ActionId.SAVE].isEnabled() and not menus[ActionId.REVERT].isEnabled()
    assert not window.editor.isEnabled() and not window.menus[ActionId.FIND].isEnabled()
    pick(qtbot, window, SLEEP)
    assert window.parts.form_stack.currentWidget() is window.parts.form_page
    assert window.menus[ActionId.SAVE].isEnabled() and window.editor.isEnabled()
    assert not window.menus[ActionId.REVERT].isEnabled()
    replace_text(window.findChild(QLineEdit, "field:author"), "Someone")
    assert window.menus[ActionId.REVERT].isEnabled()


def test_broken_file_after_a_good_one_shows_none_of_its_fields(qtbot, window,
                                                               sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    assert window.findChild(QLineEdit, "field:author").text()
    bad = sample_copy / "content/learn/psychology/broken.md"
    bad.write_text("---\nid: 1\ntitle: Fine\nquestion: q\nsubject: [Psychology\nanswer: a\n"
                   "---\n\n&nbsp;")
    window.open_article(bad)
    author = window.findChild(QLineEdit, "field:author")
    assert author.text() == "" and not author.isEnabled()
    assert window.findChild(QLineEdit, "field:title").text() == ""
    text = window.banner.text()
    assert "broken.md, line 5, column 10" in text and "never closed" in text
    assert "YAML" not in text
    assert window.raw_view.textCursor().blockNumber() == 4  # line 5, where the [ opens


def test_open_folder_closes_the_article(qtbot, window, tmp_path: Path) -> None:
    pick(qtbot, window, SLEEP)
    other = tmp_path / "other-site"
    shutil.copytree(SAMPLE, other)
    window.open_folder(other)
    assert window.controller.path is None
    assert window.parts.form_stack.currentWidget() is window.parts.placeholder
    assert window.windowTitle().startswith("Article Editor")
    qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
    assert window.folder == other.resolve()


def test_a_subject_folder_opens_its_site(qtbot, window, sample_copy) -> None:
    window.open_folder(sample_copy / "content/learn/biology")
    assert window.folder == sample_copy.resolve()
    assert window.banner.isVisible()
    assert "content/learn/biology" in window.banner.text()
    qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
    assert window.tree.model.visible_articles() == 14


def test_a_folder_without_articles_says_so(qtbot, window, tmp_path: Path) -> None:
    empty = tmp_path / "Downloads"
    (empty / "photos").mkdir(parents=True)
    window.open_folder(empty)
    assert window.banner.isVisible() and "No articles were found" in window.banner.text()


def test_recent_folders_open_the_one_clicked(qtbot, window, sample_copy, tmp_path) -> None:
    second = tmp_path / "second"
    shutil.copytree(SAMPLE, second)
    window.open_folder(second)
    qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
    menu = window.menus.recent
    folders = [a.data() for a in menu.actions()]
    assert folders[:2] == [str(second.resolve()), str(sample_copy.resolve())]
    menu.actions()[1].trigger()
    assert window.folder == sample_copy.resolve()
    menu = window.menus.recent
    menu.actions()[1].trigger()
    assert window.folder == second.resolve()


def test_first_start_fits_the_screen(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry())
    assert window.problems.minimumSizeHint().height() < 120


def test_the_form_fits_a_laptop_screen_without_scrolling_sideways(qtbot, window) -> None:
    window.resize(1280, 720)
    pick(qtbot, window, SLEEP)
    qtbot.waitUntil(lambda: window.form.viewport().width() > 0)
    QApplication.processEvents()
    assert not window.form.horizontalScrollBar().isVisible()  # rows fit; nothing cut off
    window.find_bar.show_find()
    QApplication.processEvents()
    assert window.form.width() > 0 and not window.form.horizontalScrollBar().isVisible()


def test_zoom_reaches_every_pane_and_resets(qtbot, window: MainWindow) -> None:
    pick(qtbot, window, SLEEP)
    base = QApplication.font().pointSizeF()
    zoom_in = window.menus[ActionId.ZOOM_IN]
    assert QKeySequence("Ctrl+=") in zoom_in.shortcuts()
    zoom_in.trigger()
    zoom_in.trigger()
    for pane in (window.tree, window.form, window.editor, window.problems):
        assert pane.font().pointSizeF() == base + 2
    author = window.findChild(QLineEdit, "field:author")
    assert author.font().pointSizeF() == base + 2
    scaled = f"{16 * (base + 2) / base:.1f}px"  # the 16px body text, scaled with the rest
    assert scaled in window.preview.document().defaultStyleSheet()
    window.menus[ActionId.ZOOM_RESET].trigger()
    assert window.editor.font().pointSizeF() == base and window.settings.zoom == 0


def test_edit_menu_acts_on_the_focused_field(qtbot, window: MainWindow) -> None:
    pick(qtbot, window, SLEEP)
    author = window.findChild(QLineEdit, "field:author")
    old = author.text()
    replace_text(author, "Someone else")
    window.menus[ActionId.UNDO].trigger()
    assert author.text() == old
    assert QKeySequence("Ctrl+Y") in window.menus[ActionId.REDO].shortcuts()
    window.menus[ActionId.REDO].trigger()
    assert author.text() == "Someone else"
    window.editor.setFocus()
    window.editor.insertPlainText("Extra. ")
    window.menus[ActionId.UNDO].trigger()
    assert "Extra. " not in window.editor.toPlainText()
    names = [m.title() for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))]
    assert "&Help" in names and "&Go" in names


def test_go_to_filter_with_ctrl_p(qtbot, window: MainWindow) -> None:
    assert QKeySequence("Ctrl+P") in window.menus[ActionId.GO_FILTER].shortcuts()
    window.tree.filter_box.setText("sleep")
    window.activateWindow()
    window.editor.setFocus()
    window.menus[ActionId.GO_FILTER].trigger()
    qtbot.waitUntil(window.tree.filter_box.hasFocus)
    assert window.tree.filter_box.selectedText() == "sleep"


def test_new_article_dialog_keeps_what_was_typed(qtbot, window, monkeypatch) -> None:
    asked: list[tuple] = []

    def ask(_w, subjects, subject="", question="", error=""):
        asked.append((subject, question, error))
        if len(asked) == 1:  # a question the folder already has, in its subject
            return "Biology", "What role do mitochondria play in a cell?"
        return None

    monkeypatch.setattr(dialogs, "ask_new_article", ask)
    window.menus[ActionId.NEW_ARTICLE].trigger()
    assert len(asked) == 2
    subject, question, error = asked[1]
    assert (subject, question) == ("Biology", "What role do mitochondria play in a cell?")
    assert error.startswith("Not created:")


def test_new_article_dialog_is_roomy_and_refuses_empty(qtbot) -> None:
    dialog = dialogs.NewArticleDialog(None, ["Biology"], "Biology", "", "")
    qtbot.addWidget(dialog)
    assert dialog.minimumWidth() >= 560
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.question.insertPlainText("Why do leaves\nchange colour?")
    assert ok.isEnabled() and dialog.values() == ("Biology", "Why do leaves change colour?")


def test_compare_shows_readable_fields(qtbot) -> None:
    conflicts = [Conflict("answer", "One line.\\nTwo lines.", "One line.\\nMy line.",
                          "One line.\\nTheir line."),
                 Conflict("related_article2", {"id": 1, "title": "A"},
                          {"id": 2, "title": "B"}, {"id": 3, "title": "C"})]
    table = compare_html(conflicts)
    assert "\\n" not in table and "<br>" in table
    assert "<td><b>Answer</b></td>" in table and "<td><b>Related 2</b></td>" in table
    assert "Related 2: Title" in table and "Related 2: Id" in table
    assert 'background:' in table  # the changed words are highlighted


def test_banners_replace_each_other(qtbot, window: MainWindow) -> None:
    window.banner.show_error("First problem.")
    window.disk_banner.show_missing("gone.md")
    assert window.disk_banner.isVisible() and not window.banner.isVisible()
    window.banner.show_info("Something else.")
    assert window.banner.isVisible() and not window.disk_banner.isVisible()


def test_banner_colours_follow_a_dark_palette(qtbot, window: MainWindow) -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    window.banner.setPalette(dark)
    window.banner.show_error("Dark.")
    css = window.banner.styleSheet()
    background = css.split("background:")[1].split(";")[0]
    assert QColor(background).lightness() < 90 and "#e8e8e8" in css


def test_snippet_uses_the_palette(qtbot, window: MainWindow) -> None:
    pick(qtbot, window, SLEEP)
    snippet = window.form.snippet.text()
    assert "#1a0dab" not in snippet and "#4d5156" not in snippet
    link = window.form.palette().color(QPalette.ColorRole.Link).name()
    assert link in snippet


def test_article_problems_follow_typing(qtbot, window: MainWindow) -> None:
    pick(qtbot, window, SLEEP)
    panel = window.article_problems
    assert not any("SEO title" in row.text() for row in panel.rows)
    replace_text(window.findChild(QLineEdit, "field:seo.title"), "x" * 70)
    qtbot.waitUntil(lambda: any("SEO title" in row.text() for row in panel.rows), timeout=3000)
    assert panel.isVisible() and not window.controller.document.path.read_text().count("x" * 70)
    replace_text(window.findChild(QLineEdit, "field:seo.title"), "Short")
    qtbot.waitUntil(lambda: not any("SEO title" in row.text() for row in panel.rows),
                    timeout=3000)


def test_a_merge_from_disk_keeps_the_answer_cursor_and_undo(qtbot, window, sample_copy) -> None:
    from tests.ui.test_disk_and_recovery import edit_on_disk

    pick(qtbot, window, SLEEP)
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    editor.insertPlainText("Note: ")
    edit_on_disk(sample_copy / SLEEP, "question", "A question changed by a colleague?")
    window.controller.check_disk()
    assert "merged" in window.banner.text()
    assert editor.textCursor().position() == len("Note: ")
    editor.undo()
    assert not editor.toPlainText().startswith("Note: ")


def test_keep_mine_gives_focus_back_to_the_answer(qtbot, window, sample_copy) -> None:
    from PySide6.QtWidgets import QPushButton

    from tests.ui.test_disk_and_recovery import edit_on_disk

    pick(qtbot, window, SLEEP)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    window.editor.insertPlainText("Mine. ")
    edit_on_disk(sample_copy / SLEEP, "answer", "Theirs entirely.")
    window.controller.check_disk()
    keep = window.findChild(QPushButton, "keepMine")
    assert keep.isVisible()
    keep.setFocus()  # as a click does
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert not window.disk_banner.isVisible()
    assert window.editor.hasFocus() and not window.tree.filter_box.hasFocus()


def test_recovery_from_another_folder_waits_for_that_folder(qtbot, sample_copy, tmp_path,
                                                            monkeypatch) -> None:
    crash_with_edits(sample_copy, MITO)
    other = tmp_path / "other"
    shutil.copytree(SAMPLE, other)
    offered: list[str] = []
    monkeypatch.setattr(dialogs, "ask_restore",
                        lambda _w, name, diff: offered.append(name) or dialogs.LATER)
    window = MainWindow()
    qtbot.addWidget(window)
    window.start(other, None)
    assert offered == [] and window.controller.path is None
    window.open_folder(sample_copy)
    assert window.offer_recovery() == 0 and offered == [str(sample_copy / MITO)]
    window.pool.waitForDone(5000)


def test_quitting_asks_about_quitting(qtbot, window, monkeypatch) -> None:
    asked: list[tuple] = []
    monkeypatch.setattr(dialogs, "ask_save_changes",
                        lambda _w, name, quitting=False: asked.append((name, quitting))
                        or dialogs.CANCEL)
    pick(qtbot, window, SLEEP)
    replace_text(window.findChild(QLineEdit, "field:author"), "Someone")
    assert window.windowTitle().endswith("[*] — Article Editor")
    window.close()
    assert asked == [(Path(SLEEP).name, True)] and window.isVisible()
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.DISCARD)


LOCK_HOLDER = """
import sys, time
from pathlib import Path
from editor.core.storage.folderlock import FolderLock
lock = FolderLock(Path(sys.argv[1]))
print("held" if not lock.held_elsewhere else "elsewhere", flush=True)
time.sleep(60)
"""


def test_a_folder_open_in_another_window_is_said(qtbot, window, sample_copy, tmp_path) -> None:
    other = tmp_path / "shared-site"
    shutil.copytree(SAMPLE, other)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(other)], env=env,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        window.open_folder(other)
        assert window.banner.isVisible()
        assert "also open in another Article Editor window" in window.banner.text()
    finally:
        holder.kill()
        holder.wait()
    window.open_folder(sample_copy)  # a killed holder leaves no stale lock behind
    window.open_folder(other)
    assert not window.banner.isVisible() or "also open" not in window.banner.text()


def test_tab_in_the_answer_nests_list_items_and_otherwise_moves_on(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    editor = window.editor
    window.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.load_text("Intro line.\n- first\n- second")
    cursor = editor.textCursor()
    cursor.setPosition(len("Intro line.\n- first\n- sec"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Intro line.\n- first\n  - second"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert editor.toPlainText() == "Intro line.\n- first\n- second"
    cursor.setPosition(3)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert "\t" not in editor.toPlainText() and not editor.hasFocus()
