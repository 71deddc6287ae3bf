"""The conflict chooser on a real team repository: an article's title, article title and
question, changed on both sides, are one choice (each still choosable alone), and the file
the choices give differs from the team's only where the writer kept theirs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from editor.core.git.publish import commit
from editor.core.git.sync import SyncState
from editor.ui.conflict_dialog import MIXED_INDEX, ConflictDialog
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from tests.core.git.articles import article, path
from tests.core.git.conftest import Team
from tests.ui.helpers import diff_lines
from tests.ui.team import Modals

MINE = article(1, title="What is my question?", post_on_text="Mine on")
THEIRS = article(1, title="What is their question?", post_on_text="Theirs on",
                 date_format="YYYY")
GROUP = "Title, Article title and Question"


def meet_conflicts(team: Team) -> None:
    team.write(team.a, path(1), MINE)
    commit(team.git_a, [path(1)])  # saved here, not published yet
    team.colleague_publishes(path(1), THEIRS)


def choose(qtbot, win: MainWindow, answer) -> tuple[list[SyncState], Modals]:
    states: list[SyncState] = []
    win.publishing.synced.connect(lambda result: states.append(result.state))
    modals = Modals(win, {ConflictDialog: answer})
    win.menus[ActionId.GET_TEAM_CHANGES].trigger()
    qtbot.waitUntil(lambda: len(states) == 2, timeout=20_000)
    modals.stop()
    return states, modals


def test_the_title_fields_are_chosen_once(qtbot, team_window: MainWindow, team: Team) -> None:
    meet_conflicts(team)
    seen: dict[str, object] = {}

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ConflictDialog)
        group, single = dialog.rows()
        seen["articles"] = dialog.articles()
        seen["rows"] = [[row.text(c) for c in range(3)] for row in (group, single)]
        dialog.tree.setCurrentItem(single)
        seen["whole"] = [dialog.ours_text.toPlainText(), dialog.theirs_text.toPlainText()]
        seen["fields"] = [group.child(i).text(0) for i in range(group.childCount())]
        dialog.groups[path(1)].setCurrentIndex(1)  # Take theirs, for the three at once
        seen["each"] = [dialog.choices[(path(1), key)].currentText()
                        for key in ("title", "article_title", "question")]
        dialog.accept()

    states, modals = choose(qtbot, team_window, answer)
    assert modals.seen == ["ConflictDialog"]
    assert states == [SyncState.CONFLICTS, SyncState.UPDATED]
    assert seen["articles"] == ["What is their question?"]
    assert seen["rows"] == [[GROUP, "What is my question?", "What is their question?"],
                            ["Posted-on text", "Mine on", "Theirs on"]]
    assert seen["whole"] == ["Mine on", "Theirs on"]
    assert seen["fields"] == ["Title", "Article title", "Question"]
    assert seen["each"] == ["Take theirs"] * 3
    resolved = (team.a / path(1)).read_bytes()
    assert resolved == article(1, title="What is their question?", post_on_text="Mine on",
                               date_format="YYYY")
    # the team's file, but for the one field kept mine
    assert diff_lines(THEIRS.decode(), resolved.decode()) == [
        "-post_on_text: Theirs on\n", "+post_on_text: Mine on\n"]


def test_a_field_of_the_group_can_still_be_chosen_alone(qtbot, team_window: MainWindow,
                                                        team: Team) -> None:
    meet_conflicts(team)
    seen: dict[str, str] = {}

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ConflictDialog)
        group = dialog.groups[path(1)]
        group.setCurrentIndex(1)
        dialog.choices[(path(1), "question")].setCurrentIndex(0)  # the question: mine
        seen["group"] = group.currentText()
        seen["mixed"] = str(group.currentIndex() == MIXED_INDEX)
        dialog.take_theirs(path(1), "post_on_text")
        dialog.accept()

    states, _modals = choose(qtbot, team_window, answer)
    assert states == [SyncState.CONFLICTS, SyncState.UPDATED]
    assert seen == {"group": "Some of each", "mixed": "True"}
    resolved = (team.a / path(1)).read_bytes()
    assert diff_lines(THEIRS.decode(), resolved.decode()) == [
        "-    What is their question?\n", "+    What is my question?\n"]
    assert resolved == THEIRS.replace(b"question: >-\n    What is their question?",
                                      b"question: >-\n    What is my question?")
