"""The tree kept beside the index: rebuilt from the cached rows as prepare_tree made it."""

from __future__ import annotations

from editor.core.checks.report_cache import ReportCache
from editor.core.index.entry import Entry
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
    assert kept_tree(cache, b"j" * 16, {e.path: e for e in entries}) is None  # another key
    assert kept_tree(cache, b"k" * 16, {e.path: e for e in entries[1:]}) is None  # other files
