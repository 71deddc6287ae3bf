"""Runs the folder index refresh in the thread pool; results arrive by signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from editor.core.index import FolderIndex


class IndexSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object, object)  # FolderIndex, list[Entry]


class IndexJob(QRunnable):
    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.signals = IndexSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        index = FolderIndex(self.root)
        entries = index.refresh(progress=self.signals.progress.emit)
        self.signals.finished.emit(index, list(entries.values()))
