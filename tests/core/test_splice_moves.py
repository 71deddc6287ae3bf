"""List items and mapping keys inserted, removed and moved by their own lines (block) or their
own text (flow), compared byte for byte with a careful person's edit; random edits with
hypothesis; every list of the real corpora."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.document.article import ArticleDocument
from tests.core.splicing import doc, replace_and_save, saved, set_and_save

# -- 14: list items inserted, removed and moved by their own lines --------------------------
COMMENTED = "l:\n  - a  # first\n  - !!str 2\n  - 'c'\n  - d\nafter: 1\n"


@pytest.mark.parametrize(("new", "expected"), [
    (["a", "2", "d"], "l:\n  - a  # first\n  - !!str 2\n  - d\nafter: 1\n"),
    (["2", "c", "d"], "l:\n  - !!str 2\n  - 'c'\n  - d\nafter: 1\n"),
    (["c", "2", "a", "d"], "l:\n  - 'c'\n  - !!str 2\n  - a  # first\n  - d\nafter: 1\n"),
    (["2", "c", "d", "a"], "l:\n  - !!str 2\n  - 'c'\n  - d\n  - a  # first\nafter: 1\n"),
    (["d", "a", "2", "c"], "l:\n  - d\n  - a  # first\n  - !!str 2\n  - 'c'\nafter: 1\n"),
    (["a", "2", "new", "c", "d"],
     "l:\n  - a  # first\n  - !!str 2\n  - new\n  - 'c'\n  - d\nafter: 1\n"),
])
def test_block_list_items_keep_their_own_lines(new: list, expected: str) -> None:
    assert set_and_save(COMMENTED, "l", new) == expected


MAPS = (
    "items:\n"
    "  - id: 1  # one\n"
    "    title: 'One'\n"
    "  - id: 2\n"
    "    title: >-\n"
    "      Two\n"
    "  - id: 3\n"
    "    title: Three\n"
)


def test_list_of_mappings_items_move_with_their_lines() -> None:
    d = doc(MAPS)
    items = copy.deepcopy(d.get("items"))
    d.set("items", [items[2], items[1], items[0]])
    assert saved(d) == (
        "items:\n"
        "  - id: 3\n"
        "    title: Three\n"
        "  - id: 2\n"
        "    title: >-\n"
        "      Two\n"
        "  - id: 1  # one\n"
        "    title: 'One'\n"
    )


def test_a_new_list_item_keeps_its_keys_in_order() -> None:
    d = doc(MAPS)
    d.set("items", [*d.get("items"), {"title": "Four", "id": 4}])
    assert saved(d) == MAPS + "  - title: Four\n    id: 4\n"


def test_nested_list_items_move_by_their_lines() -> None:
    front = "outer:\n  - name: x\n    tags:\n      - a  # a\n      - b\n      - c\n"
    d = doc(front)
    d.set("outer", [{"name": "x", "tags": ["c", "a", "b"]}])
    assert saved(d) == "outer:\n  - name: x\n    tags:\n      - c\n      - a  # a\n      - b\n"


@pytest.mark.parametrize(("front", "new", "expected"), [
    ("tags: [a, 'b', \"c\"]\n", ["a", "c"], "tags: [a, \"c\"]\n"),
    ("tags: [a, 'b', \"c\"]\n", ["b", "c"], "tags: ['b', \"c\"]\n"),
    ("tags: [a, 'b', \"c\"]\n", ["a", "b"], "tags: [a, 'b']\n"),
    ("tags: [a, 'b', \"c\"]\n", ["c", "b", "a"], "tags: [\"c\", 'b', a]\n"),
    ("tags: [a, 'b', \"c\"]\n", ["a", "b", "c", "d"], "tags: [a, 'b', \"c\", d]\n"),
    ("tags: [a,'b']\n", ["z", "a", "b"], "tags: [z,a,'b']\n"),
    ("tags: [a, 'b']  # note\n", ["b"], "tags: ['b']  # note\n"),
])
def test_flow_list_items_keep_their_text(front: str, new: list, expected: str) -> None:
    assert set_and_save(front, "tags", new) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(list(range(5))), st.integers(0, 5))
def test_random_moves_and_removals_touch_only_those_items(order: list[int], cut: int) -> None:
    styles = ["a  # note a", "'b'", '"c"', "!!str 4", ">-\n    e text"]
    front = "l:\n" + "".join(f"  - {s}\n" for s in styles) + "z: 1\n"
    lines = {i: f"  - {s}\n" for i, s in enumerate(styles)}
    d = doc(front)
    values = d.get("l")
    keep = [i for i in order if i != cut]
    d.set("l", [values[i] for i in keep])
    assert saved(d) == "l:\n" + "".join(lines[i] for i in keep) + "z: 1\n"


# -- further: what the list above does not name ----------------------------------------------
def test_moved_lines_keep_crlf_line_endings() -> None:
    text = "---\r\nl:\r\n  - a  # x\r\n  - b\r\nc: 1\r\nd: 2\r\n---\r\nbody\r\n"
    d = ArticleDocument(text)
    d.set("l", ["b", "a"])
    assert d.render() == text.replace("  - a  # x\r\n  - b\r\n", "  - b\r\n  - a  # x\r\n")
    d = ArticleDocument(text)
    d.replace_data({"d": 2, "l": ["a", "b"], "c": 1})
    assert d.render() == "---\r\nd: 2\r\nl:\r\n  - a  # x\r\n  - b\r\nc: 1\r\n---\r\nbody\r\n"


def test_keys_put_before_the_first_key_of_a_list_item_take_the_dash_line() -> None:
    front = "l:\n  - a: 1\n    b: 2  # b\n"
    assert replace_and_save(front, {"l": [{"b": 2, "a": 1}]}) == "l:\n  - b: 2  # b\n    a: 1\n"
    assert replace_and_save(front, {"l": [{"x": 0, "a": 1, "b": 2}]}) == (
        "l:\n  - x: 0\n    a: 1\n    b: 2  # b\n")


@pytest.mark.parametrize(("front", "new", "expected"), [
    ("l:\n  -\n  - b  # c\n  - c\n", [None, "c"], "l:\n  -\n  - c\n"),
    ("l:\n  - a\n  -\n  - c  # c\n", ["a", "c"], "l:\n  - a\n  - c  # c\n"),
    ("l:\n  - a\n  -   # empty\n  - c\n", ["c", None, "a"],
     "l:\n  - c\n  -   # empty\n  - a\n"),
])
def test_empty_list_items_are_items_like_the_others(front: str, new: list, expected: str) -> None:
    assert set_and_save(front, "l", new) == expected


NESTED = "l:\n  - - a\n    - b  # b\n  - - c\n"


@pytest.mark.parametrize(("new", "expected"), [
    ([["c"], ["a", "b"]], "l:\n  - - c\n  - - a\n    - b  # b\n"),
    ([["a"], ["c"]], "l:\n  - - a\n  - - c\n"),
    ([["a", "b", "x"], ["c"]], "l:\n  - - a\n    - b  # b\n    - x\n  - - c\n"),
    ([["a", "b"], ["c", "d"], ["e"]], "l:\n  - - a\n    - b  # b\n  - - c\n    - d\n  - - e\n"),
])
def test_lists_nested_on_their_parents_line_splice_too(new: list, expected: str) -> None:
    assert set_and_save(NESTED, "l", new) == expected


@pytest.mark.parametrize(("new", "expected"), [
    ([["b"], ["c"]], "l:\n  - - b  # b\n  - - c\n"),
    ([["b", "a"], ["c"]], "l:\n  - - b  # b\n    - a\n  - - c\n"),
    ([["new", "a", "b"], ["c"]], "l:\n  - - new\n    - a\n    - b  # b\n  - - c\n"),
    ([["b", {"k": 1}], ["c"]], "l:\n  - - b  # b\n    - k: 1\n  - - c\n"),
])
def test_the_first_item_of_a_list_on_its_parents_line_moves_too(new: list, expected: str
                                                                 ) -> None:
    assert set_and_save(NESTED, "l", new) == expected


@pytest.mark.parametrize(("front", "new", "expected"), [
    ("l: [\n  a,  # first\n  b,\n  c\n]\n", ["a", "c"], "l: [\n  a,  # first\n  c\n]\n"),
    ("l: [\n  a,  # first\n  b,\n  c\n]\n", ["b", "c"], "l: [\n  b,\n  c\n]\n"),
    ("l: [\n  a,  # first\n  b,\n  c\n]\n", ["a", "b"], "l: [\n  a,  # first\n  b\n]\n"),
    ("l: [\n  a,  # first\n  b,\n  c\n]\n", ["a", "x", "b", "c"],
     "l: [\n  a,  # first\n  x,\n  b,\n  c\n]\n"),
    ("l: [a, {k: 'v'}, c]\n", ["a", {"k": "v"}], "l: [a, {k: 'v'}]\n"),
    ("l: [a, {k: 'v'}, c]\n", [{"k": "v"}, "a", "c"], "l: [{k: 'v'}, a, c]\n"),
    ("l: [a, [x, 'y'], c]\n", ["a", ["x", "y", "z"], "c"], "l: [a, [x, 'y', z], c]\n"),
    ("l: [a, b, c]\n", ["x", "b", "q", "z"], "l: [x, b, q, z]\n"),
    ("l: [a, b, c]\n", ["a", "q", "b"], "l: [a, q, b]\n"),
    ("l: [a, b, c]\n", ["a", "q"], "l: [a, q]\n"),
    ("l: [a, b]\n", [], "l: []\n"),
])
def test_flow_lists_keep_their_layout_and_comments(front: str, new: list, expected: str) -> None:
    assert set_and_save(front, "l", new) == expected


def test_flow_list_edits_in_a_crlf_file_keep_crlf() -> None:
    text = "---\r\nl: [\r\n  a,\r\n  b\r\n]\r\n---\r\nbody\r\n"
    d = ArticleDocument(text)
    d.set("l", ["b", "a", "c"])
    assert d.render() == "---\r\nl: [\r\n  b,\r\n  a,\r\n  c\r\n]\r\n---\r\nbody\r\n"


FLOW_ITEMS = ["a", "'b'", '"c"', "!!str 4", "{k: 'v'}", "[x, 'y']"]
BLOCK_ITEMS = [
    "  - id: 1  # one\n    t: 'One'\n",
    "  - id: 2\n    t: >-\n      Two\n",
    "  - !!map\n    id: 3\n",
    "  - id: 4\n    tags: [a, 'b']\n",
    "  - id: 5\n    sub:\n      - x  # x\n      - y\n",
]


def _edits(count: int) -> st.SearchStrategy[list[int | str]]:
    """A new order of the old items (by index): some of them, or all with new items ("n0"...)
    mixed in (a new item put where an old one was removed would be that item edited)."""
    dropped = st.permutations(list(range(count))).flatmap(
        lambda order: st.integers(1, count).map(lambda n: list(order[:n])))
    added = st.lists(st.integers(0, 9), min_size=1, max_size=3, unique=True).flatmap(
        lambda new: st.permutations([*range(count), *(f"n{k}" for k in new)]))
    return st.one_of(dropped, added)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits(len(FLOW_ITEMS)))
def test_random_flow_list_edits_keep_every_kept_items_text(steps: list[int | str]) -> None:
    front = "l: [" + ", ".join(FLOW_ITEMS) + "]  # tags\nz: 1\n"
    d = doc(front)
    values = d.get("l")
    d.set("l", [values[s] if isinstance(s, int) else s for s in steps])
    texts = [FLOW_ITEMS[s] if isinstance(s, int) else s for s in steps]
    assert saved(d) == "l: [" + ", ".join(texts) + "]  # tags\nz: 1\n"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits(len(BLOCK_ITEMS)))
def test_random_block_list_edits_keep_every_kept_items_lines(steps: list[int | str]) -> None:
    front = "# head\nl:\n" + "".join(BLOCK_ITEMS) + "z: 1\n"
    d = doc(front)
    values = d.get("l")
    d.set("l", [values[s] if isinstance(s, int) else {"id": s, "t": "new"} for s in steps])
    # a new item is written as the item it follows: its ``t`` folded after item 2's ``>-``
    blocks = [re.escape(BLOCK_ITEMS[s]) if isinstance(s, int) else
              f"  - id: {s}\n    t: (?:new|>-\n      new)\n" for s in steps]
    assert re.fullmatch("# head\nl:\n" + "".join(blocks) + "z: 1\n", saved(d))


@pytest.mark.parametrize(("front", "data", "expected"), [
    ("m: {a: 'x', b: 2}\n", {"m": {"a": "x", "b": 2, "c": 3}}, "m: {a: 'x', b: 2, c: 3}\n"),
    ("m: {a: 'x', b: 2, c: \"q\"}\n", {"m": {"a": "x", "c": "q"}}, "m: {a: 'x', c: \"q\"}\n"),
    ("m: {a: 'x', b: 2}\n", {"m": {"b": 2, "a": "x"}}, "m: {b: 2, a: 'x'}\n"),
    ("m: {a: 'x', b: 2}\n", {"m": {"z": "1e3", "a": "x", "b": 2}},
     "m: {z: '1e3', a: 'x', b: 2}\n"),
    ("m: {\n  a: 'x',  # x\n  b: 2\n}\n", {"m": {"a": "x", "n1": 1, "b": 2}},
     "m: {\n  a: 'x',  # x\n  n1: 1,\n  b: 2\n}\n"),
    ("l: [{a: 'x', b: 2}]\n", {"l": [{"b": 3, "a": "x"}]}, "l: [{b: 3, a: 'x'}]\n"),
])
def test_flow_mappings_keep_their_entries_text(front: str, data: dict, expected: str) -> None:
    assert replace_and_save(front, data) == expected


FLOW_ENTRIES = ["a: 'x'", 'b: "y"', "c: !!str 3", "d: [1, 'z']", "e: {f: 'g'}"]
BLOCK_ENTRIES = ["a: 'x'  # a\n", 'b: "y"\n', "c: !!str 3\n", "d:\n  - 1\n  - 'z'\n",
                 "e:\n    f: >-\n      g\n"]


def _entries_data(front: str, key: str | None = None) -> dict:
    data = ArticleDocument(f"---\n{front}---\n").data
    return data[key] if key else data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits(len(FLOW_ENTRIES)))
def test_random_flow_mapping_edits_keep_every_kept_entrys_text(steps: list[int | str]) -> None:
    front = "m: {" + ", ".join(FLOW_ENTRIES) + "}\nz: 1\n"
    old = _entries_data(front, "m")
    keys = list(old)
    new = {keys[s] if isinstance(s, int) else s: old[keys[s]] if isinstance(s, int) else 1
           for s in steps}
    texts = [FLOW_ENTRIES[s] if isinstance(s, int) else f"{s}: 1" for s in steps]
    assert replace_and_save(front, {"m": new, "z": 1}) == "m: {" + ", ".join(texts) + "}\nz: 1\n"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits(len(BLOCK_ENTRIES)))
def test_random_block_mapping_edits_keep_every_kept_entrys_lines(steps: list[int | str]) -> None:
    front = "".join(BLOCK_ENTRIES)
    old = _entries_data(front)
    keys = list(old)
    new = {keys[s] if isinstance(s, int) else s: old[keys[s]] if isinstance(s, int) else 1
           for s in steps}
    texts = [BLOCK_ENTRIES[s] if isinstance(s, int) else f"{s}: 1\n" for s in steps]
    assert replace_and_save(front, new) == "".join(texts)


# -- the real corpora: removals and moves change only those items' lines --------------------
def _lists(node: Any, path: tuple = ()) -> Any:
    from yaml.nodes import MappingNode, SequenceNode

    from editor.core.writer.yamltree import mapping_entries

    if isinstance(node, MappingNode):
        for key, _k, value in mapping_entries(node):
            yield from _lists(value, (*path, key))
    elif isinstance(node, SequenceNode):
        if path:
            yield path, node
        for i, item in enumerate(node.value):
            yield from _lists(item, (*path, i))


def _changed_lines(before: str, after: str) -> int:
    """Lines removed plus lines added, as ``git diff`` counts them."""
    import difflib

    a, b = before.split("\n"), after.split("\n")
    same_lines = sum(m.size for m in difflib.SequenceMatcher(
        None, a, b, autojunk=False).get_matching_blocks())
    return len(a) + len(b) - 2 * same_lines


def _edited(text: str, path: tuple, edit: Any) -> tuple[ArticleDocument, str]:
    d = ArticleDocument(text)
    data = copy.deepcopy(d.data)
    target = data
    for part in path:
        target = target[part]
    edit(target)
    d.replace_data(data)
    return d, d.render()


def test_corpus_list_removals_and_moves_touch_only_those_items(corpus: list) -> None:
    from editor.core.writer.items import item_spans
    from editor.core.writer.positions import is_flow

    checked = 0
    for path in corpus:
        try:
            d = ArticleDocument.from_bytes(path.read_bytes(), path)
        except Exception:  # unreadable files are other tests' business
            continue
        if d.tree.root is None or not d.tree.data:
            continue
        fm = d.front_matter_text
        for where, node in _lists(d.tree.root):
            n = len(node.value)
            found = None if is_flow(node) else item_spans(fm, node)
            if n < 2 or (found is None and not is_flow(node)):
                continue
            one_line = is_flow(node) and node.start_mark.line == node.end_mark.line
            size = [fm.count("\n", *span) for span in found[1]] if found else [1] * n
            for i in sorted({0, n // 2, n - 1}):
                _d, out = _edited(d.text, where, lambda lst, i=i: lst.pop(i))
                changed = _changed_lines(d.text, out)
                assert changed <= (2 if is_flow(node) else size[i]), (path, where, i)
                if not is_flow(node):
                    assert changed == size[i], (path, where, i)
                checked += 1
            _d, out = _edited(d.text, where, lambda lst: lst.append(lst.pop(0)))
            limit = 2 if one_line else 2 * (size[0] + size[-1]) + 2
            assert _changed_lines(d.text, out) <= limit, (path, where, "move")
    assert checked > 300


RICH = (
    "title: 'Quoted'  # the title\n"
    "tags: [a, 'b', \"c\"]\n"
    "list:\n"
    "  - one  # 1\n"
    "  - !!str 2\n"
    "  - k: v\n"
    "    n: [x, y]\n"
    "  - - inner\n"
    "    - 'second'\n"
    "map:\n"
    "  z: >-\n"
    "    folded text\n"
    "  a: \"dq\"  # a\n"
    "  m: {p: 1, q: 'two'}\n"
    "last: ~\n"
)


def _shuffled(value: Any, rnd: Any) -> Any:
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {k: _shuffled(value[k], rnd) for k in keys}
    if isinstance(value, list):
        items = [_shuffled(v, rnd) for v in value]
        rnd.shuffle(items)
        return items
    return value


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_any_reordering_only_moves_lines(rnd: Any) -> None:
    """Keys and items put in any order, at every depth: the saved text has exactly the old
    lines (a flow collection's items only move inside its line; a list nested on its
    parent's dash line gives that place to its new first item)."""
    d = doc(RICH)
    new = _shuffled(d.data, rnd)
    d.replace_data(new)
    out = saved(d)
    assert ArticleDocument(f"---\n{out}---\n").data == new
    flowless = [ln for ln in RICH.split("\n") if "[" not in ln and "{" not in ln]
    kept = [ln for ln in out.split("\n") if "[" not in ln and "{" not in ln]
    assert len(kept) == len(flowless)  # - - inner: a nested list's first item takes the dash
    assert sorted(ln.lstrip(" -") for ln in kept) == sorted(ln.lstrip(" -") for ln in flowless)
    for old_line in (ln.lstrip(" -") for ln in RICH.split("\n") if "[" in ln or "{" in ln):
        key = old_line.split(":")[0]
        assert any(ln.split(":")[0] == key and sorted(ln) == sorted(old_line)
                   for ln in (ln.lstrip(" -") for ln in out.split("\n"))), old_line


@pytest.mark.parametrize(("data", "expected"), [
    ({"m": {"q": 1, "a": 1, "c": 3}}, "m: {<<: *b, a: 1, c: 3}\n"),
    ({"m": {"q": 1, "c": 3, "a": 1}}, "m: {<<: *b, c: 3, a: 1}\n"),
    ({"m": {"q": 1}}, "m: {<<: *b}\n"),
])
def test_a_flow_mapping_keeps_its_merge_entry(data: dict, expected: str) -> None:
    front = "base: &b {q: 1}\nm: {<<: *b, a: 1}\n"
    assert replace_and_save(front, {"base": {"q": 1}, **data}) == "base: &b {q: 1}\n" + expected
