"""ArticleDocument and the splice writer on hand-written fixtures: bytes in, bytes out."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from editor.core.document.article import ArticleDocument
from editor.core.errors import (
    EditError,
    KeyNotFoundError,
    NotUtf8Error,
    ParseError,
    UnsupportedFrontMatterError,
)
from tests.conftest import FIXTURES, fixture_files


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
    return [ln for ln in diff if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]


def load(name: str) -> ArticleDocument:
    return ArticleDocument.load(FIXTURES / name)


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_noop_save_is_byte_identical(path: Path) -> None:
    doc = ArticleDocument.load(path)
    assert doc.to_bytes() == path.read_bytes()
    doc.set_body(doc.body)
    assert not doc.modified


def test_layout_of_reference_format() -> None:
    doc = load("reference-format.md")
    assert doc.has_front_matter and doc.is_article
    assert doc.body == "\n&nbsp;"
    assert not doc.layout.final_newline
    assert doc.get("date") == dt.date(2025, 3, 7)
    assert doc.get("seo.title") == "QuickTakes | Psychology"
    assert doc.get("related_article2.id") == 83002


def test_edit_nested_seo_field_changes_one_line() -> None:
    doc = load("reference-format.md")
    before = doc.text
    doc.set("seo.page_description", "A new description: with a colon # and a hash")
    after = doc.render()
    assert changed_lines(before, after) == [
        "-    See how sleep shapes emotional regulation through the amygdala, the prefrontal "
        "cortex and REM sleep, and why short nights make moods harder to manage.\n",
        "+    A new description: with a colon # and a hash\n",
    ]
    assert ArticleDocument(after).get("seo.page_description").endswith("# and a hash")


def test_answer_codec_round_trip_keeps_folded_one_line() -> None:
    doc = load("reference-format.md")
    text = doc.get_field("answer")
    assert "\n\n1. **The amygdala**" in text and "\\n" not in text
    doc.set_field("answer", text + "\n\n## New heading\n\nMore.")
    after = doc.render()
    lines = changed_lines(doc.text, after)
    assert len(lines) == 2
    assert lines[1].startswith("+    Sleep and emotion") and lines[1].count("\\n") > 5
    assert "answer: >-\n" in after
    assert ArticleDocument(after).get_field("answer").endswith("## New heading\n\nMore.")


def test_unedited_answer_is_never_reencoded() -> None:
    doc = load("reference-format.md")
    doc.set_field("answer", doc.get_field("answer"))
    assert not doc.modified


def test_indentation_kept_per_mapping() -> None:
    doc = load("reference-format.md")
    doc.set("related_article1.title", "A changed related title")
    doc.set("seo.title", "QuickTakes | Sleep")
    after = doc.render()
    assert "    title: >-\n        A changed related title\n" in after
    assert "  title: QuickTakes | Sleep\n" in after


def test_plain_title_stays_plain_and_quotes_when_needed() -> None:
    doc = load("plain-title-blank-line.md")
    doc.set("title", "How do bridges stay up")
    assert "\ntitle: How do bridges stay up\n" in doc.render()
    doc.set("title", "Bridges: why?")
    assert "\ntitle: 'Bridges: why?'\n" in doc.render()
    doc.set("title", "yes")
    assert ArticleDocument(doc.render()).get("title") == "yes"


def test_blank_line_before_closing_delimiter_survives_new_key() -> None:
    doc = load("plain-title-blank-line.md")
    doc.set("no_index", True)
    after = doc.render()
    assert after.endswith("no_index: true\n\n---\n\n&nbsp;")


def test_new_related_slot_copies_sibling_style() -> None:
    doc = load("reference-format.md")
    doc.set("related_article4", {"id": 1, "title": "T: x", "subject": "S", "url": "/u"})
    after = doc.render()
    assert after.endswith(
        "related_article4:\n    id: 1\n    title: >-\n        T: x\n    subject: S\n"
        "    url: /u\n---\n\n&nbsp;"
    )


def test_removed_key_vanishes_with_its_lines_only() -> None:
    doc = load("reference-format.md")
    doc.unset("related_article2")
    lines = changed_lines(doc.text, doc.render())
    assert len(lines) == 6 and all(ln.startswith("-") for ln in lines)
    assert lines[0] == "-related_article2:\n"


def test_null_score_set_and_cleared() -> None:
    doc = load("plain-title-blank-line.md")
    doc.set("score", -1.0)
    after = doc.render()
    assert "\nscore: -1.0\n" in after
    again = ArticleDocument(after)
    again.set("score", None)
    assert "\nscore:\nrelated" in again.render()


def test_comment_at_end_of_edited_line_stays() -> None:
    doc = load("generic.md")
    doc.set("title", "New title")
    assert '\ntitle: "New title" # the title\n' in doc.render()


def test_flow_collections_edited_inside_brackets() -> None:
    doc = load("generic.md")
    doc.set("params.color", "red, dark")
    doc.set("tags", ["yaml", "front matter", "editors", "new"])
    after = doc.render()
    assert "\nparams: {color: 'red, dark', size: 3}\n" in after
    assert "\ntags: [yaml, \"front matter\", editors, new]\n" in after  # items keep their quotes
    assert ArticleDocument(after).get("params.color") == "red, dark"


def test_list_items_by_index_and_wrapped_plain_value() -> None:
    doc = load("generic.md")
    doc.set("content_blocks.0.items.1.title", "Second, renamed")
    doc.set("content_blocks.0.items.0.text", "Folded text wrapped at a narrower width by hand.\n")
    after = doc.render()
    reparsed = ArticleDocument(after)
    assert reparsed.get("content_blocks.0.items.1.title") == "Second, renamed"
    assert reparsed.get("content_blocks.0.items.0.text").startswith("Folded text wrapped")
    assert len(changed_lines(doc.text, after)) <= 6


def test_anchor_kept_and_alias_edit_refused() -> None:
    doc = load("generic.md")
    doc.set("anchored", "another value")
    assert "\nanchored: &lonely another value\n" in doc.render()
    doc = load("generic.md")
    doc.set("page.layout", "narrow")
    with pytest.raises(EditError, match="alias"):
        doc.render()
    doc = load("generic.md")
    doc.unset("defaults")
    with pytest.raises(EditError, match="alias"):
        doc.render()


def test_duplicate_key_is_refused_not_dropped() -> None:
    doc = load("duplicate-key.md")
    assert doc.get("title") == "Second"
    assert doc.to_bytes() == (FIXTURES / "duplicate-key.md").read_bytes()
    doc.set("title", "Third")
    with pytest.raises(EditError, match="appears 2 times"):
        doc.render()
    doc = load("duplicate-key.md")
    doc.set("subject", "Art")
    assert doc.render().count("title:") == 2


@pytest.mark.parametrize(
    "value",
    [" lead", "trail ", "a: b", "a #b", "*star", "&amp", "!bang", "-dash", "", "null", "yes",
     "123", "1.5", "tab\there", "emoji 🎉", "“curly” ‘quotes’", "multi\nline\n", "#hash", "'", '"',
     "\n", " \n", "\n\n", "a\n\n", "\n a"],
)
def test_awkward_strings_round_trip(value: str) -> None:
    doc = load("emoji-and-quotes.md")
    doc.set("title", value)
    doc.set("note", value)
    doc.set("new_key", value)
    again = ArticleDocument(doc.render())
    assert again.get("title") == value
    assert again.get("note") == value
    assert again.get("new_key") == value


def test_crlf_bom_and_final_newline_kept() -> None:
    for name in ("crlf.md", "bom.md", "final-newline.md"):
        doc = load(name)
        doc.set("seo.page_keywords", "bridges, arches")
        out = doc.to_bytes()
        original = (FIXTURES / name).read_bytes()
        assert out.startswith(b"\xef\xbb\xbf") == original.startswith(b"\xef\xbb\xbf")
        assert out.endswith(b"\n") == original.endswith(b"\n")
        if name == "crlf.md":
            assert b"\n" not in out.replace(b"\r\n", b"")
            assert b"  page_keywords: >-\r\n    bridges, arches\r\n" in out


def test_body_edits_and_body_with_dashes() -> None:
    doc = load("body-with-dashes.md")
    assert "---\n\nMore text\n---\n" in doc.body
    doc.set_body(doc.body + "appended\n")
    doc.set("title", "x")
    again = ArticleDocument(doc.render())
    assert again.body.endswith("appended\n") and again.get("title") == "x"


def test_empty_body_and_no_front_matter() -> None:
    doc = load("empty-body.md")
    assert doc.body == ""
    doc = load("no-front-matter.md")
    assert not doc.has_front_matter and doc.data is None
    doc.set("title", "Now with front matter")
    assert doc.render() == (
        "---\ntitle: Now with front matter\n---\n# Just a page\n\nNo front matter here.\n"
    )


def test_missing_key_raises() -> None:
    doc = load("reference-format.md")
    with pytest.raises(KeyNotFoundError):
        doc.get("seo.nothing")


@pytest.mark.parametrize(
    ("data", "error", "line"),
    [
        (b"---\ntitle: [unclosed\n---\n", ParseError, 2),  # where the [ opens
        (b"---\ntitle: ok\n", ParseError, 1),
        (b"+++\ntitle = 1\n+++\n", UnsupportedFrontMatterError, 1),
        (b"---\ntitle: caf\xe9\n---\n", NotUtf8Error, 2),
        (b"\xff\xfe-\x00-\x00-\x00", NotUtf8Error, 1),
        (b"---\nx: !!python/object:os.system {}\n---\n", ParseError, 2),
    ],
)
def test_bad_input_names_line(data: bytes, error: type, line: int, tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(error) as info:
        ArticleDocument.load(path)
    assert info.value.line == line
    assert str(path) in str(info.value)


WRAPPED = """---
text: Folded text wrapped at a narrow width by hand, so that every line
  holds a few words and the paragraph runs over several lines, which is how
  people wrap long values in editors that break at a ruler like this one.
quoted: "A quoted value that was also wrapped over lines by a person who likes
  short lines in the front matter of their articles, not 'long' ones at all."
folded: >-
  Folded scalar text that somebody wrapped over several lines so that it is
  easy to read in a terminal, and that we must keep wrapped the same way
  after a one-word edit near its start.
---
body
"""


@pytest.mark.parametrize(
    ("key", "old", "new"),
    [
        ("text", "Folded text", "Folded and quite long text"),
        ("text", "several lines", "many lines"),
        ("text", "like this one.", "like this one, or that one."),
        ("quoted", "A quoted", "A doubly quoted"),
        ("quoted", "short lines", "short and tidy lines"),
        ("folded", "Folded scalar", "Folded scalar block"),
        ("folded", "easy to read", "easy to read and to grep"),
    ],
)
def test_one_word_edit_in_wrapped_value_keeps_the_other_lines(key, old, new) -> None:
    doc = ArticleDocument(WRAPPED)
    value = doc.get(key)
    doc.set(key, value.replace(old, new))
    after = doc.render()
    changes = changed_lines(WRAPPED, after)
    removed = [ln for ln in changes if ln.startswith("-")]
    assert len(removed) == 1 and len([ln for ln in changes if ln.startswith("+")]) <= 2
    assert ArticleDocument(after).get(key) == value.replace(old, new)
    widest = max(len(line) for line in WRAPPED.splitlines())
    assert max(len(line) for line in after.splitlines()) <= widest


def test_the_bytes_saved_are_the_verified_parse_not_a_new_one() -> None:
    doc = ArticleDocument.from_bytes("\ufeff---\ntitle: Old\nid: 1\n---\nBody\n".encode())
    doc.set("title", "New")
    data = doc.to_bytes()
    again = doc.reparsed(data)  # the verification's own parse of what to_bytes gave
    assert again is doc.reparsed(data) and not again.modified
    assert again.get("title") == "New" and again.body == "Body\n" and again.to_bytes() == data
    other = doc.reparsed(data.replace(b"New", b"Other"))  # other bytes: parsed for themselves
    assert other is not again and other.get("title") == "Other" and other.layout.bom
