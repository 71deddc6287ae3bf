"""The index's fast paths give exactly what the full parse gives, and the parallel, cached
and lazily decoded index equals a plain file-by-file read."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate_articles import generate
from editor.core.document.article import ArticleDocument
from editor.core.document.layout import decode
from editor.core.errors import ArticleError, NotUtf8Error
from editor.core.index import sitescan
from editor.core.index.entry import Entry, entry_from_bytes, entry_from_data, entry_from_site
from editor.core.index.folder_index import FolderIndex
from editor.core.index.quickscan import scan_front_matter
from editor.core.storage.safe_io import atomic_write
from editor.core.values import same
from tests.conftest import CORPORA, corpus_files
from tests.core.listed import scan_folder

FIELDS = [f.name for f in dataclasses.fields(Entry) if f.name != "_packed"]



def site_values(raw: bytes) -> tuple | None:
    """The index's values the site scan reads, or None off the site's layout."""
    found = sitescan.scan(raw)
    return None if found is None else found[0]

def as_dict(entry: Entry) -> dict:
    return {name: getattr(entry, name) for name in FIELDS}


def full_parse_entry(rel: str, raw: bytes) -> Entry | None:
    """The entry from the full YAML parse, or None when the file does not parse."""
    try:
        doc = ArticleDocument(decode(raw)[0])
    except (ArticleError, NotUtf8Error):
        return None
    return entry_from_data(rel, doc.data)


@pytest.mark.parametrize("folder", ["quicktakes-sample", "hugodocs", "github-explore"])
def test_sitescan_equals_full_parse(folder: str) -> None:
    files = [p for p in corpus_files() if p.is_relative_to(CORPORA / folder)]
    if not files:
        pytest.skip("../shared/corpora is not present")
    scanned = 0
    for path in files:
        raw = path.read_bytes()
        values = site_values(raw)
        if values is None:
            continue
        scanned += 1
        full = full_parse_entry(path.name, raw)
        assert full is not None, path
        assert same(as_dict(entry_from_site(path.name, values)), as_dict(full)), path
    if folder == "quicktakes-sample":
        assert scanned >= 1_900  # nearly every article has the site's own layout


def test_generated_articles_take_the_fast_path(tmp_path: Path) -> None:
    generate(tmp_path, 300, seed=5)
    files = sorted(tmp_path.rglob("*.md"))
    fast = 0
    for path in files:
        raw = path.read_bytes()
        values = site_values(raw)
        full = full_parse_entry(path.name, raw)
        if values is not None:
            fast += 1
            assert full is not None and same(as_dict(entry_from_site(path.name, values)),
                                             as_dict(full)), path
    assert fast >= 0.95 * len(files)


# -- generated edge cases ----------------------------------------------------------------------
PIECES = ["a", "B", "é", "中", " ", "  ", ":", ": ", "#", " #", "-", "- ", "/", "'", '"', "\t",
          "\x85", "\u2028", "\x01", "\x7f", "\ufeff", "\xa0", "0", "12", ".", "e3", "y", "n",
          "yes", "No", "null", "~", "[", "{", "&", "*", "!", "|", ">", "%", "@", "`", ",", "?",
          "\\n", "---", "\r", "True", "0x1F", "2024-01-01", "1_000", ".inf"]
text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)


@st.composite
def value(draw: st.DrawFn, indent: int) -> str:
    body = draw(text)
    if draw(st.booleans()):
        extra = draw(st.sampled_from([1, 2, 3]))
        return f">-\n{' ' * (indent + extra)}{body}"
    return body


@st.composite
def site_file(draw: st.DrawFn) -> bytes:
    seo, rel = draw(st.sampled_from([1, 2, 4])), draw(st.sampled_from([2, 4, 6]))
    ident = draw(st.sampled_from(["1", "129028", "0", "012", "-5", "1_000", "0x1F", "7.0"]))
    date = draw(st.sampled_from(["2024-03-01", "2024-02-30", "2024-1-1", "0000-01-01"]))
    lines = ["---", f"_schema: {draw(value(0))}", f"id: {ident}", f"date: {date}"]
    for key in ("title", "article_title", "date_format", "post_on_text"):
        lines.append(f"{key}: {draw(value(0))}")
    lines.append("seo:")
    for key in ("title", "page_description", "page_keywords"):
        lines.append(f"{' ' * seo}{key}: {draw(value(seo))}")
    lines += [f"author: {draw(value(0))}", f"question: {draw(value(0))}"]
    if draw(st.booleans()):
        lines.append(f"no_index: {draw(st.sampled_from(['True', 'false', 'yes', '1']))}")
    for key in ("answer", "subject", "file_name", "url"):
        lines.append(f"{key}: {draw(value(0))}")
    if draw(st.booleans()):
        lines.append(f"score: {draw(st.sampled_from(['-1.0', '3', '1e3', '.5', '2.50']))}")
    for n in range(1, draw(st.integers(0, 5)) + 1):
        lines.append(f"related_article{n}:")
        lines.append(f"{' ' * rel}id: {draw(st.sampled_from(['5', '05', 'x']))}")
        for key in ("title", "subject", "url"):
            lines.append(f"{' ' * rel}{key}: {draw(value(rel))}")
    lines += ["---", "", draw(st.sampled_from(["&nbsp;", "body\ttext", "a\r\nb"]))]
    return "\n".join(lines).encode("utf-8")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site_file())
def test_sitescan_agrees_with_the_full_parse_on_edge_cases(raw: bytes) -> None:
    values = site_values(raw)
    full = full_parse_entry("a.md", raw)
    if values is not None:
        assert full is not None, raw
        assert same(as_dict(entry_from_site("a.md", values)), as_dict(full)), raw


def test_sitescan_reads_the_plain_layout() -> None:
    raw = (b"---\n_schema: default\nid: 7\ndate: 2024-03-01\ntitle: What is light?\n"
           b"article_title: >-\n  What is light?\ndate_format: MMM DD, YYYY\n"
           b"post_on_text: Posted on\nseo:\n  title: >-\n    QuickTakes | Physics\n"
           b"  page_description: >-\n    Light: a wave #1 and a particle \n"
           b"  page_keywords: >-\n    light, wave\nauthor: QuickTakes\n"
           b"question: >-\n  What is light?\nanswer: >-\n  **Light**\\n\\nIt is a wave.\n"
           b"subject: Physics\nfile_name: what-is-light.md\n"
           b"url: /learn/physics/questions/what-is-light\nscore: -1.0\n"
           b"related_article1:\n    id: 8\n    title: >-\n        What is sound?\n"
           b"    subject: Physics\n    url: /learn/physics/questions/what-is-sound\n"
           b"---\n\n&nbsp;")
    values = site_values(raw)
    assert values is not None
    entry = entry_from_site("a.md", values)
    assert entry.description == "Light: a wave #1 and a particle "
    assert entry.related == [{"slot": "related_article1", "id": 8, "title": "What is sound?",
                              "subject": "Physics",
                              "url": "/learn/physics/questions/what-is-sound"}]
    assert same(as_dict(entry), as_dict(full_parse_entry("a.md", raw)))


@pytest.mark.parametrize("char", ["\x01", "\x85", "\u2028", "\ufffe", "\r"])
def test_characters_yaml_refuses_leave_the_fast_paths(char: str) -> None:
    text = f"---\ntitle: a{char}b\nquestion: >-\n  q\nanswer: >-\n  a\n---\n"
    assert scan_front_matter(text) is None
    assert site_values(text.encode()) is None
    entry = entry_from_bytes("a.md", text.encode())
    full = full_parse_entry("a.md", text.encode())
    assert (entry.kind == "error") == (full is None)


# -- the index itself ----------------------------------------------------------------------------
def plain_read(root: Path) -> dict[str, dict]:
    """Every file read on its own, through the full parse where the fast paths do not apply."""
    out = {}
    for rel, _stamp in scan_folder(root):
        entry = entry_from_bytes(rel, (root / rel).read_bytes())
        stat = (root / rel).stat()
        entry.size, entry.mtime_ns = stat.st_size, stat.st_mtime_ns
        out[rel] = as_dict(entry)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    generate(root, 2_500, seed=21)
    return root


def test_parallel_cold_warm_and_lazy_entries_equal_a_plain_read(site: Path,
                                                                tmp_path: Path) -> None:
    expected = plain_read(site)
    index = FolderIndex(site, tmp_path / "cache.sqlite")
    index.parallel_min, index.workers = 500, 2  # worker processes on this small folder
    cold = index.refresh()
    assert index.reread == len(expected)
    assert index.read_in_workers > 0
    assert {rel: as_dict(e) for rel, e in cold.items()} == expected
    index.close()
    serial = FolderIndex(site, tmp_path / "serial.sqlite")
    serial.workers = 1
    assert {rel: as_dict(e) for rel, e in serial.refresh().items()} == expected
    serial.close()
    warm_index = FolderIndex(site, tmp_path / "cache.sqlite")
    warm = warm_index.refresh()
    assert warm_index.reread == 0
    assert all(e._packed is not None for e in warm.values())  # nothing decoded yet
    assert {rel: as_dict(e) for rel, e in warm.items()} == expected
    assert list(warm) == list(expected)  # sorted by path, like the listing
    warm_index.close()


def test_a_cached_entry_is_the_row_as_refreshed(site: Path, tmp_path: Path) -> None:
    """Reading a cached entry's fields does no I/O: it is the row the refresh loaded, in
    step with its size and mtime, whatever another index writes later."""
    folder = tmp_path / "site"
    folder.mkdir()
    files = sorted(site.rglob("*.md"))[:50]
    for path in files:
        (folder / path.name).write_bytes(path.read_bytes())
    cache = tmp_path / "cache.sqlite"
    FolderIndex(folder, cache).refresh()
    lazy = FolderIndex(folder, cache).refresh()
    changed = folder / files[0].name
    text = changed.read_text().replace("\nsubject: ", "\nsubject: Renamed ", 1)
    changed.write_text(text)
    other = FolderIndex(folder, cache)
    other.update_file(changed)  # another index rewrites the row before the lazy one is read
    other.close()
    entry = lazy[changed.name]
    assert entry._packed is not None  # not decoded yet
    assert not entry.subject.startswith("Renamed ")
    assert entry.size != changed.stat().st_size
    assert FolderIndex(folder, cache).refresh()[changed.name].subject.startswith("Renamed ")


def test_a_pool_that_cannot_take_work_falls_back_to_reading_here(site: Path,
                                                                 tmp_path: Path) -> None:
    class ClosedPool(FolderIndex):
        def _pool(self):  # a real pool, already shut down: every submit raises
            pool = super()._pool()
            assert pool is not None
            pool.shutdown()
            return pool

    index = ClosedPool(site, tmp_path / "cache.sqlite")
    index.parallel_min, index.workers = 100, 2
    entries = index.refresh()
    assert index.read_in_workers == 0
    assert {rel: as_dict(e) for rel, e in entries.items()} == plain_read(site)


def test_a_file_that_grew_after_listing_is_read_whole(tmp_path: Path) -> None:
    from editor.core.index.entry import read_rows, unpack

    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Short\n---\n")
    listed = os.stat(path).st_size
    path.write_text("---\ntitle: " + "x" * 200_000 + "\n---\n")  # closes far past `listed`
    (row,) = read_rows(str(tmp_path), [("a.md", listed, 1)])
    assert unpack(row).title == "x" * 200_000


def test_an_impossible_date_is_a_parse_error_with_its_place() -> None:
    raw = b"---\nid: 1\ndate: 2024-02-30\nquestion: q\nanswer: a\n---\n"
    entry = entry_from_bytes("a.md", raw)
    assert (entry.kind, entry.error_code, entry.error_line, entry.error_column) == (
        "error", "parse-error", 3, 7)
    assert "day is out of range" in (entry.error or "")


def test_saving_one_file_again_and_again_keeps_the_cache_small(tmp_path: Path) -> None:
    import marshal
    import sqlite3

    folder = tmp_path / "site"
    generate(folder, 30, seed=3)
    index = FolderIndex(folder, tmp_path / "cache.sqlite")
    index.refresh()
    path = next(folder.rglob("*.md"))
    for n in range(20):
        path.write_text(path.read_text().replace("\nsubject: ", f"\nsubject: {n}", 1))
        index.update_file(path)
    index.close()
    db = sqlite3.connect(tmp_path / "cache.sqlite")
    metas = [marshal.loads(meta) for (meta,) in db.execute("SELECT meta FROM chunks")]
    db.close()
    assert len(metas) == 2  # the first read's chunk and the last save's, nothing in between
    paths = [path for meta in metas for path in meta]
    assert sorted(paths) == sorted(set(paths)) and len(paths) == 30  # each path once
    again = FolderIndex(folder, tmp_path / "cache.sqlite")
    entries = again.refresh()
    assert again.reread == 0
    rel = path.relative_to(folder).as_posix()
    assert entries[rel].subject.startswith("19")  # the newest row, not the first chunk's
    assert {r: as_dict(e) for r, e in entries.items()} == plain_read(folder)


def test_a_removed_file_leaves_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    generate(folder, 10, seed=4)
    cache = tmp_path / "cache.sqlite"
    FolderIndex(folder, cache).refresh()
    gone = next(folder.rglob("*.md"))
    gone.unlink()
    index = FolderIndex(folder, cache)
    entries = index.refresh()
    assert gone.relative_to(folder).as_posix() not in entries
    assert index.reread == 0
    assert {r: as_dict(e) for r, e in entries.items()} == plain_read(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_called_md_is_an_error_not_a_hang(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    generate(folder, 5, seed=5)
    os.mkfifo(folder / "pipe.md")
    index = FolderIndex(folder, tmp_path / "cache.sqlite")
    entries = index.refresh()
    assert entries["pipe.md"].kind == "error"
    assert "not a regular file" in entries["pipe.md"].error
    assert entries["pipe.md"].error_code == "unreadable"


def stored_paths(cache: Path) -> list[str]:
    import marshal
    import sqlite3

    db = sqlite3.connect(cache)
    try:
        return [path for (meta,) in db.execute("SELECT meta FROM chunks")
                for path in marshal.loads(meta)]
    finally:
        db.close()


def test_a_refresh_after_changes_keeps_each_path_in_one_chunk(tmp_path: Path) -> None:
    folder, cache = tmp_path / "site", tmp_path / "cache.sqlite"
    generate(folder, 120, seed=6)
    FolderIndex(folder, cache).refresh()
    files = sorted(folder.rglob("*.md"))
    for path in files[:7]:
        path.write_text(path.read_text().replace("\nsubject: ", "\nsubject: Changed ", 1))
    files[7].unlink()
    (folder / "added.md").write_text("---\ntitle: Added\n---\n")
    index = FolderIndex(folder, cache)
    entries = index.refresh()
    assert index.reread == 8
    paths = stored_paths(cache)
    assert sorted(paths) == sorted(entries)  # every file once, the removed one gone
    assert {r: as_dict(e) for r, e in FolderIndex(folder, cache).refresh().items()} == (
        plain_read(folder))


def test_a_refresh_that_fails_midway_leaves_the_cache_as_it_was(tmp_path: Path) -> None:
    folder, cache = tmp_path / "site", tmp_path / "cache.sqlite"
    generate(folder, 40, seed=7)
    index = FolderIndex(folder, cache)
    index.refresh()
    for path in sorted(folder.rglob("*.md"))[:3]:
        path.write_text(path.read_text().replace("\nsubject: ", "\nsubject: New ", 1))

    def fail(_entries: list) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index.refresh(batch=fail)
    assert sorted(stored_paths(cache)) == sorted(plain_read(folder))  # rolled back whole
    entries = index.refresh()  # the same index goes on from what is stored
    assert index.reread == 3
    assert {r: as_dict(e) for r, e in entries.items()} == plain_read(folder)
    assert sorted(stored_paths(cache)) == sorted(entries)


def test_a_damaged_cache_is_started_afresh(tmp_path: Path) -> None:
    folder, cache = tmp_path / "site", tmp_path / "cache.sqlite"
    generate(folder, 20, seed=8)
    cache.write_bytes(b"this is not a database\n" * 500)
    entries = FolderIndex(folder, cache).refresh()
    assert {r: as_dict(e) for r, e in entries.items()} == plain_read(folder)
    again = FolderIndex(folder, cache)
    again.refresh()
    assert again.reread == 0 and not again.store.in_memory  # the new cache works

    import sqlite3

    db = sqlite3.connect(cache)
    with db:
        db.execute("UPDATE chunks SET meta = ?", (b"\x00garbage",))
    db.close()
    damaged = FolderIndex(folder, cache)
    entries = damaged.refresh()
    assert damaged.reread == 20
    assert {r: as_dict(e) for r, e in entries.items()} == plain_read(folder)


def test_a_cache_that_cannot_be_written_is_kept_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    generate(folder, 10, seed=9)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    index = FolderIndex(folder, blocker / "cache.sqlite")
    assert index.store.in_memory
    entries = index.refresh()
    assert {r: as_dict(e) for r, e in entries.items()} == plain_read(folder)
    path = next(folder.rglob("*.md"))
    assert index.update_file(path) is not None


def test_a_file_just_written_is_indexed_from_the_bytes_written(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    generate(folder, 5, seed=3)
    index = FolderIndex(folder, tmp_path / "cache.sqlite")
    index.refresh()
    path = sorted(folder.rglob("*.md"))[0]
    rel = path.relative_to(folder).as_posix()
    data = path.read_bytes().replace(b"\ntitle: ", b"\ntitle: Written ", 1)
    result = atomic_write(path, data)
    entry = index.update_file(path, (data, result.stamp))
    assert entry is not None and entry.title.startswith("Written ")
    stat = path.stat()
    assert (entry.size, entry.mtime_ns) == (stat.st_size, stat.st_mtime_ns)  # as on disk
    fresh = FolderIndex(folder, tmp_path / "fresh.sqlite")  # the same file, read from disk
    assert as_dict(index.entries[rel]) == as_dict(fresh.refresh()[rel])
    fresh.close()
    index.close()
