"""Publish… while the open article has unsaved edits: the writer first chooses to save and
publish them, to publish only what is saved, or to cancel; on a real team repository."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.publish_dialog import PublishDialog
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh
from tests.ui.team import Modals, edit_question, question_widget

EDITED = "What is question number one, edited?"


def click(text: str):
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        buttons = {b.text(): b for b in box.buttons()}
        assert set(buttons) == {"Save and publish", "Publish saved work only", "Cancel"}
        buttons[text].click()
    return answer


def publish_all(dialog: QWidget) -> None:
    assert isinstance(dialog, PublishDialog)
    dialog.accept()


def published_files(team: Team) -> list[str]:
    return sh(team.remote, "diff-tree", "--no-commit-id", "--name-only", "-r", "main").split()


def test_save_and_publish_saves_then_publishes_the_edits(qtbot, team_window: MainWindow,
                                                          team: Team) -> None:
    win = team_window
    edit_question(qtbot, win, 1, EDITED)
    assert win.controller.unsaved
    modals = Modals(win, {QMessageBox: click("Save and publish"), PublishDialog: publish_all})
    with qtbot.waitSignal(win.publishing.published, timeout=20_000) as published:
        win.menus[ActionId.PUBLISH].trigger()
    modals.stop()
    assert modals.seen == ["QMessageBox", "PublishDialog"]
    assert published.args[0].text == "Published"
    assert not win.controller.unsaved
    saved = (team.a / path(1)).read_bytes()
    assert team.remote_file(path(1)) == saved
    assert saved.count(EDITED.encode()) == 1  # the question, typed: its derived fields wait
    assert saved == article(1).replace(b"    What is question number 1?\nanswer",
                                       f"    {EDITED}\nanswer".encode())
    assert published_files(team) == [path(1)]


def test_publish_saved_work_only_leaves_the_edits_unsaved(qtbot, team_window: MainWindow,
                                                          team: Team) -> None:
    win = team_window
    edit_question(qtbot, win, 1, EDITED)
    assert win.save()
    edit_question(qtbot, win, 1, "What is question number one, not saved yet?")
    on_disk = (team.a / path(1)).read_bytes()
    modals = Modals(win, {QMessageBox: click("Publish saved work only"),
                          PublishDialog: publish_all})
    with qtbot.waitSignal(win.publishing.published, timeout=20_000) as published:
        win.menus[ActionId.PUBLISH].trigger()
    modals.stop()
    assert modals.seen == ["QMessageBox", "PublishDialog"]
    assert published.args[0].text == "Published"
    assert team.remote_file(path(1)) == on_disk  # what was saved, and only that
    assert EDITED.encode() in on_disk and b"not saved yet" not in on_disk
    assert (team.a / path(1)).read_bytes() == on_disk
    assert win.controller.unsaved
    assert question_widget(win).toPlainText() == "What is question number one, not saved yet?"
    assert published_files(team) == [path(1)]


def test_cancel_publishes_nothing_and_keeps_the_edits(qtbot, team_window: MainWindow,
                                                      team: Team) -> None:
    win = team_window
    before = sh(team.remote, "rev-parse", "main"), sh(team.a, "rev-parse", "HEAD")
    edit_question(qtbot, win, 1, EDITED)
    modals = Modals(win, {QMessageBox: click("Cancel"), PublishDialog: publish_all})
    win.menus[ActionId.PUBLISH].trigger()  # the question is answered before this returns
    modals.stop()
    assert modals.seen == ["QMessageBox"]
    assert not win.publishing.busy  # no review was started: no Publish dialog will open
    assert (sh(team.remote, "rev-parse", "main"), sh(team.a, "rev-parse", "HEAD")) == before
    assert (team.a / path(1)).read_bytes() == article(1)
    assert win.controller.unsaved and question_widget(win).toPlainText() == EDITED
