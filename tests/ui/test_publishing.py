"""Publishing from the window, on a real team repository: a bare remote and two clones."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from editor.core.git.publish import PublishState, commit
from editor.core.git.sync import SyncState
from editor.ui import dialogs
from editor.ui.conflict_dialog import ConflictDialog
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.publish_dialog import PublishDialog
from editor.ui.window_git import PAUSED_TEXT
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh
from tests.ui.helpers import pick
from tests.ui.team import edit_question


def test_no_repository_no_publishing(window: MainWindow) -> None:
    assert window.publishing.git is None
    assert not window.git_chip.isVisible()
    assert not window.menus.publish.menuAction().isVisible()


def test_chip_says_what_is_not_published_after_a_save(qtbot, team_window: MainWindow) -> None:
    win = team_window
    assert win.git_chip.isVisible() and win.git_chip.text() == "Up to date"
    assert win.menus.publish.menuAction().isVisible()
    edit_question(qtbot, win, 1, "What is question number one, edited?")
    with qtbot.waitSignal(win.publishing.summaryChanged, timeout=10_000):
        assert win.save()
    qtbot.waitUntil(lambda: win.git_chip.text() == "1 change not published", timeout=10_000)
    # the tree marks the saved article as not published yet, and says so in its tooltip
    model = win.tree.model
    assert model.unpublished == {path(1): "modified"}
    index = model.index_for_path(path(1))
    assert model.data(index).startswith("↑ ")
    assert "Changed, not published yet" in model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_refreshes_are_coalesced(qtbot, team_window: MainWindow) -> None:
    win = team_window
    seen: list[str] = []
    win.publishing.summaryChanged.connect(seen.append)
    for _ in range(5):
        win.publishing.refresh()
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10_000)
    win.pool.waitForDone(5000)
    qtbot.wait(50)
    assert len(seen) == 2  # the one running, and one more for the four asked meanwhile


def test_publish_sends_exactly_the_chosen_articles(qtbot, team_window: MainWindow,
                                                   team: Team) -> None:
    win = team_window
    edit_question(qtbot, win, 1, "What is question number one, edited?")
    assert win.save()
    edit_question(qtbot, win, 2, "What is question number two, edited?")
    assert win.save()
    (team.a / "notes.txt").write_text("not for the site\n", encoding="utf-8")
    seen: dict[str, object] = {}

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PublishDialog):
            return  # not open yet: the review runs off the UI thread
        timer.stop()
        items = {item.data(0, Qt.ItemDataRole.UserRole): item for item in dialog.items()}
        seen["titles"] = sorted(item.text(0) for item in items.values())
        seen["checked"] = sorted(dialog.chosen())
        first = items[path(1)]
        seen["lines"] = [first.child(i).text(0) for i in range(first.childCount())]
        seen["message"] = dialog.message.text()
        items[path(2)].setCheckState(0, Qt.CheckState.Unchecked)
        dialog.accept()

    timer = QTimer(win)
    timer.setInterval(20)
    timer.timeout.connect(drive)
    timer.start()
    with qtbot.waitSignal(win.publishing.published, timeout=20_000) as published:
        win.menus[ActionId.PUBLISH].trigger()
    assert seen["checked"] == [path(1), path(2)]  # articles checked, the other file not
    assert seen["titles"] == ["What is question number 1?", "What is question number 2?",
                              "notes.txt"]
    assert "Question: What is question number 1? → What is question number one, edited?" \
        in seen["lines"]
    assert str(seen["message"]).startswith("Updated 2 articles via Article Editor")
    assert published.args[0].text == "Published"
    changed = sh(team.remote, "diff-tree", "--no-commit-id", "--name-only", "-r", "main")
    assert changed.split() == [path(1)]
    message = sh(team.remote, "log", "-1", "--format=%s", "main").strip()
    assert message == "Updated 1 article via Article Editor: What is question number 1?"
    qtbot.waitUntil(lambda: win.git_chip.text() == "2 changes not published", timeout=10_000)
    # the published article loses its mark; the one left out keeps it
    assert win.tree.model.unpublished == {path(2): "modified", "notes.txt": "new"}


def test_publish_asks_the_name_once(qtbot, team_window: MainWindow, team: Team,
                                    isolated_git: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    win = team_window
    for key in ("user.name", "user.email"):
        sh(team.a, "config", "--unset", key)
    isolated_git.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    asked: list[int] = []

    def identity(_parent: object) -> tuple[str, str]:
        asked.append(1)
        return "Writer Three", "three@example.com"

    monkeypatch.setattr(dialogs, "ask_identity", identity)
    monkeypatch.setattr(dialogs, "ask_publish", lambda _p, plan: ([path(3)], None))
    edit_question(qtbot, win, 3, "What is question number three, edited?")
    assert win.save()
    with qtbot.waitSignal(win.publishing.published, timeout=20_000):
        win.menus[ActionId.PUBLISH].trigger()
    assert asked == [1]
    author = sh(team.remote, "log", "-1", "--format=%an <%ae>", "main").strip()
    assert author == "Writer Three <three@example.com>"


def test_team_changes_reload_the_open_article(qtbot, team_window: MainWindow,
                                              team: Team) -> None:
    win = team_window
    pick(qtbot, win, path(1))
    theirs = article(1, post_on_text="Theirs on")
    team.colleague_publishes(path(1), theirs)
    with qtbot.waitSignal(win.publishing.synced, timeout=20_000) as synced:
        win.menus[ActionId.GET_TEAM_CHANGES].trigger()
    assert synced.args[0].state is SyncState.UPDATED
    assert (team.a / path(1)).read_bytes() == theirs
    qtbot.waitUntil(lambda: win.controller.document is not None
                    and win.controller.document.data["post_on_text"] == "Theirs on",
                    timeout=10_000)
    qtbot.waitUntil(lambda: win.git_chip.text() == "Up to date", timeout=10_000)


def test_team_changes_wait_for_unsaved_edits(qtbot, team_window: MainWindow,
                                             team: Team) -> None:
    win = team_window
    edit_question(qtbot, win, 1, "What is question number one, not saved?")
    assert win.controller.modified
    team.colleague_publishes(path(1), article(1, post_on_text="Theirs on"))
    with qtbot.waitSignal(win.publishing.synced, timeout=20_000) as synced:
        win.menus[ActionId.GET_TEAM_CHANGES].trigger()
    assert synced.args[0].state is SyncState.PAUSED
    assert win.statusBar().currentMessage() == PAUSED_TEXT
    assert (team.a / path(1)).read_bytes() == article(1)


def test_a_conflict_resolved_with_theirs(qtbot, team_window: MainWindow, team: Team) -> None:
    win = team_window
    team.write(team.a, path(1), article(1, post_on_text="Mine on", date_format="YYYY"))
    commit(team.git_a, [path(1)])  # saved here, not published yet (offline, say)
    team.colleague_publishes(path(1), article(1, post_on_text="Theirs on"))
    seen: dict[str, object] = {}

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            return
        timer.stop()
        seen["articles"] = dialog.articles()
        seen["row"] = [dialog.rows()[0].text(c) for c in range(3)]
        dialog.take_theirs(path(1), "post_on_text")
        dialog.accept()

    timer = QTimer(win)
    timer.setInterval(20)
    timer.timeout.connect(drive)
    timer.start()
    states: list[SyncState] = []
    win.publishing.synced.connect(lambda result: states.append(result.state))
    win.menus[ActionId.GET_TEAM_CHANGES].trigger()
    qtbot.waitUntil(lambda: len(states) == 2, timeout=20_000)
    assert states == [SyncState.CONFLICTS, SyncState.UPDATED]
    assert seen["articles"] == ["What is question number 1?"]
    assert seen["row"] == ["Posted-on text", "Mine on", "Theirs on"]
    assert (team.a / path(1)).read_bytes() == article(1, post_on_text="Theirs on",
                                                      date_format="YYYY")


def test_a_publish_that_meets_a_conflict_asks_then_publishes(
        qtbot, team_window: MainWindow, team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    win = team_window
    team.colleague_publishes(path(1), article(1, post_on_text="Theirs on"))
    mine = article(1, post_on_text="Mine on")
    team.write(team.a, path(1), mine)
    monkeypatch.setattr(dialogs, "ask_publish", lambda _p, plan: ([path(1)], None))
    asked: list[list[str]] = []

    def choose(_parent: object, conflicts: list) -> dict[tuple[str, str], str]:
        asked.append([c.label for c in conflicts])
        return {(c.path, c.key): "mine" for c in conflicts}

    monkeypatch.setattr(dialogs, "ask_conflict_choices", choose)
    results: list[object] = []
    win.publishing.synced.connect(results.append)
    win.publishing.published.connect(results.append)
    win.menus[ActionId.PUBLISH].trigger()
    qtbot.waitUntil(lambda: len(results) == 3, timeout=20_000)
    conflicts, resolved, sent = results
    assert (conflicts.state, resolved.state, sent.state) == (
        PublishState.CONFLICTS, SyncState.UPDATED, PublishState.PUBLISHED)
    assert asked == [["Posted-on text"]]
    assert (team.a / path(1)).read_bytes() == mine
    assert team.remote_file(path(1)) == mine
    qtbot.waitUntil(lambda: win.git_chip.text() == "Up to date", timeout=10_000)


def test_an_interrupted_team_update_is_finished_when_the_folder_opens(
        qtbot, team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    team.colleague_publishes(path(1), article(1, title="Theirs?"))
    sh(team.a, "fetch", "-q")
    new = sh(team.a, "rev-parse", "origin/main").strip()
    old = sh(team.a, "rev-parse", "HEAD").strip()
    state = team.a / sh(team.a, "rev-parse", "--git-path", "article-editor").strip()
    state.mkdir(parents=True, exist_ok=True)
    (state / "journal.json").write_text(f'{{"old": "{old}", "new": "{new}"}}')  # the crash
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a, **_k: dialogs.DISCARD)
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.publishing.summaryChanged, timeout=10_000):
        win.open_folder(team.a)
    assert (team.a / path(1)).read_bytes() == article(1, title="Theirs?")
    assert sh(team.a, "rev-parse", "HEAD").strip() == new
    assert not (state / "journal.json").exists()
    assert win.git_chip.text() == "Up to date"
    qtbot.waitUntil(lambda: win.index is not None, timeout=10_000)
    win.controller.close()
    win.pool.waitForDone(5000)
