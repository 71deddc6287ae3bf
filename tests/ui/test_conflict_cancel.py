"""Cancelling the choice between the writer's changes and the team's leaves the repository
exactly as it was: HEAD, the index and every file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from editor.core.git.publish import commit
from editor.core.git.sync import SyncState, pending
from editor.ui.conflict_dialog import ConflictDialog
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.window_git import CANCELLED_TEXT
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh
from tests.ui.team import Modals


def snapshot(clone: Path) -> tuple[str, str, str, dict[str, bytes]]:
    files = {p.relative_to(clone).as_posix(): p.read_bytes() for p in clone.rglob("*")
             if p.is_file() and ".git" not in p.relative_to(clone).parts}
    return (sh(clone, "rev-parse", "HEAD"), sh(clone, "ls-files", "--stage", "--debug"),
            sh(clone, "status", "--porcelain=v2", "--branch"), files)


def test_cancel_leaves_the_repository_as_it_was(qtbot, team_window: MainWindow,
                                                team: Team) -> None:
    win = team_window
    team.write(team.a, path(1), article(1, post_on_text="Mine on"))
    commit(team.git_a, [path(1)])  # saved here, not published yet
    team.write(team.a, path(2), article(2, title="Edited, not published?"))  # in the work tree
    team.colleague_publishes(path(1), article(1, post_on_text="Theirs on"))
    sh(team.a, "fetch", "-q")
    before = snapshot(team.a)
    seen: list[str] = []

    def cancel(dialog: QWidget) -> None:
        modals.stop()
        button = dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Cancel)
        seen.append(button.text())
        button.click()

    modals = Modals(win, {ConflictDialog: cancel})
    with qtbot.waitSignal(win.publishing.synced, timeout=20_000) as synced:
        win.menus[ActionId.GET_TEAM_CHANGES].trigger()
    assert synced.args[0].state is SyncState.CONFLICTS
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == ["Cancel Taking Their Changes"]
    assert win.statusBar().currentMessage() == CANCELLED_TEXT
    assert not pending(team.git_a)
    win.pool.waitForDone(5000)
    assert snapshot(team.a) == before
