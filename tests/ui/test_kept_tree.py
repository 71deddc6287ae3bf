"""The tree kept beside the index: rebuilt from the cached rows as prepare_tree made it."""

from __future__ import annotations

from editor.core.checks.report_cache import ReportCache, from_pieces, in_pieces
from editor.core.index.entry import Entry, pack
from editor.ui.models.kept_tree import keep_tree, kept_tree
from editor.ui.models.tree_data import prepare_tree


def _entries() -> list[Entry]:
    return [Entry(f"content/learn/{s}/a{i}.md", title=f"Title {i} of {s}", subject=s.title())
            for s in ("biology", "chemistry") for i in (10, 2, 1)]


def test_a_kept_tree_is_the_prepared_one(tmp_path):
    cache = ReportCache(tmp_path / "index.sqlite")
    entries = _entries()
    tree = prepare_tree(entries)
    keep_tree(cache, b"k" * 16, tree)
    again = kept_tree(cache, b"k" * 16, {e.path: e for e in entries})
    assert again is not None
    assert [e.path for e in again.entries] == [e.path for e in tree.entries]
    assert again.hay == tree.hay and again.problems == tree.problems
    assert [f.label for f in again.root.folders] == [f.label for f in tree.root.folders]
    assert [e.path for e in again.by_title] == [e.path for e in tree.by_title]
    assert again.number == tree.number and again.widest_id == tree.widest_id
    assert [again.folders.index(f) for f in again.folder_of] == [
        tree.folders.index(f) for f in tree.folder_of]
    assert [(f.path, f.articles, f.parent and f.parent.path) for f in again.folders] == [
        (f.path, f.articles, f.parent and f.parent.path) for f in tree.folders]
    assert kept_tree(cache, b"j" * 16, {e.path: e for e in entries}) is None  # another key
    assert kept_tree(cache, b"k" * 16, {e.path: e for e in entries[1:]}) is None  # other files


def test_a_kept_tree_decodes_no_entry(tmp_path):
    """Shown while the folder opens: no entry is read for its order or its folders' names."""
    cache = ReportCache(tmp_path / "index.sqlite")
    tree = prepare_tree(_entries())
    keep_tree(cache, b"k" * 16, tree)
    packed = {e.path: Entry.packed(e.path, e.size, e.mtime_ns, pack(e)[3]) for e in _entries()}
    again = kept_tree(cache, b"k" * 16, packed)
    assert again is not None and [f.label for f in again.root.folders] == ["Biology", "Chemistry"]
    assert all(entry._packed is not None for entry in packed.values())  # none decoded


def test_a_kept_tree_of_another_shape_is_not_believed(tmp_path):
    cache = ReportCache(tmp_path / "index.sqlite")
    entries = {e.path: e for e in _entries()}
    tree = prepare_tree(list(entries.values()))
    keep_tree(cache, b"k" * 16, tree)
    blob = list(from_pieces(cache.get("tree", b"k" * 16)))
    for at, wrong in ((5, [-1] * len(entries)), (3, [99] * len(entries)), (6, 99),
                      (4, [("", "", -1, None, True, [], [])])):
        damaged = list(blob)
        damaged[at] = wrong
        cache.put("tree", b"d" * 16, in_pieces(tuple(damaged)))
        assert kept_tree(cache, b"d" * 16, entries) is None, at
