"""The chooser's rows: an article's conflicts in fields the site keeps in step are one
choice; on real conflicts from a team repository."""

from __future__ import annotations

from editor.core.document.schema import article_schema
from editor.core.git.choices import group_conflicts, in_step_keys, spoken_list
from editor.core.git.publish import commit
from editor.core.git.sync import SyncState, integrate, resolve
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team, sh


def test_the_fields_kept_in_step_come_from_the_schema() -> None:
    assert in_step_keys(article_schema()) == ("title", "article_title", "question")
    assert spoken_list(["Title"]) == "Title"
    assert spoken_list(["Title", "Question"]) == "Title and Question"
    assert spoken_list(["Title", "Article title", "Question"]) == \
        "Title, Article title and Question"


def conflicts_of(team: Team, mine: dict[int, bytes], theirs: dict[int, bytes]):
    for n, data in mine.items():
        team.write(team.a, path(n), data)
    commit(team.git_a, [path(n) for n in mine])
    sh(team.b, "pull", "-q", "--no-rebase", "origin", "main")
    for n, data in theirs.items():
        team.write(team.b, path(n), data)
    sh(team.b, "commit", "-qam", "Colleague edits")
    sh(team.b, "push", "-q", "origin", "HEAD:main")
    sh(team.a, "fetch", "-q")
    result = integrate(team.git_a)
    assert result.state is SyncState.CONFLICTS
    return result.conflicts


def test_an_article_s_title_fields_are_one_choice(team: Team) -> None:
    conflicts = conflicts_of(
        team,
        {1: article(1, title="Mine?", post_on_text="Mine on"), 2: article(2, title="Mine 2?")},
        {1: article(1, title="Theirs?", post_on_text="Theirs on"),
         2: article(2, post_on_text="Theirs on", title="Theirs 2?"),
         3: article(3, title="Theirs 3?")})
    rows = group_conflicts(conflicts)
    shape = [(r.path, r.label, r.keys) for r in rows]
    assert shape == [
        (path(1), "Title, Article title and Question", ("title", "article_title", "question")),
        (path(1), "Posted-on text", ("post_on_text",)),
        (path(2), "Title, Article title and Question", ("title", "article_title", "question")),
    ]
    assert [r.grouped for r in rows] == [True, False, True]
    assert {c for r in rows for c in r.conflicts} == set(conflicts)  # every one, once


def test_one_field_of_the_group_alone_is_its_own_row(team: Team) -> None:
    mine = article(1).replace(b"question: >-\n    What is question number 1?",
                              b"question: >-\n    Mine?")
    theirs = article(1).replace(b"question: >-\n    What is question number 1?",
                                b"question: >-\n    Theirs?")
    rows = group_conflicts(conflicts_of(team, {1: mine}, {1: theirs}))
    assert [(r.label, r.keys, r.grouped) for r in rows] == [("Question", ("question",), False)]
    done = resolve(team.git_a, {(path(1), "question"): "theirs"})
    assert done.state is SyncState.UPDATED
    assert (team.a / path(1)).read_bytes() == theirs
