"""New keys are written where the intended key order puts them, and nothing else moves."""

from __future__ import annotations

import copy
import difflib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.document.article import ArticleDocument, place_new_key
from editor.core.errors import ArticleError
from editor.core.values import same
from tests.conftest import FIXTURES, corpus_files, fixture_files, sample_files

REFERENCE = (FIXTURES / "reference-format.md").read_text()


def slot_text(n: int, ident: int, title: str) -> str:
    return (f"related_article{n}:\n    id: {ident}\n    title: >-\n        {title}\n"
            f"    subject: Biology\n    url: /learn/biology/questions/q{ident}\n")


def with_slots(numbers: list[int]) -> str:
    """The reference article with exactly the given related slots, in the given order."""
    head = REFERENCE.split("related_article1:\n")[0]
    return head + "".join(slot_text(n, 90000 + n, f"Question {n}?") for n in numbers) + (
        "---\n\n&nbsp;")


def removed_and_added(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
    lines = [ln for ln in diff if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    return [ln[1:] for ln in lines if ln[0] == "-"], [ln[1:] for ln in lines if ln[0] == "+"]


def keys_in_file(text: str) -> list[str]:
    return [k for k in ArticleDocument(text).data]


def test_slot_two_is_written_between_slots_one_and_three() -> None:
    doc = ArticleDocument(with_slots([1, 3]))
    for key, value in (("id", 90002), ("title", "Question 2?"), ("subject", "Biology"),
                       ("url", "/learn/biology/questions/q90002")):
        doc.set(f"related_article2.{key}", value)
    after = doc.render()
    assert after == with_slots([1, 2, 3])


def test_slot_one_goes_before_the_lowest_slot() -> None:
    doc = ArticleDocument(with_slots([2, 4]))
    doc.set("related_article1", {"id": 90001, "title": "Question 1?", "subject": "Biology",
                                 "url": "/learn/biology/questions/q90001"})
    assert doc.render() == with_slots([1, 2, 4])


def test_sub_keys_typed_out_of_order_follow_the_schema() -> None:
    doc = ArticleDocument(with_slots([1]))
    doc.set("related_article2.url", "/learn/biology/questions/q90002")
    doc.set("related_article2.id", 90002)
    assert list(doc.data["related_article2"]) == ["id", "url"]
    doc.set("related_article2.subject", "Biology")
    doc.set("related_article2.title", "Question 2?")
    assert doc.render() == with_slots([1, 2])


def test_the_first_slot_of_an_article_is_written_in_the_site_format() -> None:
    """With no slot to copy, a new slot looks like the site's (4 spaces, folded title)."""
    doc = ArticleDocument(with_slots([]))
    doc.set("related_article1", {"id": 90001, "title": "Question 1?", "subject": "Biology",
                                 "url": "/learn/biology/questions/q90001"})
    assert doc.render() == with_slots([1])


def test_a_page_that_is_no_article_gets_no_site_styling() -> None:
    doc = ArticleDocument("---\ntitle: Home\nmenu:\n  main: 1\n---\nHi\n")
    doc.set("related_article1", {"id": 1, "title": "T"})
    assert doc.render() == (
        "---\ntitle: Home\nmenu:\n  main: 1\nrelated_article1:\n  id: 1\n  title: T\n---\nHi\n")


def test_a_key_the_schema_does_not_know_goes_at_the_end() -> None:
    doc = ArticleDocument(with_slots([1]))
    doc.set("custom", "x")
    assert keys_in_file(doc.render())[-2:] == ["related_article1", "custom"]


def test_a_known_key_goes_after_its_nearest_present_predecessor() -> None:
    text = REFERENCE.replace("author: QuickTakes\n", "")
    doc = ArticleDocument(text)
    doc.set("author", "QuickTakes")
    assert doc.render() == REFERENCE


def test_place_new_key_reorders_in_place() -> None:
    data = {"a": 1, "c": 3, "x9": 0, "b": 2}
    same_dict = data
    data["x2"] = 5
    place_new_key(data, "x2", ["a", "b", "c"])
    assert list(data) == ["a", "c", "x2", "x9", "b"] and data is same_dict
    data["b0"] = 1
    place_new_key(data, "b0", [])
    assert list(data)[-1] == "b0"


# -- properties -----------------------------------------------------------------------------

_plain = st.text(alphabet="abcdefghij klmnop:#-'\"é", min_size=0, max_size=30)
_values = st.one_of(
    st.integers(-5, 10**6), st.none(), st.booleans(), _plain,
    st.dictionaries(st.sampled_from(["id", "title", "note"]), st.one_of(st.integers(0, 99), _plain),
                    min_size=1, max_size=3),
)
_new_keys = st.lists(st.sampled_from(["k_one", "k_two", "extra", "zz", "note", "k3"]),
                     min_size=1, max_size=4, unique=True)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(), ("seo",), ("related_article2",)]), _new_keys, st.data())
def test_new_keys_land_where_the_edited_dict_puts_them(where: tuple, new_keys: list[str],
                                                       data) -> None:
    """The splice writer honours the edited mapping's order for keys the file lacks, at the
    top level and inside nested mappings (children of seo: 2 spaces; of a slot: 4)."""
    doc = ArticleDocument(REFERENCE)
    intended = copy.deepcopy(doc.data)
    target = intended
    for part in where:
        target = target[part]
    order = list(target)
    for key in new_keys:
        order.insert(data.draw(st.integers(0, len(order)), label=f"position of {key}"), key)
    values = {key: data.draw(_values, label=key) for key in new_keys}
    rebuilt = {key: values[key] if key in values else target[key] for key in order}
    target.clear()
    target.update(rebuilt)
    doc.replace_data(intended)
    after = doc.render()
    again = ArticleDocument(after)
    assert same(again.data, intended)
    found = again.data
    for part in where:
        found = found[part]
    assert list(found) == order and list(again.data) == list(intended)
    removed, _added = removed_and_added(REFERENCE, after)
    assert removed == []  # every line of the file is still there, byte for byte
    assert _only_inserted(REFERENCE, after)


def _only_inserted(before: str, after: str) -> bool:
    """``before``'s lines are ``after``'s lines with some lines inserted."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True),
                                      autojunk=False)
    return all(tag == "insert" or tag == "equal" for tag, *_ in matcher.get_opcodes())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=0, max_size=4, unique=True), st.integers(1, 5),
       st.permutations(["id", "title", "subject", "url"]))
def test_a_new_slot_is_written_in_slot_order(present: list[int], new: int,
                                             sub_order: list[str]) -> None:
    """Filling a slot the file lacks (sub-field by sub-field, any order) keeps slot order."""
    present = sorted(set(present) - {new})
    before = with_slots(present)
    doc = ArticleDocument(before)
    snapshot = {"id": 90000 + new, "title": f"Question {new}?", "subject": "Biology",
                "url": f"/learn/biology/questions/q{90000 + new}"}
    for key in sub_order:
        doc.set(f"related_article{new}.{key}", snapshot[key])
    after = doc.render()
    assert after == with_slots(sorted([*present, new]))
    assert _only_inserted(before, after)


# -- the real corpora (when ../shared is present) ---------------------------------------------

def _articles_with_slots() -> list[ArticleDocument]:
    docs = []
    real = [p for p in corpus_files() if "/quicktakes" in p.as_posix()]
    for path in real[::4] + fixture_files() + sample_files():
        try:
            doc = ArticleDocument.load(path)
        except ArticleError:
            continue
        if doc.is_article and sum(k.startswith("related_article") for k in doc.data) >= 2:
            docs.append(doc)
    return docs


def test_a_removed_slot_put_back_restores_the_file() -> None:
    """Articles (every fourth of the real sample): take a slot out, then put it back as the
    form does (sub-field by sub-field, a new key): the file comes back byte for byte."""
    if not corpus_files():
        pytest.skip("../shared/corpora is not present")
    docs = _articles_with_slots()
    checked = 0
    for doc in docs:
        slots = [k for k in doc.data if k.startswith("related_article")]
        key = slots[len(slots) // 2]
        slot = doc.data[key]
        if not isinstance(slot, dict) or list(doc.data).count(key) != 1:
            continue
        without = ArticleDocument(doc.text)
        without.unset(key)
        cut = ArticleDocument(without.render())
        for sub, value in slot.items():
            cut.set(f"{key}.{sub}", value)
        assert cut.render() == doc.text, doc.path
        checked += 1
    assert checked > 300
