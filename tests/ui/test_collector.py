"""The collector around re-checks: what a re-check freezes is not garbage kept for good."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from PySide6.QtCore import QThreadPool

from editor.ui.controllers.folder import FolderController
from editor.ui.controllers.jobs import Jobs

#: Objects in each garbage cycle the test makes: more than a re-check's own noise.
CYCLE = 2_000


class _Node:
    """One object of a reference cycle: it holds a list of tracked lists, and itself in it."""

    def __init__(self) -> None:
        self.load: list[object] = [[] for _ in range(CYCLE)]
        self.load.append(self)


def _garbage_cycle() -> weakref.ref[_Node]:
    """A cycle nothing reaches once this returns; only the cyclic collector frees it."""
    return weakref.ref(_Node())


def test_rechecks_leave_no_garbage_frozen(qtbot, sample_copy: Path) -> None:
    pool = QThreadPool.globalInstance()
    folder = FolderController(Jobs(pool))
    with qtbot.waitSignal(folder.indexReady, timeout=20_000):
        folder.open(sample_copy)
    assert pool.waitForDone(20_000)
    frozen: list[int] = []
    cycles: list[weakref.ref[_Node]] = []
    for _ in range(4):  # as the window re-checks on each activation
        cycles.append(_garbage_cycle())  # the window's garbage between two re-checks
        assert not folder.busy  # so the re-check runs (a quiet one: nothing changed)
        folder.recheck()
        assert pool.waitForDone(20_000)
        frozen.append(gc.get_freeze_count())
    gc.collect()
    assert [ref() is None for ref in cycles] == [True] * len(cycles), frozen
    # What a re-check freezes is what lives: after the first, the count grows only by the
    # runnable (and its __dict__) the thread pool keeps of each job, far less than a cycle.
    assert max(frozen[1:]) - frozen[0] < CYCLE, frozen
    folder.close()
