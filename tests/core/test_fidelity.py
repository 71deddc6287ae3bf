"""Saves that keep what the writer did not touch: read-only files, escapes kept in quoted
strings, untouched list items, folded values emptied and typed again, new articles."""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from yaml.nodes import MappingNode, SequenceNode

from editor import cli
from editor.core.document.article import ArticleDocument
from editor.core.document.new_article import NewArticle, RelatedRef, create_article
from editor.core.errors import ArticleError, EditError, SaveError
from editor.core.storage import safe_io
from editor.core.writer.emit import value_text
from editor.core.writer.items import item_spans
from editor.core.writer.yamltree import compose, mapping_entries
from tests.conftest import SAMPLE
from tests.helpers import as_ordinary_user

ARTICLE = SAMPLE / "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    target = tmp_path / "article.md"
    shutil.copyfile(ARTICLE, target)
    return target


# -- read-only files ---------------------------------------------------------------------------
def test_read_only_file_is_not_replaced(article: Path) -> None:
    before = article.read_bytes()
    article.chmod(0o444)  # as root too: a file with no write bit at all is refused
    with pytest.raises(SaveError) as caught:
        safe_io.atomic_write(article, b"new text")
    assert caught.value.message.endswith(
        "read-only (its permissions forbid writing); nothing was written")
    assert caught.value.path == article
    assert article.read_bytes() == before
    assert article.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.md"]  # no temp left


def test_cli_set_refuses_a_read_only_file(article: Path, capsys) -> None:
    before = article.read_bytes()
    article.chmod(0o444)
    assert cli.main(["set", "author", "Somebody Else", str(article)]) == 1
    err = capsys.readouterr().err
    assert str(article) in err and "forbid writing); nothing was written" in err
    assert article.read_bytes() == before


def test_writable_files_and_new_files_are_still_written(tmp_path: Path, article: Path) -> None:
    article.chmod(0o640)
    safe_io.atomic_write(article, b"new text")
    assert article.read_bytes() == b"new text" and article.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.md"
    safe_io.atomic_write(fresh, b"made")
    assert fresh.read_bytes() == b"made"
    assert not safe_io.is_read_only(fresh) and not safe_io.is_read_only(tmp_path / "absent.md")


READ_ONLY_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from editor.ui.main_window import MainWindow
window = MainWindow()
window.open_folder(sys.argv[1], wait=True)
window.open_article(sys.argv[2])
print(window.banner.text())
window.editor.insertPlainText("More. ")
print("saved" if window.save() else "not saved")
print(window.banner.text())
print("modified" if window.controller.modified else "clean")
"""



def test_file_we_may_not_write_is_refused_everywhere(tmp_path: Path) -> None:
    """Write bits set, but not for us (as root: the file belongs to someone else and only
    they may write it): only the permission check can tell, and the folder would let a
    replace through."""
    folder = tmp_path / "site"
    shutil.copytree(SAMPLE, folder)
    target = folder / "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"
    before = target.read_bytes()
    if os.geteuid() == 0:
        os.chown(target, 65534, 65534)
        target.chmod(0o644)
    else:
        target.chmod(0o444)
    try:
        put = as_ordinary_user("-m", "editor", "set", "author", "Somebody", str(target))
        assert put.returncode == 1, put.stderr
        assert str(target) in put.stderr and "forbid writing); nothing was written" in put.stderr
        shown = as_ordinary_user("-c", READ_ONLY_WINDOW, str(folder), str(target))
        note, result, banner, state = shown.stdout.strip().splitlines()[-4:]
        assert note.startswith("This file is read-only"), shown.stderr
        assert result == "not saved" and state == "modified"
        assert "forbid writing); nothing was written" in banner and "edits are still here" in banner
    finally:
        target.chmod(0o644)
    assert target.read_bytes() == before


# -- escapes and untouched list items ------------------------------------------------------------
PAGE = (
    "---\n"
    "title: Home\n"
    "content_blocks:\n"
    "  - _bookshop_name: home/banner\n"
    "    heading:\n"
    '      en: "\\_Read Faster, Remember More"\n'
    "      fr:\n"
    '      de: "\\_Schneller lesen"   # kept as it is\n'
    "    lead:\n"
    "      en: A study companion\n"
    '  - "\\_First\\tsteps"\n'
    "  # the last block\n"
    "  - closing words\n"
    'tags: [study, "\\_notes"]\n'
    "---\n"
    "Body.\n"
)


def edit_page(change) -> str:
    doc = ArticleDocument(PAGE)
    blocks = copy.deepcopy(doc.get("content_blocks"))
    change(blocks)
    doc.set("content_blocks", blocks)
    return doc.render()


def test_page_reads_escapes_as_invisible_characters() -> None:
    blocks = ArticleDocument(PAGE).get("content_blocks")
    assert blocks[0]["heading"]["en"] == "\u00a0Read Faster, Remember More"
    assert blocks[1] == "\u00a0First\tsteps"


def test_edited_double_quoted_string_keeps_its_escapes() -> None:
    def change(blocks: list) -> None:
        blocks[0]["heading"]["en"] = "\u00a0Read Faster,\u2009Remember\u00a0More"
        blocks[1] = "\u00a0First\tsteps, then more"

    assert edit_page(change) == PAGE.replace(
        '"\\_Read Faster, Remember More"', '"\\_Read Faster,\\u2009Remember\\_More"').replace(
        '"\\_First\\tsteps"', '"\\_First\\tsteps, then more"')


def test_changing_another_string_keeps_the_escaped_ones() -> None:
    def change(blocks: list) -> None:
        blocks[0]["lead"]["en"] = "A reading companion"

    assert edit_page(change) == PAGE.replace("A study companion", "A reading companion")


def test_adding_a_list_item_keeps_the_others() -> None:
    assert edit_page(lambda blocks: blocks.append("\u00a0New block")) == PAGE.replace(
        "  - closing words\n", '  - closing words\n  - "\\_New block"\n')
    assert edit_page(lambda blocks: blocks.insert(1, {"_bookshop_name": "home/quote"})) == (
        PAGE.replace('  - "\\_First', '  - _bookshop_name: home/quote\n  - "\\_First'))


def test_removing_a_list_item_keeps_the_others() -> None:
    assert edit_page(lambda blocks: blocks.pop(1)) == PAGE.replace('  - "\\_First\\tsteps"\n', "")
    assert edit_page(lambda blocks: blocks.pop(0)) == PAGE.replace(
        PAGE[PAGE.index("  - _bookshop") : PAGE.index('  - "\\_First')], "")


def test_replacing_items_edits_them_in_place() -> None:
    def change(blocks: list) -> None:
        blocks[1:3] = ["\u00a0First steps", "middle", "closing words"]

    assert edit_page(change) == PAGE.replace(
        '  - "\\_First\\tsteps"\n', '  - "\\_First steps"\n  - middle\n')


def test_flow_list_and_new_values_escape_invisible_characters() -> None:
    doc = ArticleDocument(PAGE)
    doc.set("tags", ["study", "\u00a0notes", "more\u200bwords"])
    doc.set("extra", {"labels": ["\u00a0Start", "plain"]})
    out = doc.render()
    assert 'tags: [study, "\\_notes", "more\\u200Bwords"]\n' in out
    # the page indents its lists under their keys: the new one is indented alike
    assert 'extra:\n  labels:\n    - "\\_Start"\n    - plain\n' in out
    assert ArticleDocument(out).get("extra.labels") == ["\u00a0Start", "plain"]


def test_other_fields_show_escapes_not_invisible_characters() -> None:
    shown = value_text(ArticleDocument(PAGE).get("content_blocks"))
    assert '  heading:\n    en: "\\_Read Faster, Remember More"\n' in shown
    assert "\u00a0" not in shown and compose(shown).data == ArticleDocument(PAGE).get(
        "content_blocks")


def block_lists(doc: ArticleDocument) -> list[tuple[str, list, SequenceNode]]:
    """Every block list of the front matter told item by item: (dotted key, value, node)."""
    found = []

    def walk(node, value, path: tuple) -> None:
        if isinstance(node, MappingNode) and isinstance(value, dict):
            for key, _k, child in mapping_entries(node):
                if isinstance(key, str) and key and "." not in key and key in value:
                    walk(child, value[key], (*path, key))
        elif isinstance(node, SequenceNode) and isinstance(value, list):
            if path and item_spans(doc.front_matter_text, node) is not None:
                found.append((".".join(map(str, path)), value, node))
            for i, (child, item) in enumerate(zip(node.value, value, strict=True)):
                walk(child, item, (*path, i))

    walk(doc.tree.root, doc.data, ())
    return found


@pytest.mark.corpus
def test_corpus_list_items_added_and_removed_leave_the_others(corpus: list[Path]) -> None:
    """In every block list of the real files: one item more at the end, or the first one
    fewer; every other byte of the file stays as it was."""
    edits = 0
    for path in corpus:
        try:
            doc = ArticleDocument.load(path)
        except ArticleError:
            continue
        fm, offset = doc.front_matter_text, doc.layout.fm_start
        for dotted, items, node in block_lists(doc):
            _col, spans = item_spans(fm, node)
            for change in ("append", "drop-first"):
                new = [*copy.deepcopy(items), "an added item"] if change == "append" else (
                    copy.deepcopy(items[1:]))
                if not new:
                    continue
                edited = ArticleDocument(doc.text, bom=doc.layout.bom, path=path)
                try:
                    edited.set(dotted, new)
                    after = edited.render()
                except EditError:
                    continue  # aliases and duplicate keys are refused on purpose
                assert ArticleDocument(after).get(dotted) == new, (path, dotted)
                if change == "append":
                    cut = offset + spans[-1][1]
                    assert after.startswith(doc.text[:cut]), (path, dotted)
                    assert after.endswith(doc.text[cut:]), (path, dotted)
                else:
                    start, end = offset + spans[0][0], offset + spans[0][1]
                    assert after == doc.text[:start] + doc.text[end:], (path, dotted)
                edits += 1
    assert edits > 100


# -- folded values stay folded ---------------------------------------------------------------------
def test_new_article_is_written_in_the_site_format(tmp_path: Path) -> None:
    article = NewArticle(
        id=90001, subject="Marine Biology", question="What is a coral reef?",
        date=dt.date(2025, 5, 1), related=[RelatedRef(
            90002, "Why do reefs bleach?", "Marine Biology",
            "/learn/marine-biology/questions/why-do-reefs-bleach")])
    path = create_article(tmp_path, article)
    assert path == tmp_path / "marine-biology/what-is-a-coral-reef.md"
    assert path.read_text() == (
        "---\n_schema: default\nid: 90001\ndate: 2025-05-01\n"
        "title: >-\n    What is a coral reef?\narticle_title: >-\n    What is a coral reef?\n"
        "date_format: MMM DD, YYYY\npost_on_text: Posted on\n"
        "seo:\n  title: QuickTakes | Marine Biology\n  page_description: >-\n"
        "  page_keywords: >-\nauthor: QuickTakes\nquestion: >-\n    What is a coral reef?\n"
        "answer: >-\nsubject: Marine Biology\nfile_name: what-is-a-coral-reef.md\n"
        "url: /learn/marine-biology/questions/what-is-a-coral-reef\nscore: -1.0\n"
        "related_article1:\n    id: 90002\n    title: >-\n        Why do reefs bleach?\n"
        "    subject: Marine Biology\n"
        "    url: /learn/marine-biology/questions/why-do-reefs-bleach\n---\n\n&nbsp;")
    doc = ArticleDocument.load(path)
    assert doc.get("answer") == "" and doc.get("seo.page_description") == ""
    assert doc.get("seo.page_keywords") == "" and doc.get("subject") == "Marine Biology"


def test_typing_into_a_new_article_keeps_every_field_folded(tmp_path: Path) -> None:
    path = create_article(tmp_path, NewArticle(90001, "Biology", "What is a coral reef?",
                                               date=dt.date(2025, 5, 1)))
    before = path.read_text()
    doc = ArticleDocument.load(path)
    doc.set_field("answer", "A coral reef is a living structure.\n\n- It is built by corals.")
    doc.set_field("seo.page_keywords", "coral, reef")
    assert doc.render() == before.replace(
        "answer: >-\n", "answer: >-\n    A coral reef is a living structure.\\n\\n- It is built "
        "by corals.\n").replace("  page_keywords: >-\n", "  page_keywords: >-\n    coral, reef\n")


def test_emptied_folded_values_stay_folded_at_their_indentation(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    shutil.copyfile(SAMPLE / "content/learn/biology/what-role-do-mitochondria-play-in-a-cell.md",
                    path)
    before = path.read_text()
    title = "        How do enzymes speed up chemical reactions in cells?\n"
    doc = ArticleDocument.load(path)
    doc.set_field("related_article1.title", "")
    emptied = doc.render()
    assert emptied == before.replace("    title: >-\n" + title, "    title: >-\n", 1)
    again = ArticleDocument(emptied)
    again.set_field("related_article1.title", "Enzymes at work")
    assert again.render() == before.replace(title, "        Enzymes at work\n", 1)


@pytest.mark.parametrize(("text", "written"), [
    ("  two spaces first", "answer: >4-\n      two spaces first\n"),  # an indentation indicator
    (" ", 'answer: " "\n'),  # only spaces: a block scalar cannot hold them
    ("a\tb", 'answer: "a\\tb"\n'),  # PyYAML writes tabs only in double quotes
])
def test_text_a_folded_value_cannot_hold(tmp_path: Path, text: str, written: str) -> None:
    path = create_article(tmp_path, NewArticle(90001, "Biology", "What is a coral reef?",
                                               date=dt.date(2025, 5, 1)))
    doc = ArticleDocument.load(path)
    doc.set("answer", text)
    out = doc.render()
    assert out == path.read_text().replace("answer: >-\n", written)
    assert ArticleDocument(out).get("answer") == text


def test_a_quoted_empty_value_keeps_its_quotes() -> None:
    text = '---\ntitle: ""\nquestion: >-\n    Why?\nanswer: ""\n---\n'
    doc = ArticleDocument(text)
    doc.set("answer", "Because.")
    assert doc.render() == text.replace('answer: ""', 'answer: "Because."')
