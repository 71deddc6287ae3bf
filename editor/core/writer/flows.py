"""Items of a flow collection (``[a, 'b']``, ``{a: 1, b: 2}``) removed, inserted and moved
without writing the collection again: a removed item goes with the separator after it (the
last one, with the separator before it); new and moved items are written beside the items
that keep their place, with the separator the file uses there. Every other character stays.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from editor.core.writer.items import ItemPlan, J

_SEP_COMMENT = re.compile(r"[ \t]*#[^\r\n]*")
Add = Callable[[int, int, str], None]


def _sep(sep: str) -> str:
    """A separator to write again: without its comment, in LF (``apply_changes`` writes the
    file's line endings)."""
    return _SEP_COMMENT.sub("", sep).replace("\r\n", "\n")


def splice_flow(text: str, spots: list[tuple[int, int]], plan: ItemPlan[J],
                item_text: Callable[[int], str], add: Add) -> bool:
    """Plan the changes for ``plan`` over items at ``spots`` (start, end of each old item's
    text); ``item_text(j)`` is the text of new item ``j`` that no old item gives. False when
    no old item keeps its place (the caller writes the collection again)."""
    if not plan.pairs:
        return False
    seps = [text[a[1] : b[0]] for a, b in itertools.pairwise(spots)]
    runs: list[list[int]] = []
    for i in sorted(plan.gone):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        first, last = run[0], run[-1]
        if last < len(spots) - 1:
            add(spots[first][0], spots[last + 1][0], "")
        else:
            add(spots[first - 1][1], spots[last][1], "")
    tail_gone = bool(runs) and runs[-1][-1] == len(spots) - 1

    def sep_at(i: int) -> str:
        return _sep(seps[min(i, len(seps) - 1)]) if seps else ", "

    groups: dict[int | None, list[str]] = {}
    for j, source in plan.placed:
        part = (text[spots[source][0] : spots[source][1]].replace("\r\n", "\n")
                if source is not None else item_text(j))
        groups.setdefault(plan.anchor(j), []).append(part)
    for at, parts in groups.items():
        if at is None:  # before the first item that stays
            first = plan.pairs[0][0]
            add(spots[first][0], spots[first][0], "".join(p + sep_at(first) for p in parts))
        elif at + 1 < len(spots) and not (tail_gone and runs[-1][0] == at + 1):
            # before the next item, so after a comment that ends the separator's line
            add(spots[at + 1][0], spots[at + 1][0], "".join(p + sep_at(at) for p in parts))
        else:
            add(spots[at][1], spots[at][1], "".join(sep_at(at) + p for p in parts))
    return True
