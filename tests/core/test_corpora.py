"""The real corpora (about 4,400 files, when ../shared is present): round trips and edits."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.document.article import ArticleDocument
from editor.core.errors import ArticleError, EditError
from editor.core.writer.positions import value_end
from tests.conftest import corpus_files, fixture_files, sample_files
from tests.helpers import nodes_at


def _loadable(paths: list[Path]) -> list[ArticleDocument]:
    docs = []
    for path in paths:
        try:
            doc = ArticleDocument.load(path)
        except ArticleError:
            continue
        if isinstance(doc.data, dict):
            docs.append(doc)
    return docs


def _walk(data: Any, prefix: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(data, dict):
        items = [(k, v) for k, v in data.items() if isinstance(k, str) and "." not in k and k]
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return
    for key, value in items:
        yield (*prefix, key), value
        yield from _walk(value, (*prefix, key))


def _key_lines(doc: ArticleDocument, path: tuple) -> tuple[int, int]:
    """0-based file lines [first, last] occupied by the key and its value."""
    key_node, value_node = nodes_at(doc.tree.root, list(path))
    fm = doc.front_matter_text
    offset = doc.layout.fm_first_line - 1
    first = (key_node or value_node).start_mark.line + offset
    last = fm.count("\n", 0, value_end(fm, value_node)) + offset
    return first, last


def _changed_line_ranges(before: str, after: str) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(
        None, before.splitlines(True), after.splitlines(True), autojunk=False
    )
    return [(i1, i2) for tag, i1, i2, _j1, _j2 in matcher.get_opcodes() if tag != "equal"]


def _edit_and_check(doc: ArticleDocument, path: tuple, value: Any) -> None:
    dotted = ".".join(str(p) for p in path)
    edited = ArticleDocument(doc.text, bom=doc.layout.bom, path=doc.path)
    edited.set(dotted, value)
    after = edited.render()
    again = ArticleDocument(after)
    assert again.get(dotted) == value
    expected = dict(doc.data)
    assert set(again.data) == set(expected)
    first, last = _key_lines(doc, path)
    for i1, i2 in _changed_line_ranges(doc.text, after):
        assert first <= i1 and max(i2 - 1, i1) <= last + 1, (doc.path, dotted, (i1, i2))


def _edit_targets(doc: ArticleDocument) -> list[tuple[tuple, Any]]:
    items = list(_walk(doc.data))
    top = [(p, v + " (edited)") for p, v in items if len(p) == 1 and isinstance(v, str)]
    nested = [(p, "edited: #1 " + v) for p, v in items if len(p) > 1 and isinstance(v, str)]
    numbers = [(p, v + 7) for p, v in items if type(v) in (int, float)]
    return [group[0] for group in (top, nested, numbers) if group]


@pytest.mark.corpus
def test_corpus_noop_round_trip_is_byte_identical(corpus: list[Path]) -> None:
    unreadable = []
    for path in corpus:
        data = path.read_bytes()
        try:
            doc = ArticleDocument.from_bytes(data, path)
        except ArticleError:
            unreadable.append(path)
            continue
        assert doc.to_bytes() == data, path
    assert len(unreadable) < len(corpus) // 100


@pytest.mark.slow
@pytest.mark.corpus
def test_corpus_one_field_edits_touch_only_that_key(corpus: list[Path]) -> None:
    edits = 0
    for doc in _loadable(corpus):
        for path, value in _edit_targets(doc):
            try:
                _edit_and_check(doc, path, value)
            except EditError:
                continue  # duplicate keys and aliases are refused on purpose
            edits += 1
    assert edits > 9000


def test_fixture_and_sample_one_field_edits() -> None:
    docs = _loadable(fixture_files() + sample_files())
    assert len(docs) >= 20
    for doc in docs:
        for path, value in _edit_targets(doc):
            try:
                _edit_and_check(doc, path, value)
            except EditError:
                assert "duplicate" in doc.path.name or "generic" in doc.path.name


_SPECIALS = st.sampled_from(
    [" ", ": ", " #", "#", "*", "&", "!", "-", "'", '"', "\\", "\t", "\n", "null", "yes", "~",
     "123", "1e3", "🎉", "“", "”", "é", "---", "...", "[", "{", ",", "%", "@", "`", "|", ">"]
)
_TEXT = st.lists(st.one_of(st.text(max_size=8), _SPECIALS), max_size=8).map("".join)


def _string_paths(doc: ArticleDocument) -> list[tuple]:
    return [p for p, v in _walk(doc.data) if isinstance(v, str)]


def _hypothesis_docs() -> list[ArticleDocument]:
    docs = _loadable(fixture_files() + sample_files())
    real = corpus_files()
    if real:
        docs += _loadable(real[:: max(1, len(real) // 150)])
    return [d for d in docs if _string_paths(d) and "duplicate" not in d.path.name]


_DOCS = _hypothesis_docs()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), value=_TEXT)
def test_random_text_on_random_keys_round_trips(data: st.DataObject, value: str) -> None:
    doc = data.draw(st.sampled_from(_DOCS))
    path = data.draw(st.sampled_from(_string_paths(doc)))
    dotted = ".".join(str(p) for p in path)
    edited = ArticleDocument(doc.text, path=doc.path)
    edited.set(dotted, value)
    try:
        after = edited.render()
    except EditError:
        return  # values shared through aliases are refused, never corrupted
    again = ArticleDocument(after)
    assert again.get(dotted) == value
    for other, old in _walk(doc.data):
        if other[: len(path)] != path and path[: len(other)] != other:
            assert again.get(".".join(str(p) for p in other)) == old
