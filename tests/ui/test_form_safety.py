"""The form changes only what the writer touched, and never silently drops what was typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from editor.core.document.article import ArticleDocument
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from tests.ui.helpers import MITO, SLEEP, diff_lines, pick, replace_text


def wheel(widget: QWidget, dy: int = -120) -> None:
    """A real mouse wheel notch over the widget's middle (negative: scroll down)."""
    middle = widget.rect().center()
    event = QWheelEvent(QPointF(middle), QPointF(widget.mapToGlobal(middle)), QPoint(0, 0),
                        QPoint(0, dy), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def form_values(window: MainWindow) -> dict[str, str]:
    values = {w.objectName(): w.currentText() for w in window.form.findChildren(QComboBox)}
    values |= {w.objectName(): w.text() for w in window.form.findChildren(QDateEdit)}
    return values


def add_key(path: Path, line: str) -> None:
    text = path.read_text()
    path.write_text(text.replace("author: QuickTakes\n", f"author: QuickTakes\n{line}\n", 1))


# -- the mouse wheel ---------------------------------------------------------------------------
def test_wheel_over_every_form_widget_changes_nothing(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    before = (sample_copy / SLEEP).read_bytes()
    focus(qtbot, window.tree.view)
    shown = form_values(window)
    bar = window.form.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)
    wheel(window.findChild(QDateEdit, "field:date"))
    assert bar.value() > 0  # the wheel over the date scrolled the form instead
    bar.setValue(0)
    wheel(window.findChild(QComboBox, "related:1"))
    assert bar.value() > 0
    for widget in window.form.findChildren(QWidget):
        for dy in (-120, 120, -120):
            wheel(widget, dy)
    assert form_values(window) == shown
    assert not window.controller.modified
    assert window.save()
    assert (sample_copy / SLEEP).read_bytes() == before


def test_wheel_over_a_field_with_the_cursor_in_it_scrolls_the_form(qtbot, window,
                                                                   sample_copy) -> None:
    """Clicked into a related article's search box or the date, then the page scrolled: the
    form scrolls and neither changes; the arrow keys still step the date."""
    pick(qtbot, window, SLEEP)
    before = (sample_copy / SLEEP).read_bytes()
    picker = window.findChild(QComboBox, "related:1")
    qtbot.waitUntil(lambda: picker.count() > 0)  # suggestions, once the folder is shown
    date = window.findChild(QDateEdit, "field:date")
    bar = window.form.verticalScrollBar()
    shown = form_values(window)
    for widget in (picker, date):
        focus(qtbot, widget)
        bar.setValue(0)
        for dy in (-120, -120, 120, -120):
            wheel(widget, dy)
        assert bar.value() > 0, widget.objectName()
    assert form_values(window) == shown
    assert not window.controller.modified
    assert window.controller.document.get("related_article1.id") == 81001
    assert window.save() and (sample_copy / SLEEP).read_bytes() == before
    focus(qtbot, date)
    qtbot.keyClick(date, Qt.Key.Key_Down)
    assert date.text() != shown["field:date"] and window.controller.modified


def test_wheel_over_new_article_subject_changes_nothing(qtbot, window) -> None:
    seen: dict[str, str] = {}

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            subject = dialog.findChild(QComboBox, "newSubject")
            question = dialog.findChild(QPlainTextEdit, "newQuestion")
            subject.setCurrentIndex(0)  # the writer picks the first subject
            seen["before"] = subject.currentText()
            question.setFocus()
            question.setPlainText("Why do onions make people cry?")
            for _ in range(3):
                wheel(subject)
            seen["after"] = subject.currentText()
        finally:
            dialog.accept()

    QTimer.singleShot(0, fill_in)
    window.menus[ActionId.NEW_ARTICLE].trigger()
    assert seen["after"] == seen["before"]
    qtbot.waitUntil(lambda: window.controller.document is not None
                    and window.controller.document.get("question").startswith("Why do onions"))
    assert window.controller.document.get("subject") == seen["before"]


# -- Tab ---------------------------------------------------------------------------------------
def test_tab_moves_focus_from_every_plain_field(qtbot, window, sample_copy) -> None:
    add_key(sample_copy / SLEEP, "tags: [sleep, mood]")
    pick(qtbot, window, SLEEP)
    fields = [b.widget for b in window.form.bindings.values()
              if isinstance(b.widget, QPlainTextEdit)]
    names = {w.objectName() for w in fields}
    assert {"bodyEditor", "field:tags", "field:question"} <= names
    for field in fields:
        window.form.ensureWidgetVisible(field)
        focus(qtbot, field)
        text = field.toPlainText()
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert field.toPlainText() == text, field.objectName()
        assert not field.hasFocus(), field.objectName()
    assert not window.controller.modified


# -- undoing an edit is no edit ----------------------------------------------------------------
def click_box(qtbot, box: QCheckBox) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_tick_then_untick_leaves_the_file_alone(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    before = (sample_copy / SLEEP).read_bytes()
    box = window.findChild(QCheckBox, "field:no_index")
    window.form.ensureWidgetVisible(box)
    click_box(qtbot, box)
    assert box.isChecked() and window.controller.modified
    click_box(qtbot, box)
    assert not box.isChecked()
    assert not window.controller.modified
    assert "no_index" not in window.controller.document.data
    assert window.save()
    assert (sample_copy / SLEEP).read_bytes() == before


def test_after_a_save_unticking_is_an_edit(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    box = window.findChild(QCheckBox, "field:no_index")
    window.form.ensureWidgetVisible(box)
    click_box(qtbot, box)
    assert window.save()
    assert "no_index: true" in (sample_copy / SLEEP).read_text()
    click_box(qtbot, box)
    assert window.controller.modified
    assert window.save()
    assert "no_index: false" in (sample_copy / SLEEP).read_text()


def test_text_typed_then_erased_in_an_absent_key_is_no_edit(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)  # it has no related_article3
    before = (sample_copy / SLEEP).read_bytes()
    for key in ("related_article3.title", "related_article3.id", "post_on_text"):
        field = window.findChild(QLineEdit, f"field:{key}")
        window.form.ensureWidgetVisible(field)
        focus(qtbot, field)
        field.end(False)
        qtbot.keyClicks(field, "12")
        assert window.controller.modified, key
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
        assert not window.controller.modified, key
    assert "related_article3" not in window.controller.document.data
    assert window.save()
    assert (sample_copy / SLEEP).read_bytes() == before


# -- invalid edits are never dropped -----------------------------------------------------------
def test_invalid_id_keeps_the_article_unsaved(qtbot, window, sample_copy, monkeypatch) -> None:
    asked: list[str] = []

    def answer_save(_parent, name: str, _quitting: bool = False) -> str:
        asked.append(name)
        return dialogs.SAVE

    monkeypatch.setattr(dialogs, "ask_save_changes", answer_save)
    pick(qtbot, window, SLEEP)
    before = (sample_copy / SLEEP).read_bytes()
    field = window.findChild(QLineEdit, "field:id")
    focus(qtbot, field)
    field.end(False)
    qtbot.keyClick(field, "x")
    message = "Article id: “81003x” is not a whole number"
    assert window.controller.modified and window.isWindowModified()
    assert window.state_label.text() == "Modified"
    assert field.toolTip() == message and field.styleSheet()
    assert not window.save()
    assert message in window.banner.text() and "literal" not in window.banner.text()
    assert (sample_copy / SLEEP).read_bytes() == before
    # switching asks; Save fails with the same words and the article stays open
    window.banner.hide()
    window.tree.view.activated.emit(window.tree.model.index_for_path(MITO))
    assert asked == ["how-does-sleep-affect-emotional-regulation.md"]
    assert window.controller.path.as_posix().endswith(SLEEP)
    assert message in window.banner.text()
    assert not window.close() and window.isVisible()
    assert len(asked) == 2
    # fixing the field makes it valid, and here it is the file's value again
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.toolTip() == "" and not field.styleSheet()
    assert not window.controller.modified
    pick(qtbot, window, MITO)
    assert len(asked) == 2
    assert (sample_copy / SLEEP).read_bytes() == before


def test_invalid_number_and_related_id_are_named(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    replace_text(window.findChild(QLineEdit, "field:score"), "high")
    replace_text(window.findChild(QLineEdit, "field:related_article2.id"), "83002x")
    assert not window.save()
    text = window.banner.text()
    assert "Score: “high” is not a number" in text
    assert "Related 2: Id: “83002x” is not a whole number" in text
    replace_text(window.findChild(QLineEdit, "field:related_article2.id"), "83002")
    replace_text(window.findChild(QLineEdit, "field:score"), "-1.0")
    assert not window.controller.modified


def test_other_field_yaml_that_does_not_parse(qtbot, window, sample_copy) -> None:
    add_key(sample_copy / SLEEP, "tags: [sleep, mood]")
    pick(qtbot, window, SLEEP)
    before = (sample_copy / SLEEP).read_bytes()
    field = window.findChild(QPlainTextEdit, "field:tags")
    shown = field.toPlainText()
    replace_text(field, "- sleep\n- mood: x: y")
    assert window.controller.modified
    assert not window.save()
    text = window.banner.text()
    assert ("Other field “tags”: the text at line 2, column 10 has a colon ( : ) inside a "
            "value") in text
    assert field.toolTip() in text
    assert (sample_copy / SLEEP).read_bytes() == before
    replace_text(field, "- sleep\n- mood: [")
    assert "the text at its end" in field.toolTip()
    replace_text(field, shown)
    assert not window.controller.modified and field.toolTip() == ""
    replace_text(field, "- sleep\n- mood\n- dreams")
    assert window.save()
    saved = ArticleDocument.load(sample_copy / SLEEP)
    assert saved.get("tags") == ["sleep", "mood", "dreams"]
    assert diff_lines(before.decode(), (sample_copy / SLEEP).read_text())[0] == (
        "-tags: [sleep, mood]\n")


def test_invalid_text_survives_a_merge_with_changes_on_disk(qtbot, window, sample_copy) -> None:
    add_key(sample_copy / SLEEP, "tags: [sleep, mood]")
    pick(qtbot, window, SLEEP)
    id_field = window.findChild(QLineEdit, "field:id")
    replace_text(id_field, "81003x")
    replace_text(window.findChild(QPlainTextEdit, "field:tags"), "- sleep\n- mood: x: y")
    path = sample_copy / SLEEP
    path.write_text(path.read_text().replace("author: QuickTakes", "author: Someone Else"))
    window.controller.check_disk()
    assert window.findChild(QLineEdit, "field:author").text() == "Someone Else"  # merged
    assert id_field.text() == "81003x" and id_field.toolTip()
    tags = window.findChild(QPlainTextEdit, "field:tags")
    assert tags.toPlainText() == "- sleep\n- mood: x: y" and tags.toolTip()
    assert window.controller.modified
    assert not window.save()
    assert "Article id" in window.banner.text() and "Other field “tags”" in window.banner.text()
    replace_text(id_field, "81003")
    replace_text(tags, "- sleep\n- mood")
    assert not window.controller.modified  # the file's values, as merged from disk


def test_a_value_the_file_already_had_wrong_is_no_edit(qtbot, window, sample_copy) -> None:
    path = sample_copy / SLEEP
    path.write_text(path.read_text().replace("score: -1.0", "score: high"))
    pick(qtbot, window, SLEEP)
    before = path.read_bytes()
    field = window.findChild(QLineEdit, "field:score")
    assert field.text() == "high"
    focus(qtbot, field)
    field.end(False)
    qtbot.keyClick(field, "x")
    assert window.controller.modified and field.toolTip() == "Score: “highx” is not a number"
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert not window.controller.modified and field.toolTip() == ""
    assert window.save()
    assert path.read_bytes() == before
