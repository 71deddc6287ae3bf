"""Interpreter tuning, in one place: the cyclic collector around large acyclic builds, the
index's worker processes, and the window's thread switch interval.

Index entries hold no reference cycles. Making 36,000 of them triggers the cyclic collector's
full passes again and again (they more than double a warm load, and in a pool thread each
pass holds the interpreter lock for hundreds of milliseconds, freezing the window). So a
build pauses the collector, and a build that leaves many objects moves them out of its sight
(``gc.freeze``) once it is done; refcounting still frees them. A small build, such as a quiet
re-check of an open folder, freezes nothing: what it leaves stays collectable, so garbage
made between builds is never frozen for good.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Iterator

#: A build leaving more new tracked objects than this is frozen after it (36,000 entries
#: leave several hundred thousand; a re-check that changed a few files leaves hundreds).
FREEZE_MIN = 50_000

#: The window's interpreter switch interval (Python's default is 5 ms). Indexing runs in
#: pool threads; a short interval keeps each wait of the UI thread for the interpreter lock
#: short. Measured on 36,000 articles, the longest UI stall while indexing fell from ~400 ms
#: to ~50 ms.
WINDOW_SWITCH_INTERVAL = 0.001

_lock = threading.Lock()
_depth = 0
_was_enabled = True
_count_at_start = 0


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector while a large acyclic structure is built. Nested and
    concurrent uses pause once; the last one out freezes a large build and resumes."""
    global _depth, _was_enabled, _count_at_start
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
            _count_at_start = gc.get_count()[0]
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                if gc.get_count()[0] - _count_at_start > FREEZE_MIN:
                    gc.freeze()
                if _was_enabled:
                    gc.enable()


def worker_process() -> None:
    """An index worker process only makes acyclic rows and ends: no collector at all."""
    gc.disable()


def for_the_window() -> None:
    """Tuning for the window's process, set once at start-up."""
    sys.setswitchinterval(WINDOW_SWITCH_INTERVAL)
