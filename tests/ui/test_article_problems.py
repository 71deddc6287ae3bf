"""The open article's problems above its fields: built from the document's current data."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.checks.folder_checks import article_problems
from editor.core.document.article import ArticleDocument
from editor.ui.main_window import MainWindow
from editor.ui.panes.article_problems import ArticleProblems
from tests.conftest import SAMPLE
from tests.ui.helpers import SLEEP, pick, replace_text

MITO = "content/learn/biology/what-role-do-mitochondria-play-in-a-cell.md"


def test_a_70_character_seo_title_shows_a_warning(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    shutil.copy(SAMPLE / MITO, path)
    doc = ArticleDocument.load(path)
    widget = ArticleProblems()
    qtbot.addWidget(widget)
    widget.show()
    widget.update_problems(article_problems(doc.data, MITO, None))
    assert widget.isHidden() and widget.rows == []

    doc.set_field("seo.title", "QuickTakes | " + "m" * 57)
    widget.update_problems(article_problems(doc.data, MITO, None))
    assert widget.isVisible()
    assert widget.texts() == ["SEO title is 70 characters, 10 over the limit of 60"]
    assert widget.rows[0].accessibleName().startswith("Warning: ")
    widget.resize(420, 60)
    qtbot.waitUntil(lambda: widget.rows[0].isVisible() and widget.rows[0].width() > 200)
    with qtbot.waitSignal(widget.fieldFocusRequested) as blocker:
        qtbot.mouseClick(widget.rows[0], Qt.MouseButton.LeftButton,
                         pos=QPoint(8, widget.rows[0].fontMetrics().height() // 2))
    assert blocker.args == ["seo.title"]

    doc.set_field("seo.title", "QuickTakes | Biology")
    widget.update_problems(article_problems(doc.data, MITO, None))
    assert widget.isHidden()


def test_long_problems_wrap_to_a_narrow_form(qtbot) -> None:
    doc = ArticleDocument.load(SAMPLE / MITO)
    doc.set_field("url", "/learn/biology/questions/" + "a-very-long-url-" * 8)
    widget = ArticleProblems()
    qtbot.addWidget(widget)
    widget.update_problems(article_problems(doc.data, MITO, None))
    assert widget.texts()[0].startswith("URL “/learn/biology/questions/a-very-long-url")
    assert widget.minimumSizeHint().width() < 300


def test_errors_come_first_and_unchanged_problems_keep_their_rows(qtbot) -> None:
    doc = ArticleDocument.load(SAMPLE / MITO)
    doc.set_field("seo.page_description", "d" * 170)
    doc.unset("date")
    widget = ArticleProblems()
    qtbot.addWidget(widget)
    widget.update_problems(list(reversed(article_problems(doc.data, MITO, None))))
    assert widget.texts() == ["Date is required but missing",
                              "SEO description is 170 characters, 10 over the limit of 160"]
    first = widget.rows[0]
    widget.update_problems(article_problems(doc.data, MITO, None))
    assert widget.rows[0] is first  # nothing rebuilt while the writer types elsewhere


def test_typing_in_the_form_changes_the_problems(qtbot, window: MainWindow) -> None:
    """The document's data follows each keystroke: the SEO warning is there before Save."""
    pick(qtbot, window, SLEEP)
    widget = ArticleProblems(window)
    qtbot.addWidget(widget)
    widget.show()
    replace_text(window.findChild(QPlainTextEdit, "field:seo.page_description"), "w" * 165)
    doc = window.controller.document
    widget.update_problems(article_problems(doc.data, SLEEP, window.folder_ctl.catalog))
    assert widget.texts() == ["SEO description is 165 characters, 5 over the limit of 160"]
    assert window.controller.document.modified
