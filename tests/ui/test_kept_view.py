"""A folder opened again in the real window shows its tree and problems from what was kept,
before its files are listed; a save keeps them anew for the next opening."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QLineEdit

from editor.core.checks.folder_checks import check_folder
from editor.core.checks.report_cache import (
    ReportCache,
    digest,
    kept_report,
    site_stamp,
    stamps_of,
)
from editor.core.document import derive
from editor.core.index.folder_index import FolderIndex
from editor.core.index.listing import FolderListing
from editor.ui import dialogs
from editor.ui.controllers.folder import FolderController
from editor.ui.controllers.jobs import Jobs
from editor.ui.main_window import MainWindow
from editor.ui.models import kept_tree as kept_tree_module
from editor.ui.models.kept_tree import FolderView, keep_view, kept_tree
from tests.ui.helpers import pick, replace_text

SUBJECTS = ("Biology", "Chemistry", "Economics", "Psychology")
EDITED = 3  # the article whose title changes, in the first subject


def question(subject: str, n: int) -> str:
    return f"What does {subject.lower()} say about question {n}?"


def article(ident: int, subject: str, title: str) -> str:
    """An article in the site's format (one related slot: the next article's id)."""
    return (
        f"---\n_schema: default\nid: {ident}\ndate: 2025-04-01\ntitle: >-\n    {title}\n"
        f"article_title: >-\n    {title}\ndate_format: MMM DD, YYYY\npost_on_text: Posted on\n"
        f"seo:\n  title: QuickTakes | {subject}\n  page_description: >-\n    About {title}\n"
        f"  page_keywords: >-\n    habits, memory\nauthor: QuickTakes\nquestion: >-\n"
        f"    {title}\nanswer: >-\n    An answer.\\n\\nWith two paragraphs.\n"
        f"subject: {subject}\nfile_name: {derive.file_name(title)}\n"
        f"url: {derive.url(subject, title)}\nscore: -1.0\n"
        f"related_article1:\n    id: {ident + 1}\n    title: >-\n        Another question\n"
        f"    subject: {subject}\n    url: /learn/somewhere\n"
        "---\n\n&nbsp;"
    )


def rel_of(subject: str, n: int) -> str:
    q = question(subject, n)
    return f"content/learn/{derive.subject_slug(subject)}/{derive.file_name(q)}"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Thirty-six articles in four subjects (the last slot of each names no article: a
    problem the kept report carries)."""
    root = tmp_path / "site"
    for s, subject in enumerate(SUBJECTS):
        for n in range(9):
            path = root / rel_of(subject, n)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article(90_000 + 100 * s + n, subject, question(subject, n)))
    return root


class ListingGate:
    """Holds the folder's listing until released: what the window shows meanwhile was not
    listed."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.open.set()

    def parts(self, real):
        def parts(listing: FolderListing, stat_only=None) -> Iterator:
            self.open.wait(30)
            yield from real(listing, stat_only)
        return parts


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[ListingGate]:
    held = ListingGate()
    monkeypatch.setattr(FolderListing, "parts", held.parts(FolderListing.parts))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.DISCARD)
    yield held
    held.open.set()  # a failed test never leaves a pool thread waiting


def open_window(qtbot, site: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def shown_title(win: MainWindow, rel: str) -> str:
    index = win.tree.model.index_for_path(rel)
    assert index.isValid(), rel
    return win.tree.model.data(index, Qt.ItemDataRole.DisplayRole)


def index_once(qtbot, site: Path) -> None:
    win = open_window(qtbot, site)
    with qtbot.waitSignal(win.folder_ctl.suggestionsReady, timeout=20_000):
        win.open_folder(site)
    win.close()


class Reopened:
    """A second window opening the folder with its listing held: what it showed then (the
    tree data and its titles, the problems), then what it shows once the index is done."""

    def __init__(self, qtbot, site: Path, gate: ListingGate, rel: str) -> None:
        self.win = win = open_window(qtbot, site)
        self.resets = 0
        win.tree.model.modelReset.connect(self._reset)
        gate.open.clear()
        with qtbot.waitSignal(win.folder_ctl.listed, timeout=20_000) as listed:
            win.open_folder(site)
        qtbot.waitUntil(lambda: win.tree.model.tree_data is listed.args[0], timeout=5_000)
        qtbot.waitUntil(lambda: win.folder_ctl.report is not None, timeout=5_000)
        self.early = listed.args[0]
        self.early_title = shown_title(win, rel)
        self.early_report = win.folder_ctl.report
        self.early_resets = self.resets
        assert win.index is None  # not listed yet: all this was kept
        with qtbot.waitSignal(win.folder_ctl.indexReady, timeout=20_000) as ready:
            gate.open.set()
        self.result = ready.args[0]
        qtbot.waitUntil(lambda: win.tree.model.tree_data is self.result.tree, timeout=5_000)
        self.title = shown_title(win, rel)

    def _reset(self) -> None:
        self.resets += 1


def test_an_unchanged_folder_opens_from_what_was_kept_without_a_second_reset(
        qtbot, site: Path, gate: ListingGate) -> None:
    index_once(qtbot, site)
    rel = rel_of("Biology", EDITED)
    again = Reopened(qtbot, site, gate, rel)
    assert again.early_title == question("Biology", EDITED)
    assert again.early_report.files == 36 and again.early_report.problems
    assert again.result.tree is again.early  # the kept tree is the folder's: kept as shown
    assert again.resets == again.early_resets  # no second model reset
    assert again.win.folder_ctl.report is again.early_report
    assert len(again.win.problems.model.error_files()) == len(
        {p.file for p in again.early_report.problems if p.severity == "error"})


def test_a_title_changed_while_closed_shows_after_the_refresh(
        qtbot, site: Path, gate: ListingGate) -> None:
    index_once(qtbot, site)
    rel = rel_of("Biology", EDITED)
    path = site / rel
    old = question("Biology", EDITED)
    path.write_text(path.read_text().replace(f"title: >-\n    {old}",
                                             "title: >-\n    Retitled while the window was closed"))
    again = Reopened(qtbot, site, gate, rel)
    assert again.early_title == old  # the kept tree, as the folder was last indexed
    assert again.title == "Retitled while the window was closed"
    assert again.result.tree is not again.early


def retitle_and_save(qtbot, site: Path, rel: str, title: str) -> MainWindow:
    win = open_window(qtbot, site)
    with qtbot.waitSignal(win.folder_ctl.suggestionsReady, timeout=20_000):
        win.open_folder(site)
    pick(qtbot, win, rel)
    field = win.findChild(QLineEdit, "field:title")
    assert field is not None
    replace_text(field, title)
    assert win.save()
    qtbot.waitUntil(lambda: shown_title(win, rel) == title, timeout=5_000)
    return win


def test_a_save_is_kept_for_the_next_opening(qtbot, site: Path, gate: ListingGate) -> None:
    rel = rel_of("Chemistry", EDITED)
    win = retitle_and_save(qtbot, site, rel, "Saved in the window")
    with qtbot.waitSignal(win.jobs.kept, timeout=20_000):
        pass  # the saves paused: kept in the pool
    saved_report = win.folder_ctl.report
    win.close()
    index = FolderIndex(site)  # as the next opening keys it
    try:
        cached = index.cached()
        key = digest(stamps_of(cached, index.stamps()))
        kept = ReportCache(index.cache_path)
        assert kept_tree(kept, key, cached) is not None
        assert kept_report(kept, key) == saved_report
    finally:
        index.close()
    again = Reopened(qtbot, site, gate, rel)
    assert again.early_title == "Saved in the window"  # shown before the folder is listed
    assert again.result.tree is again.early and again.resets == again.early_resets
    assert again.win.folder_ctl.report is again.early_report
    assert [e.path for e in again.early.entries] == [e.path for e in again.result.tree.entries]


def test_a_save_just_before_closing_is_kept_too(qtbot, site: Path, gate: ListingGate) -> None:
    rel = rel_of("Economics", 0)
    win = retitle_and_save(qtbot, site, rel, "Saved, then closed at once")
    assert win.folder_ctl.keep_timer.isActive()  # not kept yet
    kept: list[object] = []
    win.jobs.kept.connect(kept.append)
    win.close()  # keeps it, and waits
    assert not win.folder_ctl.keep_timer.isActive()
    qtbot.waitUntil(lambda: len(kept) == 1, timeout=5_000)
    again = Reopened(qtbot, site, gate, rel)
    assert again.early_title == "Saved, then closed at once"
    assert again.result.tree is again.early


def test_a_view_no_longer_the_latest_is_not_kept(site: Path) -> None:
    index = FolderIndex(site)
    try:
        entries = index.refresh()
        view = FolderView(ReportCache(index.cache_path), site, dict(entries),
                          dict(index.stamps()), check_folder(entries, None))
        view.cancelled = True
        assert not keep_view(view)
        cache = ReportCache(index.cache_path)
        key = digest(stamps_of(entries, index.stamps()))
        assert kept_tree(cache, key, entries) is None
        view.cancelled = False
        assert keep_view(view)
        tree = kept_tree(cache, key, entries)
        assert tree is not None and len(tree.entries) == 36
    finally:
        index.close()


def test_a_configured_site_is_kept_under_the_key_its_opening_looks_for(site: Path) -> None:
    """The key of a site's kept tree holds its configuration's files, as the opening's does
    (``jobs._show_kept``): a site saved in the window opens from what was kept."""
    (site / "cloudcannon.config.yml").write_text(
        "collections_config:\n  learn:\n    path: content/learn\n")
    index = FolderIndex(site)
    try:
        entries = index.refresh()
        view = FolderView(ReportCache(index.cache_path), site, dict(entries),
                          dict(index.stamps()), check_folder(entries, None))
        assert keep_view(view)
        cached = index.cached()
        key = digest(stamps_of(cached, index.stamps()), site_stamp(site))
        assert kept_tree(ReportCache(index.cache_path), key, cached) is not None
    finally:
        index.close()


def current_key(site: Path) -> tuple[ReportCache, dict, bytes | None]:
    index = FolderIndex(site)
    try:
        cached = index.cached()
        return ReportCache(index.cache_path), cached, digest(stamps_of(cached, index.stamps()))
    finally:
        index.close()


def saved_on_disk(folder: FolderController, site: Path, rel: str, title: str) -> None:
    """A save as another window would make it, told to this controller."""
    path = site / rel
    text = path.read_text()
    path.write_text(text.replace("title: >-\n    What", f"title: >-\n    {title} What", 1))
    folder.file_saved(str(path))


def test_a_keep_in_flight_when_the_folder_closes_writes_nothing(
        qtbot, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pool = QThreadPool.globalInstance()
    folder = FolderController(Jobs(pool))
    with qtbot.waitSignal(folder.suggestionsReady, timeout=20_000):
        folder.open(site)
    assert pool.waitForDone(20_000)
    started, go_on = threading.Event(), threading.Event()
    real = kept_tree_module.prepare_tree

    def held(entries):
        started.set()
        go_on.wait(30)
        return real(entries)

    monkeypatch.setattr(kept_tree_module, "prepare_tree", held)
    folder.keep_timer.setInterval(0)
    kept: list[object] = []
    folder.jobs.kept.connect(kept.append)
    try:
        saved_on_disk(folder, site, rel_of("Psychology", 1), "Closed while kept:")
        qtbot.waitUntil(started.is_set, timeout=10_000)  # the keep job is running
        folder.close()
    finally:
        go_on.set()
    assert pool.waitForDone(20_000)
    cache, cached, key = current_key(site)
    assert key is not None and kept_tree(cache, key, cached) is None and not kept


def test_a_keep_waits_for_a_running_index_of_the_folder(qtbot, site: Path) -> None:
    pool = QThreadPool.globalInstance()
    folder = FolderController(Jobs(pool))
    with qtbot.waitSignal(folder.suggestionsReady, timeout=20_000):
        folder.open(site)
    assert pool.waitForDone(20_000)
    folder.keep_timer.setInterval(0)
    held = threading.Event()
    folder.jobs._start(partial(held.wait, 30), folder=True)  # a re-check of the folder, say
    kept: list[object] = []
    folder.jobs.kept.connect(kept.append)
    try:
        saved_on_disk(folder, site, rel_of("Psychology", 2), "Kept after the index:")
        qtbot.wait(200)
        assert not kept and folder.keep_timer.isActive()  # tried again later
    finally:
        held.set()
    qtbot.waitUntil(lambda: len(kept) == 1, timeout=10_000)
    assert pool.waitForDone(20_000)
    cache, cached, key = current_key(site)
    tree = kept_tree(cache, key, cached)
    assert tree is not None
    assert any(e.title.startswith("Kept after the index:") for e in tree.by_title)
    folder.close()


def test_a_check_after_a_save_in_the_window_prints_what_a_fresh_check_prints(
        qtbot, site: Path, gate: ListingGate, capsys) -> None:
    """The command line prints the problems the window kept after a save (no file read),
    byte for byte what checking the folder afresh prints."""
    from editor.cli import main
    from editor.core.storage.appdirs import cache_path_for

    rel = rel_of("Chemistry", EDITED)
    win = retitle_and_save(qtbot, site, rel, "Saved in the window")
    with qtbot.waitSignal(win.jobs.kept, timeout=20_000):
        pass
    win.close()
    capsys.readouterr()
    printed = main(["-v", "check", str(site)]), capsys.readouterr()
    assert "unchanged since its problems were kept" in printed[1].err
    for kept in cache_path_for(site).parent.glob("*"):
        kept.unlink()
    fresh = main(["check", str(site)]), capsys.readouterr()
    assert (printed[0], printed[1].out) == (fresh[0], fresh[1].out)
    assert "related-broken" in fresh[1].out  # a report with problems in it
