"""Bringing in the team's changes: per-field merges where git would stop, choices where both
changed the same field, and nothing touched until everything is decided."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from editor.core.document.merge import MISSING
from editor.core.git.publish import PublishState, publish
from editor.core.git.runner import Git, NameTooLongError
from editor.core.git.status import status
from editor.core.git.sync import (
    BACKUP_REF,
    SyncState,
    cancel,
    integrate,
    pending,
    recover,
    resolve,
    sync,
)
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh


def head(clone: Git) -> str:
    return clone.text("rev-parse", "HEAD")


def test_fast_forward(team: Team) -> None:
    team.colleague_publishes(path(1), article(1, title="Theirs?"))
    result = sync(team.git_a)
    assert result.state is SyncState.UPDATED
    assert result.changed == [("M", path(1))]
    assert (team.a / path(1)).read_bytes() == article(1, title="Theirs?")
    assert head(team.git_a) == sh(team.remote, "rev-parse", "main").strip()
    assert status(team.git_a).summary() == "Up to date"
    assert sync(team.git_a).state is SyncState.UP_TO_DATE


def test_different_files(team: Team) -> None:
    team.colleague_publishes(path(1), article(1, title="Theirs?"))
    team.write(team.a, path(2), article(2, title="Mine?"))
    result = publish(team.git_a, [path(2)])
    assert result.state is PublishState.PUBLISHED
    assert result.sync is not None and result.sync.changed == [("M", path(1))]
    assert team.remote_file(path(1)) == article(1, title="Theirs?")
    assert team.remote_file(path(2)) == article(2, title="Mine?")
    parents = sh(team.remote, "log", "-1", "--format=%P", "main").split()
    assert len(parents) == 2


def test_adjacent_fields_merge_where_git_would_stop(team: Team) -> None:
    team.colleague_publishes(path(1), article(1, date_format="DD MMM YYYY"))
    team.write(team.a, path(1), article(1, post_on_text="Written on"))
    result = publish(team.git_a, [path(1)])
    assert result.state is PublishState.PUBLISHED
    both = article(1, date_format="DD MMM YYYY", post_on_text="Written on")
    assert (team.a / path(1)).read_bytes() == both
    assert team.remote_file(path(1)) == both
    assert b"<<<<<<<" not in team.remote_file(path(1))
    assert status(team.git_a).entries == []


def test_same_field_both_sides_keep_mine(team: Team) -> None:
    team.colleague_publishes(path(1), article(1, post_on_text="Theirs on"))
    team.write(team.a, path(1), article(1, post_on_text="Mine on"))
    before = head(team.git_a)
    result = publish(team.git_a, [path(1)])
    assert result.state is PublishState.CONFLICTS
    assert result.sync is not None
    [conflict] = result.sync.conflicts
    assert (conflict.path, conflict.title, conflict.key, conflict.label, conflict.ours,
            conflict.theirs) == (path(1), "What is question number 1?", "post_on_text",
                                 "Posted-on text", "Mine on", "Theirs on")
    committed = head(team.git_a)
    assert committed != before and pending(team.git_a)
    assert (team.a / path(1)).read_bytes() == article(1, post_on_text="Mine on")
    done = resolve(team.git_a, {(path(1), "post_on_text"): "mine"})
    assert done.state is SyncState.UPDATED
    assert not pending(team.git_a)
    assert (team.a / path(1)).read_bytes() == article(1, post_on_text="Mine on")
    assert sh(team.a, "rev-parse", BACKUP_REF).strip() == committed
    assert publish(team.git_a, []).state is PublishState.PUBLISHED
    assert team.remote_file(path(1)) == article(1, post_on_text="Mine on")


def test_same_field_both_sides_take_theirs(team: Team) -> None:
    team.colleague_publishes(path(1), article(1, post_on_text="Theirs on"))
    team.write(team.a, path(1), article(1, post_on_text="Mine on", date_format="YYYY"))
    assert publish(team.git_a, [path(1)]).state is PublishState.CONFLICTS
    done = resolve(team.git_a, {(path(1), "post_on_text"): "theirs"})
    assert done.state is SyncState.UPDATED
    expected = article(1, post_on_text="Theirs on", date_format="YYYY")
    assert (team.a / path(1)).read_bytes() == expected
    publish(team.git_a, [])
    assert team.remote_file(path(1)) == expected


def test_cancel_leaves_everything_as_it_was(team: Team) -> None:
    team.colleague_publishes(path(1), article(1, post_on_text="Theirs on"))
    team.write(team.a, path(1), article(1, post_on_text="Mine on"))
    sh(team.a, "commit", "-qam", "mine")
    sh(team.a, "fetch", "-q")
    refs = sh(team.a, "for-each-ref")
    result = integrate(team.git_a)
    assert result.state is SyncState.CONFLICTS
    cancel(team.git_a)
    assert not pending(team.git_a)
    assert sh(team.a, "for-each-ref") == refs
    assert sh(team.a, "status", "--porcelain") == ""
    assert (team.a / path(1)).read_bytes() == article(1, post_on_text="Mine on")


def test_delete_against_modify_is_a_choice_of_the_file(team: Team) -> None:
    team.colleague_publishes(path(1), None)
    team.write(team.a, path(1), article(1, title="Mine?"))
    result = publish(team.git_a, [path(1)])
    assert result.state is PublishState.CONFLICTS and result.sync is not None
    [conflict] = result.sync.conflicts
    assert (conflict.key, conflict.label, conflict.theirs) == ("", "Whole file", MISSING)
    assert resolve(team.git_a, {(path(1), ""): "theirs"}).state is SyncState.UPDATED
    assert not (team.a / path(1)).exists()
    team.colleague_publishes(path(2), article(2, title="Theirs?"))
    (team.a / path(2)).unlink()
    publish(team.git_a, [path(2)])
    assert resolve(team.git_a, {(path(2), ""): "mine"}).state is SyncState.UPDATED
    assert publish(team.git_a, []).state is PublishState.PUBLISHED
    tree = sh(team.remote, "ls-tree", "-r", "--name-only", "main").split()
    assert path(1) not in tree and path(2) not in tree


def test_rename_on_one_side(team: Team) -> None:
    moved = "content/learn/psychology/renamed.md"
    sh(team.b, "mv", path(1), moved)
    sh(team.b, "commit", "-qm", "rename")
    sh(team.b, "push", "-q", "origin", "HEAD:main")
    team.write(team.a, path(1), article(1, post_on_text="Mine on"))
    result = publish(team.git_a, [path(1)])
    assert result.state is PublishState.PUBLISHED
    assert not (team.a / path(1)).exists()
    assert (team.a / moved).read_bytes() == article(1, post_on_text="Mine on")
    assert team.remote_file(moved) == article(1, post_on_text="Mine on")


def test_someone_publishes_between_fetch_and_push(team: Team) -> None:
    hook = team.remote / "hooks" / "pre-receive"
    once = team.remote.parent / "raced"
    b = team.b
    hook.write_text(f"""#!/bin/sh
if [ ! -e {once} ]; then
  touch {once}
  cd {b} && unset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
  echo 'date_format: X' > /dev/null
  git pull -q --no-rebase origin main && sed -i 's/post_on_text: Posted on/post_on_text: Race/' \
{path(3)} && git commit -qam race && git push -q origin HEAD:main
  exit 1
fi
exit 0
""", encoding="utf-8")
    hook.chmod(0o755)
    team.write(team.a, path(1), article(1, title="Mine?"))
    result = publish(team.git_a, [path(1)])
    assert result.state is PublishState.PUBLISHED
    assert result.attempts == 2
    assert team.remote_file(path(3)) == article(3, post_on_text="Race")
    assert team.remote_file(path(1)) == article(1, title="Mine?")


def test_unsaved_edits_pause_an_incoming_change(team: Team) -> None:
    team.colleague_publishes(path(1), article(1, title="Theirs?"))
    before = head(team.git_a)
    result = sync(team.git_a, unsaved={path(1)})
    assert result.state is SyncState.PAUSED
    assert result.paused == [path(1)]
    assert head(team.git_a) == before
    assert (team.a / path(1)).read_bytes() == article(1)
    assert sync(team.git_a, unsaved={path(2)}).state is SyncState.UPDATED


def test_offline_publish_is_queued_then_sent(team: Team) -> None:
    away = team.remote.with_name("away.git")
    team.remote.rename(away)
    team.write(team.a, path(1), article(1, title="Offline?"))
    result = publish(team.git_a, [path(1)])
    assert result.state is PublishState.QUEUED
    assert "will publish when online" in result.text
    assert status(team.git_a).summary(offline=True) == "1 update will publish when online"
    assert sync(team.git_a).state is SyncState.OFFLINE
    away.rename(team.remote)
    assert publish(team.git_a, []).state is PublishState.PUBLISHED
    assert team.remote_file(path(1)) == article(1, title="Offline?")


def test_an_interrupted_update_is_finished_at_the_next_start(team: Team) -> None:
    team.colleague_publishes(path(1), article(1, title="Theirs?"))
    sh(team.a, "fetch", "-q")
    new = sh(team.a, "rev-parse", "origin/main").strip()
    old = head(team.git_a)
    journal = team.a / ".git" / "article-editor"
    journal.mkdir(exist_ok=True)
    (journal / "journal.json").write_text(f'{{"old": "{old}", "new": "{new}"}}')
    assert recover(team.git_a)
    assert head(team.git_a) == new
    assert (team.a / path(1)).read_bytes() == article(1, title="Theirs?")
    assert not recover(team.git_a)
    shutil.rmtree(journal)


def test_other_files_keep_mine_or_take_theirs(team: Team) -> None:
    config = "cloudcannon.config.yml"
    team.colleague_publishes(config, b"collections:\n  learn: {theirs: 1}\n")
    team.write(team.a, config, b"collections:\n  learn: {mine: 1}\n")
    result = publish(team.git_a, [config])
    assert result.state is PublishState.CONFLICTS and result.sync is not None
    [conflict] = result.sync.conflicts
    assert (conflict.key, conflict.ours, conflict.theirs) == (
        "", b"collections:\n  learn: {mine: 1}\n", b"collections:\n  learn: {theirs: 1}\n")
    assert resolve(team.git_a, {(config, ""): "theirs"}).state is SyncState.UPDATED
    assert (team.a / config).read_bytes() == b"collections:\n  learn: {theirs: 1}\n"
    assert publish(team.git_a, []).state is PublishState.PUBLISHED  # the merge, sent
    assert team.remote_file(config) == b"collections:\n  learn: {theirs: 1}\n"


def test_a_name_too_long_for_this_system_changes_nothing(team: Team) -> None:
    long_name = "content/" + "x" * 300 + ".md"
    oid = (subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=team.b, input=b"long",
                       capture_output=True, check=True).stdout.decode().strip())
    sh(team.b, "update-index", "--add", "--cacheinfo", f"100644,{oid},{long_name}")
    team.write(team.b, path(1), article(1, title="Theirs?"))
    sh(team.b, "add", path(1))
    sh(team.b, "commit", "-qm", "long name")
    sh(team.b, "push", "-q", "origin", "HEAD:main")
    before = head(team.git_a)
    with pytest.raises(NameTooLongError, match="too long"):
        sync(team.git_a)
    assert head(team.git_a) == before
    assert (team.a / path(1)).read_bytes() == article(1)
    assert sh(team.a, "status", "--porcelain") == ""
    assert not recover(team.git_a)


def test_a_new_clone_with_no_commit_takes_the_team_s_site(team: Team, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    sh(fresh, "init", "-q", "-b", "main")
    sh(fresh, "remote", "add", "origin", str(team.remote))
    result = sync(Git(fresh))
    assert result.state is SyncState.UPDATED
    assert (fresh / path(2)).read_bytes() == article(2)
    assert (("A", path(1)) in result.changed) and sh(fresh, "status", "--porcelain") == ""
