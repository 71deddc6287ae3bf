"""The real window, offscreen: open, edit, preview, save, prompts, filter, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.settings import Settings
from tests.ui.helpers import MITO, SLEEP, diff_lines, misspelled_ranges, pick, replace_text


def test_tree_shows_titles_and_ids(window: MainWindow) -> None:
    model = window.tree.model
    index = model.index_for_path(SLEEP)
    assert model.data(index) == "How does sleep affect emotional regulation?"
    assert model.data(index.siblingAtColumn(1)) == "81003"
    assert model.visible_articles() == 14


def test_edit_seo_description_saves_one_line(qtbot, window: MainWindow, sample_copy: Path) -> None:
    pick(qtbot, window, SLEEP)
    before = (sample_copy / SLEEP).read_text()
    field = window.findChild(QPlainTextEdit, "field:seo.page_description")
    assert field.accessibleName() == "SEO description"
    replace_text(field, "Sleep steadies your moods — here is how.")
    assert window.isWindowModified()
    window.findChild(type(window.menus[ActionId.SAVE]), "actionSave").trigger()
    after = (sample_copy / SLEEP).read_text()
    assert diff_lines(before, after) == [
        "-" + before.split("page_description: >-\n")[1].split("\n")[0] + "\n",
        "+    Sleep steadies your moods — here is how.\n",
    ]
    assert not window.isWindowModified()


def test_answer_typing_updates_preview_and_saves_encoded(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    editor = window.findChild(QPlainTextEdit, "answerEditor")
    assert "\n\n1. **The amygdala**" in editor.toPlainText()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("\n\n")
    qtbot.keyClicks(editor, "A brand new closing paragraph")
    preview = window.preview
    qtbot.waitUntil(lambda: "A brand new closing paragraph" in preview.toPlainText(), timeout=5000)
    assert "The amygdala reacts" in preview.toPlainText()
    assert window.save()
    text = (sample_copy / SLEEP).read_text()
    answer_line = text.split("answer: >-\n")[1].split("\n")[0]
    assert answer_line.endswith("support for mood.\\n\\nA brand new closing paragraph")
    assert "\\n\\n1. **The amygdala**" in answer_line


def test_unicode_in_answer(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    editor = window.findChild(QPlainTextEdit, "answerEditor")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText(" Café “quotes” 🎉")
    assert window.save()
    assert "Café “quotes” 🎉" in (sample_copy / SLEEP).read_text()


def test_noop_save_is_byte_identical(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    before = (sample_copy / SLEEP).read_bytes()
    field = window.findChild(QLineEdit, "field:author")
    replace_text(field, "Someone")
    replace_text(field, "QuickTakes")
    assert not window.controller.modified
    assert window.save()
    assert (sample_copy / SLEEP).read_bytes() == before


@pytest.mark.parametrize("answer", [dialogs.CANCEL, dialogs.DISCARD, dialogs.SAVE])
def test_unsaved_prompt_on_switch(qtbot, window, sample_copy, monkeypatch, answer) -> None:
    asked: list[str] = []

    def fake_ask(_parent, name: str, _quitting: bool = False) -> str:
        asked.append(name)
        return answer

    monkeypatch.setattr(dialogs, "ask_save_changes", fake_ask)
    pick(qtbot, window, SLEEP)
    replace_text(window.findChild(QLineEdit, "field:author"), "Edited Author")
    index = window.tree.model.index_for_path(MITO)
    window.tree.view.activated.emit(index)
    assert asked == ["how-does-sleep-affect-emotional-regulation.md"]
    saved_text = (sample_copy / SLEEP).read_text()
    if answer == dialogs.CANCEL:
        assert window.controller.path.as_posix().endswith(SLEEP)
        assert window.controller.modified
        assert "Edited Author" not in saved_text
    else:
        assert window.controller.path.as_posix().endswith(MITO)
        assert ("author: Edited Author" in saved_text) == (answer == dialogs.SAVE)


def test_close_with_unsaved_edits_asks(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.CANCEL)
    pick(qtbot, window, SLEEP)
    replace_text(window.findChild(QLineEdit, "field:author"), "Edited")
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    assert window.close()


def test_filter_box(qtbot, window) -> None:
    box = window.findChild(QLineEdit, "articleFilter")
    qtbot.keyClicks(box, "mitochondria")
    assert window.tree.model.visible_articles() == 1
    box.clear()
    qtbot.keyClicks(box, "85002")
    assert window.tree.model.visible_articles() == 1
    box.clear()
    qtbot.keyClicks(box, "what-role")
    assert window.tree.model.visible_articles() == 1
    box.clear()
    qtbot.keyClicks(box, "ecosystem resilience")
    assert window.tree.model.visible_articles() == 1
    box.clear()
    assert window.tree.model.visible_articles() == 14


def test_seo_counter_and_snippet(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    replace_text(window.findChild(QPlainTextEdit, "field:seo.page_description"), "x" * 170)
    counter = window.findChild(QLabel, "counter:seo.page_description")
    assert counter.text() == "170/160" and "c0392b" in counter.styleSheet()
    snippet = window.findChild(QLabel, "seoSnippet")
    assert "x" * 159 + "…" in snippet.text()


def test_derive_file_name(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    replace_text(window.findChild(QPlainTextEdit, "field:question"), "Is non-REM sleep deep?")
    from PySide6.QtWidgets import QToolButton

    window.findChild(QToolButton, "derive:file_name").click()
    assert window.findChild(QLineEdit, "field:file_name").text() == "is-nonrem-sleep-deep.md"
    assert window.controller.document.get("file_name") == "is-nonrem-sleep-deep.md"


def test_broken_file_opens_read_only(qtbot, window, sample_copy) -> None:
    bad = sample_copy / "content" / "learn" / "broken.md"
    bad.write_text("---\ntitle: [oops\n---\nbody\n")
    window.open_article(bad)
    assert window.controller.read_only
    assert window.banner.isVisible() and "broken.md, line 2, column 8" in window.banner.text()
    assert "title: [oops" in window.raw_view.toPlainText()
    assert window.form.body_editor.toPlainText() == ""  # the raw text is shown once, above
    assert not window.save()
    assert bad.read_text() == "---\ntitle: [oops\n---\nbody\n"


def test_settings_remembered(qtbot, window, sample_copy, monkeypatch) -> None:
    pick(qtbot, window, SLEEP)
    window.parts.main_split.setSizes([200, 500, 700])
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    assert window.close()
    settings = Settings()
    assert settings.last_folder == str(sample_copy.resolve())
    assert settings.last_article.endswith(SLEEP)
    assert settings.geometry("splitter") is not None
    again = MainWindow()
    qtbot.addWidget(again)
    assert settings.geometry("geometry") is not None
    assert again.settings.last_folder == str(sample_copy.resolve())
    assert settings.recent_folders[0] == str(sample_copy.resolve())


def test_find_and_replace(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    window.menus[ActionId.REPLACE].trigger()
    bar = window.find_bar
    bar.find_box.setText("sleep")
    bar.replace_box.setText("rest")
    count = bar.replace_all()
    assert count >= 2
    assert "sleep" not in window.editor.toPlainText().replace("Sleep", "")
    window.editor.undo()
    assert "sleep" in window.editor.toPlainText()
    assert window.editor.toPlainText().count("rest") == 0 or count


def test_preview_blocks_scripts_and_remote(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    window.editor.setPlainText(
        "Hi <script>alert(1)</script> <iframe src='http://x'></iframe>"
        " [bad](javascript:alert(1)) ![img](http://example.com/a.png)"
    )
    qtbot.waitUntil(lambda: "Hi" in window.preview.toPlainText(), timeout=5000)
    html = window.preview.toHtml()
    # As on the site: typed HTML is shown as the text it is, the unsafe link goes nowhere.
    # (each typed tag followed by the mark that says so)
    shown = window.preview.toPlainText()
    assert "Hi <script>\u26a0alert(1)</script>\u26a0 <iframe" in shown
    assert "Hi <script>alert(1)</script> <iframe" in shown.replace("\u26a0", "")
    assert "<script" not in html and "<iframe" not in html and "javascript" not in html
    assert "bad" in window.preview.toPlainText()
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    data = window.preview.loadResource(
        QTextDocument.ResourceType.ImageResource, QUrl("http://example.com/a.png")
    )
    assert not data


def test_keyboard_navigation(qtbot, window) -> None:
    view = window.tree.view
    view.setFocus()
    view.collapseAll()
    view.setCurrentIndex(window.tree.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 0 and view.currentIndex().parent().isValid()


def test_spelling_in_answer_and_long_fields(qtbot, window: MainWindow) -> None:
    pick(qtbot, window, SLEEP)
    qtbot.waitUntil(lambda: window.speller.ready, timeout=10_000)
    question = window.findChild(QPlainTextEdit, "field:question")
    replace_text(question, "Does slepe help memory?")
    replace_text(window.editor, "Most peple need sleep.\n\n```\nnot_prose_wrd\n```\n")
    qtbot.waitUntil(lambda: misspelled_ranges(question) == ["slepe"])
    assert misspelled_ranges(window.editor) == ["peple"]
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index("peple") + 2)
    actions = window.editor.spelling_actions(cursor, window.editor)
    assert actions[0].text() == "people"
    actions[0].trigger()
    assert window.editor.toPlainText().startswith("Most people need sleep.")
    cursor = question.textCursor()
    cursor.setPosition(question.toPlainText().index("slepe"))
    add = question.spelling_actions(cursor, question)[-1]
    assert add.text() == "Add “slepe” to dictionary"
    add.trigger()
    assert misspelled_ranges(question) == []
    assert "slepe" in window.speller.personal_path.read_text()
    replace_text(window.editor, "slepe again")
    assert misspelled_ranges(window.editor) == []


def test_save_all_revert_and_field_undo(qtbot, window, sample_copy) -> None:
    pick(qtbot, window, SLEEP)
    before = (sample_copy / SLEEP).read_text()
    author = window.findChild(QLineEdit, "field:author")
    replace_text(author, "Night Desk")
    window.menus[ActionId.REVERT].trigger()
    assert author.text() == "QuickTakes" and not window.controller.modified
    replace_text(author, "Night Desk")
    author.undo()
    assert author.text() == "QuickTakes" and not window.controller.modified
    author.redo()
    assert author.text() == "Night Desk"
    window.menus[ActionId.SAVE_ALL].trigger()
    after = (sample_copy / SLEEP).read_text()
    assert diff_lines(before, after) == ["-author: QuickTakes\n", "+author: Night Desk\n"]


def test_preview_loads_local_images_only_inside_the_folder(qtbot, window, sample_copy,
                                                          tmp_path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    inside = sample_copy / "content" / "pic.png"
    outside = tmp_path / "outside.png"
    for path in (inside, outside):
        image = QImage(4, 4, QImage.Format.Format_RGB32)
        image.fill(0)
        assert image.save(str(path))
    kind = QTextDocument.ResourceType.ImageResource
    assert window.preview.loadResource(kind, QUrl.fromLocalFile(str(inside)))
    assert not window.preview.loadResource(kind, QUrl.fromLocalFile(str(outside)))
    assert not window.preview.loadResource(kind, QUrl.fromLocalFile("/etc/passwd"))
    assert not window.preview.loadResource(QTextDocument.ResourceType.StyleSheetResource,
                                           QUrl("https://example.com/x.css"))


def test_every_field_widget_is_named_and_labelled(window: MainWindow) -> None:
    from PySide6.QtWidgets import QWidget

    schema = window.form.schema
    for spec in schema.fields:
        if spec.type == "markdown":
            continue
        widget = window.findChild(QWidget, f"field:{spec.key}")
        assert widget is not None and widget.accessibleName() == spec.label, spec.key
    for n in range(1, schema.related_slots + 1):
        picker = window.findChild(QWidget, f"related:{n}")
        assert picker.accessibleName() == f"Related {n}"
        for sub in schema.related_fields:
            widget = window.findChild(QWidget, f"field:related_article{n}.{sub.key}")
            assert widget.accessibleName() == f"Related {n}: {sub.label}"
