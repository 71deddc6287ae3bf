"""The publishing commands and their exit codes: 0 done, 1 choices left, 2 could not run."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.cli import main
from editor.core.git.clone import clone
from editor.core.git.runner import GitError
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh


def test_status_publish_sync(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    team.write(team.a, path(1), article(1, title="Mine?"))
    team.write(team.a, path(2), article(2, title="Not chosen?"))
    assert main(["status", str(team.a)]) == 0
    assert capsys.readouterr().out == (f"2 changes not published\n  modified: {path(1)}\n"
                                       f"  modified: {path(2)}\n")
    assert main(["publish", str(team.a), "-m", "One file", str(team.a / path(1))]) == 0
    assert capsys.readouterr().out == "Published\n"
    assert sh(team.remote, "log", "-1", "--format=%s", "main") == "One file\n"
    assert team.remote_file(path(2)) == article(2)
    team.colleague_publishes(path(3), article(3, title="Theirs?"))
    assert main(["sync", str(team.a)]) == 0
    assert capsys.readouterr().out == f"Brought in 1 changed file\n  M {path(3)}\n"


def test_a_conflict_is_listed_with_exit_1(team: Team,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    team.colleague_publishes(path(1), article(1, post_on_text="Theirs on"))
    team.write(team.a, path(1), article(1, post_on_text="Mine on"))
    assert main(["publish", str(team.a)]) == 1
    out = capsys.readouterr().out
    assert out.endswith(f"Choices needed (file: field):\n  {path(1)}: Posted-on text\n")


def test_could_not_run_is_exit_2_without_traceback(
        team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert main(["sync", str(plain)]) == 2
    err = capsys.readouterr().err
    assert err == "article-editor: This folder is not in a git repository.\n"
    team.remote.rename(tmp_path / "gone.git")
    assert main(["sync", str(team.a)]) == 2
    assert "Cannot reach the team's repository" in capsys.readouterr().out


def test_clone_sets_up_a_big_site(team: Team, tmp_path: Path) -> None:
    git = clone(str(team.remote), tmp_path / "copy")
    assert [git.config(k) for k in ("core.autocrlf", "core.longpaths", "feature.manyFiles")] \
        == ["false", "true", "true"]
    assert (tmp_path / "copy" / path(1)).read_bytes() == article(1)
    with pytest.raises(GitError, match="not empty"):
        clone(str(team.remote), tmp_path / "copy")
