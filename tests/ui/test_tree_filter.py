"""The tree's filter as typed: every key, Backspace included, shows what a fresh filter of the
same text shows; titles filling in are found; each folder keeps its articles in title order.
Real widgets offscreen, real key events."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from editor.core.index.entry import Entry
from editor.ui.models.tree_data import prepare_tree
from editor.ui.models.tree_filter import Matches, matching
from editor.ui.panes.article_tree import ArticleTree

SUBJECTS = ("biology", "chemistry", "history")
WORDS = ("cell", "energy", "river", "memory", "acid", "empire", "enzyme", "salt")


def entries() -> list[Entry]:
    """Ninety articles over three subjects and a few pages, titles made of two words each."""
    out = []
    for n in range(90):
        subject = SUBJECTS[n % 3]
        title = f"{WORDS[n % 8].title()} and {WORDS[(n * 5 + 1) % 8]} {n}"
        out.append(Entry(f"content/learn/{subject}/a{n}.md", id=1000 + n, title=title,
                         subject=subject.title(), keywords=f"kw{n % 7}"))
    out += [Entry("content/about.md", title="About the salt river"),
            Entry("content/posts/news.md", title="News of the empire")]
    return out


def shown(tree: ArticleTree) -> list[tuple[str, list[str]]]:
    """Each folder row's label and its article rows' titles, top to bottom."""
    model, out = tree.model, []
    for row in range(model.rowCount()):
        folder = model.index(row, 0)
        if model.entry_at(folder) is not None:
            out.append(("", [model.data(folder)]))
            continue
        titles = [model.data(model.index(r, 0, folder)) for r in range(model.rowCount(folder))]
        out.append((model.data(folder), titles))
    return out


def fresh(text: str) -> list[tuple[str, list[str]]]:
    """What a tree that had only ever been given ``text`` shows."""
    tree = ArticleTree()
    tree.model.set_tree_data(prepare_tree(entries()))
    tree.model.set_filter(text)
    return shown(tree)


def test_each_key_and_backspace_show_what_a_fresh_filter_shows(qtbot) -> None:
    tree = ArticleTree()
    qtbot.addWidget(tree)
    tree.model.set_tree_data(prepare_tree(entries()))
    tree.show()
    tree.filter_box.setFocus()
    seen = set()
    for key in [*"energy a", *[Qt.Key.Key_Backspace] * 3, *"cid", *[Qt.Key.Key_Backspace] * 8,
                *"10 kw3", *[Qt.Key.Key_Backspace] * 6]:
        with qtbot.waitSignal(tree.model.modelReset):
            qtbot.keyClick(tree.filter_box, key)
        text = tree.filter_box.text()
        assert shown(tree) == fresh(text), text
        seen.add(tree.model.visible_articles())
    assert tree.filter_box.text() == ""
    assert len(seen) > 5  # the keys went through several different results
    assert tree.model.visible_articles() == 92


def test_a_title_filled_in_is_found_when_the_filter_is_typed_again(qtbot) -> None:
    tree = ArticleTree()
    qtbot.addWidget(tree)
    listed = [Entry(e.path) for e in entries()]  # the listing: names only
    tree.model.set_tree_data(prepare_tree(listed))
    tree.filter_box.setFocus()
    qtbot.keyClicks(tree.filter_box, "zebra")
    assert tree.model.visible_articles() == 0
    for _ in "zebra":
        qtbot.keyClick(tree.filter_box, Qt.Key.Key_Backspace)
    path = "content/learn/history/a5.md"
    tree.model.update_entries([Entry(path, id=7, title="Zebra crossings", subject="History")])
    qtbot.keyClicks(tree.filter_box, "zebra")
    assert tree.model.visible_articles() == 1
    index = tree.model.index_for_path(path)
    assert index.isValid() and tree.model.data(index) == "Zebra crossings"
    assert tree.view.isExpanded(index.parent())


def test_folders_keep_their_articles_in_title_order_under_any_filter(qtbot) -> None:
    tree = ArticleTree()
    qtbot.addWidget(tree)
    tree.model.set_tree_data(prepare_tree(entries()))
    for text in ("", "e", "and m", "10"):
        tree.filter_box.setText(text)
        rows = shown(tree)
        assert rows
        for label, titles in rows:
            if label:
                assert titles == sorted(titles, key=_natural), (text, label)
                assert label.endswith(f"({len(titles)})")
    # every article is reachable by its path, and its row shows it
    tree.filter_box.setText("")
    model = tree.model
    for entry in entries():
        index = model.index_for_path(entry.path)
        assert index.isValid() and model.entry_at(index).path == entry.path
    assert model.index_for_path("content/none.md") == QModelIndex()


def _natural(title: str) -> tuple[str, int]:
    words, _, number = title.rpartition(" ")
    return (words.lower(), int(number)) if number.isdigit() else (title.lower(), 0)


def test_a_word_typed_on_finds_what_a_full_scan_finds() -> None:
    hay = ["energy acid base", "acid energy", "energy", "base acid", "energetic acidic",
           "acid", "an energy of acid"]
    finder = Matches(hay)
    steps = [["e"], ["en"], ["energy"], ["energy", "a"], ["energy", "ac"], ["energy", "ac"],
             ["energy", "acid", "b"], ["energy", "acid", "ba"]]
    before: list[str] | None = None
    for words in steps:
        assert finder.find(words, before) == matching(hay, words), words
        before = words
