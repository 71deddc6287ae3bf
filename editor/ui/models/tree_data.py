"""What the article tree shows: the folder index as subject folders of articles.

The tree opens at the subjects. Leading folders that lead to them (``content/learn``) are not
rows of their own: ``prepare_tree`` walks down from the top while one sub-folder holds most of
the files (the *hub*), shows the hub's sub-folders (the subjects) as the top rows, and
puts every folder left outside the hub after them, named by its path (``content/posts``, and
``content`` for the pages lying directly in it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from editor.core.index.entry import Entry

#: A sub-folder (with sub-folders of its own) holding more than this share of a folder's
#: files is walked into: the folder is mostly a way to it (``content`` beside a few pages
#: and posts, ``learn`` in ``content``).
HUB_SHARE = 0.5
#: How many of a folder's articles are asked for its subject (at most about this many).
SUBJECT_SAMPLE = 100


class Folder:
    """A folder row. Articles are entry numbers; ``shown``/``shown_folders`` pass the filter.
    ``label`` is what the row says; ``named`` is True once it needs no subject from entries
    (it has one, or it is named by its path)."""

    __slots__ = ("articles", "count", "folders", "label", "name", "named", "parent", "path",
                 "row", "shown", "shown_folders")

    def __init__(self, name: str, path: str, parent: Folder | None) -> None:
        self.name, self.path, self.parent = name, path, parent
        self.label, self.named = humanise(name), False
        self.folders: list[Folder] = []
        self.articles: list[int] = []
        self.shown_folders: list[Folder] = []
        self.shown: list[int] = []
        self.count = 0
        self.row = 0


def humanise(slug: str) -> str:
    """``computer-science`` → ``Computer science``: a folder's name as words."""
    words = slug.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else slug


def haystack(entry: Entry) -> str:
    return " ".join(
        (entry.display_title, str(entry.id or ""), entry.name, entry.keywords, entry.subject)
    ).lower()


def id_text(entry: Entry) -> str:
    return "" if entry.id is None else str(entry.id)


@dataclass(frozen=True)
class Refreshed:
    """Entries read again, with what the tree keeps of each (its filter text, the widest
    id), made where they were read: off the UI thread, which then only swaps them in."""

    entries: list[Entry]
    hay: list[str]
    widest_id: str


def refreshed(entries: list[Entry]) -> Refreshed:
    return Refreshed(entries, list(map(haystack, entries)),
                     max(map(id_text, entries), key=len, default=""))


@dataclass
class TreeData:
    """The sorted entries and folder structure the model shows, built off the UI thread."""

    entries: list[Entry]
    hay: list[str]
    number: dict[str, int]
    folder_of: list[Folder]
    root: Folder
    folders: list[Folder]
    problems: set[str]
    widest_id: str = field(default="")
    #: The entries in title order, as ``build_tree`` was given them.
    by_title: list[Entry] = field(default_factory=list)


def taken_apart(tree: TreeData) -> list[object]:
    """The tree's containers, taken out of it (it is left empty): for ``release_later``,
    which empties only the ones nobody else holds."""
    found: list[object] = [tree.entries, tree.hay, tree.number, tree.folder_of, tree.folders,
                           tree.problems, tree.by_title]
    tree.entries, tree.hay, tree.number, tree.folder_of = [], [], {}, []
    tree.folders, tree.problems, tree.by_title = [], set(), []
    return found


def prepare_tree(entries: list[Entry]) -> TreeData:
    """The tree of these entries (decoding each: titles order it)."""
    return build_tree(sorted(entries, key=_title_order))


def build_tree(by_title: list[Entry], hay: dict[str, str] | None = None,
               problems: set[str] | None = None, widest_id: str | None = None) -> TreeData:
    """The tree of entries already in title order. ``hay``, ``problems`` and ``widest_id``,
    as an earlier tree of the same entries had them (see ``kept_tree``), spare decoding
    every entry: only a few per folder are read, for its subject."""
    ordered = by_title
    root = Folder("", "", None)
    root.named = True
    folders = {"": root}
    folder_of = []
    for i, entry in enumerate(ordered):
        folder_path = entry.path.rpartition("/")[0]
        folder = folders.get(folder_path) or _make_folder(folders, folder_path)
        folder.articles.append(i)
        folder_of.append(folder)
    _name_by_subject(folders.values(), ordered)
    for folder in folders.values():
        folder.folders.sort(key=_folder_order)
    _open_at_hub(root, folder_of)
    ordered, folder_of = _by_folder(ordered, list(folders.values()))
    return TreeData(
        ordered,
        [haystack(e) for e in ordered] if hay is None else [hay[e.path] for e in ordered],
        {e.path: i for i, e in enumerate(ordered)},
        folder_of, root, list(folders.values()),
        ({e.path for e in ordered if e.kind == "error" or e.missing} if problems is None
         else problems),
        _widest_id(ordered) if widest_id is None else widest_id,
        by_title,
    )


def _by_folder(ordered: list[Entry], folders: list[Folder]) -> tuple[list[Entry], list[Folder]]:
    """The entries numbered folder by folder, each folder's in title order: a folder's
    articles are then one run of numbers, and its share of a filter's matches one slice of
    them (see ``tree_filter.share_out``). With each entry's folder."""
    numbered: list[Entry] = []
    folder_of: list[Folder] = []
    for folder in folders:
        start = len(numbered)
        numbered += [ordered[i] for i in folder.articles]
        folder_of += [folder] * len(folder.articles)
        folder.articles = list(range(start, len(numbered)))
    return numbered, folder_of


def _widest_id(entries: list[Entry]) -> str:
    """The longest id as text: of whole numbers, the largest or the most negative."""
    ids = [e.id for e in entries]
    numbers = [i for i in ids if type(i) is int]
    texts = [str(i) for i in ids if i is not None and type(i) is not int]
    if numbers:
        texts += [str(max(numbers)), str(min(numbers))]
    return max(texts, key=len, default="")


def _make_folder(folders: dict[str, Folder], path: str) -> Folder:
    parent_path, _, name = path.rpartition("/")
    parent = folders.get(parent_path) or _make_folder(folders, parent_path)
    folder = folders[path] = Folder(name, path, parent)
    parent.folders.append(folder)
    return folder


def _name_by_subject(folders, ordered: list[Entry]) -> None:
    """A folder is named by the subject most of its articles give (``Computer Science``,
    though some say ``Computer science``); without one, by its humanised name."""
    for folder in folders:
        if folder.named:
            continue
        articles = folder.articles  # a hundred, spread over the titles, tell the majority
        step = max(1, len(articles) // SUBJECT_SAMPLE)
        subjects = Counter(s for i in articles[::step] if (s := ordered[i].subject))
        if subjects:
            folder.label, folder.named = subjects.most_common(1)[0][0], True


def _open_at_hub(root: Folder, folder_of: list[Folder]) -> None:
    """Make the hub's sub-folders the top rows, the folders outside it after them."""
    totals: dict[int, int] = {}

    def total(folder: Folder) -> int:
        key = id(folder)
        if key not in totals:
            totals[key] = len(folder.articles) + sum(total(f) for f in folder.folders)
        return totals[key]

    chain = [root]
    while chain[-1].folders:
        biggest = max(chain[-1].folders, key=total)
        if not biggest.folders or total(biggest) <= HUB_SHARE * total(chain[-1]):
            break
        chain.append(biggest)
    if len(chain) == 1:
        return
    hub = chain[-1]
    outside: list[Folder] = []
    for folder, inner in pairwise(chain):
        outside += [f for f in folder.folders if f is not inner]
        if folder is not root and folder.articles:
            outside.append(folder)  # the files lying directly in it, as one row
        folder.folders = []
    for folder in outside:
        folder.label, folder.named = folder.path, True
    for i in hub.articles:
        folder_of[i] = root
    root.articles = sorted(root.articles + hub.articles)
    hub.articles = []
    root.folders = hub.folders + sorted(outside, key=lambda f: f.path.lower())
    for folder in root.folders:
        folder.parent = root


_NUMBER = re.compile(r"(\d+)")


def _title_order(entry: Entry) -> tuple[str, str]:
    """By title as a person sorts: "… (2)" before "… (10)" (numbers compared as numbers,
    padded to nine digits, so the key stays a string and the sort stays in C)."""
    title = entry.display_title.lower()
    if _NUMBER.search(title):  # one C scan: most titles have no number
        title = _NUMBER.sub(_padded, title)
    return (title, entry.path)


def _padded(match: re.Match[str]) -> str:
    return match[1].zfill(9)


def _folder_order(folder: Folder) -> str:
    return folder.label.lower()
