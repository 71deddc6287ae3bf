"""Signing in from the window, against a real ``git http-backend`` behind HTTP Basic sign-in:
git asks the app's own program, the window shows the sign-in dialog, driven here as a writer
would fill it in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from editor.core import logs
from editor.core.git.askpass import askpass_program
from editor.core.git.publish import PublishResult, PublishState
from editor.core.git.runner import NOT_SIGNED_IN
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.sign_in_dialog import SignInDialog
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh
from tests.core.git.http_remote import GitHttpServer, http_backend_available, serving
from tests.ui.team import Modals

pytestmark = pytest.mark.skipif(not http_backend_available() or askpass_program() is None,
                                reason="needs git http-backend and the article-editor script")

USER, TOKEN = "writer", "tok-window-5e9c"


@pytest.fixture
def http(team: Team) -> Iterator[GitHttpServer]:
    with serving(team.remote.parent, (USER, TOKEN)) as server:
        sh(team.a, "remote", "set-url", "origin", server.url("remote.git"))
        yield server


class Writer:
    """Fills in each sign-in dialog that opens with the next of ``logins``."""

    def __init__(self, win: MainWindow, *logins: tuple[str, str, bool] | None) -> None:
        self.logins = list(logins)
        self.seen: list[dict[str, object]] = []
        self.modals = Modals(win, {SignInDialog: self._answer})

    def _answer(self, dialog: QWidget) -> None:
        assert isinstance(dialog, SignInDialog)
        self.seen.append({"user": dialog.username.text(), "host": dialog.request.prompt.host,
                          "can_remember": dialog.remember.isEnabled()})
        login = self.logins.pop(0) if self.logins else None
        if login is None:
            dialog.reject()
            return
        dialog.fill(login[0], login[1], remember=login[2])
        dialog.accept()


def publish(qtbot, win: MainWindow, monkeypatch: pytest.MonkeyPatch, n: int,
            title: str) -> PublishResult:
    (win.folder or Path()).joinpath(path(n)).write_bytes(article(n, title=title))
    monkeypatch.setattr(dialogs, "ask_publish", lambda _p, plan: ([path(n)], None))
    with qtbot.waitSignal(win.publishing.published, timeout=60_000) as published:
        win.menus[ActionId.PUBLISH].trigger()
    result: PublishResult = published.args[0]
    return result


def test_sign_in_once_then_publish(qtbot, team_window: MainWindow, team: Team,
                                   http: GitHttpServer,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    log_path = logs.setup(verbose=False, to_file=True)
    try:
        writer = Writer(team_window, (USER, TOKEN, False))
        result = publish(qtbot, team_window, monkeypatch, 1, "Signed in?")
        assert result.state is PublishState.PUBLISHED, result.text
        assert team.remote_file(path(1)) == article(1, title="Signed in?")
        # one dialog for the fetch's two questions; the push is answered from memory
        assert writer.seen == [{"user": "", "host": f"127.0.0.1:{http.server_address[1]}",
                                "can_remember": False}]
        result = publish(qtbot, team_window, monkeypatch, 2, "Again?")
        assert result.state is PublishState.PUBLISHED
        assert len(writer.seen) == 1  # not asked again in this session
    finally:
        logs.close()
    assert log_path is not None
    text = log_path.read_text(encoding="utf-8")
    assert "git push" in text
    assert TOKEN not in text
    team_window.settings.sync()
    kept = [team.a / ".git" / "config", *_files(os.environ["ARTICLE_EDITOR_CONFIG_DIR"]),
            *_files(os.environ["ARTICLE_EDITOR_DATA_DIR"])]
    assert [f for f in kept if TOKEN.encode() in f.read_bytes()] == []  # nor in a URL


def _files(folder: str) -> list[Path]:
    return [p for p in Path(folder).rglob("*") if p.is_file()]


def test_a_wrong_token_says_not_signed_in_and_how_to_fix_it(
        qtbot, team_window: MainWindow, team: Team, http: GitHttpServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    win = team_window
    writer = Writer(win, (USER, "wrong", False), (USER, TOKEN, False))
    result = publish(qtbot, win, monkeypatch, 1, "Wrong token?")
    assert result.state is PublishState.QUEUED
    assert result.text == f"Saved here; not published yet. {NOT_SIGNED_IN}"
    assert "enter your user name and access token" in win.git_chip.text()
    assert win.statusBar().currentMessage() == result.text
    assert team.remote_file(path(1)) == article(1)
    qtbot.waitUntil(lambda: win.git_chip.text()
                    == "1 update will publish when online (not signed in)", timeout=10_000)
    # the wrong sign-in is forgotten: the next publish asks again and sends what waits
    with qtbot.waitSignal(win.publishing.published, timeout=60_000) as published:
        win.publishing.publish([], None)
    assert published.args[0].state is PublishState.PUBLISHED
    assert len(writer.seen) == 2 and writer.seen[1]["user"] == ""
    assert team.remote_file(path(1)) == article(1, title="Wrong token?")


def test_cancelled_sign_in_keeps_the_commit_here(qtbot, team_window: MainWindow,
                                                 team: Team, http: GitHttpServer,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    writer = Writer(team_window, None)  # kept: its timer drives the dialog
    result = publish(qtbot, team_window, monkeypatch, 1, "Cancelled?")
    assert result.state is PublishState.QUEUED
    assert NOT_SIGNED_IN in result.text
    assert len(writer.seen) == 1
    assert sh(team.a, "log", "-1", "--format=%s").startswith("Updated 1 article")


@pytest.mark.parametrize("remember", [True, False])
def test_remember_lets_gits_credential_helper_keep_it(
        qtbot, team_window: MainWindow, team: Team, http: GitHttpServer,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, remember: bool) -> None:
    store = tmp_path / "credentials"
    sh(team.a, "config", "credential.helper", f"store --file={store}")
    team_window.publishing.open(team.a)  # the helper is looked for as the folder opens
    writer = Writer(team_window, (USER, TOKEN, remember))
    result = publish(qtbot, team_window, monkeypatch, 1, "Remembered?")
    assert result.state is PublishState.PUBLISHED
    assert writer.seen[0]["can_remember"] is True
    kept = store.read_text(encoding="utf-8") if store.exists() else ""
    assert (TOKEN in kept) is remember
