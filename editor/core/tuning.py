"""Interpreter tuning, in one place: the cyclic collector around large acyclic builds, the
index's worker processes, the window's thread switch interval, and freed memory handed back.

Index entries hold no reference cycles. Making 36,000 of them triggers the cyclic collector's
full passes again and again (they more than double a warm load, and in a pool thread each
pass holds the interpreter lock for hundreds of milliseconds, freezing the window). So a
build pauses the collector and, once it is done, moves what exists out of its sight
(``gc.freeze``); refcounting still frees it.

Each build freezes, small ones too (a re-check of an open folder). That resets the
collector's counts, so its next pass comes from the UI thread's own allocations rather than
at once in the pool thread that ends the build: a pass there that frees Qt objects of the
window crashes PySide (an abort or a segfault in the event loop, seen in the window's tests
when only large builds froze). A freeze would also keep for good the garbage cycles made
since the last one (the window's, between two re-checks), so before a build the thread that
starts it, the UI thread, collects what is not frozen (``collect_unfrozen``): a fraction of a
millisecond, as what earlier builds froze is not looked at (a full pass over a 36,000-article
folder's index takes 0.2-0.4 s).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import sys
import threading
from collections.abc import Callable, Iterator

#: The window's interpreter switch interval (Python's default is 5 ms). Indexing runs in
#: pool threads; a short interval keeps each wait of the UI thread for the interpreter lock
#: short: a repaint calls into Python a few hundred times, each call waiting up to this
#: long while a pool thread runs Python. Measured on 36,000 articles: the longest stall of
#: an empty-cache opening ~400 ms at 5 ms, 64-85 ms at 1 ms, 32-68 ms at 0.1 ms (the
#: opening itself no slower).
WINDOW_SWITCH_INTERVAL = 0.0001

_lock = threading.Lock()
_depth = 0
_was_enabled = True
_frozen = False  # a build has frozen what existed after it


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector while a large acyclic structure is built. Nested and
    concurrent uses pause once; the last one out freezes what exists and resumes."""
    global _depth, _was_enabled, _frozen
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.freeze()
                _frozen = True
                if _was_enabled:
                    gc.enable()


def collect_unfrozen() -> None:
    """Collect, in this thread, the garbage cycles made since the last freeze, which the next
    build's freeze would keep for good. For the UI thread, before a build starts; it does
    nothing while a build runs (its objects are not garbage, only costly to look at) or before
    anything was frozen (the first build freezes what start-up made, as before)."""
    with _lock:
        due = _depth == 0 and _frozen  # (gc.get_freeze_count walks what is frozen: slow)
    if due:
        gc.collect()


def worker_process() -> None:
    """An index worker process only makes acyclic rows and ends: no collector at all."""
    gc.disable()


def for_the_window() -> None:
    """Tuning for the window's process, set once at start-up."""
    sys.setswitchinterval(WINDOW_SWITCH_INTERVAL)


def release_freed_memory() -> bool:
    """Hand the heap's free pages back to the system, after a job's large temporaries are
    freed: glibc keeps them otherwise (measured on 36,000 articles: the window's resident
    memory after opening the folder 430 MB, 370 MB once released). A few milliseconds, in
    C, with the interpreter lock released. True when memory was released; False where the C
    library has no ``malloc_trim`` (only glibc has it)."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only here: the window's start-up does not need it

    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim  # the process's libc
    except (OSError, AttributeError):  # a C library without it (musl)
        return None
    return trim
