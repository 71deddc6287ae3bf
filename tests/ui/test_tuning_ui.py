"""Window activations re-check the folder; the re-checks must not freeze what they leave."""

from __future__ import annotations

import gc
import weakref

from editor.ui.main_window import MainWindow


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_repeated_rechecks_freeze_nothing_and_leak_nothing(qtbot, window: MainWindow) -> None:
    window.pool.waitForDone(10_000)
    frozen = gc.get_freeze_count()
    cycles = []
    for _ in range(3):
        a, b = Node(), Node()
        a.other, b.other = b, a
        cycles.append(weakref.ref(a))
        del a, b
        window.folder_ctl.recheck()
        window.pool.waitForDone(10_000)
    assert gc.get_freeze_count() == frozen
    gc.collect()
    assert all(ref() is None for ref in cycles)
