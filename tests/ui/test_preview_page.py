"""The preview shows the question page as the site lays it out, in the site's dialect."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument, QTextTable

from tests.ui.helpers import SLEEP, pick, replace_text


def _tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _list_items(doc: QTextDocument) -> list[str]:
    items, block = [], doc.firstBlock()
    while block.isValid():
        if block.textList() is not None:
            items.append(block.text())
        block = block.next()
    return items


def test_the_page_has_subject_question_answer_and_related_questions(qtbot, window) -> None:
    with qtbot.waitSignal(window.preview.rendered, timeout=5000):
        pick(qtbot, window, SLEEP)
    text = window.preview.toPlainText()
    assert text.startswith("Psychology\nHow does sleep affect emotional regulation?")
    related = text[text.index("Related Questions"):]
    assert "Why does spaced repetition help people remember facts longer?" in related
    assert "Why does spaced repetition help people remember facts longer?" in _list_items(
        window.preview.document())  # listed, as the site lists them
    # each related question links to its page on the site
    assert 'href="/learn/' in window.preview.toHtml()


def test_a_list_after_a_sentence_a_table_and_math_show_as_on_the_site(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    with qtbot.waitSignal(window.preview.rendered, timeout=5000):
        replace_text(window.editor, "Steps:\n1. one\n2. two\n\n| a | b |\n|---|:-:|\n| 1 | 2 |"
                                    "\n\nArea $A = \\pi r^2$.")
    doc = window.preview.document()
    assert _list_items(doc)[:2] == ["one", "two"]  # a list, not a run-on paragraph
    tables = _tables(doc)
    assert len(tables) == 1 and (tables[0].rows(), tables[0].columns()) == (2, 2)
    assert tables[0].cellAt(1, 1).firstCursorPosition().block().text() == "2"
    assert "Steps:" in window.preview.toPlainText()


def test_the_page_follows_the_question_as_it_is_edited(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    question = window.form.bindings["question"].widget
    replace_text(question, "How does a nap change the mood?")
    qtbot.waitUntil(lambda: "How does a nap change the mood?" in window.preview.toPlainText(),
                    timeout=5000)
    assert window.preview.toPlainText().startswith("Psychology\nHow does a nap change")


def test_a_line_break_that_was_a_backslash_n_is_marked_where_it_is(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    with qtbot.waitSignal(window.preview.rendered, timeout=5000):
        # as a stored "$x \neq 0$" reads back: a line break, then "eq"
        replace_text(window.editor, "If $x \neq 0$ then.\n\nFine.")
    doc = window.preview.document()
    at = doc.toPlainText().index("⚠")
    cursor = QTextCursor(doc)
    cursor.setPosition(at + 1)
    assert "use “≠” instead" in cursor.charFormat().toolTip()
    assert doc.toPlainText().count("⚠") == 1
