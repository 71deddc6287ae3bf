"""Where the answer's math, tables, code and HTML are, and what the site shows otherwise than
typed, found off the UI thread a moment after the writer stops typing.

The site's own parser (``code_regions``) and KaTeX (``site_marks``) take a few milliseconds
for an answer, tens for a very long one: too much for every keystroke. ``AnswerScanner``
waits until typing pauses, scans in the thread pool, and emits ``scanned`` with the result
for the text it was made from; a scan of text edited since is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from editor.core.text.code_regions import Regions, regions
from editor.core.text.site_marks import SiteMark, site_marks

#: How long after the last keystroke the answer is scanned again (as its warnings are).
DELAY_MS = 300


@dataclass(frozen=True)
class Scan:
    """The regions and marks of one text (positions are indexes into ``text``)."""

    text: str
    regions: Regions = field(default_factory=lambda: Regions([], [], [], []))
    marks: tuple[SiteMark, ...] = ()


def scan(text: str) -> Scan:
    where = regions(text)
    return Scan(text, where, tuple(site_marks(text, where)))


class _ScanSignals(QObject):
    done = Signal(int, object)


class _ScanJob(QRunnable):
    def __init__(self, generation: int, text: str) -> None:
        super().__init__()
        self.generation, self.text = generation, text
        self.signals = _ScanSignals()

    def run(self) -> None:
        try:
            found = scan(self.text)
        except Exception:  # a scan is only decoration: show the text unmarked
            found = Scan(self.text)
        self.signals.done.emit(self.generation, found)


class AnswerScanner(QObject):
    """Emits scanned(Scan) for the latest text asked for, once typing pauses."""

    scanned = Signal(object)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._text = ""
        self._generation = 0
        self._jobs: list[_ScanJob] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._start)

    @Slot(str)
    def request(self, text: str) -> None:
        """The text was edited: scan it once typing pauses."""
        self._text = text
        self._generation += 1  # a scan under way is of older text
        self._timer.start()

    @Slot(str)
    def request_now(self, text: str) -> None:
        """Another text is shown: scan it at once."""
        self._text = text
        self._generation += 1
        self._timer.stop()
        self._start()

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or bool(self._jobs)

    @Slot()
    def _start(self) -> None:
        job = _ScanJob(self._generation, self._text)
        job.setAutoDelete(False)
        job.signals.done.connect(self._on_done)
        self._jobs.append(job)
        self.pool.start(job)

    @Slot(int, object)
    def _on_done(self, generation: int, found: Scan) -> None:
        self._jobs = [j for j in self._jobs if j.generation != generation]
        if generation == self._generation:
            self.scanned.emit(found)
