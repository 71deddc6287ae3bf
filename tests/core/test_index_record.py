"""The index record: one field list defines the packed row, the scanner's values and the
cache's schema version."""

from __future__ import annotations

from dataclasses import fields

from hypothesis import given
from hypothesis import strategies as st

from editor.core.index import record, rowstore, sitescan
from editor.core.index.entry import Entry, entry_from_site, pack, unpack

TEXT = st.text(max_size=12)
OPTIONAL_INT = st.none() | st.integers(min_value=-(2**31), max_value=2**31)
RELATED = st.fixed_dictionaries({
    "slot": TEXT, "id": st.none() | st.integers() | TEXT, "title": TEXT, "subject": TEXT,
    "url": TEXT,
})
ENTRIES = st.builds(
    Entry,
    path=TEXT, size=st.integers(min_value=0, max_value=2**40),
    mtime_ns=st.integers(min_value=0, max_value=2**62),
    kind=st.sampled_from(["article", "page", "no-front-matter", "error"]),
    id=st.none() | st.integers(min_value=-(2**62), max_value=2**62) | TEXT,
    title=TEXT, question=TEXT, subject=TEXT, url=TEXT, file_name=TEXT, article_title=TEXT,
    seo_title=TEXT, description=TEXT, keywords=TEXT,
    related=st.lists(RELATED, max_size=3), missing=st.lists(TEXT, max_size=3),
    error=st.none() | TEXT, error_line=OPTIONAL_INT, error_column=OPTIONAL_INT,
    error_code=st.none() | TEXT,
)


def test_packed_fields_are_the_entry_fields_but_its_columns():
    names = [f.name for f in fields(Entry) if not f.name.startswith("_")]
    assert names == ["path", "size", "mtime_ns", *record.PACKED]


def test_scanner_returns_the_field_list_order():
    assert sitescan.VALUES == record.SCANNED
    assert ("kind", *record.SCANNED, *record.TAIL, *record.FROM_BYTES) == record.PACKED


@given(ENTRIES)
def test_pack_and_unpack_agree_field_by_field(entry: Entry):
    back = unpack(pack(entry))
    for name in ("path", "size", "mtime_ns", *record.PACKED):
        assert getattr(back, name) == getattr(entry, name), name


@given(ENTRIES)
def test_an_own_copy_reads_as_the_entry_and_leaves_it_packed(entry: Entry):
    packed = unpack(pack(entry))  # packed: decoded on first read
    copy = packed.own_copy()
    assert copy is not packed
    for name in ("path", "size", "mtime_ns", *record.PACKED):
        assert getattr(copy, name) == getattr(entry, name), name
    assert packed.own_copy() is not packed  # still packed: reading the copy decoded only it
    packed.decode()
    assert packed.own_copy() is packed


@given(st.tuples(st.integers(min_value=0, max_value=2**62),
                 *[TEXT for _name in record.SCANNED[1:-1]],
                 st.lists(st.tuples(TEXT, st.integers(min_value=0), TEXT, TEXT, TEXT),
                          max_size=3)))
def test_a_scanned_entry_packs_like_its_row(values: tuple):
    entry = entry_from_site("a.md", values)
    assert entry.kind == "article" and entry.missing == [] and entry.error is None
    for name, value in zip(record.SCANNED[:-1], values, strict=False):
        assert getattr(entry, name) == value, name
    assert [tuple(slot.values()) for slot in entry.related] == values[-1]
    assert list(entry.related[0]) == list(record.RELATED_KEYS) if values[-1] else True
    back = unpack(pack(entry))
    assert back == entry


def test_schema_version_follows_the_field_names(monkeypatch):
    assert record.schema_version() == rowstore.SCHEMA_VERSION
    assert 0 < rowstore.SCHEMA_VERSION < 2**31
    monkeypatch.setattr(record, "PACKED", (*record.PACKED[:-1], "error_kind"))
    assert record.schema_version() != rowstore.SCHEMA_VERSION
