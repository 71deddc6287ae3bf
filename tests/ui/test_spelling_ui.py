"""Spelling language in the real widgets: the menu, the marks, the right-click suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.text.spelling import AUTOMATIC, UK, US, Speller
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.panes.markdown_editor import SpellTextEdit
from editor.ui.settings import Settings
from editor.ui.spelling_menu import SpellingMenu
from tests.ui.helpers import misspelled_ranges, pick, replace_text

SILK = "content/learn/history-of-the-world/how-did-the-silk-road-connect-distant-civilisations.md"
BRITISH = "The colour of the centre stabilises; we analyse it."
MARKED_IN_US = ["colour", "centre", "stabilises", "analyse"]


@pytest.fixture(scope="module")
def speller(tmp_path_factory: pytest.TempPathFactory) -> Speller:
    loaded = Speller(tmp_path_factory.mktemp("config") / "words.txt", language=UK)
    loaded.load()
    return loaded


@pytest.fixture
def us_locale():
    """An American locale, so the automatic choice starts from US wherever tests run."""
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(before)


def word_cursor(edit: QPlainTextEdit, word: str):
    cursor = edit.textCursor()
    cursor.setPosition(edit.toPlainText().index(word) + 1)
    return cursor


def test_menu_is_exclusive_and_requests_languages(qtbot) -> None:
    menu = SpellingMenu()
    qtbot.addWidget(menu)
    actions = menu.actions_by_code
    assert [a.text() for a in menu.actions()] == ["&Automatic", "English (UK)", "English (US)"]
    assert all(a.isCheckable() for a in actions.values()) and actions[AUTOMATIC].isChecked()
    with qtbot.waitSignal(menu.languageRequested) as blocker:
        actions[UK].trigger()
    assert blocker.args == [UK]
    assert actions[UK].isChecked() and not actions[AUTOMATIC].isChecked()
    with qtbot.assertNotEmitted(menu.languageRequested):
        menu.set_current(AUTOMATIC, US)
    assert actions[AUTOMATIC].isChecked() and not actions[UK].isChecked()
    assert actions[AUTOMATIC].text() == "&Automatic (English (US))"


def test_settings_keep_the_language() -> None:
    settings = Settings()
    assert settings.spelling_language == AUTOMATIC
    settings.spelling_language = UK
    settings.sync()
    assert Settings().spelling_language == UK


def test_british_words_unmarked_in_uk_and_marked_in_us(qtbot, speller: Speller) -> None:
    edit = SpellTextEdit(speller)
    qtbot.addWidget(edit)
    edit.setPlainText(BRITISH + " Its color.")
    assert misspelled_ranges(edit) == ["color"]
    speller.set_language(US)
    edit.highlighter.rehighlight()
    assert misspelled_ranges(edit) == ["colour", "centre", "stabilises", "analyse"]
    speller.set_language(UK)
    edit.highlighter.rehighlight()
    assert misspelled_ranges(edit) == ["color"]


def test_suggestions_keep_capitals_and_prefer_british(qtbot, speller: Speller) -> None:
    speller.set_language(UK)
    edit = SpellTextEdit(speller)
    qtbot.addWidget(edit)
    edit.setPlainText("Colr of the note: RECIEVE it.")
    assert misspelled_ranges(edit) == ["Colr"]  # capitals may be an acronym: not marked
    actions = edit.spelling_actions(word_cursor(edit, "Colr"), edit)
    assert actions[0].text() == "Colour"
    actions[0].trigger()
    actions = edit.spelling_actions(word_cursor(edit, "RECIEVE"), edit)
    assert actions[0].text() == "RECEIVE"
    actions[0].trigger()
    assert edit.toPlainText() == "Colour of the note: RECEIVE it."
    assert misspelled_ranges(edit) == []
    assert edit.spelling_actions(word_cursor(edit, "RECEIVE"), edit) == []


def test_folder_sample_decides_before_any_article_opens(qtbot, us_locale,
                                                        window: MainWindow) -> None:
    # the sample folder's questions write "civilisations": British, whatever the locale
    auto = window.spelling_menu.actions_by_code[AUTOMATIC]
    qtbot.waitUntil(lambda: auto.text() == "&Automatic (English (UK))", timeout=10_000)
    assert window.controller.path is None
    assert auto.isChecked() and window.speller.language == UK


def test_window_menu_switches_and_remembers(qtbot, us_locale, window: MainWindow) -> None:
    pick(qtbot, window, SILK)  # its answer has "travelled": the automatic choice is UK
    menu = window.spelling_menu
    assert menu.menuAction() in window.menus.edit.actions()  # Edit > Spelling Language
    qtbot.waitUntil(lambda: window.speller.ready
                    and menu.actions_by_code[AUTOMATIC].text() == "&Automatic (English (UK))",
                    timeout=10_000)
    assert menu.actions_by_code[AUTOMATIC].isChecked() and window.speller.language == UK
    replace_text(window.editor, BRITISH)
    assert misspelled_ranges(window.editor) == []

    question = window.findChild(QPlainTextEdit, "field:question")
    replace_text(question, "Which colour?")
    menu.actions_by_code[US].trigger()
    assert misspelled_ranges(question) == ["colour"]  # short fields at once
    # the answer is redrawn in slices, a few milliseconds each
    qtbot.waitUntil(lambda: misspelled_ranges(window.editor) == MARKED_IN_US)
    assert menu.actions_by_code[US].isChecked()
    assert Settings().spelling_language == US

    menu.actions_by_code[UK].trigger()
    qtbot.waitUntil(lambda: misspelled_ranges(window.editor) == [])
    menu.actions_by_code[US].trigger()
    menu.actions_by_code[AUTOMATIC].trigger()
    assert window.speller.language == UK and Settings().spelling_language == AUTOMATIC
    qtbot.waitUntil(lambda: not window.editor.highlighter.redrawing)
    assert misspelled_ranges(window.editor) == [] and misspelled_ranges(question) == []


def test_long_answer_is_redrawn_in_slices(qtbot, speller: Speller) -> None:
    speller.set_language(UK)
    edit = SpellTextEdit(speller)
    qtbot.addWidget(edit)
    edit.resize(600, 400)
    edit.show()
    edit.setPlainText("\n\n".join([BRITISH] * 3000))
    speller.set_language(US)
    edit.refresh_spelling()
    assert edit.highlighter.redrawing  # not all at once: the window keeps responding
    qtbot.waitUntil(lambda: not edit.highlighter.redrawing, timeout=20_000)
    assert misspelled_ranges(edit) == MARKED_IN_US * 3000
    speller.set_language(UK)


def test_window_starts_with_the_stored_language(qtbot, us_locale, sample_copy: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.DISCARD)
    settings = Settings()
    settings.spelling_language = US
    settings.sync()
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        win.open_folder(sample_copy)
        qtbot.waitUntil(lambda: win.index is not None and win.speller.ready, timeout=10_000)
        pick(qtbot, win, SILK)  # British text, but the writer chose US
        assert win.speller.language == US and win.spelling_menu.actions_by_code[US].isChecked()
        replace_text(win.editor, BRITISH)
        assert misspelled_ranges(win.editor) == ["colour", "centre", "stabilises", "analyse"]
    finally:
        win.controller.close()
        win.pool.waitForDone(5000)


def test_window_falls_back_to_the_locale(qtbot) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        assert win.speller.setting == AUTOMATIC and win.speller.language == UK
        win.pool.waitForDone(5000)
    finally:
        QLocale.setDefault(before)


def test_the_dictionary_loads_once_the_opening_folder_is_ready(qtbot, sample_copy) -> None:
    """Loading the dictionary is half a second of the interpreter's time: a folder being
    opened is indexed and painted first."""
    win = MainWindow()
    qtbot.addWidget(win)
    order: list[str] = []
    win.folder_ctl.indexReady.connect(lambda _result: order.append("indexed"))
    win.folder_ctl.suggestionsReady.connect(lambda _catalog: order.append("suggestions"))
    win.jobs.spellingLoaded.connect(lambda: order.append("dictionary"))
    win.show()
    win.open_folder(sample_copy)
    qtbot.waitUntil(lambda: "dictionary" in order, timeout=20_000)
    assert order[:3] == ["indexed", "suggestions", "dictionary"] and win.speller.ready
    win.pool.waitForDone(5000)


def test_with_no_folder_the_dictionary_loads_at_once(qtbot) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.jobs.spellingLoaded, timeout=20_000):
        win.show()
    assert win.speller.ready and win.folder_ctl.root is None
    win.pool.waitForDone(5000)
