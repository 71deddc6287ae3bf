"""Signing in over HTTP: git asks the app's own program (GIT_ASKPASS), which asks the window's
answering server; a real ``git http-backend`` behind HTTP Basic sign-in checks the answer."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.git import askpass
from editor.core.git.askpass import (
    PASSWORD,
    USERNAME,
    AskpassServer,
    Login,
    Prompt,
    approve,
    askpass_program,
    helper_configured,
    helper_main,
    is_helper_call,
    parse_prompt,
)
from editor.core.git.publish import PublishState, publish
from editor.core.git.runner import NOT_SIGNED_IN, Git, GitTimeoutError, NotSignedInError
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh
from tests.core.git.http_remote import GitHttpServer, http_backend_available, serving

pytestmark = pytest.mark.skipif(not http_backend_available() or askpass_program() is None,
                                reason="needs git http-backend and the article-editor script")

USER, TOKEN = "writer", "tok-s3cret-7f1a"


@pytest.fixture
def http_team(team: Team) -> Iterator[tuple[Team, GitHttpServer]]:
    with serving(team.remote.parent, (USER, TOKEN)) as server:
        sh(team.a, "remote", "set-url", "origin", server.url("remote.git"))
        yield team, server


class Answers:
    """What the writer types, per question, and the questions asked."""

    def __init__(self, username: str | None = USER, token: str | None = TOKEN) -> None:
        self.username, self.token = username, token
        self.asked: list[Prompt] = []

    def __call__(self, prompt: Prompt) -> str | None:
        self.asked.append(prompt)
        return self.username if prompt.kind == USERNAME else self.token


def signed_in_git(folder: Path, server: AskpassServer, timeout: float = 60) -> Git:
    return Git(folder, askpass=askpass_program(), askpass_env=server.env, timeout=timeout)


def test_questions_are_read() -> None:
    assert parse_prompt("Username for 'https://example.com': ") == Prompt(
        "Username for 'https://example.com':", USERNAME, "https://example.com")
    p = parse_prompt("Password for 'http://writer@127.0.0.1:8080': ")
    assert (p.kind, p.site, p.username, p.host) == (PASSWORD, "http://127.0.0.1:8080",
                                                    "writer", "127.0.0.1:8080")
    assert parse_prompt("Enter passphrase for key '/k': ").kind == "other"
    env = {askpass.ASKPASS_ENV: "1:x"}
    assert is_helper_call(["Username for 'https://example.com': "], env)
    assert not is_helper_call(["Username for 'https://example.com': "], {})
    assert not is_helper_call(["check", "folder"], env)
    assert not is_helper_call(["/some/folder"], env)


def test_publish_with_the_right_sign_in(http_team: tuple[Team, GitHttpServer],
                                        caplog: pytest.LogCaptureFixture) -> None:
    team, http = http_team
    answers = Answers()
    server = AskpassServer(answers)
    try:
        team.write(team.a, path(1), article(1, title="Signed in?"))
        with caplog.at_level(logging.DEBUG, logger="editor"):
            result = publish(signed_in_git(team.a, server), [path(1)])
    finally:
        server.close()
    assert result.state is PublishState.PUBLISHED, result.error
    assert team.remote_file(path(1)) == article(1, title="Signed in?")
    site = f"http://127.0.0.1:{http.server_address[1]}"
    # asked by the fetch, then by the push (git keeps nothing between its runs)
    assert [(p.kind, p.site) for p in answers.asked] == [(USERNAME, site), (PASSWORD, site)] * 2
    assert answers.asked[1].username == USER
    assert USER in http.tried
    assert TOKEN not in caplog.text and "git push" in caplog.text


def test_a_wrong_token_is_not_signed_in(http_team: tuple[Team, GitHttpServer]) -> None:
    team, _http = http_team
    server = AskpassServer(Answers(token="wrong"))
    try:
        team.write(team.a, path(1), article(1, title="Wrong token?"))
        result = publish(signed_in_git(team.a, server), [path(1)])
    finally:
        server.close()
    assert result.state is PublishState.QUEUED
    assert isinstance(result.error, NotSignedInError)
    assert result.text == f"Saved here; not published yet. {NOT_SIGNED_IN}"
    assert team.remote_file(path(1)) == article(1)
    assert sh(team.a, "log", "-1", "--format=%s").startswith("Updated 1 article")


def test_no_answer_is_not_signed_in(http_team: tuple[Team, GitHttpServer]) -> None:
    team, _http = http_team
    server = AskpassServer(Answers(username=None, token=None))  # the writer cancelled
    try:
        team.write(team.a, path(1), article(1, title="Cancelled?"))
        result = publish(signed_in_git(team.a, server), [path(1)])
    finally:
        server.close()
    assert isinstance(result.error, NotSignedInError)


def test_the_command_line_never_asks(http_team: tuple[Team, GitHttpServer],
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    team, http = http_team
    monkeypatch.setenv("GIT_ASKPASS", "/nonexistent/askpass")  # not inherited by git
    team.write(team.a, path(1), article(1, title="From the command line?"))
    assert main(["publish", str(team.a)]) == 2
    assert capsys.readouterr().out == f"Saved here; not published yet. {NOT_SIGNED_IN}\n"
    assert http.tried == []


def test_a_question_left_unanswered_times_out(http_team: tuple[Team, GitHttpServer]) -> None:
    team, _http = http_team
    release = threading.Event()

    def never(_prompt: Prompt) -> str | None:
        release.wait(20)
        return None

    server = AskpassServer(never)
    try:
        team.write(team.a, path(1), article(1, title="Waiting?"))
        result = publish(signed_in_git(team.a, server, timeout=2), [path(1)])
    finally:
        release.set()
        server.close()
    assert result.state is PublishState.QUEUED
    assert isinstance(result.error, GitTimeoutError)


def test_only_the_secret_holder_is_answered() -> None:
    answers = Answers()
    server = AskpassServer(answers)
    try:
        port = server.env[askpass.ASKPASS_ENV].split(":")[0]
        assert helper_main("Username for 'https://example.com': ", f"{port}:guess",
                           timeout=5) == 1
        assert answers.asked == []
        assert helper_main("Username for 'https://example.com': ",
                           server.env[askpass.ASKPASS_ENV], timeout=5) == 0
        assert [p.kind for p in answers.asked] == [USERNAME]
    finally:
        server.close()
    assert helper_main("Username for 'x': ", f"{port}:guess", timeout=5) == 1  # closed


def test_remember_keeps_it_in_gits_helper(team: Team, isolated_git: Path,
                                          tmp_path: Path) -> None:
    git = Git(team.a)
    assert not helper_configured(git)
    store = tmp_path / "credentials"
    sh(team.a, "config", "credential.helper", f"store --file={store}")
    assert helper_configured(git)
    login = Login("http://127.0.0.1:9", USER, TOKEN)
    assert TOKEN not in repr(login)
    approve(git, login)
    assert store.read_text(encoding="utf-8").strip() == f"http://{USER}:{TOKEN}@127.0.0.1%3a9"
    askpass.reject(git, login)
    assert store.read_text(encoding="utf-8").strip() == ""
    sh(team.a, "config", "--add", "credential.helper", "")
    assert not helper_configured(git)
