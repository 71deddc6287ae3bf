"""What a second walk through the window found: undo as an edit, broken files fixed here or
elsewhere, raw-text fixes never dropped unasked, folders switched with a filter typed."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QLineEdit

from editor.core.index.entry import Entry
from editor.ui import dialogs
from editor.ui.menus import ActionId
from editor.ui.models.tree_data import prepare_tree
from tests.conftest import SAMPLE
from tests.ui.helpers import SLEEP, pick, replace_text

SPACED = "content/learn/psychology/why-does-spaced-repetition-help-people-remember-facts-longer.md"


def test_undo_in_a_field_is_an_edit(qtbot, window) -> None:
    pick(qtbot, window, SLEEP)
    field = window.findChild(QLineEdit, "field:id")
    field.setFocus()
    field.end(False)
    field.insert("x")
    assert window.controller.modified and window.controller.invalid
    window.menus[ActionId.UNDO].trigger()
    assert field.text() == "81003"
    assert not window.controller.modified and not window.controller.invalid
    assert not field.styleSheet()


def break_author(path: Path) -> bytes:
    good = path.read_bytes()
    path.write_bytes(good.replace(b"author: QuickTakes", b"author: [QuickTakes", 1))
    return good


def test_a_file_fixed_in_raw_text_joins_the_catalog(qtbot, window, sample_copy) -> None:
    path = sample_copy / SLEEP
    good = break_author(path)
    window.open_folder(sample_copy)
    qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
    assert window.folder_ctl.catalog.with_id(81003) == []
    window.open_article(path)
    window.banner.fix_button.click()
    assert window.raw_view.fixing and window.state_label.text() == "Fixing"
    window.raw_view.setPlainText(good.decode())
    assert window.save()
    assert [e.path for e in window.folder_ctl.catalog.with_id(81003)] == [SLEEP]


def test_raw_text_being_fixed_is_asked_about(qtbot, window, sample_copy, monkeypatch) -> None:
    path = sample_copy / SLEEP
    break_author(path)
    window.open_article(path)
    window.banner.fix_button.click()
    window.raw_view.insertPlainText("# my fix ")
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_changes",
                        lambda _w, name, _q=False: asked.append(name) or dialogs.CANCEL)
    assert not window.open_article(sample_copy / SPACED)
    assert asked == [path.name] and window.raw_view.fixing
    assert "# my fix " in window.raw_view.toPlainText()


def test_save_from_the_menu_writes_the_raw_text_being_fixed(qtbot, window, sample_copy) -> None:
    path = sample_copy / SLEEP
    good = break_author(path)
    window.open_article(path)
    window.banner.fix_button.click()
    assert window.controller.fixing and not window.controller.unsaved
    replace_text(window.raw_view, good.decode())  # typed over: an edit
    assert window.controller.unsaved
    with qtbot.waitSignal(window.controller.saved):
        window.menus[ActionId.SAVE].trigger()  # the controller knows it is the raw text
    assert path.read_bytes() == good and window.controller.document is not None
    assert not window.controller.fixing and not window.controller.unsaved


def test_a_raw_fix_discarded_is_asked_about_once(qtbot, window, sample_copy, monkeypatch) -> None:
    path = sample_copy / SLEEP
    broken = break_author(path) and path.read_bytes()
    window.open_article(path)
    window.banner.fix_button.click()
    window.raw_view.insertPlainText("# my fix ")
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_changes",
                        lambda _w, name, _q=False: asked.append(name) or dialogs.DISCARD)
    assert window.open_article(sample_copy / SPACED)
    assert window.open_article(path)  # nothing unsaved: not asked again
    assert asked == [path.name] and path.read_bytes() == broken


def test_a_broken_file_fixed_elsewhere_opens_again(qtbot, window, sample_copy) -> None:
    path = sample_copy / SLEEP
    good = break_author(path)
    window.open_article(path)
    assert window.controller.document is None
    path.write_bytes(good)  # a colleague, or git, fixes it
    qtbot.waitUntil(lambda: window.controller.document is not None, timeout=5_000)
    assert window.findChild(QLineEdit, "field:author").text() == "QuickTakes"


def test_another_folder_starts_unfiltered(qtbot, window, tmp_path) -> None:
    window.tree.filter_box.setText("photosynthesis")
    other = tmp_path / "other"
    shutil.copytree(SAMPLE, other)
    window.open_folder(other)
    assert window.tree.filter_box.text() == ""
    qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
    assert window.tree.model.visible_articles() == 14


def test_numbered_titles_sort_as_numbers() -> None:
    entries = [Entry(f"content/learn/s/a{n}.md", kind="article", title=f"Why cells? ({n})")
               for n in (10, 2, 1, 11)]
    data = prepare_tree(entries)
    assert [e.title for e in data.entries] == [f"Why cells? ({n})" for n in (1, 2, 10, 11)]
