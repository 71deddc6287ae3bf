"""The collector pause around index builds: large builds are frozen once, small ones leave
their garbage collectable, nesting and threads pause once."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

import pytest

from editor.core import tuning
from editor.core.index.folder_index import FolderIndex
from tests.conftest import SAMPLE


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def make_cycle() -> weakref.ref[Node]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture(autouse=True)
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_small_build_freezes_nothing_and_its_garbage_is_collected() -> None:
    frozen = gc.get_freeze_count()
    with tuning.collector_paused():
        assert not gc.isenabled()
        cycle = make_cycle()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.collect()
    assert cycle() is None


def test_a_large_build_is_frozen_after_it() -> None:
    with tuning.collector_paused():
        kept = [[n] for n in range(tuning.FREEZE_MIN + 10)]
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


def test_repeated_refreshes_of_an_indexed_folder_leak_nothing(tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    index = FolderIndex(site)
    try:
        index.refresh()
        frozen = gc.get_freeze_count()
        cycles = []
        for _ in range(3):
            cycles.append(make_cycle())
            index.refresh()
        assert gc.get_freeze_count() == frozen
        gc.collect()
        assert all(ref() is None for ref in cycles)
    finally:
        index.close()
