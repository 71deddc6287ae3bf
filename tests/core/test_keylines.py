"""The lines the index keeps for the keys a check names, against the full parse."""

from __future__ import annotations

from editor.core.document.article import ArticleDocument
from editor.core.document.schema import article_schema
from editor.core.errors import ArticleError
from editor.core.index import record
from editor.core.index.keylines import key_lines
from tests.conftest import corpus_files, sample_files
from tests.helpers import nodes_at


def test_key_lines_finds_top_level_and_nested_keys() -> None:
    raw = (b"---\nid: 1\nseo:\n  page_description: >-\n    title: not a key\n  title: Real\n"
           b"title: Top\n# url: a comment\nrelated_article1:\n    id: 2\ntitle: again\n"
           b"---\nurl: body\n")
    assert key_lines(raw) == {"id": 2, "seo.page_description": 4, "seo.title": 6, "title": 7,
                              "related_article1": 9}
    assert key_lines(raw.replace(b"\n", b"\r\n")) == key_lines(raw)
    assert key_lines(b"\xef\xbb\xbf" + raw) == key_lines(raw)
    assert key_lines(b"no front matter\nid: 1\n") == {}


def test_the_slot_prefix_is_the_schemas() -> None:
    assert article_schema().related_prefix == record.LINE_SLOT_PREFIX


def _parsed_lines(doc: ArticleDocument) -> dict[str, int]:
    out = {}
    offset = doc.layout.fm_first_line
    data = doc.data
    for key in [*record.LINE_KEYS, *(k for k in data if str(k).startswith("related_article"))]:
        path = key.split(".")
        parent = data.get(path[0]) if len(path) > 1 else data
        if not isinstance(parent, dict) or path[-1] not in parent:
            continue
        key_node, _value = nodes_at(doc.tree.root, path)
        assert key_node is not None
        out[key] = key_node.start_mark.line + offset
    return out


def test_key_lines_agree_with_the_full_parse_on_real_files() -> None:
    checked = 0
    for path in [*sample_files(), *corpus_files()]:
        raw = path.read_bytes()
        try:
            doc = ArticleDocument.from_bytes(raw)
        except ArticleError:
            continue
        if not isinstance(doc.data, dict):
            continue
        assert key_lines(raw) == _parsed_lines(doc), path
        checked += 1
    assert checked > 0


def test_the_site_scan_finds_the_same_lines_and_answer() -> None:
    from editor.core.index import sitescan

    scanned = 0
    for path in [*sample_files(), *corpus_files()]:
        raw = path.read_bytes()
        found = sitescan.scan(raw)
        if found is None:
            continue
        _values, lines, answer = found
        assert lines == key_lines(raw), path
        assert answer == ArticleDocument.from_bytes(raw).get("answer"), path
        scanned += 1
    assert scanned >= 14
    plain = (b"---\n_schema: x\nid: 7\ndate: 2024-01-02\ntitle: T\n"
             b"article_title: T\ndate_format: d\npost_on_text: p\nseo:\n  title: S\n"
             b"  page_description: D\n  page_keywords: K\nauthor: A\nquestion: Q\n"
             b"answer: Plain answer\nsubject: Sub\nfile_name: f.md\nurl: /u\n---\n")
    found = sitescan.scan(plain)
    assert found is not None and found[1] == key_lines(plain) and found[2] == "Plain answer"
