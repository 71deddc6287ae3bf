"""The window's words when the team's repository cannot be reached: the commit stays here,
the status chip says it will publish when online, and the next publish sends it."""

from __future__ import annotations

import socket

import pytest

from editor.core.git.publish import PublishState
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens there any more


@pytest.mark.parametrize("where", ["closed port", "missing path"])
def test_offline_publish_waits_then_is_sent(qtbot, team_window: MainWindow,
                                            team: Team, tmp_path, where: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    win = team_window
    unreachable = (f"http://127.0.0.1:{closed_port()}/remote.git" if where == "closed port"
                   else str(tmp_path / "gone" / "remote.git"))
    sh(team.a, "remote", "set-url", "origin", unreachable)
    team.write(team.a, path(1), article(1, title="Offline?"))
    monkeypatch.setattr(dialogs, "ask_publish", lambda _p, plan: ([path(1)], None))
    with qtbot.waitSignal(win.publishing.published, timeout=60_000) as published:
        win.menus[ActionId.PUBLISH].trigger()
    result = published.args[0]
    assert result.state is PublishState.QUEUED
    assert result.text.startswith("Saved here; will publish when online")
    assert "Cannot reach the team's repository" in result.text
    qtbot.waitUntil(lambda: win.git_chip.text() == "1 update will publish when online",
                    timeout=10_000)
    assert sh(team.a, "log", "-1", "--format=%s").startswith("Updated 1 article")
    assert team.remote_file(path(1)) == article(1)  # the commit stayed here
    # back online: the next publish sends what waits
    sh(team.a, "remote", "set-url", "origin", str(team.remote))
    with qtbot.waitSignal(win.publishing.published, timeout=60_000) as published:
        win.menus[ActionId.PUBLISH].trigger()  # nothing changed: only what waits is sent
    assert published.args[0].state is PublishState.PUBLISHED
    assert team.remote_file(path(1)) == article(1, title="Offline?")
    qtbot.waitUntil(lambda: win.git_chip.text() == "Up to date", timeout=10_000)
