"""The window keeps what the writer did not touch: read-only files, non-breaking spaces,
folded values emptied and typed again, new articles in the site's format."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from editor.ui.main_window import MainWindow
from tests.ui.test_window import diff_lines, pick

SLEEP = "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"


def press_save(qtbot, window: MainWindow) -> None:
    """Ctrl+S, as the writer presses it, with the answer editor focused."""
    window.activateWindow()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def type_at_end(editor: QPlainTextEdit, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText(text)


# -- read-only files ---------------------------------------------------------------------------
def test_read_only_file_is_refused_and_the_edits_stay(qtbot, window, sample_copy: Path) -> None:
    path = sample_copy / SLEEP
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        pick(qtbot, window, SLEEP)
        assert window.statusBar().currentMessage() == "read-only file: saving is refused"
        type_at_end(window.editor, " One more sentence.")
        assert window.isWindowModified()
        press_save(qtbot, window)
        qtbot.waitUntil(lambda: window.banner.isVisible())
        assert "read-only; nothing was written" in window.banner.text()
        assert "Your edits are still here" in window.banner.text()
        assert "Saved" not in window.statusBar().currentMessage()
        assert path.read_bytes() == before
        assert window.isWindowModified()
        assert window.editor.toPlainText().endswith(" One more sentence.")
        path.chmod(0o644)  # made writable again: the same edits save
        press_save(qtbot, window)
        qtbot.waitUntil(lambda: not window.isWindowModified())
    finally:
        path.chmod(0o644)
    lines = diff_lines(before.decode(), path.read_text())
    assert len(lines) == 2 and lines[1].rstrip("\n").endswith(" One more sentence.")
