"""The find bar driven from the keyboard and its buttons, in the window and on its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from editor.ui.main_window import MainWindow
from editor.ui.panes.find_bar import FindBar
from tests.ui.helpers import SLEEP, pick

TEXT = "cat Cat cat concat cat."
SHIFT = Qt.KeyboardModifier.ShiftModifier


_HOSTS: list[QWidget] = []


def make_bar(qtbot, text: str = TEXT) -> tuple[QPlainTextEdit, FindBar]:
    host = QWidget()
    _HOSTS[:] = [host]  # kept alive until the next test builds its own
    qtbot.addWidget(host)
    editor = QPlainTextEdit(host)
    editor.setPlainText(text)
    bar = FindBar(editor, host)
    layout = QVBoxLayout(host)
    layout.addWidget(editor)
    layout.addWidget(bar)
    host.resize(700, 300)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)  # shortcuts work in the active window only
    editor.setFocus()
    return editor, bar


def selection(editor: QPlainTextEdit) -> tuple[int, int]:
    cursor = editor.textCursor()
    return cursor.selectionStart(), cursor.selectionEnd()


def test_ctrl_f_opens_and_esc_closes_giving_the_editor_back(qtbot, window: MainWindow) -> None:
    pick(qtbot, window, SLEEP)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.find_box.hasFocus() and bar.replace_box.isHidden()
    qtbot.keyClicks(bar.find_box, "sleep")
    assert " of " in bar.status.text()
    qtbot.keyClick(bar.find_box, Qt.Key.Key_Escape)
    assert bar.isHidden() and window.editor.hasFocus()
    # Ctrl+H opens it with Replace; Esc from any of its boxes, or from the editor, closes it.
    qtbot.keyClick(window.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.replace_box.isVisible()
    bar.replace_box.setFocus()
    qtbot.keyClick(bar.replace_box, Qt.Key.Key_Escape)
    assert bar.isHidden() and window.editor.hasFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert bar.isHidden() and window.editor.hasFocus()


def test_next_previous_and_the_match_count(qtbot) -> None:
    editor, bar = make_bar(qtbot)
    bar.show_find()
    qtbot.keyClicks(bar.find_box, "cat")  # found as typed, from the cursor
    assert selection(editor) == (0, 3) and bar.status.text() == "1 of 5"
    qtbot.keyClick(bar.find_box, Qt.Key.Key_Return)
    assert selection(editor) == (4, 7) and bar.status.text() == "2 of 5"
    qtbot.keyClick(bar.find_box, Qt.Key.Key_Return, SHIFT)
    assert bar.status.text() == "1 of 5"
    qtbot.keyClick(bar.find_box, Qt.Key.Key_Return, SHIFT)  # wraps to the end
    assert selection(editor) == (19, 22) and bar.status.text() == "5 of 5"
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)  # wraps to the start
    assert bar.status.text() == "1 of 5"
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    assert bar.status.text() == "5 of 5"
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F3)  # F3 and Shift+F3 work from the editor too
    assert bar.status.text() == "1 of 5"
    qtbot.keyClick(editor, Qt.Key.Key_F3, SHIFT)
    assert bar.status.text() == "5 of 5"
    bar.find_box.setFocus()
    qtbot.keyClicks(bar.find_box, "x")
    assert bar.status.text() == "No results"


def test_match_case_and_whole_word(qtbot) -> None:
    editor, bar = make_bar(qtbot)
    bar.show_find()
    qtbot.keyClicks(bar.find_box, "cat")
    assert bar.status.text() == "1 of 5"
    qtbot.mouseClick(bar.case_box, Qt.MouseButton.LeftButton)
    assert bar.status.text() == "1 of 4"  # "Cat" no longer counts
    qtbot.mouseClick(bar.word_box, Qt.MouseButton.LeftButton)
    assert bar.status.text() == "1 of 3"  # nor "concat"
    for _ in range(3):
        qtbot.keyClick(bar.find_box, Qt.Key.Key_Return)
        assert editor.textCursor().selectedText() == "cat"
        assert selection(editor) != (15, 18)
    qtbot.mouseClick(bar.case_box, Qt.MouseButton.LeftButton)
    assert bar.status.text().endswith("of 4")


def test_replace_and_replace_all_honour_the_options_in_one_undo_step(qtbot) -> None:
    editor, bar = make_bar(qtbot)
    bar.show_replace()
    qtbot.mouseClick(bar.case_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.word_box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.find_box, "cat")
    bar.replace_box.setFocus()
    qtbot.keyClicks(bar.replace_box, "dog")
    qtbot.keyClick(bar.replace_box, Qt.Key.Key_Return)  # Enter in Replace: replace one
    assert editor.toPlainText() == "dog Cat cat concat cat."
    assert selection(editor) == (8, 11) and bar.status.text() == "1 of 2"
    qtbot.mouseClick(bar.all_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == "dog Cat dog concat dog."
    assert bar.status.text() == "2 replaced"
    editor.undo()
    assert editor.toPlainText() == "dog Cat cat concat cat."
    qtbot.mouseClick(bar.case_box, Qt.MouseButton.LeftButton)
    assert bar.replace_all() == 3 and editor.toPlainText() == "dog dog dog concat dog."


def test_no_fixed_colours(qtbot) -> None:
    _editor, bar = make_bar(qtbot)
    bar.show_replace()
    assert all(not w.styleSheet() for w in [bar, *bar.findChildren(QWidget)])
