"""Publishing exactly the chosen files, in the writer's name, and sending them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.document.merge import MISSING
from editor.core.git.publish import (
    IdentityMissingError,
    PublishState,
    default_message,
    identity,
    publish,
    set_identity,
)
from editor.core.git.review import review
from editor.core.git.runner import NOT_SIGNED_IN, NotSignedInError
from editor.core.git.status import status
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh


def test_publish_exactly_the_chosen_paths(team: Team) -> None:
    team.write(team.a, path(1), article(1, title="A new title?"))
    team.write(team.a, path(2), article(2, post_on_text="Written on"))
    (team.a / path(3)).unlink()
    team.write(team.a, path(4), article(4))
    result = publish(team.git_a, [path(1), path(3), path(4)])
    assert result.state is PublishState.PUBLISHED
    assert (result.text, result.attempts) == ("Published", 1)
    assert team.remote_file(path(1)) == article(1, title="A new title?")
    assert team.remote_file(path(4)) == article(4)
    assert team.remote_file(path(2)) == article(2)  # not chosen: not published
    shown = sh(team.remote, "show", "--name-status", "--no-renames",
               "--format=%an <%ae>%n%s", "main")
    assert shown.splitlines() == [
        "Writer A <a@example.com>",
        "Updated 3 articles via Article Editor: A new title?; What is question number 3?; "
        "What is question number 4?",
        "",
        f"M\t{path(1)}",
        f"D\t{path(3)}",
        f"A\t{path(4)}",
    ]
    st = status(team.git_a)
    assert [e.path for e in st.entries] == [path(2)]
    assert (st.ahead, st.behind) == (0, 0)


def test_a_path_with_glob_characters_is_taken_literally(team: Team) -> None:
    team.write(team.a, "content/q*.md", b"star")
    team.write(team.a, "content/qx.md", b"not chosen")
    publish(team.git_a, ["content/q*.md"], "Star")
    tree = sh(team.remote, "ls-tree", "-r", "--name-only", "main").split()
    assert "content/q*.md" in tree and "content/qx.md" not in tree


def test_the_writers_name_lives_in_the_repository(team: Team) -> None:
    sh(team.a, "config", "--unset", "user.name")
    sh(team.a, "config", "--global", "--unset", "user.name")
    assert identity(team.git_a) is None
    team.write(team.a, path(1), article(1, title="T?"))
    with pytest.raises(IdentityMissingError):
        publish(team.git_a, [path(1)])
    set_identity(team.git_a, "Ann Writer", "ann@example.com")
    assert sh(team.a, "config", "--local", "user.name").strip() == "Ann Writer"
    publish(team.git_a, [path(1)])
    assert sh(team.remote, "log", "-1", "--format=%an", "main").strip() == "Ann Writer"


def test_nothing_to_publish(team: Team) -> None:
    assert publish(team.git_a, [path(1)]).state is PublishState.NOTHING


def test_default_message_counts_and_shortens(team: Team) -> None:
    paths = [path(n) for n in range(1, 8)]
    for n in range(4, 8):
        team.write(team.a, path(n), article(n))
    text = default_message(team.git_a, paths)
    assert text.startswith("Updated 7 articles via Article Editor: What is question number 1?")
    assert text.endswith("; and 2 more")
    assert default_message(team.git_a, [path(1)]).startswith("Updated 1 article via")


def test_review_lists_old_and_new_per_field(team: Team) -> None:
    team.write(team.a, path(1), article(1, post_on_text="Written on",
                                        page_description="New description."))
    team.write(team.a, path(5), article(5))
    (team.a / path(2)).unlink()
    files = review(team.git_a, [path(1), path(5), path(2)])
    changed = files[0]
    assert (changed.title, changed.is_new, changed.readable) == (
        "What is question number 1?", False, True)
    assert [(f.key, f.label, f.old, f.new) for f in changed.fields] == [
        ("post_on_text", "Posted-on text", "Posted on", "Written on"),
        ("seo.page_description", "SEO description", "Explore question 1, with its details.",
         "New description."),
    ]
    assert files[1].is_new and files[1].fields[0].old is MISSING
    assert files[2].is_deleted and files[2].fields[0].new is MISSING


def test_not_signed_in_keeps_the_commit_here(team: Team, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    helpers = tmp_path / "bin"
    helpers.mkdir()
    helper = helpers / "git-remote-refusing"  # a transport whose server refuses the sign-in
    helper.write_text("#!/bin/sh\necho \"fatal: Authentication failed for "
                      "'https://example.com/site.git/'\" >&2\nexit 128\n", encoding="utf-8")
    helper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{helpers}{os.pathsep}{os.environ['PATH']}")
    sh(team.a, "remote", "set-url", "origin", "refusing://example.com/site.git")
    team.write(team.a, path(1), article(1, title="Mine?"))
    result = publish(team.git_a, [path(1)])
    assert result.state is PublishState.QUEUED
    assert isinstance(result.error, NotSignedInError)
    assert result.text == f"Saved here; not published yet. {NOT_SIGNED_IN}"
    assert sh(team.a, "log", "-1", "--format=%s").startswith("Updated 1 article")
