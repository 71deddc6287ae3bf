"""The window keeps what the writer did not touch: read-only files, non-breaking spaces,
folded values emptied and typed again, new articles in the site's format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from editor.core.document.article import ArticleDocument
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from tests.ui.helpers import diff_lines, pick

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
        # said at once, in the banner (which the folder's own messages do not replace)
        assert window.banner.isVisible()
        assert window.banner.text().startswith("This file is read-only")
        type_at_end(window.editor, " One more sentence.")
        assert window.isWindowModified()
        press_save(qtbot, window)
        qtbot.waitUntil(lambda: window.banner.isVisible())
        assert "forbid writing); nothing was written" in window.banner.text()
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


# -- non-breaking spaces the writer did not touch ----------------------------------------------
NBSP = "\u00a0"
TEAMS = "content/learn/computer-science/why-do-teams-review-code.md"
TEAMS_TEXT = (
    "---\n_schema: default\nid: 84001\ndate: 2025-04-02\ntitle: >-\n    Why do teams review code?\n"
    "article_title: >-\n    Why do teams review code?\ndate_format: MMM DD, YYYY\n"
    "post_on_text: Posted on\nseo:\n  title: QuickTakes | Computer Science\n"
    f"  page_description: >-\n    Code review since the 1970s:{NBSP}fewer bugs, shared knowledge.\n"
    "  page_keywords: >-\n    code review, pull requests\n"
    f"author: Quick{NBSP}Takes\nquestion: >-\n    Why do teams review code?\n"
    f"answer: >-\n    Since 2005{NBSP}teams have reviewed code in pull requests.\\n\\n- Bugs are "
    f"found early.\\n- Knowledge is shared ({NBSP}and kept).\nsubject: Computer Science\n"
    "file_name: why-do-teams-review-code.md\n"
    "url: /learn/computer-science/questions/why-do-teams-review-code\nscore: -1.0\n"
    "---\n\n&nbsp;"
)


def open_written(qtbot, window: MainWindow, folder: Path, rel: str, text: str) -> Path:
    path = folder / rel
    path.write_bytes(text.encode("utf-8"))
    assert window.open_article(path)
    qtbot.waitUntil(lambda: window.controller.document is not None)
    return path


def test_answer_keeps_its_non_breaking_spaces(qtbot, window, sample_copy: Path) -> None:
    path = open_written(qtbot, window, sample_copy, TEAMS, TEAMS_TEXT)
    type_at_end(window.editor, " Reviews")
    assert window.isWindowModified()
    press_save(qtbot, window)
    qtbot.waitUntil(lambda: not window.isWindowModified())
    assert path.read_bytes() == TEAMS_TEXT.replace("(\u00a0and kept).", "(\u00a0and kept). Reviews"
                                                   ).encode("utf-8")


def test_long_text_field_keeps_its_non_breaking_spaces(qtbot, window, sample_copy) -> None:
    path = open_written(qtbot, window, sample_copy, TEAMS, TEAMS_TEXT)
    field = window.findChild(QPlainTextEdit, "field:seo.page_description")
    assert NBSP in field.document().toRawText()
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    field.insertPlainText(" Less rework.")
    assert window.save()
    assert path.read_bytes() == TEAMS_TEXT.replace(
        "shared knowledge.", "shared knowledge. Less rework.").encode("utf-8")


def test_one_line_field_keeps_its_non_breaking_spaces(qtbot, window, sample_copy) -> None:
    path = open_written(qtbot, window, sample_copy, TEAMS, TEAMS_TEXT)
    field = window.findChild(QLineEdit, "field:author")
    assert field.text() == f"Quick{NBSP}Takes"  # QLineEdit.text() keeps them as they are
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, " Team")
    assert window.save()
    assert path.read_bytes() == TEAMS_TEXT.replace(
        f"author: Quick{NBSP}Takes", f"author: Quick{NBSP}Takes Team").encode("utf-8")


def test_fixing_raw_text_keeps_non_breaking_spaces(qtbot, window, sample_copy) -> None:
    broken = f"---\ntitle: Since 2005{NBSP}teams\nquestion: [unclosed\n---\nbody{NBSP}text\n"
    path = sample_copy / "content/learn/broken.md"
    path.write_text(broken)
    window.open_article(path)
    qtbot.mouseClick(window.banner.fix_button, Qt.MouseButton.LeftButton)
    assert window.raw_view.fixing
    cursor = window.raw_view.document().find("[unclosed")
    cursor.insertText("Fixed?")
    assert window.save()
    assert path.read_text() == broken.replace("[unclosed", "Fixed?")


HOME = "content/home.md"
HOME_TEXT = (
    "---\n"
    "title: Home\n"
    "content_blocks:\n"
    "  - _bookshop_name: home/banner\n"
    "    heading:\n"
    '      en: "\\_Read Faster, Remember More"\n'
    "      fr:\n"
    "    lead:\n"
    "      en: A study companion\n"
    '  - "\\_First steps"\n'
    "  - closing words\n"
    "---\n"
    "Body.\n"
)


def replace_in(widget: QPlainTextEdit, old: str, new: str) -> None:
    """Select ``old`` in the widget and type ``new`` over it."""
    cursor = widget.document().find(old)
    assert not cursor.isNull()
    widget.setFocus()
    widget.setTextCursor(cursor)
    widget.insertPlainText(new)


def test_other_fields_keep_escaped_strings_untouched(qtbot, window, sample_copy) -> None:
    path = open_written(qtbot, window, sample_copy, HOME, HOME_TEXT)
    field = window.findChild(QPlainTextEdit, "field:content_blocks")
    shown = field.document().toRawText()
    assert '"\\_Read Faster, Remember More"' in shown and NBSP not in shown
    replace_in(field, "A study companion", "A reading companion")
    press_save(qtbot, window)
    qtbot.waitUntil(lambda: not window.isWindowModified())
    expected = HOME_TEXT.replace("A study companion", "A reading companion")
    assert path.read_bytes() == expected.encode("utf-8")
    field.moveCursor(field.textCursor().MoveOperation.End)
    field.insertPlainText('\n- "\\_Last words"')
    assert window.save()
    expected = expected.replace("  - closing words\n", '  - closing words\n  - "\\_Last words"\n')
    assert path.read_bytes() == expected.encode("utf-8")
    replace_in(field, "Read Faster", "Read Slower")
    assert window.save()
    assert path.read_bytes() == expected.replace("Read Faster", "Read Slower").encode("utf-8")


# -- folded values stay folded: emptied, typed again, and in new articles ---------------------
def new_article_text(day: str, answer: str = "", description: str = "") -> str:
    def folded(indent: int, text: str) -> str:
        return ">-" + (f"\n{' ' * indent}{text}" if text else "")

    return (
        f"---\n_schema: default\nid: 85004\ndate: {day}\n"
        "title: >-\n    What is a coral reef?\narticle_title: >-\n    What is a coral reef?\n"
        "date_format: MMM DD, YYYY\npost_on_text: Posted on\n"
        "seo:\n  title: QuickTakes | Biology\n"
        f"  page_description: {folded(4, description)}\n  page_keywords: >-\n"
        "author: QuickTakes\nquestion: >-\n    What is a coral reef?\n"
        f"answer: {folded(4, answer)}\nsubject: Biology\n"
        "file_name: what-is-a-coral-reef.md\n"
        "url: /learn/biology/questions/what-is-a-coral-reef\nscore: -1.0\n---\n\n&nbsp;"
    )


def test_new_article_is_written_folded_and_stays_so(qtbot, window, sample_copy,
                                                    monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_new_article",
                        lambda _w, _subjects: ("Biology", "What is a coral reef?"))
    day = dt.date.today().isoformat()
    window.menus[ActionId.NEW_ARTICLE].trigger()
    path = sample_copy / "content/learn/biology/what-is-a-coral-reef.md"
    qtbot.waitUntil(lambda: window.current_rel == "content/learn/biology/what-is-a-coral-reef.md")
    assert path.read_text() == new_article_text(day)
    type_at_end(window.editor, "A coral reef is a living structure.\n\n- It is built by corals.")
    field = window.findChild(QPlainTextEdit, "field:seo.page_description")
    field.setFocus()
    field.insertPlainText("Reefs, built by corals.")
    press_save(qtbot, window)
    qtbot.waitUntil(lambda: not window.isWindowModified())
    assert path.read_text() == new_article_text(
        day, "A coral reef is a living structure.\\n\\n- It is built by corals.",
        "Reefs, built by corals.")


def test_emptied_answer_stays_folded_and_takes_new_text(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    before = path.read_text()
    old_answer = before.split("answer: >-\n")[1].split("\n")[0] + "\n"
    editor = window.editor
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == ""
    press_save(qtbot, window)
    qtbot.waitUntil(lambda: not window.isWindowModified())
    assert path.read_text() == before.replace("answer: >-\n" + old_answer, "answer: >-\n")
    assert ArticleDocument.load(path).get("answer") == ""
    qtbot.keyClicks(editor, "New answer text.")
    press_save(qtbot, window)
    qtbot.waitUntil(lambda: not window.isWindowModified())
    assert path.read_text() == before.replace(old_answer, "    New answer text.\n")


def test_emptied_seo_fields_stay_folded(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    path = sample_copy / SLEEP
    before = path.read_text()
    old = before.split("  page_keywords: >-\n")[1].split("\n")[0] + "\n"
    field = window.findChild(QPlainTextEdit, "field:seo.page_keywords")
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert window.save()
    assert path.read_text() == before.replace("  page_keywords: >-\n" + old,
                                              "  page_keywords: >-\n")
    qtbot.keyClicks(field, "sleep, moods")
    assert window.save()
    assert path.read_text() == before.replace(old, "    sleep, moods\n")
