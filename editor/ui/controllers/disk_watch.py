"""Watching files and folders on disk, robust to the ways other programs replace files.

Git, editors and our own saves often replace a file rather than write into it (unlink and
create, or write a temporary file and rename it over). The operating system then ends the
watch on the old file, and a plain QFileSystemWatcher falls silent. These watchers re-add
their paths on every event, also watch the folder (so a file created or renamed into place
is seen), and report once a burst of events has settled.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

#: Events closer together than this are one change (a checkout writes many files at once).
FILE_SETTLE_MS = 100
FOLDER_SETTLE_MS = 500
#: A burst that goes on longer than this (seconds) is reported anyway, then again after it.
LONGEST_BURST = 3.0


class FileWatch(QObject):
    """Watches one file and its folder; ``changed`` once events settle."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, settle_ms: int = FILE_SETTLE_MS) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_event)
        self._watcher.directoryChanged.connect(self._on_event)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self.changed)

    def watch(self, path: Path) -> None:
        self.unwatch()
        self.path = Path(path)
        self.rewatch()

    def unwatch(self) -> None:
        self._timer.stop()
        self.path = None
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)

    def rewatch(self) -> None:
        """Watch the file again if it is there (a replaced file ends the old watch)."""
        if self.path is None:
            return
        folder = str(self.path.parent)
        if folder not in self._watcher.directories() and os.path.isdir(folder):
            self._watcher.addPath(folder)
        name = str(self.path)
        if name not in self._watcher.files() and os.path.isfile(name):
            self._watcher.addPath(name)

    @Slot(str)
    def _on_event(self, _path: str) -> None:
        self.rewatch()
        self._timer.start()


class FolderWatch(QObject):
    """Watches every folder of a content tree for files added, removed or renamed.

    ``changed`` fires once per burst, FOLDER_SETTLE_MS after the last event. Folders that
    appear are watched as they are seen. Content written into an existing file without
    replacing it changes no folder; a slow periodic ``changed`` (``poll_ms``) catches that.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None, settle_ms: int = FOLDER_SETTLE_MS,
                 poll_ms: int = 30_000) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_event)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self._settled)
        self._dirty: set[str] = set()
        self._burst_start = 0.0
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.changed)

    def watch(self, folders: set[Path]) -> None:
        """Watch these folders too (folders seen appearing stay watched while they exist);
        starts the periodic check."""
        wanted = {str(f) for f in folders}
        current = set(self._watcher.directories())
        gone = [f for f in current - wanted if not os.path.isdir(f)]
        if gone:
            self._watcher.removePaths(gone)
        new = [f for f in sorted(wanted - current) if os.path.isdir(f)]
        if new:
            self._watcher.addPaths(new)
        if self._poll.interval() > 0:
            self._poll.start()

    def unwatch(self) -> None:
        self._timer.stop()
        self._poll.stop()
        self._dirty.clear()
        folders = self._watcher.directories()
        if folders:
            self._watcher.removePaths(folders)

    def later(self) -> None:
        """Report ``changed`` again once things settle (while a re-check is still running)."""
        self._timer.start()

    @Slot(str)
    def _on_event(self, folder: str) -> None:
        """Called for every file event (thousands in a pull): only notes the folder."""
        self._dirty.add(folder)
        now = time.monotonic()
        if not self._timer.isActive():
            self._burst_start = now
        elif now - self._burst_start > LONGEST_BURST:
            return  # let the pending report fire; events after it start a new burst
        self._timer.start()

    @Slot()
    def _settled(self) -> None:
        known = set(self._watcher.directories())
        new: list[str] = []
        for folder in sorted(self._dirty):  # folders created inside are watched from now on
            try:
                with os.scandir(folder) as items:
                    new += [i.path for i in items if i.is_dir(follow_symlinks=False)
                            and not i.name.startswith(".") and i.path not in known]
            except OSError:
                continue
        self._dirty.clear()
        if new:
            self._watcher.addPaths(new)
        self.changed.emit()


def folders_of(root: Path, rel_paths: Iterable[str]) -> set[Path]:
    """The root and every folder holding (or leading to) one of these files."""
    folders: set[str] = set()
    for parent in {rel.rpartition("/")[0] for rel in rel_paths}:
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return {root} | {root / folder for folder in folders}
