"""Slow work run in the thread pool (folder index, dictionary); results arrive by signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from editor.core.index import FolderIndex
from editor.core.spelling import Speller


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


class SpellSignals(QObject):
    loaded = Signal()


class SpellJob(QRunnable):
    """Loads the English dictionary (about half a second) off the UI thread."""

    def __init__(self, speller: Speller) -> None:
        super().__init__()
        self.speller = speller
        self.signals = SpellSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        self.speller.load()
        self.signals.loaded.emit()
