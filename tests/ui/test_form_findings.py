"""Form behaviour a writer ran into: pages and articles side by side, one-line fields,
text typed into Other fields, and the order Tab takes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from editor.core.checks.folder_checks import article_problems
from editor.core.index.catalog import Catalog
from tests.ui.helpers import SLEEP, diff_lines, pick, replace_text

PAGE = """---
title: Home
legacy_id: 'A-17'
content_blocks:
  - _bookshop_name: hero
    heading: Learn faster
---
"""


def make_page(site: Path) -> Path:
    path = site / "content" / "index.md"
    path.write_text(PAGE)
    return path


def test_a_page_with_a_title_leaves_the_articles_title_field_working(qtbot, window,
                                                                    sample_copy) -> None:
    window.open_article(make_page(sample_copy))
    assert window.findChild(QPlainTextEdit, "field:title").toPlainText() == "Home"
    pick(qtbot, window, SLEEP)
    title = window.form.bindings["title"].widget
    assert isinstance(title, QLineEdit) and title.isEnabled()
    assert title.text() == "How does sleep affect emotional regulation?"
    replace_text(title, "How does sleep steady our moods?")
    assert window.save()
    assert "title: >-\n    How does sleep steady our moods?\n" in (sample_copy / SLEEP).read_text()


def test_text_typed_in_an_other_field_stays_text(qtbot, window, sample_copy) -> None:
    page = make_page(sample_copy)
    window.open_article(page)
    box = window.findChild(QPlainTextEdit, "field:legacy_id")
    for typed, expected in (("0017", "legacy_id: '0017'\n"), ("NO", "legacy_id: 'NO'\n")):
        replace_text(box, typed)
        assert window.save()
        assert expected in page.read_text(), page.read_text()
    blocks = window.findChild(QPlainTextEdit, "field:content_blocks")
    lines = blocks.toPlainText().count("\n") + 1
    assert blocks.height() >= blocks.fontMetrics().lineSpacing() * lines


def test_one_line_fields_never_hold_hidden_line_breaks(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    before = (sample_copy / SLEEP).read_text()
    author = window.findChild(QLineEdit, "field:author")
    author.setFocus()
    author.selectAll()
    author.insert("Both are\nimportant")  # what a paste of two lines gives a line edit
    author.textEdited.emit(author.text())
    question = window.findChild(QPlainTextEdit, "field:question")
    question.setFocus()
    question.moveCursor(question.textCursor().MoveOperation.End)
    qtbot.keyClick(question, Qt.Key.Key_Return)
    assert "\n" not in question.toPlainText()
    mime = QMimeData()
    mime.setText(" And\nmore?")
    question.insertFromMimeData(mime)
    assert window.save()
    changed = diff_lines(before, (sample_copy / SLEEP).read_text())
    assert all("\\n" not in line for line in changed), changed
    assert "+author: Both are important\n" in changed
    assert "+    How does sleep affect emotional regulation? And more?\n" in changed


def test_tab_follows_the_form_as_drawn(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    window.activateWindow()
    score = window.findChild(QLineEdit, "field:score")
    score.setFocus()
    qtbot.waitUntil(score.hasFocus)
    qtbot.keyClick(score, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "field:seo.title"
    author = window.findChild(QLineEdit, "field:post_on_text")
    author.setFocus()
    qtbot.keyClick(author, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "field:author"


def test_a_slot_without_an_id_says_so_in_plain_words(window) -> None:
    data = {"question": "q", "answer": "a", "id": 1, "title": "T", "subject": "S",
            "related_article3": {"title": "Only a title"}}
    catalog = Catalog([])
    words = [p.plain for p in article_problems(data, "content/learn/s/t.md", catalog)
             if p.code == "related-broken"]
    assert words == ["Related 3 has no id: pick the article in its search box"]
    summary = window.problems.summary.text()
    assert " 1 errors" not in summary and " 1 warnings" not in summary
