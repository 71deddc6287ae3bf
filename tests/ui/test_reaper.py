"""Large structures the window lets go of are emptied in a pool thread, never in use."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QThreadPool

from editor.ui.controllers.reaper import release_later


class Item:
    pass


def test_released_containers_are_emptied_off_the_ui_thread(qtbot) -> None:
    items = [Item() for _ in range(1000)]
    refs = [weakref.ref(i) for i in items]
    table = {n: Item() for n in range(1000)}
    table_refs = [weakref.ref(i) for i in table.values()]
    gc.disable()  # only the reaper may free them: no collector pass, no cycles anyway
    try:
        release_later(items, table)
        del items, table
        assert all(r() is not None for r in refs)  # not at once: after the next repaint
        qtbot.waitUntil(lambda: all(r() is None for r in refs + table_refs), timeout=5000)
    finally:
        gc.enable()


def test_a_container_still_in_use_is_left_whole(qtbot) -> None:
    kept = list(range(100))
    shared = {"a": 1}
    last = [Item()]  # emptied after the other two: once it is, the reaper is done
    gone = weakref.ref(last[0])
    release_later(last, kept, shared)
    del last
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    assert QThreadPool.globalInstance().waitForDone(5000)
    assert kept == list(range(100))
    assert shared == {"a": 1}
