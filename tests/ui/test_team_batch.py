"""A colleague's batch of 3,600 changed articles, taken into the window: only the files the
team changed are read again by the folder's index (the real index, its SQLite cache), the
other articles keep their cached rows."""

from __future__ import annotations

import pytest

from editor.core.git.sync import SyncState
from editor.ui import dialogs
from editor.ui.controllers.jobs import IndexResult
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh

BATCH, KEPT = 3_600, 400
FIRST = 4  # the team fixture has articles 1-3


def colleague_writes(team: Team, numbers: range, **fields: str) -> None:
    for n in numbers:
        team.write(team.b, path(n), article(n, **fields))
    sh(team.b, "add", "-A")
    sh(team.b, "commit", "-q", "-m", f"{len(numbers)} articles")
    sh(team.b, "push", "-q", "origin", "HEAD:main")


@pytest.mark.slow
def test_the_team_s_3600_changes_re_read_only_those_files(qtbot, team: Team,
                                                          monkeypatch: pytest.MonkeyPatch):
    every = range(FIRST, FIRST + BATCH + KEPT)
    colleague_writes(team, every)
    sh(team.a, "pull", "-q", "--ff-only")  # the site as we had it: 4,003 articles
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a, **_k: dialogs.DISCARD)
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.publishing.summaryChanged, timeout=30_000):
        win.open_folder(team.a)
    qtbot.waitUntil(lambda: win.index is not None and len(win.index.entries) == len(every) + 3,
                    timeout=60_000)
    batch = range(FIRST, FIRST + BATCH)
    colleague_writes(team, batch, title="A question the team reworded?")
    changed = {path(n) for n in batch}
    reread: list[str] = []

    def indexed(result: IndexResult) -> None:
        reread.extend(result.reread)

    win.folder_ctl.indexReady.connect(indexed)
    with qtbot.waitSignal(win.publishing.synced, timeout=60_000) as synced:
        win.menus[ActionId.GET_TEAM_CHANGES].trigger()
    assert synced.args[0].state is SyncState.UPDATED
    assert set(synced.args[0].changed_paths) == changed
    # the re-check after the update (and any the folder's watcher started as git wrote)
    qtbot.waitUntil(lambda: changed <= set(reread), timeout=60_000)
    qtbot.waitUntil(lambda: not win.folder_ctl.busy, timeout=60_000)
    assert set(reread) == changed  # not one of the 403 others
    entries = win.index.entries
    assert {entries[path(n)].title for n in batch} == {"A question the team reworded?"}
    assert entries[path(FIRST + BATCH)].title == f"What is question number {FIRST + BATCH}?"
    assert len(entries) == len(every) + 3
    win.controller.close()
    win.pool.waitForDone(5000)
