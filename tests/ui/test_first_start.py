"""Starting the window: the writer's own copy of the sample, and Qt's own options."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from editor.app import start_folder, start_window
from editor.cli import main, split_qt_args
from editor.core.storage.appdirs import data_dir
from editor.resources import sample_folder, user_sample_folder
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.settings import Settings
from tests.conftest import ROOT, SAMPLE
from tests.ui.helpers import SLEEP, diff_lines, pick, replace_text


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def started(qtbot, monkeypatch: pytest.MonkeyPatch):
    """Start the window the way `article-editor` with no folder does."""
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.DISCARD)
    windows: list[MainWindow] = []

    def start() -> MainWindow:
        win = start_window(None)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: win.index is not None, timeout=10_000)
        windows.append(win)
        return win

    yield start
    for win in windows:
        win.controller.close()
        win.pool.waitForDone(5000)


def test_first_start_edits_a_copy_never_the_bundled_sample(qtbot, started) -> None:
    bundled = snapshot(sample_folder())
    copy = data_dir() / "sample-content"
    assert not copy.exists()
    window = started()
    assert window.folder == copy.resolve()
    assert snapshot(copy) == bundled
    pick(qtbot, window, SLEEP)
    field = window.findChild(QPlainTextEdit, "field:seo.page_description")
    replace_text(field, "Edited in the writer's own copy.")
    window.menus[ActionId.SAVE].trigger()
    assert diff_lines(bundled[SLEEP].decode(), (copy / SLEEP).read_text("utf-8"))[1] == (
        "+    Edited in the writer's own copy.\n")
    assert snapshot(sample_folder()) == bundled
    if sample_folder().resolve() == SAMPLE.resolve():
        assert snapshot(SAMPLE) == bundled  # the source tree's sample, too


def test_an_existing_copy_is_never_overwritten(qtbot, started) -> None:
    copy = user_sample_folder()
    article = copy / SLEEP
    article.write_text(article.read_text("utf-8").replace("QuickTakes | Psychology", "Mine"),
                       "utf-8")
    (copy / "notes.md").write_text("my own file\n", "utf-8")
    mine = snapshot(copy)
    assert user_sample_folder() == copy and snapshot(copy) == mine
    window = started()
    assert window.folder == copy.resolve() and snapshot(copy) == mine


def test_a_last_folder_on_the_bundled_sample_opens_the_copy(tmp_path: Path) -> None:
    """Earlier versions (and `make run`) opened the bundled sample itself."""
    Settings().last_folder = str(sample_folder())
    assert start_folder(None, Settings().last_folder) == data_dir() / "sample-content"
    elsewhere = tmp_path / "site"
    shutil.copytree(SAMPLE, elsewhere)
    assert start_folder(None, str(elsewhere)) == elsewhere
    assert start_folder(str(sample_folder()), "") == sample_folder()  # asked for by name


def test_make_run_opens_no_folder_of_its_own() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(["make", "-n", "-o", ".venv/.installed", "run"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    (command,) = [ln for ln in result.stdout.splitlines() if "article-editor" in ln]
    assert command.split() == [".venv/bin/article-editor"]


# -- Qt's own options ------------------------------------------------------------------------
def test_qt_options_are_split_from_ours() -> None:
    assert split_qt_args(["-style", "Fusion", "site"]) == (["-style", "Fusion"], ["site"])
    assert split_qt_args(["--style=Fusion", "-reverse", "--smoke-test", "-platform",
                          "offscreen:fontengine=freetype", "site", "--screenshot", "a.png"]) == (
        ["--style=Fusion", "-reverse", "-platform", "offscreen:fontengine=freetype"],
        ["--smoke-test", "site", "--screenshot", "a.png"])
    assert split_qt_args(["-qmljsdebugger=port:1234", "--", "-style"]) == (
        ["-qmljsdebugger=port:1234"], ["--", "-style"])
    assert split_qt_args(["-stylesheet"]) == (["-stylesheet"], [])


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_style_option_reaches_qt_in_the_window(tmp_path: Path) -> None:
    """`article-editor -style Windows FOLDER`: the real window on FOLDER, in Qt's Windows
    style; the process is ended once the folder is indexed."""
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    proc = subprocess.Popen([sys.executable, "-m", "editor", "--verbose", "-style", "Windows",
                             str(site)], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True, env=_env())
    lines: list[str] = []
    indexed = threading.Event()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if "indexed" in line:
                indexed.set()
        indexed.set()  # the process ended

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert indexed.wait(60), "".join(lines)
    finally:
        proc.terminate()
        proc.wait(30)
        reader.join(30)
    text = "".join(lines)
    assert "style windows" in text, text
    assert f"indexed {site.resolve()}: 14 files" in text, text


def test_qt_options_with_the_smoke_test_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "editor", "-reverse", "-v", "--style=Windows",
                             "--smoke-test", str(SAMPLE)], capture_output=True, text=True,
                            timeout=120, env=_env())
    assert result.returncode == 0, result.stderr
    assert '"articles": 14' in result.stdout and "style windows" in result.stderr
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "get" in out and "check" in out and "-style NAME" in out
    with pytest.raises(SystemExit):
        main(["-style", "Fusion", "--help"])
    assert "--smoke-test" in capsys.readouterr().out
