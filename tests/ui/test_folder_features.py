"""Folder-wide features in the real window: picker, problems, repairs, new article, listing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolButton

from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.models.tree_data import prepare_tree
from tests.ui.helpers import MITO, SLEEP, diff_lines, pick

SPACED = "content/learn/psychology/why-does-spaced-repetition-help-people-remember-facts-longer.md"


def rename_title(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    path.write_text(path.read_text().replace(f"    {old}\n", f"    {new}\n", 1))


def reopen(qtbot, window: MainWindow, folder: Path) -> None:
    window.folder_ctl.index = None
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.index is not None and window.form.related.catalog is not None,
                    timeout=10_000)


def test_picker_searches_and_fills_a_slot(qtbot, window: MainWindow, sample_copy: Path) -> None:
    pick(qtbot, window, MITO)
    picker = window.findChild(QComboBox, "related:3")
    assert picker is not None and picker.isEditable()
    found = picker.search("sleep emotional")
    assert [e.path for e in found] == [SLEEP]
    assert picker.search("81003")[0].path == SLEEP
    before = (sample_copy / MITO).read_text()
    picker.choose(found[0])
    assert window.findChild(QLineEdit, "field:related_article3.id").text() == "81003"
    window.save()
    after = (sample_copy / MITO).read_text()
    added = [line for line in diff_lines(before, after) if line.startswith("+")]
    assert added == [
        "+related_article3:\n", "+    id: 81003\n", "+    title: >-\n",
        "+        How does sleep affect emotional regulation?\n", "+    subject: Psychology\n",
        "+    url: /learn/psychology/questions/how-does-sleep-affect-emotional-regulation\n",
    ]


def test_picker_suggestions_clear_and_open(qtbot, window: MainWindow, sample_copy: Path) -> None:
    pick(qtbot, window, SLEEP)
    picker = window.findChild(QComboBox, "related:4")
    # The suggestions come once the window has shown the folder (see ``jobs.SHOWN_MS``).
    qtbot.waitUntil(lambda: picker.count() > 0)
    labels = [picker.itemText(i) for i in range(picker.count())]
    assert labels and all(label.startswith("Suggested: ") for label in labels)
    assert not any("#81003)" in label or "#81001)" in label for label in labels)
    window.findChild(QToolButton, "related-clear:2").click()
    window.save()
    text = (sample_copy / SLEEP).read_text()
    assert "related_article2" not in text and "related_article1:" in text
    window.findChild(QToolButton, "related-open:1").click()
    qtbot.waitUntil(lambda: window.current_rel == SPACED)


def test_stale_badge_and_refresh(qtbot, window: MainWindow, sample_copy: Path) -> None:
    rename_title(sample_copy, SPACED, "Why does spaced repetition help people remember facts "
                 "longer?", "Why does spaced practice help memory?")
    reopen(qtbot, window, sample_copy)
    pick(qtbot, window, SLEEP)
    badge = window.findChild(QLabel, "related-badge:1")
    assert badge.text() == "⚠ stale"
    refresh = window.findChild(QToolButton, "related-refresh:1")
    assert not refresh.isHidden()
    refresh.click()
    assert badge.text() == ""
    window.save()
    text = (sample_copy / SLEEP).read_text()
    assert "        Why does spaced practice help memory?\n" in text


def test_problems_pane_lists_and_opens(qtbot, window: MainWindow, sample_copy: Path) -> None:
    assert window.problems.model.rows == []
    path = sample_copy / MITO
    path.write_text(path.read_text().replace("id: 83002", "id: 83001", 1))
    reopen(qtbot, window, sample_copy)
    codes = {p.code for p in window.problems.model.rows}
    assert "duplicate-id" in codes
    row = next(i for i, p in enumerate(window.problems.model.rows) if p.file == MITO)
    window.problems.view.activated.emit(window.problems.model.index(row, 0))
    qtbot.waitUntil(lambda: window.current_rel == MITO)


def test_refresh_stale_in_folder(qtbot, window: MainWindow, sample_copy: Path,
                                 monkeypatch) -> None:
    rename_title(sample_copy, SPACED, "Why does spaced repetition help people remember facts "
                 "longer?", "Why does spaced practice help memory?")
    reopen(qtbot, window, sample_copy)
    stale = [p for p in window.problems.model.rows if p.code == "related-stale"]
    assert stale
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "confirm_changes",
                        lambda _w, _t, summary, _d: shown.append(summary) or True)
    summaries: list[str] = []
    monkeypatch.setattr(dialogs, "show_summary",
                        lambda _w, _t, text, _d="": summaries.append(text))
    before = {p: p.read_bytes() for p in sample_copy.rglob("*.md")}
    window.menus[ActionId.REFRESH_RELATED_ALL].trigger()
    assert shown and f"{len(stale)} stale" in shown[0]
    qtbot.waitUntil(lambda: window.index is not None and not any(
        p.code == "related-stale" for p in window.problems.model.rows), timeout=10_000)
    changed = [p for p, data in before.items() if p.read_bytes() != data]
    assert summaries == [f"Refreshed {len(stale)} related snapshots in {len(changed)} articles."
                         " Edit > Undo Refresh puts them back."]
    # one step puts every file back, byte for byte
    assert window.menus[ActionId.UNDO_REFRESH].isEnabled()
    window.menus[ActionId.UNDO_REFRESH].trigger()
    assert all(p.read_bytes() == data for p, data in before.items())
    assert not window.menus[ActionId.UNDO_REFRESH].isEnabled()
    qtbot.waitUntil(lambda: window.index is not None and any(
        p.code == "related-stale" for p in window.problems.model.rows), timeout=10_000)


def test_new_article_from_menu(qtbot, window: MainWindow, sample_copy: Path,
                               monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_new_article",
                        lambda _w, subjects: ("Biology", "Why do cells divide?")
                        if "Biology" in subjects else None)
    window.menus[ActionId.NEW_ARTICLE].trigger()
    target = sample_copy / "content/learn/biology/why-do-cells-divide.md"
    assert target.is_file()
    text = target.read_text()
    assert text.startswith("---\n_schema: default\nid: 85004\n") and text.endswith("&nbsp;")
    qtbot.waitUntil(lambda: window.current_rel == "content/learn/biology/why-do-cells-divide.md")
    assert window.findChild(QLineEdit, "field:url").text() == (
        "/learn/biology/questions/why-do-cells-divide")


def test_tree_lists_files_before_titles(qtbot, sample_copy: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    lists: list[int] = []
    window.folder_ctl.listed.connect(lambda data: lists.append(len(data.entries)))
    window.open_folder(sample_copy)
    qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
    assert lists == [14]
    window.pool.waitForDone(5000)


def test_recheck_picks_up_changes_made_elsewhere(qtbot, window: MainWindow,
                                                 sample_copy: Path) -> None:
    ready: list[object] = []
    window.folder_ctl.indexReady.connect(ready.append)
    window.folder_ctl.recheck()
    assert window.pool.waitForDone(10_000)
    QCoreApplication.sendPostedEvents()  # a result the re-check sent would be delivered now
    assert ready == []  # nothing changed: nothing re-shown
    rename_title(sample_copy, SPACED, "Why does spaced repetition help people remember facts "
                 "longer?", "Spaced practice, renamed by git pull")
    new = sample_copy / "content/learn/biology/pulled-in.md"
    new.write_text((sample_copy / MITO).read_text().replace("id: 83002", "id: 83999"))
    window.folder_ctl.recheck()
    qtbot.waitUntil(lambda: len(ready) == 1, timeout=10_000)
    model = window.tree.model
    assert model.data(model.index_for_path(SPACED)) == "Spaced practice, renamed by git pull"
    assert model.index_for_path("content/learn/biology/pulled-in.md").isValid()
    assert any(p.code == "related-stale" for p in window.problems.model.rows)


def test_titles_fill_in_place_and_the_view_is_told(qtbot, sample_copy: Path) -> None:
    from PySide6.QtWidgets import QTreeView

    from editor.core.index.entry import Entry
    from editor.core.index.folder_index import FolderIndex
    from editor.ui.panes.article_tree import ArticleTreeModel

    entries = FolderIndex(sample_copy, sample_copy.parent / "cache.sqlite").refresh()
    model = ArticleTreeModel()
    model.set_tree_data(prepare_tree([Entry(rel) for rel in entries]))  # the listing: names only
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.expandAll()
    changed: list[tuple[int, int, bool]] = []
    model.dataChanged.connect(lambda top, bottom, _roles: changed.append(
        (top.row(), bottom.row(), top.parent().isValid())))
    rel = next(r for r, e in entries.items() if e.is_article)
    assert model.data(model.index_for_path(rel)) == rel.rsplit("/", 1)[1][:-3]
    model.update_entries(list(entries.values()))
    assert model.data(model.index_for_path(rel)) == entries[rel].title
    # One range over every top-level row: the view repaints all it shows.
    assert changed == [(0, model.rowCount() - 1, False)]


def test_an_index_that_fails_is_said_in_the_window(qtbot, sample_copy: Path,
                                                  monkeypatch) -> None:
    import errno

    from editor.core.index.folder_index import FolderIndex

    def broken_disk(self, *args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(FolderIndex, "refresh", broken_disk)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    failures: list[str] = []
    window.folder_ctl.indexFailed.connect(failures.append)
    window.open_folder(sample_copy)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert "Input/output error" in failures[0]
    assert window.banner.isVisible()
    assert "Could not read the whole folder" in window.banner.label.text()
    assert not window.progress.isVisible()
    window.pool.waitForDone(5000)


def test_the_bar_says_checking_once_every_file_is_read(qtbot, sample_copy: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    said: list[tuple[int, int, str]] = []
    window.folder_ctl.progressChanged.connect(
        lambda done, total: said.append((done, total, window.progress.text())))
    with qtbot.waitSignal(window.folder_ctl.indexReady, timeout=20_000):
        window.open_folder(sample_copy)
    assert said and said[-1][0] == said[-1][1] and said[-1][2] == "Checking…"
    assert all(text.endswith("%") for done, total, text in said if done < total)
    qtbot.waitUntil(lambda: not window.progress.isVisible())
    window.pool.waitForDone(5000)
