"""The site's own pages in the window: a page of content blocks and a blog post open in a
form built from the site's inputs; each edit saves only its own lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
)

from editor.core.document.article import ArticleDocument
from editor.core.site.site import load_site
from editor.ui import dialogs
from editor.ui.main_window import MainWindow
from editor.ui.menus import ActionId
from editor.ui.panes.block_list import ArrayBox
from editor.ui.panes.locale_field import EMPTY_MARK, LocaleField
from editor.ui.panes.markdown_editor import SpellTextEdit
from editor.ui.panes.rich_field import RichField
from editor.ui.panes.site_form import SiteForm
from editor.ui.panes.site_widgets import ImagePicker
from tests.core.site_fixture import HOME, POST, SHARED_SITE, make_site
from tests.ui.helpers import diff_lines, replace_text

LINES = HOME.splitlines(keepends=True)
BANNER, FAQ, MEDIA = LINES[3:15], LINES[15:40], LINES[40:49]
HEAD, TAIL = LINES[:3], LINES[49:]
PAGE, BLOG = "content/index.md", "content/posts/a-post.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


@pytest.fixture
def win(qtbot, site: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a, **_k: dialogs.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    window.open_folder(site)
    qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
    yield window
    window.controller.close()
    window.pool.waitForDone(5000)


def open_page(window: MainWindow, site: Path, rel: str) -> SiteForm:
    assert window.open_article(site / rel)
    assert window.site_form.isVisible() and not window.form.isVisible()
    return window.site_form


def open_boxes(form: SiteForm, key: str) -> None:
    """Open the item boxes ``key`` is inside, outermost first, as the writer clicks them."""
    parts = key.split(".")
    for n in range(1, len(parts) + 1):
        box = form.items.get(".".join(parts[:n]))
        if box is not None and not box.arrow.isChecked():
            box.arrow.click()


def open_all(form: SiteForm) -> int:
    """Open every item box, those inside the ones opened too; returns how many."""
    opened = 0
    while closed := [b for b in form.items.values() if not b.arrow.isChecked()]:
        for box in closed:
            box.arrow.click()
        opened += len(closed)
    return opened


def field(form: SiteForm, key: str):
    open_boxes(form, key)
    return form.bindings[key].widget


def saved_lines(window: MainWindow, site: Path, rel: str) -> list[str]:
    assert window.save()
    return (site / rel).read_text(encoding="utf-8").splitlines(keepends=True)


def test_a_page_of_blocks_gets_a_widget_per_input(win, site) -> None:
    form = open_page(win, site, PAGE)
    assert isinstance(field(form, "title"), QLineEdit)
    blocks = form.arrays["content_blocks"]
    assert isinstance(blocks, ArrayBox) and len(blocks.items) == 3
    assert blocks.items[0].arrow.text() == "Home Banner — Study Smarter"
    assert blocks.items[1].arrow.text() == "FAQ Section — help@example.com"
    assert [a.text() for a in blocks.add_button.menu().actions()] == [
        "FAQ Section", "Home Banner", "Media Section"]
    faq = "content_blocks.[1]"
    open_boxes(form, f"{faq}.items.[0]")
    assert isinstance(form.locale_fields[f"{faq}.items.[0].question"], LocaleField)
    assert isinstance(field(form, f"{faq}.items.[0].answer.en"), QPlainTextEdit)  # html
    assert isinstance(field(form, f"{faq}.items.[0].question.en"), QPlainTextEdit)  # textarea
    image = win.findChild(ImagePicker, None) or field(form, "content_blocks.[2].items.[0].image")
    assert isinstance(field(form, "content_blocks.[2].items.[0].image").parent(), ImagePicker)
    assert image is not None
    assert form.raw_keys == []
    assert not win.editor.toPlainText()  # the page's body is empty: its blocks are the page


def test_a_blog_post_gets_its_schema_fields_and_its_body_in_the_editor(qtbot, win, site) -> None:
    form = open_page(win, site, BLOG)
    assert field(form, "date").text() == "2025-03-16 00:00:00+00:00"  # as the file has it
    author = form.findChild(QComboBox, "select:author")
    assert [author.itemText(i) for i in range(author.count())] == ["QuickTakes", "Staff"]
    assert author.currentText() == "QuickTakes"
    assert isinstance(field(form, "featuredImg.image").parent(), ImagePicker)
    assert win.editor.isEnabled() and win.editor.key == "body"
    assert win.editor.toPlainText() == "The body.\n"
    qtbot.waitUntil(lambda: "The body." in win.preview.toPlainText(), timeout=5000)
    win.editor.moveCursor(win.editor.textCursor().MoveOperation.End)
    win.editor.insertPlainText("A **second** line.\n")
    qtbot.waitUntil(lambda: "A second line." in win.preview.toPlainText(), timeout=5000)
    before = POST
    after = "".join(saved_lines(win, site, BLOG))
    assert diff_lines(before, after) == ["+A **second** line.\n"]


def test_editing_one_text_field_saves_its_line_only(win, site) -> None:
    form = open_page(win, site, PAGE)
    replace_text(field(form, "content_blocks.[0].title"), "Welcome banner")
    assert win.isWindowModified()
    after = saved_lines(win, site, PAGE)
    assert diff_lines(HOME, "".join(after)) == ["-    title: Home Banner section\n",
                                                "+    title: Welcome banner\n"]
    assert not win.isWindowModified()


def test_a_date_keeps_the_files_form(win, site) -> None:
    form = open_page(win, site, BLOG)
    replace_text(field(form, "date"), "2025-04-01 09:30:00+00:00")
    after = "".join(saved_lines(win, site, BLOG))
    assert diff_lines(POST, after) == ["-date: 2025-03-16 00:00:00+00:00\n",
                                       "+date: 2025-04-01 09:30:00+00:00\n"]
    replace_text(field(form, "date"), "not a date")
    assert form.bindings["date"].error  # marked, not saved
    assert "date" in win.controller.invalid


def test_add_move_and_remove_a_block_each_save_touches_its_lines(win, site) -> None:
    form = open_page(win, site, PAGE)
    menu = form.arrays["content_blocks"].add_button.menu()
    next(a for a in menu.actions() if a.text() == "Home Banner").trigger()
    assert len(form.arrays["content_blocks"].items) == 4
    assert form.items["content_blocks.[3]"].body.isVisible()  # the new block is open
    after = saved_lines(win, site, PAGE)
    new = after[len(HEAD + BANNER + FAQ + MEDIA): -len(TAIL)]
    assert after == HEAD + BANNER + FAQ + MEDIA + new + TAIL
    assert new[0] == "  - _bookshop_name: home/banner\n"
    assert new[1] == "    title: Home Banner section\n"
    assert all(line.startswith("    ") for line in new[1:])
    form.items["content_blocks.[3]"].buttons["up"].click()
    assert saved_lines(win, site, PAGE) == HEAD + BANNER + FAQ + new + MEDIA + TAIL
    form.items["content_blocks.[2]"].buttons["duplicate"].click()
    assert saved_lines(win, site, PAGE) == HEAD + BANNER + FAQ + new + new + MEDIA + TAIL
    form.items["content_blocks.[3]"].buttons["remove"].click()
    form.items["content_blocks.[2]"].buttons["remove"].click()
    assert saved_lines(win, site, PAGE) == LINES
    # an edit after a move goes to the moved item, not to the one now in its old place
    form.items["content_blocks.[2]"].buttons["up"].click()
    replace_text(field(form, "content_blocks.[1].title"), "Media first")
    assert saved_lines(win, site, PAGE) == HEAD + BANNER + [
        MEDIA[0], "    title: Media first\n", *MEDIA[2:]] + FAQ + TAIL


def test_picking_an_image_writes_its_public_path(win, site, monkeypatch) -> None:
    picture = site / "public" / "uploads" / "new.png"
    image = QImage(20, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(picture))
    asked: list[Path] = []

    def choose(_parent, start: Path) -> Path:
        asked.append(start)
        return picture

    monkeypatch.setattr(dialogs, "choose_image", choose)
    form = open_page(win, site, PAGE)
    key = "content_blocks.[2].items.[0].image"
    picker = field(form, key).parent()
    assert isinstance(picker, ImagePicker)
    picker.findChild(QPushButton, f"choose:{key}").click()
    assert asked == [site / "public" / "uploads"]
    assert field(form, key).text() == "/uploads/new.png"
    assert not picker.thumb.pixmap().isNull()  # the thumbnail shows the picked image
    after = "".join(saved_lines(win, site, PAGE))
    assert diff_lines(HOME, after) == ["-      - image: /media.png\n",
                                       "+      - image: /uploads/new.png\n"]


def test_switching_language_and_editing_zh_hk(win, site) -> None:
    form = open_page(win, site, PAGE)
    assert "content_blocks.[0].buttonTxt.zh_hk" not in form.bindings  # its box is closed
    form.items["content_blocks.[0]"].arrow.click()
    buttons = form.locale_fields["content_blocks.[0].buttonTxt"]
    assert buttons.current() == "en"
    zh = buttons.locales.index("zh_hk")
    assert buttons.switcher.itemText(zh) == "zh_hk" + EMPTY_MARK
    buttons.switcher.setCurrentIndex(zh)
    buttons.switcher.activated.emit(zh)  # as a pick by the writer: every field follows
    title = form.locale_fields["content_blocks.[0].contentTitle"]
    assert title.current() == "zh_hk" and form.language == "zh_hk"
    open_boxes(form, "content_blocks.[1].items.[0]")  # built now: in the language picked
    assert form.locale_fields["content_blocks.[1].items.[0].question"].current() == "zh_hk"
    edit = form.bindings["content_blocks.[0].buttonTxt.zh_hk"].widget
    assert edit.isVisible()
    replace_text(edit, "馬上註冊")
    assert buttons.switcher.itemText(zh) == "zh_hk"  # no longer marked empty
    after = "".join(saved_lines(win, site, PAGE))
    assert diff_lines(HOME, after) == ["-      zh_hk:\n", "+      zh_hk: 馬上註冊\n"]


def test_a_switch_and_a_number_keep_their_types(qtbot, tmp_path) -> None:
    root = make_site(tmp_path / "site")
    page = root / "content" / "plain.md"
    page.write_text("---\ntitle: Plain\nis_featured: false\nweight_number: 3\n---\n",
                    encoding="utf-8")
    doc = ArticleDocument.load(page)
    form = SiteForm()
    qtbot.addWidget(form)
    edits: list[tuple[str, object]] = []
    form.fieldEdited.connect(lambda k, v: edits.append((k, v)))
    form.load(doc, load_site(root))
    box = field(form, "is_featured")
    assert isinstance(box, QCheckBox)
    box.setChecked(True)
    replace_text(field(form, "weight_number"), "4")
    assert edits == [("is_featured", True), ("weight_number", 4)]


def test_file_new_blog_post_opens_it_in_the_form(win, site, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_page_title", lambda *_a: "Exam week tips")
    win.menus[ActionId.NEW_POST].trigger()
    target = site / "content" / "posts" / "exam-week-tips.md"
    assert target.is_file()
    assert win.controller.path == target
    assert field(win.site_form, "title").text() == "Exam week tips"


@pytest.mark.skipif(SHARED_SITE is None, reason="the shared sample site is not here")
def test_every_page_of_the_sample_opens_in_the_form(qtbot, tmp_path) -> None:
    assert SHARED_SITE is not None
    root = tmp_path / "sample"
    shutil.copytree(SHARED_SITE, root)
    site = load_site(root)
    form = SiteForm()
    qtbot.addWidget(form)
    pages = raw = fields = 0
    for path in sorted((root / "content").rglob("*.md")):
        doc = ArticleDocument.load(path)
        if doc.is_article:
            continue
        form.load(doc, site)
        pages += 1
        closed = len(form.bindings)
        if open_all(form):
            assert len(form.bindings) > closed  # an item's fields come as it opens
        fields += len(form.bindings)
        raw += len(form.raw_keys)
    print(f"\n{pages} pages, {fields} fields, {raw} shown as raw YAML")
    assert pages == 43
    assert fields > 1000
    assert raw == 0


def test_a_qa_article_after_a_site_page_gets_the_qa_form_and_its_answer(win, site) -> None:
    open_page(win, site, BLOG)
    article = "content/learn/biology/what-is-a-cell.md"
    assert win.open_article(site / article)
    assert win.form.isVisible() and not win.site_form.isVisible()
    assert win.editor.key == "answer"
    assert win.editor.toPlainText() == "A **cell** is the unit of life."
    win.editor.moveCursor(win.editor.textCursor().MoveOperation.End)
    win.editor.insertPlainText(" Really.")
    before = (site / article).read_text(encoding="utf-8")
    after = "".join(saved_lines(win, site, article))
    assert diff_lines(before, after) == ["-  A **cell** is the unit of life.\n",
                                         "+  A **cell** is the unit of life. Really.\n"]


def test_a_select_a_multiselect_and_a_colour(qtbot, win, site, monkeypatch) -> None:
    form = open_page(win, site, BLOG)
    author = form.findChild(QComboBox, "select:author")
    author.setCurrentIndex(author.findText("Staff"))
    after = "".join(saved_lines(win, site, BLOG))
    assert diff_lines(POST, after) == ["-author: QuickTakes\n", "+author: Staff\n"]
    page = site / "content" / "styled.md"
    page.write_text("---\n_inputs:\n  accent:\n    type: color\n  tags:\n    type: multiselect\n"
                    "    options:\n      values: [news, tips, guides]\ntitle: Styled\n"
                    "accent: '#112233'\ntags:\n  - news\n---\n", encoding="utf-8")
    form = open_page(win, site, "content/styled.md")
    monkeypatch.setattr(dialogs, "choose_color", lambda *_a: "#abcdef")
    form.findChild(QToolButton, "swatch:accent").click()
    assert field(form, "accent").text() == "#abcdef"
    tags = field(form, "tags")
    assert tags.text() == "news"
    replace_text(tags, "news, guides")
    before = page.read_text(encoding="utf-8")
    after = "".join(saved_lines(win, site, "content/styled.md"))
    assert diff_lines(before, after) == ["-accent: '#112233'\n", "+accent: '#abcdef'\n",
                                         "+  - guides\n"]


def test_an_invalid_field_rebuilt_by_an_array_edit_does_not_block_saving(win, site) -> None:
    form = open_page(win, site, BLOG)
    replace_text(field(form, "date"), "soon")
    assert "date" in win.controller.invalid
    form.reload()  # as after an array edit: the field shows the document's date again
    assert "date" not in win.controller.invalid
    assert field(form, "date").text() == "2025-03-16 00:00:00+00:00"
    assert win.save()


def test_a_closed_items_fields_are_built_when_it_first_opens(win, site) -> None:
    form = open_page(win, site, PAGE)
    assert list(form.bindings) == ["title"]  # every block closed: only their headers
    banner = form.items["content_blocks.[0]"]
    banner.arrow.click()
    built = [k for k in form.bindings if k.startswith("content_blocks.[0].")]
    assert "content_blocks.[0].title" in built and "content_blocks.[0].buttonTxt.zh_hk" in built
    edit = form.bindings["content_blocks.[0].title"].widget
    assert edit.isVisible() and edit.text() == "Home Banner section"
    banner.arrow.click()
    assert not edit.isVisible()
    banner.arrow.click()  # opened again: the same fields, not built twice
    assert form.bindings["content_blocks.[0].title"].widget is edit
    assert [k for k in form.bindings if k.startswith("content_blocks.[0].")] == built
    assert not any(k.startswith("content_blocks.[1].") for k in form.bindings)


def test_an_array_edit_builds_that_array_again_and_nothing_else(qtbot, win, site) -> None:
    form = open_page(win, site, PAGE)
    title = field(form, "title")
    banner = field(form, "content_blocks.[0].title")
    open_boxes(form, "content_blocks.[1].items.[0]")
    answer = field(form, "content_blocks.[1].items.[0].answer.en")
    faq_items = form.arrays["content_blocks.[1].items"]
    faq_items.items[0].buttons["down"].click()
    assert field(form, "title") is title  # outside the array: untouched
    assert form.bindings["content_blocks.[0].title"].widget is banner
    assert form.arrays["content_blocks.[1].items"] is faq_items
    moved = form.items["content_blocks.[1].items.[1]"]
    assert moved.arrow.isChecked() and not form.items["content_blocks.[1].items.[0]"].arrow \
        .isChecked()  # the open box went with its item
    assert form.bindings["content_blocks.[1].items.[1].answer.en"].widget is not answer
    assert form.bindings["content_blocks.[1].items.[1].answer.en"].widget.toPlainText() == \
        "<p>You can sign up on the site.</p>"
    assert "content_blocks.[1].items.[0].answer.en" not in form.bindings  # closed: not built
    up = moved.buttons["up"]
    assert moved.buttons["down"].isEnabled() is False
    assert win.focusWidget() is up  # the last item: its other move button has the focus
    first, second = FAQ[4:15], FAQ[15:]
    assert saved_lines(win, site, PAGE) == HEAD + BANNER + FAQ[:4] + second + first + \
        MEDIA + TAIL


def test_an_array_edit_keeps_the_forms_scroll_position(qtbot, win, site) -> None:
    form = open_page(win, site, PAGE)
    open_all(form)
    bar = form.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 300)
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    form.items["content_blocks.[0]"].buttons["down"].click()
    assert bar.value() == kept
    moved = form.items["content_blocks.[1]"].arrow
    qtbot.waitUntil(lambda: moved.visibleRegion().boundingRect().height() > 0)
    assert win.focusWidget() is form.items["content_blocks.[1]"].buttons["down"]


def below_menu(form: SiteForm, key: str):
    menu = form.items[key].buttons["below"].menu()
    menu.aboutToShow.emit()  # as the button opens it: the picker is filled then
    return menu


def test_add_below_puts_the_new_item_right_after_its_item(win, site) -> None:
    form = open_page(win, site, PAGE)
    menu = below_menu(form, "content_blocks.[0]")
    assert [a.text() for a in menu.actions()] == ["FAQ Section", "Home Banner", "Media Section"]
    assert len(below_menu(form, "content_blocks.[0]").actions()) == 3  # filled once
    next(a for a in menu.actions() if a.text() == "Media Section").trigger()
    blocks = form.arrays["content_blocks"]
    assert [b.arrow.text() for b in blocks.items] == [
        "Home Banner — Study Smarter", "Media Section", "FAQ Section — help@example.com",
        "education/media — Media Section"]
    assert form.items["content_blocks.[1]"].arrow.isChecked()  # the new block comes open
    assert win.focusWidget() is field(form, "content_blocks.[1].title")
    after = saved_lines(win, site, PAGE)
    new = ["  - _bookshop_name: education/Media/media\n", "    title: Media Section\n",
           "    items: []\n"]
    assert after == HEAD + BANNER + new + FAQ + MEDIA + TAIL
    # inside a block: the block's own item structure, after the first question
    open_boxes(form, "content_blocks.[2]")
    item = below_menu(form, "content_blocks.[2].items.[0]").actions()
    assert [a.text() for a in item] == ["Item"]
    item[0].trigger()
    assert len(form.arrays["content_blocks.[2].items"].items) == 3
    question = ["      - question:\n", "          en: How do I sign up?\n", "          zh_hk:\n",
                "          fr:\n", "          sp:\n", "        answer:\n",
                "          en: >-\n", "            <p>On the site.</p>\n",  # as the first's
                "          zh_hk:\n", "          fr:\n",
                "          sp:\n"]
    assert saved_lines(win, site, PAGE) == HEAD + BANNER + new + FAQ[:15] + question + \
        FAQ[15:] + MEDIA + TAIL


def test_html_and_markdown_inputs_get_the_markdown_editor_and_a_view(win, site) -> None:
    form = open_page(win, site, PAGE)
    key = "content_blocks.[1].items.[0].answer.en"
    answer = field(form, key)
    assert isinstance(answer, SpellTextEdit) and answer.highlighter is not None
    rich = answer.parent()
    assert isinstance(rich, RichField) and rich.view.isReadOnly()
    assert rich.view.toPlainText() == "You can sign up on the site."  # the HTML as shown
    assert "<p>" not in rich.view.toPlainText()
    assert win.save()
    assert (site / PAGE).read_text(encoding="utf-8") == HOME  # shown only: every byte kept
    replace_text(answer, "<p>Sign up <b>today</b>.</p>")
    assert rich.view.toPlainText() == "Sign up today."
    after = "".join(saved_lines(win, site, PAGE))
    assert diff_lines(HOME, after) == ["-            <p>You can sign up on the site.</p>\n",
                                       "+            <p>Sign up <b>today</b>.</p>\n"]
    page = site / "content" / "notes.md"
    text = ("---\n_inputs:\n  intro:\n    type: markdown\ntitle: Notes\n"
            "intro: >-\n  Some **bold**\n  words.\n---\n")
    page.write_text(text, encoding="utf-8")
    form = open_page(win, site, "content/notes.md")
    intro = field(form, "intro")
    view = intro.parent().view
    assert view.toPlainText() == "Some bold words."
    assert "font-weight:700" in view.toHtml()  # rendered by the app's Markdown renderer
    intro.moveCursor(intro.textCursor().MoveOperation.End)
    intro.insertPlainText(" *More.*")
    assert view.toPlainText() == "Some bold words. More."
    after = "".join(saved_lines(win, site, "content/notes.md"))
    assert diff_lines(text, after) == ["+  *More.*\n"]  # the folded lines kept as they were


def test_a_page_of_blocks_only_gives_the_bodys_room_to_the_form(qtbot, win, site) -> None:
    form = open_page(win, site, BLOG)
    qtbot.waitUntil(lambda: win.parts.right_split.isVisible())
    narrow = form.width()
    form = open_page(win, site, PAGE)  # no body, and its collection's pages have none
    assert not win.parts.right_split.isVisible() and not win.editor.isEnabled()
    qtbot.waitUntil(lambda: form.width() > narrow)
    assert win.save()
    assert (site / PAGE).read_text(encoding="utf-8") == HOME
    open_page(win, site, BLOG)  # a blog post shows its body again
    assert win.parts.right_split.isVisible() and win.editor.toPlainText() == "The body.\n"
    new = site / "content" / "posts" / "empty.md"
    new.write_text("---\n_schema: default\ntitle: Empty\n---\n", encoding="utf-8")
    open_page(win, site, "content/posts/empty.md")  # no blocks: its body is to be written
    assert win.parts.right_split.isVisible() and win.editor.isEnabled()
