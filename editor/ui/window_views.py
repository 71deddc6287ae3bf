"""What the panes show for the open document: an article, a file that failed, or nothing.

Only presentation, as in window_parts: each function sets the window's panes from the
document controller's state (its ``article`` record says which article is open); the
wiring stays in the main window, the decisions in the controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.core.document.article import ArticleDocument
from editor.core.document.wording import failure_text
from editor.core.errors import ArticleError
from editor.core.render.page import page_footer, page_header
from editor.ui.menus import ActionId
from editor.ui.panes.banners import escape
from editor.ui.window_parts import EMPTY_TEXT
from editor.ui.window_site import site_label

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

ANSWER_PLACEHOLDER = ("Write the answer here, in Markdown: **bold**, *italic*, lists with - , "
                      "links as [text](address), formulas between $ signs.")


BODY_PLACEHOLDER = "The page's text, in Markdown (this page may be built from its blocks only)."


def show_document(window: MainWindow, doc: ArticleDocument) -> None:
    """The document in the form, the answer editor and the preview. The same article again
    (a merge from disk) keeps the answer's cursor and undo history."""
    window.banner_area.hide_all()
    window.parts.form_stack.setCurrentWidget(window.parts.form_page)
    window.parts.editor_stack.setCurrentWidget(window.parts.editor_box)
    answer = doc.get_field("answer") if doc.is_article else ""
    if window.speller.observe(str(answer or "")):  # automatic spelling: British or American
        window.spelling_menu.set_current(window.speller.setting, window.speller.language)
    site = window.site_for(doc)
    window.form.setVisible(site is None)
    window.site_form.setVisible(site is not None)
    site_label(window, site is not None)
    window.form.set_read_only(False)
    # loaded even when hidden: its fields must hold this document's values, not the last's
    window.form.load(doc, keep=window.controller.invalid)  # a merge keeps invalid text
    if site is not None:  # a page of the site: its form, its body in the editor
        window.site_form.set_read_only(False)
        window.site_form.load(doc, site)
        answer = doc.body
    # a page of blocks only: no body to edit or show, the form gets the room
    blocks_only = site is not None and doc.path is not None and site.blocks_only(
        doc.path, doc.data, doc.body or "")
    window.parts.right_split.setVisible(not blocks_only)
    editable = (doc.is_article or site is not None) and not blocks_only
    editor = window.editor
    editor.key = "answer" if site is None else "body"
    editor.setReadOnly(not editable)
    editor.setEnabled(editable)
    article = window.controller.article
    if article is not None and article == window.answer_of:
        editor.update_text(answer or "")  # a merge: cursor and undo stay
    else:
        editor.load_text(answer or "")
    window.answer_of = article
    editor.setPlaceholderText(ANSWER_PLACEHOLDER if site is None else BODY_PLACEHOLDER)
    show_page(window, doc)
    window.preview.request_render(answer or "", immediate=True)
    window.path_label.setText(str(doc.path))
    update_title(window)
    update_actions(window)


def show_failure(window: MainWindow, error: ArticleError, raw: str) -> None:
    """A file that cannot be edited: its raw text with the problem marked, no earlier fields."""
    window.parts.right_split.show()
    fixable = error.fixable and bool(raw)
    window.banner.show_error(escape(failure_text(error)) + (
        " It is shown read-only: fix it in the raw text, then save." if fixable
        else " It is shown read-only."), can_fix=fixable)
    window.site_form.hide()
    window.form.show()
    window.form.load(ArticleDocument("", path=window.controller.path))
    window.article_problems.update_problems([])
    window.parts.form_stack.setCurrentWidget(window.parts.form_page)
    window.editor.load_text("")
    window.answer_of = None
    window.editor.setEnabled(False)
    window.form.set_read_only(True)
    window.raw_view.show_raw(raw, error.line, error.column)
    window.parts.editor_stack.setCurrentWidget(window.raw_view)
    window.preview.clear_page()
    window.preview.setPlainText(
        "No preview: this file cannot be read as an article. Its text is shown above, where "
        "the problem is marked." if raw else
        "No preview: this file cannot be read as an article, and it has no text to show.")
    window.path_label.setText(str(window.controller.path))
    update_title(window)
    update_actions(window)


def show_empty(window: MainWindow) -> None:
    """No article open: a placeholder instead of the form, nothing to save or find."""
    window.parts.right_split.show()
    window.parts.form_stack.setCurrentWidget(window.parts.placeholder)
    window.article_problems.update_problems([])
    window.answer_of = None
    window.editor.setPlaceholderText(EMPTY_TEXT)
    window.parts.editor_stack.setCurrentWidget(window.parts.editor_box)
    window.editor.load_text("")
    window.editor.setEnabled(False)
    window.preview.clear_page()
    window.path_label.setText("")
    window.count_label.setText("")
    update_title(window)
    update_actions(window)


def update_actions(window: MainWindow) -> None:
    controller, menus = window.controller, window.menus
    has_doc = controller.document is not None
    menus[ActionId.SAVE].setEnabled(has_doc or controller.path is not None)
    menus[ActionId.SAVE_ALL].setEnabled(has_doc or controller.path is not None)
    menus[ActionId.REVERT].setEnabled(has_doc and controller.modified)
    for key in (ActionId.FIND, ActionId.REPLACE):
        menus[key].setEnabled(has_doc and window.editor.isEnabled())


def update_title(window: MainWindow) -> None:
    """"Title[*] — Article Editor" (the mark shows while unsaved) and the status word."""
    controller = window.controller
    doc = controller.document
    name = ""
    if doc is not None:
        name = str(doc.get("title")) if doc.has("title") else (
            doc.path.name if doc.path else "")
    elif controller.path is not None:
        name = controller.path.name + " (read-only)"
    window.setWindowTitle(f"{name}[*] — Article Editor" if name else "Article Editor[*]")
    window.setWindowModified(controller.modified)
    state = "Read-only" if controller.read_only else (
        "Modified" if controller.modified else "Saved")
    window.state_label.setText(state if controller.path else "")


def show_page(window: MainWindow, doc: ArticleDocument) -> None:
    """The question page around the answer in the preview: subject, question, related."""
    data = doc.data if doc.is_article else None
    window.preview.set_page(page_header(data), page_footer(data))
