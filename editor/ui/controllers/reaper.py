"""Letting go of large structures without a stall.

Freeing the 36,000 entries of a folder the window no longer shows happens in one go when
their last container is dropped, and holds the interpreter for 60-80 ms: a visible stall
if it happens in the UI thread. ``release_later`` empties such containers in a pool thread
instead, one item at a time, so the interpreter changes hands as usual.
"""

from __future__ import annotations

import sys
from functools import partial

from PySide6.QtCore import QRunnable, QThreadPool, QTimer


class _Reaper(QRunnable):
    def __init__(self, containers: list[object]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # kept in ``_held`` until done, as the jobs are
        self.containers = containers
        self.done = False

    def run(self) -> None:
        try:
            self._empty()
        finally:
            self.done = True

    def _empty(self) -> None:
        containers, self.containers = self.containers, []
        while containers:
            item = containers.pop()
            # Only a container nobody else holds is emptied (here: `item` and the call's
            # argument); anything still in use is merely let go.
            if sys.getrefcount(item) <= 2:
                if isinstance(item, list):
                    while item:
                        item.pop()
                elif isinstance(item, dict):
                    while item:
                        item.popitem()
            del item


#: How long the containers wait before they are emptied (ms): the window's repaint of what
#: replaced them comes first (emptying 36,000 entries at once with it, its calls into
#: Python waited for the interpreter: a 40 ms repaint).
AFTER_MS = 500


def release_later(*containers: object) -> None:
    """Drop these (lists and dicts) in a pool thread, item by item, once the window has
    repainted. The caller must hold no other reference to them after the call."""
    global _held
    reaper = _Reaper(list(containers))
    # Referenced here until done, so neither the timer nor the pool ever holds the last
    # reference to the Python object (see ``jobs.Jobs._start``).
    _held = [r for r in _held if not r.done] + [reaper]
    QTimer.singleShot(AFTER_MS, partial(QThreadPool.globalInstance().start, reaper))


#: The reapers started and not known to be done.
_held: list[_Reaper] = []
