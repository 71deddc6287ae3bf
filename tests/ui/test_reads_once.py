"""Opening an article reads its file once and parses it once, and so does saving it, the
folder's index and checks included: counted at the system calls on the real file (the real
functions do the work; the counters only watch them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.document.article import ArticleDocument
from editor.ui.main_window import MainWindow
from tests.ui.helpers import SLEEP, pick, replace_text


class Reads:
    """How many times a file was opened and read from (by any thread), however it was
    read: one count per opening that read at least once."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        self.path, self.count = path, 0
        self._open, self._read, self._close = os.open, os.read, os.close
        self._fds: dict[int, bool] = {}  # the file's open descriptors -> read from yet
        monkeypatch.setattr(os, "open", self.open)
        monkeypatch.setattr(os, "read", self.read)
        monkeypatch.setattr(os, "close", self.close)

    def open(self, name: object, flags: int, *args: object, **kwargs: object) -> int:
        fd = self._open(name, flags, *args, **kwargs)  # type: ignore[arg-type]
        if isinstance(name, (str, Path)) and os.path.basename(name) == self.path.name \
                and Path(name).resolve() == self.path:
            self._fds[fd] = False
        return fd

    def read(self, fd: int, size: int) -> bytes:
        if self._fds.get(fd) is False:
            self._fds[fd] = True
            self.count += 1
        return self._read(fd, size)

    def close(self, fd: int) -> None:
        self._fds.pop(fd, None)
        self._close(fd)


def test_open_and_save_read_and_parse_the_file_once_each(qtbot, window: MainWindow,
                                                         sample_copy: Path, monkeypatch) -> None:
    reads = Reads(monkeypatch, (sample_copy / SLEEP).resolve())
    parses = []
    real_init = ArticleDocument.__init__

    def counted_init(doc: ArticleDocument, *args: object, **kwargs: object) -> None:
        parses.append(1)
        real_init(doc, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ArticleDocument, "__init__", counted_init)
    pick(qtbot, window, SLEEP)
    assert window.controller.document is not None
    assert (reads.count, len(parses)) == (1, 1)

    replace_text(window.findChild(QPlainTextEdit, "field:seo.page_description"),
                 "Sleep steadies your moods, and here is how.")
    assert (reads.count, len(parses)) == (1, 1)  # editing reads and parses nothing
    with qtbot.waitSignal(window.folder_ctl.problemsChanged, timeout=10_000):  # the re-check
        assert window.save()
    assert "Sleep steadies your moods, and here is how." in (sample_copy / SLEEP).read_text()
    # the save's one reading is its check that the file is still the one read; its one
    # parse is the verification, which is the document from now on; the index and the
    # re-check take the bytes written
    assert (reads.count, len(parses)) == (2, 2)
    entry = window.index.entries[SLEEP]
    assert entry.description == "Sleep steadies your moods, and here is how."
    stat = (sample_copy / SLEEP).stat()
    assert (entry.size, entry.mtime_ns) == (stat.st_size, stat.st_mtime_ns)

    window.folder_ctl.recheck()  # the folder looked at again: the saved file is as indexed
    qtbot.waitUntil(lambda: not window.folder_ctl.busy, timeout=10_000)
    assert reads.count == 2


def test_a_file_that_does_not_parse_is_read_once(qtbot, window: MainWindow,
                                                sample_copy: Path, monkeypatch) -> None:
    broken = sample_copy / "content" / "broken.md"
    broken.write_text("---\ntitle: [never closed\n---\nBody\n")
    reads = Reads(monkeypatch, broken.resolve())
    assert window.open_article(broken)
    assert window.controller.read_only and window.raw_view.toPlainText().startswith("---\n")
    assert reads.count == 1  # its raw text and fingerprint come from that one reading
