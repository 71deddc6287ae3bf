"""The article tree as it was last prepared, kept beside the folder's index under the same
key as its kept report (see ``report_cache.digest``): a folder opened again shows its tree
from the cached rows at once, in title order, without decoding a single entry: its order,
folders and their labels come back as they were made."""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from editor.core.checks.folder_checks import Report
from editor.core.checks.report_cache import (
    ReportCache,
    digest,
    from_pieces,
    in_pieces,
    keep_report,
    site_stamp,
    stamps_of,
)
from editor.core.index.entry import Entry
from editor.core.index.rowstore import Known
from editor.ui.models.tree_data import Folder, TreeData, prepare_tree

KIND = "tree"
#: Changes whenever what is kept, or what a haystack holds, changes.
FORMAT = 2


def keep_tree(cache: ReportCache, key: bytes | None, tree: TreeData) -> None:
    """Keep ``tree`` (as ``build_tree`` made it) under ``key``: its entries' paths in the
    tree's order, their haystacks, its folders as they are, and the title order, so that
    it comes back without sorting or decoding a single entry."""
    entries, number = tree.entries, tree.number
    if not (len(tree.hay) == len(entries) == len(tree.by_title) == len(tree.folder_of)):
        return  # not a tree build_tree made
    at = {id(folder): i for i, folder in enumerate(tree.folders)}
    try:
        folders = [(f.name, f.path, -1 if f.parent is None else at[id(f.parent)], f.label,
                    f.named, f.articles, [at[id(sub)] for sub in f.folders])
                   for f in tree.folders]
        blob = (FORMAT, [e.path for e in entries], tree.hay,
                [number[e.path] for e in tree.by_title], folders,
                [at[id(folder)] for folder in tree.folder_of], at[id(tree.root)],
                sorted(tree.problems), tree.widest_id)
    except KeyError:  # a folder that is not the tree's own
        return
    cache.put(KIND, key, in_pieces(blob))


def kept_tree(cache: ReportCache, key: bytes | None,
              entries: Mapping[str, Entry]) -> TreeData | None:
    """The tree kept under ``key`` over these entries (the ones it was made of), or None."""
    blob = cache.get(KIND, key)
    if blob is None:
        return None
    try:
        form, paths, hay, by_title, rows, folder_of, root, problems, widest = from_pieces(blob)
        if form != FORMAT or not len(paths) == len(entries) == len(hay) == len(by_title):
            return None
        if type(widest) is not str:
            return None
        "".join(hay)  # TypeError unless every haystack is a text (checked in C)
        ordered = [entries[p] for p in paths]
        folders = _folders(rows, len(ordered))
        _within(folder_of, len(folders))
        _within(by_title, len(ordered))
        tree = TreeData(ordered, hay, {p: i for i, p in enumerate(paths)},
                        [folders[i] for i in folder_of], folders[root], folders,
                        set(problems), widest, [ordered[i] for i in by_title])
    except (EOFError, ValueError, TypeError, KeyError, IndexError, OverflowError):
        return None
    return tree if len(tree.folder_of) == len(ordered) else None


def _within(numbers: list[int], count: int) -> None:
    """ValueError (TypeError, OverflowError) unless every one of ``numbers`` is a whole
    number from 0 to count - 1 (checked in C: an array takes only whole numbers)."""
    if numbers and (min(array("q", numbers)) < 0 or max(numbers) >= count):
        raise ValueError("not a kept tree")


def _folders(rows: list[tuple], count: int) -> list[Folder]:
    """The folders as ``keep_tree`` kept them (their articles numbers below ``count``)."""
    folders = [Folder(name, path, None) for name, path, *_rest in rows]
    for folder, (_name, _path, parent, label, named, articles, subs) in zip(
            folders, rows, strict=True):
        if type(label) is not str:
            raise ValueError("not a kept folder")
        _within(articles, count)
        _within([*subs, parent] if parent >= 0 else subs, len(folders))
        folder.parent = folders[parent] if parent >= 0 else None
        folder.label, folder.named = label, bool(named)
        folder.articles = list(articles)
        folder.folders = [folders[i] for i in subs]
    return folders


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
