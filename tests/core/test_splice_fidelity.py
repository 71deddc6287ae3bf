"""The splice writer changes only the bytes of the edit: each test compares the saved front
matter, byte for byte, with what a careful person editing the file by hand would have written
(tags, recursive aliases, key order, keys beside aliases, block scalar headers, quoting)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from editor.core.document.article import ArticleDocument
from editor.core.errors import EditError
from tests.core.splicing import doc, replace_and_save, saved, set_and_save


# -- 8: a value under a kept tag -----------------------------------------------------------
@pytest.mark.parametrize(("front", "value", "expected"), [
    ("flag: !!bool false\nother: 1\n", "hello", "flag: hello\nother: 1\n"),
    ("flag: !!bool false\nother: 1\n", True, "flag: !!bool true\nother: 1\n"),
    ("n: !!str 12\n", 13, "n: 13\n"),
    ("n: !!str 12\n", "13", "n: !!str 13\n"),
    ("n: &keep !!int 3\n", "three", "n: &keep three\n"),
    ("n: !!int 3  # count\n", "three", "n: three  # count\n"),
    ("n: !!float 3\n", [1, 2], "n:\n  - 1\n  - 2\n"),
    ("n: !!float &a 3\nm: 1\n", [1], "n: &a\n  - 1\nm: 1\n"),
    ("n: &a !!float 3\nm: 1\n", None, "n: &a\nm: 1\n"),
    ("n: [!!int 1, 2]\n", ["x", 2], "n: [x, 2]\n"),
])
def test_a_value_whose_type_changes_drops_its_tag(front: str, value: Any, expected: str) -> None:
    assert set_and_save(front, "flag" if front.startswith("flag") else "n", value) == expected


@pytest.mark.parametrize(("front", "value", "expected"), [
    ("m: !!map\n  a: 1\nz: 1\n", 5, "m: 5\nz: 1\n"),
    ("l: !!seq\n  - a\nz: 1\n", "x", "l: x\nz: 1\n"),
    ("k: !!str\nz: 1\n", 4, "k: 4\nz: 1\n"),
    ("k: !!null\nz: 1\n", 4, "k: 4\nz: 1\n"),
    ("k: !!str\nz: 1\n", "x", "k: !!str x\nz: 1\n"),
    ("k: ! 12\nz: 1\n", 13, "k: 13\nz: 1\n"),
    ("k: !!timestamp 2024-01-01\nz: 1\n", "soon", "k: soon\nz: 1\n"),
    ("k: !!int 1\nz: 1\n", True, "k: true\nz: 1\n"),
    ("k: !!float 1\nz: 1\n", 2.5, "k: !!float 2.5\nz: 1\n"),
])
def test_more_tags_under_a_new_type(front: str, value: Any, expected: str) -> None:
    assert set_and_save(front, front.split(":", 1)[0], value) == expected


def test_new_keys_of_an_anchored_or_tagged_mapping_go_at_its_end() -> None:
    front = "m: &x\n  a: 1\nn: !!map\n  b: 1\nz: *x\n"
    assert set_and_save(front, "n.c", 2) == "m: &x\n  a: 1\nn: !!map\n  b: 1\n  c: 2\nz: *x\n"
    d = doc("m: !!map\n  a: 1\n  b: 2\nz: 1\n")
    d.unset("m.b")
    assert saved(d) == "m: !!map\n  a: 1\nz: 1\n"


def test_a_tagged_list_item_drops_its_tag_when_its_type_changes() -> None:
    front = "l:\n  - !!bool false\n  - b\n"
    assert set_and_save(front, "l", ["x", "b"]) == "l:\n  - x\n  - b\n"


# -- 9: recursive aliases ------------------------------------------------------------------
RECURSIVE = "x: &a [*a]\nother: 1\nm:\n  k: v\n"


def test_unrelated_keys_of_a_file_with_a_recursive_alias_can_be_edited() -> None:
    assert set_and_save(RECURSIVE, "other", 2) == "x: &a [*a]\nother: 2\nm:\n  k: v\n"
    assert set_and_save(RECURSIVE, "m.k", "w") == "x: &a [*a]\nother: 1\nm:\n  k: w\n"
    assert set_and_save(RECURSIVE, "new", 3) == RECURSIVE + "new: 3\n"
    d = doc(RECURSIVE)
    d.unset("other")
    assert saved(d) == "x: &a [*a]\nm:\n  k: v\n"


def test_edits_of_the_recursive_structure_are_refused_with_its_place() -> None:
    d = doc("before: 1\nx: &a\n  - *a\n  - 2\n")
    d.set("x", [1, 2])
    with pytest.raises(EditError) as caught:
        d.render()
    assert caught.value.line == 3 and caught.value.column == 4  # file line, after ---
    assert str(caught.value.path) == "article.md"
    assert "alias" in caught.value.message
    d = doc("x: &a [*a]\n")
    d.unset("x")
    with pytest.raises(EditError):
        d.render()


def test_a_recursive_mapping_does_not_stop_other_edits() -> None:
    front = "m: &m\n  self: *m\n  n: 1\ntitle: old\n"
    assert set_and_save(front, "title", "new") == front.replace("old", "new")


# -- 15: key order kept everywhere ---------------------------------------------------------
def test_a_new_key_of_a_flow_mapping_goes_at_its_end() -> None:
    assert set_and_save("m: {b: 1, a: 2}\n", "m.c", 3) == "m: {b: 1, a: 2, c: 3}\n"


def test_a_new_mapping_value_keeps_its_key_order() -> None:
    assert set_and_save("k: 1\n", "k", {"z": 1, "a": 2}) == "k:\n  z: 1\n  a: 2\n"
    assert set_and_save("k: [1]\n", "k", [{"z": 1, "a": 2}]) == "k: [{z: 1, a: 2}]\n"


def test_the_verifier_compares_key_order() -> None:
    from editor.core.values import same

    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert same({"a": {"x": 1, "y": 2}}, {"a": {"x": 1, "y": 2}})
    assert not same({"a": {"x": 1, "y": 2}}, {"a": {"y": 2, "x": 1}})


def test_reordered_keys_move_their_lines() -> None:
    front = "a: 1  # one\nb: >-\n  two\nc: 3\n"
    assert replace_and_save(front, {"c": 3, "a": 1, "b": "two"}) == (
        "c: 3\na: 1  # one\nb: >-\n  two\n")


# -- 16: new keys beside aliases -----------------------------------------------------------
def test_a_new_key_goes_after_an_alias_at_the_end_of_its_mapping() -> None:
    front = "x: &a 1\nm:\n  p: 1\n  q: *a\nz: 2\n"
    assert set_and_save(front, "m.r", 5) == "x: &a 1\nm:\n  p: 1\n  q: *a\n  r: 5\nz: 2\n"


def test_a_new_key_stays_in_its_mapping_when_the_alias_points_into_another() -> None:
    front = "base:\n  deep:\n    v: &a 1\n    w: 2\nm:\n  q: *a\nz: 2\n"
    assert set_and_save(front, "m.r", 5) == (
        "base:\n  deep:\n    v: &a 1\n    w: 2\nm:\n  q: *a\n  r: 5\nz: 2\n")
    front2 = "base: &b\n  v: 1\nm:\n  q: *b\nz: 2\n"
    assert set_and_save(front2, "m.r", 5) == "base: &b\n  v: 1\nm:\n  q: *b\n  r: 5\nz: 2\n"


def test_a_new_list_item_goes_after_an_alias_item() -> None:
    front = "x: &a 1\nl:\n  - 0\n  - *a\nz: 2\n"
    assert set_and_save(front, "l", [0, 1, 7]) == "x: &a 1\nl:\n  - 0\n  - *a\n  - 7\nz: 2\n"


def test_a_new_key_of_a_mapping_with_a_merge_key_stays_in_it() -> None:
    front = "base: &b {q: 1}\nm:\n  a: 1\n  <<: *b\nz: 1\n"
    assert set_and_save(front, "m.new", 5) == (
        "base: &b {q: 1}\nm:\n  a: 1\n  <<: *b\n  new: 5\nz: 1\n")
    front2 = "b1: &b1 {q: 1}\nb2: &b2 {r: 1}\nm:\n  a: 1\n  <<: [*b1, *b2]  # both\nz: 1\n"
    assert set_and_save(front2, "m.new", 5) == front2.replace("both\n", "both\n  new: 5\n")


def test_an_inherited_key_edited_is_overridden_in_its_own_mapping() -> None:
    front = "base: &b {q: 1}\nm:\n  a: 1\n  <<: *b\nz: 1\n"
    d = doc(front)
    d.set("m.q", 2)
    out = saved(d)
    assert yaml.safe_load(out) == {"base": {"q": 1}, "m": {"q": 2, "a": 1}, "z": 1}
    assert out.startswith("base: &b {q: 1}\n")


# -- 17: block scalar header comments ------------------------------------------------------
@pytest.mark.parametrize(("front", "value", "expected"), [
    ("k: |-  # note\n  text\n", "text\n", "k: |  # note\n  text\n"),
    ("k: |  # note\n  text\n", "text", "k: |-  # note\n  text\n"),
    ("k: >-  # note\n  text\nz: 1\n", "other", "k: >-  # note\n  other\nz: 1\n"),
    ("k: |  # note\n  text\n", "   ", "k: \"   \"  # note\n"),
])
def test_a_block_scalar_header_comment_survives(front: str, value: str, expected: str) -> None:
    assert set_and_save(front, "k", value) == expected


# -- 18: strings that any YAML reader would take for something else -------------------------
AMBIGUOUS = [
    "1e3", "1e+3", "1E3", "12e03", "0o17", "0o7", "0x1F", ".5", "+.5", "+1", "-1", "1_000",
    "0b11", "yes", "no", "on", "off", "y", "n", "Y", "N", "~", "null", "Null", "NULL", ".inf",
    "-.inf", ".nan", ".NaN", "true", "False", "1:20", "0.", "2024-01-02", "1.5e3", "-.5",
    "2024-1-2", "2024-1-2T3:04:05Z", "2024-01-02 10:00:00", "0X1F", "<<", "=",
]


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_strings_any_reader_takes_for_non_strings_are_quoted(text: str) -> None:
    for front in ("k: a\n", "k: [a]\n", "k:\n  - a\n"):
        out = set_and_save(front, "k", text if front == "k: a\n" else [text])
        assert f"'{text}'" in out or f'"{text}"' in out, (front, out)
    out = replace_and_save("k: a\n", {"k": "a", text: "v"})
    assert f"'{text}': v" in out or f'"{text}": v' in out, out


@pytest.mark.parametrize("text", ["hello", "1e", "e3", "0o8", "0x", "1__e", "abc1e3", "1e3x"])
def test_ordinary_strings_stay_plain(text: str) -> None:
    assert set_and_save("k: a\n", "k", text) == f"k: {text}\n"


def test_an_alias_occurrence_can_be_removed_its_anchor_stays() -> None:
    front = "x: &a 1\nm:\n  p: 1\n  q: *a\n  r: 2\nl:\n  - *a\n  - 2\n"
    d = doc(front)
    d.unset("m.q")
    assert saved(d) == "x: &a 1\nm:\n  p: 1\n  r: 2\nl:\n  - *a\n  - 2\n"
    assert set_and_save(front, "l", [2]) == "x: &a 1\nm:\n  p: 1\n  q: *a\n  r: 2\nl:\n  - 2\n"
    assert replace_and_save(front, {"x": 1, "m": {"q": 1, "p": 1, "r": 2}, "l": [1, 2]}) == (
        "x: &a 1\nm:\n  q: *a\n  p: 1\n  r: 2\nl:\n  - *a\n  - 2\n")
    d = doc(front)
    d.unset("x")
    with pytest.raises(EditError) as caught:
        d.render()
    assert (caught.value.line, caught.value.column) == (2, 4)


def test_the_verifier_names_a_key_order_difference() -> None:
    from editor.core.document.article import _first_difference

    assert _first_difference({"m": {"a": 1, "b": 2}}, {"m": {"b": 2, "a": 1}}) == (
        "m (the order of its keys)")


def test_a_nested_wrapped_value_given_leading_spaces_saves() -> None:
    front = "seo:\n  page_keywords: >-\n    aaa bbb ccc\n    ddd\nz: 1\n"
    assert set_and_save(front, "seo.page_keywords", "  lead") == (
        "seo:\n  page_keywords: >2-\n      lead\nz: 1\n")


@pytest.mark.parametrize(("front", "value", "expected"), [
    ("items:\n- a\n- b\n\nz: M\n", {"a": "y", "q": 1}, "items:\n  a: 'y'\n  q: 1\n\nz: M\n"),
    ("items:\n    - a\nz: M\n", {"q": 1}, "items:\n    q: 1\nz: M\n"),
    ("m: !!map\n  a: 1\nz: 1\n", {"b": 2}, "m: !!map\n  b: 2\nz: 1\n"),
    ("m: &x\n    a: 1\nz: 1\n", ["b"], "m: &x\n    - b\nz: 1\n"),
])
def test_a_collection_replaced_by_another_kind_is_indented_under_its_key(
        front: str, value: Any, expected: str) -> None:
    assert set_and_save(front, front.split(":", 1)[0], value) == expected


def test_reordering_a_mapping_with_a_duplicated_key_is_refused() -> None:
    d = doc("a: 1\nb: 2\nc: 3\nb: 4\n")
    d.replace_data({"c": 3, "a": 1, "b": 4})
    with pytest.raises(EditError) as caught:
        d.render()
    assert "appears 2 times" in caught.value.message and caught.value.line == 3


def test_moving_an_alias_above_its_anchor_is_refused_in_plain_words() -> None:
    from editor.core.errors import VerificationError

    d = doc("x: &a 1\nm:\n  q: *a\n")
    d.replace_data({"m": {"q": 1}, "x": 1})
    with pytest.raises(VerificationError) as caught:
        d.render()
    assert "an alias (*name) would come before the anchor (&name)" in caught.value.message
    assert d.text == "---\nx: &a 1\nm:\n  q: *a\n---\nbody\n"


@pytest.mark.parametrize("value", ["\x85", "a\u2028b", "x\ry", "\u2029"])
def test_a_line_break_yaml_knows_is_escaped_in_a_flow_list(value: str) -> None:
    """NEL, CR, LS and PS break a line in YAML: in a ``[...]`` item they are written as
    escapes in double quotes, as in a block value."""
    doc = ArticleDocument("---\ntitle: Hello\naliases: [/about/a/, /b/]\n---\nbody\n")
    doc.set("aliases[0]", value)
    out = doc.render()
    assert ArticleDocument(out).get("aliases.0") == value
    assert out.startswith("---\ntitle: Hello\naliases: [\"") and out.endswith(", /b/]\n---\nbody\n")
