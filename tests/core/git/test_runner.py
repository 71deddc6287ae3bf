"""Running git: found on PATH, errors in plain words, credentials never logged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from editor.core.git import runner
from editor.core.git.runner import (
    ConflictError,
    Git,
    GitError,
    GitMissingError,
    NameTooLongError,
    NotARepositoryError,
    NotSignedInError,
    OfflineError,
    PublishedFirstError,
    classify,
    open_repository,
    redact,
    repository_root,
)
from tests.core.git.conftest import Team


def test_missing_git_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GitMissingError, match="Install it"):
        Git(tmp_path)


def test_repository_root(team: Team, tmp_path: Path) -> None:
    (team.a / "content" / "learn").mkdir(parents=True, exist_ok=True)
    assert repository_root(team.a / "content" / "learn") == team.a.resolve()
    outside = tmp_path / "plain"
    outside.mkdir()
    assert repository_root(outside) is None
    assert repository_root(tmp_path / "absent") is None
    with pytest.raises(NotARepositoryError):
        open_repository(outside)


@pytest.mark.parametrize(("stderr", "cls"), [
    ("fatal: not a git repository (or any of the parent directories): .git",
     NotARepositoryError),
    ("fatal: Authentication failed for 'https://example.com/x.git/'", NotSignedInError),
    ("fatal: could not read Username for 'https://example.com': terminal prompts disabled",
     NotSignedInError),
    ("fatal: unable to access 'https://example.com/x.git/': Could not resolve host: example.com",
     OfflineError),
    ("fatal: '/gone/remote.git' does not appear to be a git repository\nfatal: Could not read "
     "from remote repository.", OfflineError),
    (" ! [rejected]        HEAD -> main (fetch first)\nerror: failed to push some refs",
     PublishedFirstError),
    (" ! [rejected]        HEAD -> main (non-fast-forward)", PublishedFirstError),
    ("CONFLICT (content): Merge conflict in a.md", ConflictError),
    ("error: unable to create file x.md: Filename too long", NameTooLongError),
])
def test_errors_in_plain_words(stderr: str, cls: type[GitError]) -> None:
    error = classify(stderr, "push")
    assert type(error) is cls
    assert "fatal" not in error.message


def test_unknown_errors_keep_gits_words() -> None:
    error = classify("fatal: something odd", "fetch")
    assert type(error) is GitError
    assert error.message == "Git could not fetch: fatal: something odd"


def test_credentials_are_removed() -> None:
    text = redact("push https://user:s3cret@example.com/x.git -c http.extraheader=Bearer abc")
    assert "s3cret" not in text and "user" not in text
    assert "https://***@example.com/x.git" in text


def test_every_call_is_logged_without_credentials(team: Team,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    git = Git(team.a)
    with caplog.at_level(logging.INFO, logger="editor.git"):
        git.run("remote", "add", "other", "https://me:tok3n@example.com/x.git")
    assert "git remote add other https://***@example.com/x.git -> 0" in caplog.text
    assert "tok3n" not in caplog.text


def test_the_environment_never_prompts_and_speaks_c() -> None:
    env = runner.git_env("/bin/askpass")
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["LC_ALL"] == "C"
    assert env["GIT_ASKPASS"] == "/bin/askpass"


def test_file_names_are_not_quoted(team: Team) -> None:
    (team.a / "café ü.md").write_bytes(b"x")
    out = Git(team.a).text("ls-files", "--others")
    assert out == "café ü.md"


def test_timeout_is_a_typed_error(team: Team) -> None:
    with pytest.raises(runner.GitTimeoutError):
        Git(team.a, timeout=0.3).run("-c", "alias.slow=!sleep 5", "slow")
