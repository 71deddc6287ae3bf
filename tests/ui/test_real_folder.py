"""The window on the real QuickTakes sample (2,006 files), when ../shared is present."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from editor.ui.main_window import MainWindow
from tests.conftest import CORPORA

REAL = CORPORA / "quicktakes-sample"


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    if not REAL.is_dir():
        pytest.skip("../shared/corpora is not present")
    target = tmp_path / "quicktakes"
    shutil.copytree(REAL, target)
    return target


def independent_article_count(root: Path) -> int:
    count = 0
    for path in root.rglob("*.md"):
        text = path.read_text("utf-8")
        if not text.startswith("---"):
            continue
        try:
            data = yaml.safe_load(text.split("\n---", 1)[0][3:])
        except yaml.YAMLError:
            continue
        count += isinstance(data, dict) and "question" in data and "answer" in data
    return count


@pytest.mark.slow
def test_real_folder_opens_every_file_and_saves_unchanged(qtbot, real_copy: Path) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_folder(real_copy)
    qtbot.waitUntil(lambda: win.index is not None, timeout=60_000)
    files = sorted(real_copy.rglob("*.md"))
    assert win.tree.model.visible_articles() == len(files)
    articles = len(win.index.articles())
    assert articles == independent_article_count(real_copy)
    failures = []
    for n, path in enumerate(files):
        rel = path.relative_to(real_copy).as_posix()
        assert win.open_article(path)
        if win.controller.document is None:
            failures.append(rel)
            continue
        assert win.tree.view.currentIndex() == win.tree.model.index_for_path(rel)
        if n % 10 == 0:
            before = path.read_bytes()
            assert win.save()
            assert path.read_bytes() == before, rel
    assert failures == []
    win.controller.close()
    win.pool.waitForDone(5000)
