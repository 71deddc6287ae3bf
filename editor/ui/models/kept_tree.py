"""The article tree as it was last prepared, kept beside the folder's index under the same
key as its kept report (see ``report_cache.digest``): a folder opened again shows its tree
from the cached rows at once, in title order, without decoding every entry to sort it."""

from __future__ import annotations

import marshal
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from editor.core.checks.folder_checks import Report
from editor.core.checks.report_cache import (
    ReportCache,
    digest,
    keep_report,
    site_stamp,
    stamps_of,
)
from editor.core.index.entry import Entry
from editor.core.index.rowstore import Known
from editor.ui.models.tree_data import TreeData, build_tree, prepare_tree

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


@dataclass
class FolderView:
    """The folder as the window holds it after a save, copied in the UI thread for
    ``keep_view`` to keep in a pool thread: the index's entries and their files' stamps, and
    the folder's report. ``cancelled`` is set in the UI thread once it is no longer the
    folder's latest state (another save, the folder closed): nothing of it is kept then."""

    cache: ReportCache
    root: Path  # the folder: its site's own files are part of the key (``site_stamp``)
    entries: dict[str, Entry]
    stamps: dict[str, Known]
    report: Report
    cancelled: bool = False


def keep_view(view: FolderView) -> bool:
    """Keep the tree and the report of ``view`` under the key the folder's next opening
    computes from the same rows and stamps (see ``jobs._show_kept``); False when nothing was
    kept (a stamp not known, or cancelled). The tree is prepared from copies of the entries
    still packed, so the UI thread may decode its own at the same time."""
    key = digest(stamps_of(view.entries, view.stamps), site_stamp(view.root))
    if key is None or view.cancelled:
        return False
    tree = prepare_tree([entry.own_copy() for entry in view.entries.values()])
    if view.cancelled:
        return False
    keep_tree(view.cache, key, tree)
    keep_report(view.cache, key, view.report)
    return True
