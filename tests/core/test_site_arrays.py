"""Array-of-objects edits (insert from a blueprint, remove, duplicate, move) touch only the
item's own lines; every other byte of the page stays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.document.article import ArticleDocument
from editor.core.errors import EditError
from editor.core.site.arrays import duplicate_item, insert_item, items, move_item, remove_item
from editor.core.site.site import load_site
from tests.core.site_fixture import HOME, SHARED_SITE, make_site

LINES = HOME.splitlines(keepends=True)
BANNER = LINES[3:15]  # content_blocks[0]
FAQ = LINES[15:40]  # content_blocks[1]
MEDIA = LINES[40:49]  # content_blocks[2]
Q1 = LINES[19:30]  # content_blocks[1].items[0]
Q2 = LINES[30:40]  # content_blocks[1].items[1]
HEAD, TAIL = LINES[:3], LINES[49:]


def saved(doc: ArticleDocument) -> list[str]:
    out = doc.render()
    assert ArticleDocument(out).data == doc.data  # it reads back as edited
    return out.splitlines(keepends=True)


def test_the_slices_are_the_items() -> None:
    assert BANNER[0] == "  - _bookshop_name: home/banner\n"
    assert FAQ[0] == "  - _bookshop_name: faq/questionSection\n"
    assert MEDIA[0] == "  - _bookshop_name: education/media\n"
    assert Q1[0] == "      - question:\n" and Q2[0] == "      - question:\n"
    assert HEAD + BANNER + FAQ + MEDIA + TAIL == LINES
    assert ArticleDocument(HOME).render() == HOME  # untouched: byte for byte


def test_remove_takes_only_the_items_lines() -> None:
    doc = ArticleDocument(HOME)
    gone = remove_item(doc, ("content_blocks",), 1)
    assert gone["_bookshop_name"] == "faq/questionSection"
    assert saved(doc) == HEAD + BANNER + MEDIA + TAIL
    doc = ArticleDocument(HOME)
    remove_item(doc, ("content_blocks", 1, "items"), 0)
    assert saved(doc) == HEAD + BANNER + FAQ[:4] + Q2 + MEDIA + TAIL


def test_move_up_and_down_moves_the_lines_as_they_are() -> None:
    doc = ArticleDocument(HOME)
    assert move_item(doc, ("content_blocks",), 2, -1) == 1
    assert saved(doc) == HEAD + BANNER + MEDIA + FAQ + TAIL
    doc = ArticleDocument(HOME)
    assert move_item(doc, ("content_blocks", 1, "items"), 0, 1) == 1
    assert saved(doc) == HEAD + BANNER + FAQ[:4] + Q2 + Q1 + MEDIA + TAIL
    doc = ArticleDocument(HOME)
    assert move_item(doc, ("content_blocks",), 0, -1) == 0  # already first: no edit
    assert not doc.modified


def test_duplicate_copies_the_items_own_lines() -> None:
    doc = ArticleDocument(HOME)
    assert duplicate_item(doc, ("content_blocks", 1, "items"), 0) == 1
    # the copy keeps the original's folding (>-) and empty values, not the emitter's
    assert saved(doc) == HEAD + BANNER + FAQ[:4] + Q1 + Q1 + Q2 + MEDIA + TAIL
    doc = ArticleDocument(HOME)
    duplicate_item(doc, ("content_blocks",), 0)
    assert saved(doc) == HEAD + BANNER + BANNER + FAQ + MEDIA + TAIL


def test_insert_from_a_blueprint_in_the_siblings_style(tmp_path: Path) -> None:
    site = load_site(make_site(tmp_path))
    page = "content/index.md"
    doc = ArticleDocument(HOME)
    banner = next(s for s in site.structures_at(page, doc.data, ("content_blocks",))
                  if s.name == "home/banner")
    insert_item(doc, ("content_blocks",), 1, banner)
    assert saved(doc) == HEAD + BANNER + [
        "  - _bookshop_name: home/banner\n",
        "    title: Home Banner section\n",
        "    contentTitle:\n",
        "      en: Study Smarter\n",
        "      zh_hk:\n",
        "      fr:\n",
        "      sp:\n",
        "    buttonTxt:\n",
        "      en: Sign Up Today\n",
        "      zh_hk:\n",
        "      fr:\n",
        "      sp:\n",
    ] + FAQ + MEDIA + TAIL
    # an item of a block's own array, from the nested structure of its blueprint
    doc = ArticleDocument(HOME)
    (question,) = site.structures_at(page, doc.data, ("content_blocks", 1, "items"))
    insert_item(doc, ("content_blocks", 1, "items"), 2, question)
    assert saved(doc) == HEAD + BANNER + FAQ + [
        "      - question:\n",
        "          en: How do I sign up?\n",
        "          zh_hk:\n",
        "          fr:\n",
        "          sp:\n",
        "        answer:\n",
        "          en: <p>On the site.</p>\n",
        "          zh_hk:\n",
        "          fr:\n",
        "          sp:\n",
    ] + MEDIA + TAIL
    # a component whose blueprint holds an array of objects starts with it empty
    doc = ArticleDocument(HOME)
    faq = next(s for s in site.structures_at(page, doc.data, ("content_blocks",))
               if s.name == "faq/questionSection")
    insert_item(doc, ("content_blocks",), 3, faq)
    assert saved(doc) == HEAD + BANNER + FAQ + MEDIA + [
        "  - _bookshop_name: faq/questionSection\n",
        "    title: FAQ Section\n",
        "    email: support@example.com\n",
        "    items: []\n",
    ] + TAIL
    # and the first item of that empty array takes the file's list indentation
    insert_item(doc, ("content_blocks", 3, "items"), 0, question)
    assert saved(doc) == HEAD + BANNER + FAQ + MEDIA + [
        "  - _bookshop_name: faq/questionSection\n",
        "    title: FAQ Section\n",
        "    email: support@example.com\n",
        "    items:\n",
        "      - question:\n",
        "          en: How do I sign up?\n",
        "          zh_hk:\n",
        "          fr:\n",
        "          sp:\n",
        "        answer:\n",
        "          en: <p>On the site.</p>\n",
        "          zh_hk:\n",
        "          fr:\n",
        "          sp:\n",
    ] + TAIL


def test_a_new_items_date_keeps_the_files_form() -> None:
    text = ("---\nevents:\n  - name: Launch\n    starts_at: 2025-03-16 00:00:00+00:00\n"
            "  - name: Talk\n    starts_at: 2025-04-01T09:30:00Z\n---\n")
    doc = ArticleDocument(text)
    when = dt.datetime(2025, 5, 2, 12, 0, tzinfo=dt.UTC)
    insert_item(doc, ("events",), 1, {"name": "Fair", "starts_at": when})
    lines = text.splitlines(keepends=True)
    assert saved(doc) == [*lines[:4], "  - name: Fair\n",
                          "    starts_at: 2025-05-02 12:00:00+00:00\n", *lines[4:]]
    doc = ArticleDocument(text)
    doc.set("events.1.starts_at", when)  # an edited date keeps its own form
    assert saved(doc)[5] == "    starts_at: 2025-05-02T12:00:00Z\n"
    doc = ArticleDocument(text)
    doc.set("events.0.starts_at", when)
    assert saved(doc)[3] == "    starts_at: 2025-05-02 12:00:00+00:00\n"


def test_items_of_a_missing_array_and_errors() -> None:
    doc = ArticleDocument(HOME)
    assert items(doc, ("nothing",)) == []
    with pytest.raises(EditError, match="is not there"):
        items(doc, ("content_blocks", 7, "items"))
    with pytest.raises(EditError):
        items(doc, ("title",))
    with pytest.raises(EditError):
        remove_item(doc, ("content_blocks",), 3)
    insert_item(doc, ("gallery",), 0, {"image": "/a.png", "alt": None})
    assert saved(doc) == [*LINES[:-1], "gallery:\n", "  - image: /a.png\n", "    alt:\n",
                          "---\n"]


OPS = st.lists(st.tuples(st.sampled_from(["insert", "remove", "duplicate", "up", "down"]),
                         st.sampled_from([("content_blocks",), ("content_blocks", 1, "items"),
                                          ("content_blocks", 2, "items")]),
                         st.integers(0, 5)), min_size=1, max_size=6)
ITEM = {"_bookshop_name": "home/banner", "title": "New", "contentTitle": {"en": "Hi", "fr": None}}


@settings(max_examples=60, deadline=None)
@given(OPS)
def test_any_sequence_of_array_edits_parses_and_keeps_untouched_items(ops: list[
        tuple[str, tuple[object, ...], int]]) -> None:
    doc = ArticleDocument(HOME)
    for op, path, n in ops:
        try:
            found = items(doc, path)
        except EditError:  # the block holding it was removed
            continue
        if not found and op != "insert":
            continue
        if op == "insert":
            insert_item(doc, path, min(n, len(found)), ITEM)
        elif op == "remove":
            remove_item(doc, path, n % len(found))
        elif op == "duplicate":
            duplicate_item(doc, path, n % len(found))
        else:
            move_item(doc, path, n % len(found), -1 if op == "up" else 1)
    out = doc.render()  # verified: it re-parses to exactly the edited data
    again = ArticleDocument(out)
    assert again.data == doc.data
    # each block the edits left as it was keeps its lines, byte for byte
    for block in (BANNER, FAQ, MEDIA):
        original = ArticleDocument(HOME).data["content_blocks"][
            [BANNER, FAQ, MEDIA].index(block)]
        if original in again.data["content_blocks"]:
            assert "".join(block) in out


def _arrays_of_objects(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _arrays_of_objects(inner, (*path, key))
    elif isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            found.append(path)
        for i, inner in enumerate(value):
            found += _arrays_of_objects(inner, (*path, i))
    return found


def _round_trips(text: str) -> int:
    """Each operation on each array of objects of ``text``, then its inverse: the bytes
    come back exactly; each one alone changes only the item's own lines. The count done."""
    done = 0
    original = ArticleDocument(text)
    for path in _arrays_of_objects(original.data):
        count = len(items(original, path))
        for index in range(count):
            doc = ArticleDocument(text)
            duplicate_item(doc, path, index)
            once = doc.render()
            assert len(once) > len(text)
            again = ArticleDocument(once)
            remove_item(again, path, index + 1)
            assert again.render() == text
            if index + 1 < count:
                doc = ArticleDocument(text)
                move_item(doc, path, index, 1)
                moved = ArticleDocument(doc.render())
                assert sorted(moved.render().splitlines()) == sorted(text.splitlines())
                move_item(moved, path, index + 1, -1)
                assert moved.render() == text
            done += 1
    return done


def test_every_array_operation_undone_gives_the_same_bytes() -> None:
    assert _round_trips(HOME) == 3 + 2 + 2


@pytest.mark.skipif(SHARED_SITE is None, reason="../shared/corpora is not present")
def test_every_array_of_the_real_pages_round_trips() -> None:
    assert SHARED_SITE is not None
    done = 0
    for name in ("blog", "education", "faq", "index", "institutions", "learn", "plans",
                 "quicktakes-about-us"):
        path = SHARED_SITE / "content" / f"{name}.md"
        text = path.read_bytes().decode("utf-8")
        assert ArticleDocument(text).render() == text
        done += _round_trips(text)
    assert done == 134  # items of the 8 pages' arrays of objects


FOLDED = """\
---
title: Benefits
items:
  - title:
      en: Never Forget a Lecture
      fr:
    description:
      en: >-
        Record your entire lecture to get back your study notes, and feel
        confident while you listen.
      fr:
    note: >-
      Kept short.
    summary: >-
      Also short.
    link: 'https://example.com/'
---
"""


def test_a_new_item_folds_its_strings_as_its_siblings_do() -> None:
    doc = ArticleDocument(FOLDED)
    blueprint = {
        "title": {"en": "A title", "fr": None},
        "description": {"en": "Upload your recordings and let your companion organise every "
                              "one of your materials for the exams.", "fr": None},
        "note": "One more.",
        "link": "https://example.com/new",
        "extra": "Folded as most of its sibling's strings are.",
    }
    insert_item(doc, ("items",), 1, blueprint)
    lines = FOLDED.splitlines(keepends=True)
    assert saved(doc) == [
        *lines[:-1],
        "  - title:\n",
        "      en: A title\n",  # the sibling's title is plain: so is the new one's
        "      fr:\n",
        "    description:\n",
        "      en: >-\n",  # folded, at the sibling's width
        "        Upload your recordings and let your companion organise every one of\n",
        "        your materials for the exams.\n",
        "      fr:\n",
        "    note: >-\n",
        "      One more.\n",  # short, folded all the same
        "    link: https://example.com/new\n",  # the sibling's quoting is not copied
        "    extra: >-\n",
        "      Folded as most of its sibling's strings are.\n",
        "---\n",
    ]
