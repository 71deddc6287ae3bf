"""The tree's own row painting (``tree_delegate``): pixel for pixel what Qt's item painting
draws, and its cached elisions follow a resized column, a changed title and a zoom."""

from __future__ import annotations

from pathlib import Path

from editor.core.index.entry import Entry
from editor.ui.panes.article_tree import ArticleTree
from tests.ui.helpers import MITO, SLEEP, painted, painted_by_qt
from tests.ui.test_tree import LONG_REL, LONG_TITLE, add_long_article, tree_of


def shown_tree(qtbot, site: Path) -> ArticleTree:
    add_long_article(site)
    tree = tree_of(qtbot, site)
    tree.view.expandAll()
    tree.model.set_marked(MITO, True)  # bold, with its mark
    tree.model.set_problem_paths({SLEEP})  # red
    tree.select_path(MITO)
    tree.view.setFocus()
    qtbot.waitUntil(tree.view.hasFocus)
    return tree


def test_rows_paint_as_qt_paints_them(qtbot, sample_copy: Path) -> None:
    tree = shown_tree(qtbot, sample_copy)
    assert painted(tree.view) == painted_by_qt(tree.view)


def test_a_resized_column_elides_titles_anew(qtbot, sample_copy: Path) -> None:
    tree = shown_tree(qtbot, sample_copy)
    index = tree.model.index_for_path(LONG_REL)
    tree.view.scrollTo(index)
    before = painted(tree.view)
    width = tree.view.visualRect(index).width()
    tree.resize(tree.width() + 90, tree.height())
    qtbot.waitUntil(lambda: tree.view.visualRect(index).width() > width)
    wider = tree.view.visualRect(index).width()
    assert len(tree.delegate.elided(LONG_TITLE, wider)) > len(
        tree.delegate.elided(LONG_TITLE, width))  # more of the title fits
    after = painted(tree.view)
    assert after != before
    assert after == painted_by_qt(tree.view)
    tree.resize(tree.width() - 90, tree.height())
    qtbot.waitUntil(lambda: tree.view.visualRect(index).width() == width)
    assert painted(tree.view) == before == painted_by_qt(tree.view)


def test_a_changed_title_is_painted(qtbot, sample_copy: Path) -> None:
    tree = shown_tree(qtbot, sample_copy)
    before = painted(tree.view)
    entry = tree.model.entry_at(tree.model.index_for_path(SLEEP))
    assert entry is not None
    renamed = Entry(SLEEP, kind="article", id=entry.id, subject=entry.subject,
                    title="How does a short night change what we feel the next day, and why?")
    tree.model.update_entries([renamed])
    after = painted(tree.view)
    assert after != before
    assert after == painted_by_qt(tree.view)


def test_zoom_elides_in_the_new_font(qtbot, sample_copy: Path) -> None:
    tree = shown_tree(qtbot, sample_copy)
    small = painted(tree.view)
    tree.set_zoom(4)
    big = painted(tree.view)
    assert big != small
    assert big == painted_by_qt(tree.view)
