"""The article tree as it was last prepared, kept beside the folder's index under the same
key as its kept report (see ``report_cache.digest``): a folder opened again shows its tree
from the cached rows at once, in title order, without decoding every entry to sort it."""

from __future__ import annotations

import marshal
from collections.abc import Mapping

from editor.core.checks.report_cache import ReportCache
from editor.core.index.entry import Entry
from editor.ui.models.tree_data import TreeData, build_tree

KIND = "tree"
#: Changes whenever what is kept, or what a haystack holds, changes.
FORMAT = 1


def keep_tree(cache: ReportCache, key: bytes | None, tree: TreeData) -> None:
    """Keep ``tree`` (as ``prepare_tree`` made it) under ``key``."""
    number, hay = tree.number, tree.hay
    paths = [e.path for e in tree.by_title]
    if len(paths) != len(hay):
        return  # not a tree build_tree made
    blob = (FORMAT, paths, [hay[number[p]] for p in paths], sorted(tree.problems),
            tree.widest_id)
    cache.put(KIND, key, marshal.dumps(blob))


def kept_tree(cache: ReportCache, key: bytes | None,
              entries: Mapping[str, Entry]) -> TreeData | None:
    """The tree kept under ``key`` over these entries (the ones it was made of), or None."""
    blob = cache.get(KIND, key)
    if blob is None:
        return None
    try:
        form, paths, hay, problems, widest = marshal.loads(blob)
        if form != FORMAT or len(paths) != len(entries) or len(hay) != len(paths):
            return None
        if not all(type(text) is str for text in hay) or type(widest) is not str:
            return None
        by_title = [entries[p] for p in paths]
    except (EOFError, ValueError, TypeError, KeyError):
        return None
    return build_tree(by_title, dict(zip(paths, hay, strict=True)), set(problems), widest)
