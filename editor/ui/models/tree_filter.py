"""Which entries match the words typed in the tree's filter, and each folder's share of them.

Every loop over the 36,000 haystacks runs in C (``map``, ``compress``): a Python loop over
them cost 15-35 ms a key, a multi-word one three times that. The last few answers are kept,
so Backspace, which un-types towards an earlier filter, finds its answer without a scan, and
a word typed on looks only among the earlier matches, for that word alone (the words before
it are already in them).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import compress, repeat
from operator import contains

from editor.ui.models.tree_data import Folder

#: Answers kept for Backspace (a filter is a few words of a dozen characters or so).
KEPT = 48


def matching(hay: Sequence[str], words: Sequence[str],
             pool: Sequence[int] | None = None) -> list[int]:
    """The numbers (ascending) of the haystacks holding every word, of ``pool`` (ascending)
    or of all of them."""
    found: Sequence[int] = range(len(hay)) if pool is None else pool
    for word in words:
        texts = hay if isinstance(found, range) else map(hay.__getitem__, found)
        found = list(compress(found, map(contains, texts, repeat(word))))
    return list(found)


class Matches:
    """``matching`` with its recent answers kept, over haystacks that only change through
    ``changed``."""

    def __init__(self, hay: Sequence[str]) -> None:
        self.hay = hay
        self._kept: dict[tuple[str, ...], list[int]] = {}

    def find(self, words: Sequence[str], refine_from: Sequence[str] | None = None) -> list[int]:
        """Entries matching ``words``; ``refine_from`` is an earlier filter each of whose
        words is inside the same word of these (so its matches hold all of these)."""
        key = tuple(words)
        found = self._kept.pop(key, None)
        if found is None:
            pool = self._kept.get(tuple(refine_from)) if refine_from else None
            if pool is not None and refine_from:  # its matches hold its words already
                old = list(refine_from)
                words = [w for i, w in enumerate(words) if i >= len(old) or w != old[i]]
            found = matching(self.hay, words, pool)
        self._kept[key] = found  # the newest last
        if len(self._kept) > KEPT:
            del self._kept[next(iter(self._kept))]
        return found

    def changed(self) -> None:
        """Some haystack changed: no answer kept holds."""
        self._kept.clear()


def share_out(matches: list[int], folders: Sequence[Folder]) -> None:
    """Set each folder's ``shown`` to its ``articles`` that are in ``matches`` (ascending).
    A folder's articles are one run of numbers (see ``tree_data.prepare_tree``): its share
    is one slice of the matches."""
    for folder in folders:
        articles = folder.articles
        if articles:
            folder.shown = matches[bisect_left(matches, articles[0]):
                                   bisect_left(matches, articles[-1] + 1)]
        else:
            folder.shown = []
