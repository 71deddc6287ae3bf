"""Hostile files in the window: a value YAML cannot build is that file's parse error, shown
at its line and column; the rest of the folder is indexed and checked as usual."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from tests.conftest import SAMPLE

BAD = "content/learn/odd/maybe.md"


@pytest.fixture
def hostile_window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    bad = site / BAD
    bad.parent.mkdir(parents=True)
    bad.write_text("---\ntitle: Maybe\npublished: !!bool maybe\nwhen: !!timestamp nope\n---\n")
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.DISCARD)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    win.open_folder(site)
    qtbot.waitUntil(lambda: win.index is not None, timeout=10_000)
    yield win, site
    win.controller.close()
    win.pool.waitForDone(5000)


def test_an_unbuildable_tag_is_one_files_parse_error(qtbot, hostile_window) -> None:
    window, site = hostile_window
    folder_ctl = window.folder_ctl
    qtbot.waitUntil(lambda: folder_ctl.report is not None, timeout=10_000)
    entries = folder_ctl.entries()
    articles = [e for e in entries.values() if e.is_article]
    assert len(articles) == len(list((SAMPLE / "content").rglob("*.md")))  # all still indexed
    problems = [p for p in folder_ctl.report.problems if p.file == BAD]
    assert [(p.code, p.line, p.column) for p in problems] == [("parse-error", 3, 12)]
    assert "the value 'maybe' is not true or false" in problems[0].message
    assert BAD in {p.file for p in window.problems.model.rows}
    assert BAD in window.tree.model.problems

    window.open_article(site / BAD)
    assert window.controller.read_only
    shown = html.unescape(window.banner.text())
    assert "maybe.md, line 3, column 12: the value 'maybe' is not true or false" in shown
    assert not window.save()


def test_an_other_field_named_with_a_dot_is_that_key_in_edits_and_merges(
        qtbot, window, sample_copy) -> None:
    """A key ``link.url`` beside a mapping ``link: {url:}``: the writer's edit of the Other
    field goes to that key, also when someone else changed the file meanwhile (the merge)."""
    from PySide6.QtWidgets import QPlainTextEdit

    from tests.ui.helpers import SLEEP, pick, replace_text

    path = sample_copy / SLEEP
    text = path.read_text()
    path.write_text(text.replace("author: QuickTakes\n",
                                 "author: QuickTakes\nlink.url: /x\nlink:\n  url: /y\n"))
    pick(qtbot, window, SLEEP)
    other = window.findChild(QPlainTextEdit, "field:'link.url'")
    assert other is not None and other.toPlainText() == "/x"
    replace_text(other, "/mine")
    path.write_text(path.read_text().replace("author: QuickTakes", "author: Someone Else"))
    window.controller.check_disk()
    qtbot.waitUntil(lambda: "merged" in window.banner.text(), timeout=5_000)
    assert window.save()
    saved = path.read_text()
    assert "author: Someone Else\nlink.url: /mine\nlink:\n  url: /y\n" in saved


def test_a_new_article_without_slug_characters_is_refused_in_the_dialog(
        qtbot, window, sample_copy, monkeypatch) -> None:
    """File > New Article with the question ``???``: the dialog comes back with the reason and
    what was typed; no hidden ``.md`` file is made."""
    asked: list[tuple[str, str, str]] = []

    def ask(_w, _subjects, subject: str = "", question: str = "", error: str = ""):
        asked.append((subject, question, error))
        return ("Biology", "???") if len(asked) == 1 else None

    monkeypatch.setattr(dialogs, "ask_new_article", ask)
    before = sorted(sample_copy.rglob("*"))
    window.menus[ActionId.NEW_ARTICLE].trigger()
    assert len(asked) == 2 and asked[1][:2] == ("Biology", "???")
    assert asked[1][2].startswith("Not created: the question “???” has no letters a-z")
    assert sorted(sample_copy.rglob("*")) == before
