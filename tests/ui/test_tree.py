"""The article tree as a writer uses it: readable rows, subjects on top, keys, reveal, palette,
zoom. Real widgets offscreen, real folders in temp dirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit

from editor.core.index.entry import Entry
from editor.core.index.folder_index import FolderIndex
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.models import tree_model
from editor.ui.models.tree_data import prepare_tree, refreshed
from editor.ui.panes.article_tree import ArticleTree, contrast, humanise
from tests.ui.helpers import MITO, SLEEP, pick

SUBJECTS = ["Biology", "Computer Science", "Education Studies", "History of the World",
            "Psychology"]
LONG_TITLE = ("How do enzymes, cofactors and the shape of an active site together speed up "
              "the chemical reactions inside living cells?")
LONG_REL = "content/learn/biology/how-do-enzymes-and-cofactors-speed-up-reactions.md"
WIDE_ID = "8500123"


def add_long_article(site: Path) -> None:
    """An article with a long title and a seven-digit id, in the site's format."""
    text = (site / MITO).read_text()
    head, _, body = text.partition("\n---")
    lines = head.split("\n")
    out, skipping = [], False
    for line in lines:
        if skipping and line.startswith("  "):
            continue
        skipping = False
        if line.startswith("id:"):
            line = f"id: {WIDE_ID}"
        elif line.startswith("title:"):
            line, skipping = f"title: {LONG_TITLE}", True
        out.append(line)
    (site / LONG_REL).write_text("\n".join(out) + "\n---" + body)


def add_posts_and_pages(site: Path) -> None:
    posts = site / "content" / "posts"
    posts.mkdir()
    for n in (1, 2):
        (posts / f"news-{n}.md").write_text(f"---\ntitle: News {n}\ndate: 2024-01-0{n}\n---\n"
                                            f"Post {n}.\n")
    (site / "content" / "about.md").write_text("---\ntitle: About us\n---\nWho we are.\n")


def open_window(qtbot, site: Path, size: tuple[int, int] = (1400, 860)) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    win.open_folder(site)
    qtbot.waitUntil(lambda: win.index is not None, timeout=10_000)
    return win


def close_window(win: MainWindow) -> None:
    win.controller.close()
    win.pool.waitForDone(5000)


def top_labels(tree: ArticleTree) -> list[str]:
    model = tree.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def tree_of(qtbot, site: Path) -> ArticleTree:
    tree = ArticleTree()
    qtbot.addWidget(tree)
    tree.resize(320, 500)
    entries = FolderIndex(site, site.parent / "c.sqlite").refresh()
    tree.model.set_tree_data(prepare_tree(list(entries.values())))
    tree.show()
    qtbot.waitExposed(tree)
    return tree


# -- 1. readable titles and ids ------------------------------------------------------------
@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)])
def test_whole_titles_and_ids_at_writer_sizes(qtbot, sample_copy: Path, monkeypatch,
                                              size: tuple[int, int]) -> None:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.DISCARD)
    add_long_article(sample_copy)
    win = open_window(qtbot, sample_copy, size)
    view, model = win.tree.view, win.tree.model
    index = model.index_for_path(LONG_REL)
    view.scrollTo(index)
    qtbot.waitUntil(lambda: view.visualRect(index).isValid())
    # The title column takes the width the id column leaves; nothing spills sideways.
    assert view.columnWidth(0) + view.columnWidth(1) == view.viewport().width()
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    # The widest id is never cut, bold (unsaved) or not.
    id_index = index.siblingAtColumn(1)
    assert model.data(id_index) == WIDE_ID
    assert view.columnWidth(1) >= view.sizeHintForIndex(id_index).width()
    model.set_marked(LONG_REL, True)
    assert view.columnWidth(1) >= view.sizeHintForIndex(id_index).width()
    assert model.data(index, Qt.ItemDataRole.FontRole).bold()
    # The title shows more of itself than before (cut at ~25 characters), the rest is elided
    # in the middle, and the tooltip says it all.
    title = view.visualRect(index)
    assert title.x() == 2 * view.indentation() <= 28  # subject arrow, then the title
    assert title.right() + 1 == view.columnWidth(0)  # up to the id column
    shown = view.fontMetrics().elidedText(LONG_TITLE, Qt.TextElideMode.ElideMiddle,
                                          title.width())
    assert len(shown) > 25 and shown.startswith("How do ") and shown.endswith(" cells?")
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    for part in (LONG_TITLE, "Biology", WIDE_ID, LONG_REL):
        assert part in tip
    assert model.data(id_index, Qt.ItemDataRole.ToolTipRole) == tip
    assert view.uniformRowHeights()
    close_window(win)


def test_id_column_grows_when_a_longer_id_fills_in(qtbot, sample_copy: Path) -> None:
    tree = tree_of(qtbot, sample_copy)
    before = tree.view.columnWidth(1)
    entry = tree.model.entry_at(tree.model.index_for_path(MITO))
    wider = Entry(MITO, kind="article", id=123456789012, title=entry.title, subject="Biology")
    tree.model.update_entries([wider])
    assert tree.view.columnWidth(1) > before
    index = tree.model.index_for_path(MITO).siblingAtColumn(1)
    assert tree.view.columnWidth(1) >= tree.view.sizeHintForIndex(index).width()


def test_a_batch_read_while_opening_is_taken_with_its_filter_text(qtbot,
                                                                  sample_copy: Path) -> None:
    """As the index job hands batches over: filter texts made before; an entry the tree
    does not list (a file come since the listing) neither shows nor widens the id column."""
    tree = tree_of(qtbot, sample_copy)
    entry = tree.model.entry_at(tree.model.index_for_path(MITO))
    renamed = Entry(MITO, kind="article", id=entry.id, title="Zebra powerhouses",
                    subject="Biology")
    stranger = Entry("content/learn/biology/new.md", kind="article", id=10 ** 15,
                     title="Not listed", subject="Biology")
    batch = refreshed([renamed, stranger])
    assert batch.hay[0].startswith("zebra powerhouses") and batch.widest_id == str(10 ** 15)
    widest = tree.model.widest_id
    tree.model.take_refreshed(batch)
    assert tree.model.widest_id == widest
    assert tree.model.index_for_path(stranger.path) == QModelIndex()
    tree.model.set_filter("zebra")
    assert tree.model.visible_articles() == 1


# -- 2. subjects by name -------------------------------------------------------------------
def test_folders_show_the_subject_name_with_the_count(qtbot, window: MainWindow) -> None:
    assert top_labels(window.tree) == [f"{s}  ({n})" for s, n in
                                       zip(SUBJECTS, (3, 3, 2, 3, 3), strict=True)]


def test_folder_names_without_subjects_and_while_titles_fill_in(qtbot,
                                                                sample_copy: Path) -> None:
    assert humanise("computer-science") == "Computer science"
    assert humanise("history_of_the_world") == "History of the world"
    entries = FolderIndex(sample_copy, sample_copy.parent / "c.sqlite").refresh()
    tree = ArticleTree()
    qtbot.addWidget(tree)
    # the listing: names only
    tree.model.set_tree_data(prepare_tree([Entry(rel) for rel in entries]))
    assert top_labels(tree)[1] == "Computer science  (3)"
    tree.model.update_entries(list(entries.values()))
    assert top_labels(tree)[1] == "Computer Science  (3)"


def test_the_subject_most_articles_give_names_the_folder(qtbot) -> None:
    tree = ArticleTree()
    qtbot.addWidget(tree)
    folder = "content/learn/computer-science"
    tree.model.set_tree_data(prepare_tree([
        Entry(f"{folder}/a.md", id=1, title="A", subject="Computer science"),
        Entry(f"{folder}/b.md", id=2, title="B", subject="Computer Science"),
        Entry(f"{folder}/c.md", id=3, title="C", subject="Computer Science"),
        Entry("content/learn/other/d.md", id=4, title="D"),
    ]))
    assert top_labels(tree) == ["Computer Science  (3)", "Other  (1)"]


def test_the_tree_replaced_is_let_go_of_after_the_repaint(qtbot) -> None:
    import weakref

    class Tracked(Entry):
        __slots__ = ("__weakref__",)

    tree = ArticleTree()
    qtbot.addWidget(tree)
    listed = prepare_tree([Tracked(f"content/learn/x/{n}.md") for n in range(200)])
    tree.model.set_tree_data(listed)
    first = weakref.ref(listed.entries[0])
    read = prepare_tree([Entry(f"content/learn/x/{n}.md", id=n, title=f"T{n}")
                         for n in range(200)])
    tree.model.set_tree_data(read)
    assert listed.entries == [] and listed.number == {}  # taken apart, for the reaper
    assert tree.model.visible_articles() == 200 and tree.model.tree_data is read
    qtbot.waitUntil(lambda: first() is None, timeout=5000)


def test_folders_opened_while_the_folder_is_read_stay_open(qtbot) -> None:
    """The tree listed while the folder opens is replaced by the one read: what the writer
    opened and scrolled to stays as it was."""
    def entries(read: bool) -> list[Entry]:
        return [Entry(f"content/learn/{s}/{n}.md", id=n, title=f"{s} {n}", subject=s.title())
                if read else Entry(f"content/learn/{s}/{n}.md")
                for s in ("art", "biology", "chemistry", "physics") for n in range(40)]

    tree = ArticleTree()
    qtbot.addWidget(tree)
    tree.resize(320, 300)
    tree.set_tree_data(prepare_tree(entries(read=False)))
    tree.show()
    qtbot.waitExposed(tree)
    model, view = tree.model, tree.view
    assert [label.split()[0] for label in top_labels(tree)] == [
        "Art", "Biology", "Chemistry", "Physics"]
    for row in (1, 3):  # biology and physics
        view.expand(model.index(row, 0))
    view.setCurrentIndex(model.index(3, 0))  # physics, clicked
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = bar.value()
    assert top > 0
    tree.set_tree_data(prepare_tree(entries(read=True)))
    shown = {model.data(model.index(row, 0)).split()[0]: view.isExpanded(model.index(row, 0))
             for row in range(model.rowCount())}
    assert shown == {"Art": False, "Biology": True, "Chemistry": False, "Physics": True}
    assert view.currentIndex() == model.index(3, 0)
    assert bar.value() == top


# -- 3. open at the subjects ---------------------------------------------------------------
def test_tree_opens_at_the_subjects_and_other_folders_stay_reachable(qtbot,
                                                                     sample_copy: Path) -> None:
    add_posts_and_pages(sample_copy)
    tree = tree_of(qtbot, sample_copy)
    model = tree.model
    assert top_labels(tree) == [f"{s}  ({n})" for s, n in
                                zip(SUBJECTS, (3, 3, 2, 3, 3), strict=True)] + [
        "content  (1)", "content/posts  (2)"]
    assert model.visible_articles() == 17  # every file is in the tree
    # An article is one click away: its subject is a top row.
    mito = model.index_for_path(MITO)
    assert mito.parent().isValid() and not mito.parent().parent().isValid()
    assert model.data(mito.parent()).startswith("Biology")
    for rel, folder in (("content/posts/news-2.md", "content/posts  (2)"),
                        ("content/about.md", "content  (1)")):
        index = model.index_for_path(rel)
        assert index.isValid() and model.data(index.parent()) == folder
    # A click on the subject's name opens it, the article is right there; a click on its
    # arrow closes it.
    view = tree.view
    subject = mito.parent()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(subject).center())
    assert view.isExpanded(subject) and view.visualRect(mito).isValid()
    arrow = view.visualRect(subject).adjusted(-view.indentation(), 0, 0, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=arrow.topLeft() + QPoint(view.indentation() // 2, arrow.height() // 2))
    assert not view.isExpanded(subject)
    view.setCurrentIndex(subject)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.isExpanded(subject)
    # A filter still finds files outside the subjects.
    tree.filter_box.setText("news")
    assert model.visible_articles() == 2
    assert top_labels(tree) == ["content/posts  (2)"]


def test_a_flat_folder_is_shown_as_it_is(qtbot) -> None:
    tree = ArticleTree()
    qtbot.addWidget(tree)
    tree.model.set_tree_data(prepare_tree([Entry("a.md", title="A"),
                                           Entry("notes/b.md", title="B"),
                                           Entry("notes/c.md", title="C")]))
    assert top_labels(tree) == ["Notes  (2)", "A"]


# -- 4. keyboard ---------------------------------------------------------------------------
def test_down_enter_up_and_escape_between_filter_and_results(qtbot, window: MainWindow) -> None:
    tree, view = window.tree, window.tree.view
    window.activateWindow()
    tree.focus_filter()
    qtbot.waitUntil(tree.filter_box.hasFocus)
    qtbot.keyClicks(tree.filter_box, "why")
    first = tree.model.first_article()
    assert tree.model.entry_at(first).display_title.lower().startswith("why")
    qtbot.keyClick(tree.filter_box, Qt.Key.Key_Down)
    assert view.hasFocus() and view.currentIndex() == first
    qtbot.keyClick(view, Qt.Key.Key_Up)  # to the subject row above
    assert view.hasFocus() and not view.currentIndex().parent().isValid()
    qtbot.keyClick(view, Qt.Key.Key_Up)  # the top row: back to the filter
    assert tree.filter_box.hasFocus()
    # Enter opens the first result.
    with qtbot.waitSignal(tree.articleRequested) as opened:
        qtbot.keyClick(tree.filter_box, Qt.Key.Key_Return)
    assert opened.args == [tree.model.entry_at(first).path]
    qtbot.waitUntil(lambda: window.current_rel == opened.args[0])
    assert view.hasFocus() and view.currentIndex() == tree.model.index_for_path(window.current_rel)
    # Escape in the filter clears it.
    tree.focus_filter()
    assert tree.filter_box.selectedText() == "why"
    qtbot.keyClick(tree.filter_box, Qt.Key.Key_Escape)
    assert tree.filter_box.text() == "" and tree.model.visible_articles() == 14
    # With no filter, Down goes to the open article, kept selected and shown.
    qtbot.keyClick(tree.filter_box, Qt.Key.Key_Down)
    assert view.currentIndex() == tree.model.index_for_path(window.current_rel)
    assert view.isExpanded(view.currentIndex().parent())


# -- 5. reveal -----------------------------------------------------------------------------
def test_a_new_article_shows_in_the_tree_under_a_filter(qtbot, window: MainWindow,
                                                        sample_copy: Path, monkeypatch) -> None:
    tree = window.tree
    qtbot.keyClicks(tree.filter_box, "mitochondria")
    assert tree.model.visible_articles() == 1
    monkeypatch.setattr(dialogs, "ask_new_article",
                        lambda _w, _subjects: ("Biology", "Why do cells divide?"))
    ready: list[object] = []
    window.folder_ctl.indexReady.connect(ready.append)
    window.menus[ActionId.NEW_ARTICLE].trigger()
    new = "content/learn/biology/why-do-cells-divide.md"
    qtbot.waitUntil(lambda: bool(ready) and window.current_rel == new, timeout=10_000)
    index = tree.model.index_for_path(new)
    assert index.isValid() and tree.view.currentIndex() == index
    assert tree.view.visualRect(index).isValid()  # scrolled to, its folder open
    assert tree.filter_box.text() == "mitochondria"  # the filter is kept...
    assert tree.model.visible_articles() == 2  # ...with the new article beside its match
    tree.filter_box.setText("mitochondria ")  # a new filter lets it go
    assert not tree.model.index_for_path(new).isValid()


def test_reveal_shows_a_filtered_out_article(qtbot, sample_copy: Path) -> None:
    tree = tree_of(qtbot, sample_copy)
    tree.filter_box.setText("mitochondria")
    tree.reveal(SLEEP)
    index = tree.model.index_for_path(SLEEP)
    assert index.isValid() and tree.view.currentIndex() == index
    assert tree.view.visualRect(index).isValid()
    assert tree.model.visible_articles() == 2
    other = ("content/learn/psychology/"
             "why-does-spaced-repetition-help-people-remember-facts-longer.md")
    tree.reveal(other)  # the article opened next takes its place
    assert tree.model.index_for_path(other).isValid()
    assert not tree.model.index_for_path(SLEEP).isValid()
    assert tree.model.visible_articles() == 2


# -- 6. dark palettes ----------------------------------------------------------------------
def _palette(base: str, text: str) -> QPalette:
    palette = QPalette(QApplication.palette())
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Base, QColor(base))
        palette.setColor(group, QPalette.ColorRole.Window, QColor(base))
        palette.setColor(group, QPalette.ColorRole.Text, QColor(text))
    return palette


@pytest.mark.parametrize(("base", "text"), [("#1e1e1e", "#d4d4d4"), ("#2b2b2b", "#e0e0e0"),
                                            ("#ffffff", "#000000"), ("#f3f3f3", "#1e1e1e")])
def test_problem_rows_read_on_any_base(qtbot, sample_copy: Path, base: str, text: str) -> None:
    tree = tree_of(qtbot, sample_copy)
    tree.setPalette(_palette(base, text))
    tree.model.set_problem_paths({MITO})
    brush = tree.model.data(tree.model.index_for_path(MITO), Qt.ItemDataRole.ForegroundRole)
    assert brush is not None
    red = brush.color()
    assert red.red() > red.green() and red.red() > red.blue()  # still a red
    assert contrast(red, tree.view.palette().color(QPalette.ColorRole.Base)) >= 4.5
    assert tree.model.data(tree.model.index_for_path(SLEEP),
                           Qt.ItemDataRole.ForegroundRole) is None


# -- 7. zoom -------------------------------------------------------------------------------
def _row_height(tree: ArticleTree) -> int:
    index = tree.model.index_for_path(MITO)
    tree.view.scrollTo(index)
    return tree.view.visualRect(index).height()


def test_set_zoom_makes_rows_taller_and_bold_follows(qtbot, sample_copy: Path) -> None:
    tree = tree_of(qtbot, sample_copy)
    tree.model.set_marked(MITO, True)
    height, id_width = _row_height(tree), tree.view.columnWidth(1)
    tree.set_zoom(8)
    assert _row_height(tree) > height
    assert tree.view.columnWidth(1) > id_width
    index = tree.model.index_for_path(MITO)
    assert tree.view.columnWidth(1) >= tree.view.sizeHintForIndex(index.siblingAtColumn(1)).width()
    bold = tree.model.data(index, Qt.ItemDataRole.FontRole)
    assert bold.bold() and bold.pointSizeF() == tree.view.font().pointSizeF()
    assert tree.filter_box.font().pointSizeF() == tree.view.font().pointSizeF()
    tree.set_zoom(0)
    assert _row_height(tree) == height


def test_a_font_set_on_the_view_is_followed(qtbot, sample_copy: Path) -> None:
    tree = tree_of(qtbot, sample_copy)
    tree.model.set_marked(MITO, True)
    height = _row_height(tree)
    font = QFont(tree.view.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    tree.view.setFont(font)
    QApplication.sendPostedEvents(tree.view, QEvent.Type.LayoutRequest)
    assert _row_height(tree) > height
    index = tree.model.index_for_path(MITO)
    bold = tree.model.data(index, Qt.ItemDataRole.FontRole)  # unsaved: bold at the new size
    assert bold.bold() and bold.pointSizeF() == font.pointSizeF()
    assert tree.view.columnWidth(1) >= tree.view.sizeHintForIndex(index.siblingAtColumn(1)).width()


def test_first_article_of_an_empty_tree(qtbot) -> None:
    tree = ArticleTree()
    qtbot.addWidget(tree)
    assert tree.model.first_article() == QModelIndex()
    qtbot.keyClick(tree.filter_box, Qt.Key.Key_Down)  # nothing to go to: no error
    assert isinstance(tree.filter_box, QLineEdit)


# -- 7. a save repaints its own rows --------------------------------------------------------
def test_a_save_repaints_only_the_rows_it_changes(qtbot, window: MainWindow,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A save's few changed rows are repainted one by one: a range over the top-level rows
    would make the view walk every row shown below them (every open subject's articles)."""
    model = window.tree.model
    window.tree.view.expandAll()
    pick(qtbot, window, MITO)
    ranges: list[tuple[int, int, object]] = []

    def on_changed(first: QModelIndex, last: QModelIndex) -> None:
        ranges.append((first.row(), last.row(), first.parent()))

    model.dataChanged.connect(on_changed)
    window.controller.set_field("title", "What do mitochondria do in a cell?")
    with qtbot.waitSignal(window.folder_ctl.problemsChanged, timeout=5000):
        window.menus[ActionId.SAVE].trigger()
    row = model.index_for_path(MITO)
    assert (row.row(), row.row(), row.parent()) in ranges
    assert all(first == last for first, last, _parent in ranges)
    assert model.data(row) == "What do mitochondria do in a cell?"
    # many rows at once (a whole re-check) are repainted in one range
    monkeypatch.setattr(tree_model, "FEW_ROWS", 5)
    ranges.clear()
    every = {e.path for e in window.index.articles()}
    model.set_problem_paths(every)
    assert ranges == [(0, model.rowCount() - 1, QModelIndex())]
    assert model.data(row, Qt.ItemDataRole.ForegroundRole) == model.problem_brush
