"""The window's log: "it did not save" is answered by the log file."""

from __future__ import annotations

import errno
import os
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QPlainTextEdit

import editor.ui.controllers.document_save as saving_module
from editor.app import install_qt_message_handler
from editor.core import logs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from tests.ui.helpers import SLEEP, pick, replace_text
from tests.ui.test_disk_and_recovery import edit_on_disk, field


@pytest.fixture
def log_file(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    path = logs.setup()
    assert path is not None
    yield path
    logs.close()


def edit_and_save(qtbot, window: MainWindow, text: str) -> None:
    pick(qtbot, window, SLEEP)
    replace_text(window.findChild(QPlainTextEdit, "field:seo.page_description"), text)
    window.menus[ActionId.SAVE].trigger()


def test_a_save_names_the_file_in_the_log(qtbot, log_file: Path, window: MainWindow,
                                          sample_copy: Path) -> None:
    edit_and_save(qtbot, window, "Saved, and the log says so.")
    path = (sample_copy / SLEEP).resolve()
    assert "Saved, and the log says so." in path.read_text("utf-8")
    text = log_file.read_text("utf-8")
    assert f"INFO editor.ui.controllers.document [{os.getpid()}] opened {path}\n" in text
    assert f"INFO editor.ui.controllers.document [{os.getpid()}] saved {path} (" in text
    site = sample_copy.resolve()
    assert f"INFO editor.ui.controllers.folder [{os.getpid()}] indexing {site}\n" in text
    assert f"indexed {site}: 14 files, 0 problems\n" in text


def test_a_failed_save_names_the_file_and_why(qtbot, window: MainWindow, sample_copy: Path,
                                              log_file: Path, monkeypatch) -> None:
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    edit_and_save(qtbot, window, "This will not fit.")
    assert window.isWindowModified()
    text = log_file.read_text("utf-8")
    path = (sample_copy / SLEEP).resolve()
    assert f"WARNING editor.ui.controllers.document [{os.getpid()}] save failed {path}: " in text
    assert "No space left on device" in text
    # a refusal the writer is told about (disk full, read-only) needs no traceback in the log
    assert "Traceback (most recent call last)" not in text


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_exception_in_a_slot_lands_in_the_log(qtbot, window: MainWindow,
                                                          log_file: Path, monkeypatch) -> None:
    def gremlin(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug while saving")

    monkeypatch.setattr(saving_module, "atomic_write", gremlin)  # not an ArticleError
    edit_and_save(qtbot, window, "Nobody catches this one.")
    qtbot.waitUntil(lambda: "a bug while saving" in log_file.read_text("utf-8"))
    text = log_file.read_text("utf-8")
    assert "CRITICAL editor" in text and "uncaught exception\nTraceback" in text
    assert "in gremlin\n" in text and "RuntimeError: a bug while saving" in text


@pytest.mark.no_qt_log
def test_qt_messages_go_to_the_log(log_file: Path) -> None:
    install_qt_message_handler()
    qWarning("a warning from Qt itself")
    assert "WARNING editor.qt" in log_file.read_text("utf-8")
    assert "a warning from Qt itself" in log_file.read_text("utf-8")


def test_changes_on_disk_merged_are_in_the_log(qtbot, window: MainWindow, sample_copy: Path,
                                               log_file: Path) -> None:
    pick(qtbot, window, SLEEP)
    path = (sample_copy / SLEEP).resolve()
    replace_text(field(window, "author"), "Mine")
    edit_on_disk(path, "seo.title", "QuickTakes | Sleep")  # the file watcher tells the window
    qtbot.waitUntil(lambda: "merged changes on disk" in log_file.read_text("utf-8"))
    assert (f"merged changes on disk into {path} (theirs: seo.title; ours kept: author)"
            in log_file.read_text("utf-8"))
