"""The collector pause around index builds: what a build leaves is frozen after it, nesting
and threads pause once, a collector switched off stays off; freed memory is handed back."""

from __future__ import annotations

import gc
import threading

import pytest

from editor.core import tuning


@pytest.fixture(autouse=True)
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_build_is_frozen_after_it_and_the_collector_resumes() -> None:
    with tuning.collector_paused():
        assert not gc.isenabled()
        kept = [[n] for n in range(10_000)]
    assert gc.get_freeze_count() >= len(kept) and gc.isenabled()


def test_nested_and_concurrent_pauses_resume_once() -> None:
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with tuning.collector_paused():
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    with tuning.collector_paused():
        thread.start()
        assert entered.wait(10)
        with tuning.collector_paused():
            pass
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread still builds
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with tuning.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def _rss_pages() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1])


@pytest.mark.skipif(tuning._malloc_trim() is None, reason="the C library has no malloc_trim")
def test_freed_memory_is_handed_back_to_the_system() -> None:
    # 8 KB buffers come from the C heap (not Python's small-object arenas); one kept in
    # every hundred pins the heap's top, so glibc keeps the freed ones until asked.
    buffers = [bytearray(8192) for _ in range(8_000)]
    kept = buffers[::100]
    del buffers
    before = _rss_pages()
    assert tuning.release_freed_memory()
    assert _rss_pages() < before - 8_000  # pages of 4 KB: more than 32 MB handed back
    assert len(kept) == 80

