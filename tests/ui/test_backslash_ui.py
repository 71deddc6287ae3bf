"""The answer's backslash-n warnings in the real window: typed, shown while typing, fixed with
one click, undone with Ctrl+Z, and saved as bytes the site renders as meant."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from editor.core.text.backslashes import KEEP_CODE, KEEP_PATH
from editor.ui.main_window import MainWindow
from tests.ui.helpers import pick

MITO = "content/learn/biology/what-role-do-mitochondria-play-in-a-cell.md"


def type_at_end(qtbot, window: MainWindow, text: str) -> None:
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.insertPlainText(text)


def stored_answer(path: Path) -> str:
    """The answer's one folded line, as the file has it."""
    lines = path.read_text("utf-8").splitlines()
    return lines[lines.index("answer: >-") + 1].strip()


def fix_first(qtbot, window: MainWindow, expected: str) -> None:
    warning = window.backslash_warning
    qtbot.waitUntil(lambda: warning.isVisible() and bool(warning.buttons), timeout=5000)
    assert expected in warning.texts()[0]
    qtbot.mouseClick(warning.buttons[0], Qt.MouseButton.LeftButton)


def test_math_warning_fix_undo_and_save(qtbot, window: MainWindow, sample_copy: Path) -> None:
    pick(qtbot, window, MITO)
    warning = window.backslash_warning
    assert warning.isHidden()
    before = window.editor.toPlainText()
    type_at_end(qtbot, window, "\n\nWhen $q \\neq 0$, divide.")
    qtbot.waitUntil(lambda: warning.isVisible(), timeout=5000)
    text = warning.texts()[0]
    assert "backslash and n into a line break" in text and "≠" in text
    assert "answer" not in text.lower().split("“")[0]  # plain words, no key names
    fix_first(qtbot, window, "math")
    assert window.editor.toPlainText() == before + "\n\nWhen $q ≠ 0$, divide."
    qtbot.waitUntil(lambda: warning.isHidden(), timeout=5000)

    # the answer has the focus again, so Ctrl+Z at once takes the fix back (and the warning
    # returns)
    qtbot.waitUntil(lambda: window.editor.hasFocus())
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == before + "\n\nWhen $q \\neq 0$, divide."
    qtbot.waitUntil(lambda: warning.isVisible(), timeout=5000)
    qtbot.keyClick(window.editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText().endswith("When $q ≠ 0$, divide.")

    window.save()
    path = sample_copy / MITO
    assert stored_answer(path).endswith("\\n\\nWhen $q ≠ 0$, divide.")
    assert "\\neq" not in path.read_text("utf-8")


def test_code_and_path_fixes_save_what_the_site_shows(qtbot, window: MainWindow,
                                                     sample_copy: Path) -> None:
    pick(qtbot, window, MITO)
    type_at_end(qtbot, window, '\n\nIn C, `printf("\\n")` ends a line.')
    fix_first(qtbot, window, "code")
    assert window.editor.toPlainText().endswith(f'`printf("{KEEP_CODE}")` ends a line.')
    qtbot.waitUntil(lambda: window.backslash_warning.isHidden(), timeout=5000)

    type_at_end(qtbot, window, "\n\nSave it in C:\\new\\folder first.")
    fix_first(qtbot, window, "path")
    assert window.editor.toPlainText().endswith(f"Save it in C:{KEEP_PATH[:-1]}new\\folder first.")
    qtbot.waitUntil(lambda: window.backslash_warning.isHidden(), timeout=5000)

    window.save()
    stored = stored_answer(sample_copy / MITO)
    assert stored.endswith('\\n\\nIn C, `printf("\\\u2060n")` ends a line.'
                           "\\n\\nSave it in C:&#92;new\\folder first.")
    # what the site decodes: no line break inside the code or the path
    site = stored.replace("\\n", "\n")
    assert 'printf("\\\u2060n")' in site and "C:&#92;new\\folder" in site


def test_an_answer_saved_with_the_hazard_shows_it_when_opened(qtbot, window: MainWindow,
                                                              sample_copy: Path) -> None:
    """A stored "\\neq" reads back as a line break and "eq": the warning and the article's
    problems say so, and the fix puts ≠ in its place."""
    path = sample_copy / MITO
    raw = path.read_bytes()
    marker = b"\nanswer: >-\n  "
    at = raw.index(marker) + len(marker)
    path.write_bytes(raw[:at] + b"If $x \\neq 0$ then.\\n\\n" + raw[at:])
    pick(qtbot, window, MITO)
    assert window.editor.toPlainText().startswith("If $x \neq 0$ then.")
    warning = window.backslash_warning
    qtbot.waitUntil(lambda: warning.isVisible(), timeout=5000)
    assert "probably written as a backslash and n" in warning.texts()[0]
    qtbot.waitUntil(lambda: any("backslash and n" in t for t in window.article_problems.texts()),
                    timeout=5000)
    # clicking the article's problem goes to the answer
    row = next(r for r in window.article_problems.rows
               if "backslash" in r.property("plainText"))
    window.tree.view.setFocus()
    qtbot.waitUntil(lambda: row.isVisible() and row.width() > 100)
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, row.fontMetrics().height() // 2))
    qtbot.waitUntil(lambda: window.editor.hasFocus())
    fix_first(qtbot, window, "math")
    assert window.editor.toPlainText().startswith("If $x ≠ 0$ then.")
    window.save()
    assert path.read_bytes() == raw[:at] + "If $x ≠ 0$ then.\\n\\n".encode() + raw[at:]
    qtbot.waitUntil(lambda: not any("backslash" in t for t in window.article_problems.texts()),
                    timeout=5000)


def test_the_preview_shows_what_the_site_will(qtbot, window: MainWindow) -> None:
    pick(qtbot, window, MITO)
    with qtbot.waitSignal(window.preview.rendered, timeout=5000):
        type_at_end(qtbot, window, "\n\nIt prints `C:\\new` here.")
    shown = window.preview.toPlainText()
    assert "C:\\new" not in shown  # the site breaks the line there: so does the preview
    # the code's line break, shown as the site's page does, behind a mark that names the hazard
    assert "C:\u26a0 ew here" in shown
    with qtbot.waitSignal(window.preview.rendered, timeout=5000):
        fix_first(qtbot, window, "code")
    assert f"C:{KEEP_CODE}ew here" in window.preview.toPlainText()
