from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.core import tuning
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.core.git.conftest import isolated_git, team  # noqa: F401  (the team's repository)

tuning.for_the_window()  # as the program's start-up sets it


def _discard(*_args: object) -> str:
    return dialogs.DISCARD


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture
def window(qtbot, sample_copy: Path, monkeypatch: pytest.MonkeyPatch):
    # A test that leaves edits behind must not block teardown on a modal question.
    monkeypatch.setattr(dialogs, "ask_save_changes", _discard)
    monkeypatch.setattr(dialogs, "confirm_revert", lambda *_args: True)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    win.open_folder(sample_copy)
    qtbot.waitUntil(lambda: win.index is not None, timeout=10_000)
    yield win
    win.controller.close()
    win.pool.waitForDone(5000)


@pytest.fixture
def team_window(qtbot, team, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a, **_k: dialogs.DISCARD)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    with qtbot.waitSignal(win.publishing.summaryChanged, timeout=10_000):
        win.open_folder(team.a)
    qtbot.waitUntil(lambda: win.index is not None, timeout=10_000)
    yield win
    win.controller.close()
    win.pool.waitForDone(5000)
