"""The repository's state per path, and the status chip's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.git.runner import Git
from editor.core.git.status import Change, parse_porcelain_v2, status
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh


def test_up_to_date(team: Team) -> None:
    st = status(team.git_a)
    assert (st.branch, st.upstream, st.has_remote) == ("main", "origin/main", True)
    assert (st.ahead, st.behind, st.entries) == (0, 0, [])
    assert st.summary() == "Up to date"


def test_changes_per_path(team: Team) -> None:
    team.write(team.a, path(1), article(1, title="Changed?"))
    (team.a / path(2)).unlink()
    team.write(team.a, path(9), article(9))
    sh(team.a, "mv", path(3), "content/learn/psychology/moved.md")
    st = status(team.git_a)
    assert st.by_path[path(1)].change is Change.MODIFIED
    assert st.by_path[path(2)].change is Change.DELETED
    assert st.by_path[path(9)].change is Change.NEW
    moved = st.by_path["content/learn/psychology/moved.md"]
    assert (moved.change, moved.original, moved.staged) == (Change.RENAMED, path(3), True)
    assert not st.by_path[path(1)].staged
    assert st.summary() == "4 changes not published"


def test_ahead_behind_and_offline(team: Team) -> None:
    team.colleague_publishes(path(1), article(1, title="Theirs?"))
    sh(team.a, "fetch", "-q")
    assert status(team.git_a).summary() == "Team changes available"
    team.write(team.a, path(2), article(2, title="Mine?"))
    sh(team.a, "commit", "-qam", "mine")
    st = status(team.git_a)
    assert (st.ahead, st.behind) == (1, 1)
    assert st.summary(offline=True) == ("1 update will publish when online; "
                                        "Team changes available")


@pytest.mark.usefixtures("isolated_git")
def test_no_remote_and_no_commit(tmp_path: Path) -> None:
    repo = tmp_path / "site"
    repo.mkdir()
    sh(repo, "init", "-q", "-b", "main")
    st = status(Git(repo))
    assert (st.head, st.has_remote, st.summary()) == (None, False, "Not shared with a team")


def test_parse_names_with_spaces_and_newlines() -> None:
    data = (b"# branch.oid abc\0# branch.head main\0# branch.upstream origin/main\0"
            b"# branch.ab +2 -3\0"
            b"1 .M N... 100644 100644 100644 aaa aaa a b.md\0"
            b"2 R. N... 100644 100644 100644 aaa aaa R100 new\nname.md\0old name.md\0"
            b"u UU N... 100644 100644 100644 100644 a b c both.md\0? new file.md\0")
    st = parse_porcelain_v2(data, Path("/r"), has_remote=True)
    assert (st.ahead, st.behind) == (2, 3)
    assert [(e.path, e.change, e.original) for e in st.entries] == [
        ("a b.md", Change.MODIFIED, None), ("new\nname.md", Change.RENAMED, "old name.md"),
        ("both.md", Change.CONFLICTED, None), ("new file.md", Change.NEW, None)]
    assert st.summary() == "1 file needs a choice"
