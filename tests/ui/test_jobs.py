"""The job dispatcher: results arrive by its signals; a job outliving it ends quietly."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool
from shiboken6 import delete

from editor.core.text.spelling import Speller
from editor.ui.controllers.folder import FolderController
from editor.ui.controllers.jobs import IndexResult, Jobs
from tests.ui.helpers import MITO


def test_an_index_result_arrives_and_the_folder_is_busy_meanwhile(qtbot, sample_copy: Path) -> None:
    site = sample_copy
    jobs = Jobs(QThreadPool.globalInstance())
    held = threading.Event()
    # A folder job that runs until let go: a 14-file index may end before a test can look.
    jobs._start(held.wait, folder=True)
    assert jobs.folder_busy
    with qtbot.waitSignal(jobs.indexed, timeout=20_000) as got:
        jobs.index(site)
    held.set()
    result = got.args[0]
    assert isinstance(result, IndexResult) and len(result.entries) == 14
    qtbot.waitUntil(lambda: not jobs.folder_busy)
    result.index.close()


def test_a_quiet_recheck_of_an_unchanged_folder_says_nothing(qtbot, sample_copy: Path) -> None:
    site = sample_copy
    jobs = Jobs(QThreadPool.globalInstance())
    with qtbot.waitSignal(jobs.indexed, timeout=20_000) as got:
        jobs.index(site)
    got.args[0].index.close()
    with qtbot.assertNotEmitted(jobs.indexed, wait=100):
        jobs.index(site, known=set(got.args[0].entries))
        QThreadPool.globalInstance().waitForDone(20_000)


def test_a_job_outliving_its_dispatcher_ends_quietly(qtbot, capfd, sample_copy: Path) -> None:
    site = sample_copy
    owner = QObject()
    jobs = Jobs(QThreadPool.globalInstance(), owner)
    arrived: list[object] = []
    jobs.spellingLoaded.connect(lambda: arrived.append("spelling"))
    jobs.indexed.connect(arrived.append)
    jobs.load_spelling(Speller(language="en_GB"))
    jobs.index(site)
    delete(owner)  # the window closes while both still run
    assert QThreadPool.globalInstance().waitForDone(30_000)
    QCoreApplication.sendPostedEvents()  # anything queued would be delivered now
    assert arrived == []
    err = capfd.readouterr().err
    assert "Signal source has been deleted" not in err and "Traceback" not in err


def test_a_finished_job_lets_go_of_what_it_was_given(qtbot, sample_copy: Path) -> None:
    pool = QThreadPool.globalInstance()
    folder = FolderController(Jobs(pool))
    folder.open(sample_copy)
    qtbot.waitUntil(lambda: folder.catalog is not None, timeout=20_000)
    first = weakref.ref(folder.catalog)
    article = sample_copy / MITO
    with qtbot.waitSignal(folder.problemsChanged, timeout=20_000):
        folder.file_saved(str(article))  # re-checked in place, with the catalog
    assert pool.waitForDone(20_000)  # nothing runs, so the re-check below does
    article.write_text(article.read_text("utf-8") + "\n", "utf-8")  # changed elsewhere
    folder.recheck()
    qtbot.waitUntil(lambda: folder.catalog is not first(), timeout=20_000)
    assert pool.waitForDone(20_000)
    gc.collect()
    assert first() is None  # the catalog replaced is freed, not kept by a finished check
    folder.close()


def test_a_second_opening_shows_the_kept_problems_before_the_index_is_done(
        qtbot, sample_copy: Path) -> None:
    pool = QThreadPool.globalInstance()
    first = FolderController(Jobs(pool))
    with qtbot.waitSignal(first.suggestionsReady, timeout=20_000):
        first.open(sample_copy)  # checks the folder and keeps its report
    report = first.report
    first.close()
    assert pool.waitForDone(20_000)
    second = FolderController(Jobs(pool))
    order: list[str] = []
    second.problemsChanged.connect(lambda r: order.append("problems"))
    second.indexReady.connect(lambda r: order.append("index"))
    with qtbot.waitSignal(second.suggestionsReady, timeout=20_000) as ready:
        second.open(sample_copy)
    assert order == ["problems", "index"]  # shown early, and not a second time
    assert second.report == report and ready.args[0] is second.catalog
    assert second.catalog is not None and second.catalog.suggestions_ready
    second.close()
