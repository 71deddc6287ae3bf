"""The window at the site's scale: 36,000 generated articles, indexed in worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QLineEdit

from benchmarks.generate_articles import generate
from editor.core.document.article import ArticleDocument
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from tests.ui.helpers import diff_lines, pick


@pytest.mark.slow
def test_picker_and_filter_on_36000_articles(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.DISCARD)
    folder = tmp_path / "site"
    generate(folder, 36_000, seed=11)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.index is not None and window.form.related.catalog is not None,
                    timeout=120_000)
    assert len(window.index.entries) == 36_000
    assert window.index.read_in_workers > 0  # read by worker processes from the job thread
    articles = [e for e in window.index.articles() if not e.missing and e.title]
    source, target = articles[123], articles[30_000]
    assert source.subject != target.subject or source.path != target.path

    # The tree's filter finds the target by its id among 36,000.
    window.tree.filter_box.setText(str(target.id))
    assert window.tree.model.index_for_path(target.path).isValid()
    assert window.tree.model.visible_articles() < 50
    window.tree.filter_box.setText("")

    pick(qtbot, window, source.path)
    picker = window.findChild(QComboBox, "related:1")
    line = picker.lineEdit()
    line.setFocus()
    line.selectAll()
    words = " ".join(target.title.lower().split()[1:3])  # two words from inside the title
    qtbot.keyClicks(line, f"{words} {target.id}")
    completions = picker.completer_.completionModel()
    labels = [completions.index(row, 0).data() for row in range(completions.rowCount())]
    assert labels and all(f"#{target.id})" in label for label in labels)
    picker.completer_.activated[QModelIndex].emit(completions.index(0, 0))
    shown = {key: window.findChild(QLineEdit, f"field:related_article1.{key}")
             for key in ("id", "subject", "url")}
    assert {key: field.text() for key, field in shown.items()} == {
        "id": str(target.id), "subject": target.subject, "url": target.url}

    before = (folder / source.path).read_text()
    window.save()
    after = (folder / source.path).read_text()
    slot = ArticleDocument(after).data["related_article1"]
    assert slot == {"id": target.id, "title": target.title, "subject": target.subject,
                    "url": target.url}
    changed = [line for line in diff_lines(before, after) if line.startswith("+")]
    assert 1 <= len(changed) <= 4  # only the slot's lines that differ
