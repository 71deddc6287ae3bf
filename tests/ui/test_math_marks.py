"""The answer editor highlights math and tables where the site's renderer finds them, once
typing pauses; a formula KaTeX rejects and typed HTML are underlined, listed under the answer
and among the article's problems, and the preview marks the HTML."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor

from editor.core.text.spelling import UK, Speller
from editor.ui.main_window import MainWindow
from editor.ui.panes import highlighter
from editor.ui.panes.markdown_editor import MarkdownEditor
from tests.ui.helpers import misspelled_ranges, pick

MITO = "content/learn/biology/what-role-do-mitochondria-play-in-a-cell.md"
TEXT = ("Energy is $E = mc^2$ here, not `$x$`.\n"
        "\n"
        "| Name | Value |\n"
        "|:-----|------:|\n"
        "| $\\frac{a$ | a \\| b |\n"
        "\n"
        "A <b>bold</b> word and costs $5 or $10.")


def formats(editor: MarkdownEditor, number: int) -> list[tuple[str, QTextCharFormat]]:
    """The highlighter's formats in block ``number``: the text each covers, and the format."""
    block = editor.document().findBlockByNumber(number)
    return [(block.text()[r.start:r.start + r.length], QTextCharFormat(r.format))
            for r in block.layout().formats()]


def format_of(editor: MarkdownEditor, number: int, text: str) -> QTextCharFormat:
    found = [f for covered, f in formats(editor, number) if covered == text]
    assert found, (text, [c for c, _ in formats(editor, number)])
    return found[-1]


def format_at(editor: MarkdownEditor, number: int, text: str) -> QTextCharFormat:
    """The format of the first character of ``text`` in block ``number``."""
    block = editor.document().findBlockByNumber(number)
    at = block.text().index(text)
    found = [r for r in block.layout().formats() if r.start <= at < r.start + r.length]
    assert found, text
    return QTextCharFormat(found[-1].format)


def colour(fmt: QTextCharFormat) -> str:
    return fmt.foreground().color().name()


def wavy(fmt: QTextCharFormat) -> bool:
    return fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline


def loaded(qtbot, text: str) -> MarkdownEditor:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.scanner.scanned, timeout=5000):
        editor.load_text(text)
    qtbot.waitUntil(lambda: not editor.highlighter.redrawing)
    return editor


def test_math_spans_are_highlighted_as_the_site_reads_them(qtbot) -> None:
    editor = loaded(qtbot, TEXT)
    math = format_of(editor, 0, "$E = mc^2$")
    assert colour(math) == highlighter.MATH.foreground().color().name()
    assert not wavy(math)
    # code is not math; a price pair is a formula ("5 or "), as the site pairs the dollars
    assert all(colour(f) != colour(math) for c, f in formats(editor, 0) if "x" in c)
    assert colour(format_of(editor, 6, "$5 or $")) == colour(math)
    # a formula KaTeX cannot parse: underlined, in a table cell
    assert wavy(format_of(editor, 4, "$\\frac{a$"))


def test_a_table_row_is_highlighted_header_rule_and_pipes(qtbot) -> None:
    editor = loaded(qtbot, TEXT)
    assert format_at(editor, 2, "Name").fontWeight() == QFont.Weight.Bold
    assert format_at(editor, 2, "Value").fontWeight() == QFont.Weight.Bold
    assert colour(format_at(editor, 3, ":-----")) == QColor("#8a8f98").name()
    pipe = highlighter.TABLE_PIPE.foreground().color().name()
    assert [c for c, f in formats(editor, 2) if colour(f) == pipe] == ["|"] * 3
    assert [c for c, f in formats(editor, 4) if colour(f) == pipe] == ["|"] * 3  # not "\\|"
    # a body row: nothing bold but its pipes
    assert [c for c, f in formats(editor, 4) if f.fontWeight() == QFont.Weight.Bold] == ["|"] * 3


def test_typed_html_is_underlined_and_prose_is_not_a_table(qtbot) -> None:
    editor = loaded(qtbot, TEXT + "\n\nnot | a table\n")
    assert wavy(format_of(editor, 6, "<b>")) and wavy(format_of(editor, 6, "</b>"))
    assert formats(editor, 8) == []


def test_an_edit_is_highlighted_again_once_typing_pauses(qtbot) -> None:
    editor = loaded(qtbot, "Plain words.")
    assert formats(editor, 0) == []
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    with qtbot.waitSignal(editor.scanner.scanned, timeout=5000):
        editor.insertPlainText(" Then $x^2$.")
        # typing itself only runs the per-block rules: the scan comes after the pause
        assert editor.highlighter.places(0) == []
    qtbot.waitUntil(lambda: not editor.highlighter.redrawing)
    assert colour(format_of(editor, 0, "$x^2$")) == highlighter.MATH.foreground().color().name()


def type_at_end(window: MainWindow, text: str) -> None:
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.insertPlainText(text)


def test_the_window_lists_them_under_the_answer_and_in_the_preview(
        qtbot, window: MainWindow, sample_copy: Path) -> None:
    pick(qtbot, window, MITO)
    warning = window.backslash_warning
    assert warning.isHidden()
    with qtbot.waitSignal(window.preview.rendered, timeout=5000):
        type_at_end(window, "\n\nIts mass is $\\frac{1}{2$ of <sub>it</sub>.")
    qtbot.waitUntil(lambda: len(warning.texts()) == 3, timeout=5000)
    texts = warning.texts()
    assert texts[0].startswith("The site cannot show the formula “\\frac{1}{2” and shows "
                               "its source in red: KaTeX parse error:")
    assert texts[1].startswith("The site shows the HTML tag “<sub>” as text")
    assert texts[2].startswith("The site shows the HTML tag “</sub>” as text")
    assert warning.buttons == []  # nothing to fix with one click
    qtbot.waitUntil(lambda: sum("HTML tag" in t for t in window.article_problems.texts()) == 2,
                    timeout=5000)
    assert any("cannot show the formula" in t for t in window.article_problems.texts())
    shown = window.preview.toPlainText()
    assert "<sub>\u26a0it</sub>\u26a0." in shown
    cursor = QTextCursor(window.preview.document())
    cursor.setPosition(shown.index("<sub>\u26a0") + len("<sub>") + 1)
    assert cursor.charFormat().toolTip().startswith("The site shows the HTML tag “<sub>”")


def test_tex_and_tags_are_not_words_for_the_speller(qtbot, tmp_path: Path) -> None:
    speller = Speller(tmp_path / "words.txt", language=UK)
    speller.load()
    editor = MarkdownEditor(speller=speller)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.scanner.scanned, timeout=5000):
        editor.load_text("Teh ratio $\\mathrm{xqzt}$ and <abbr>zzqv</abbr> nwo.")
    qtbot.waitUntil(lambda: not editor.highlighter.redrawing)
    qtbot.waitUntil(lambda: "nwo" in misspelled_ranges(editor), timeout=5000)
    marked = misspelled_ranges(editor)
    assert "Teh" in marked and "nwo" in marked
    assert "mathrm" not in marked and "xqzt" not in marked and "abbr" not in marked
    assert "zzqv" in marked  # between the tags: prose, shown as text
