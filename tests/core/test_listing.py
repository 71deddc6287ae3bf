"""Listing a folder: the native walker (scandir-rs) and the standard library's list the
same files with the same stamps (exactly the file's own), links and loops included; the index
is the same either way."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from benchmarks.generate_articles import generate
from editor.core.index import listing
from editor.core.index.folder_index import FolderIndex
from editor.core.index.listing import FolderListing
from editor.core.storage.stamps import UNSTATED, Stamp, stamp_of
from tests.core.listed import scan_folder

WAYS = ["standard", pytest.param("native", marks=pytest.mark.skipif(
    listing.scandir_rs is None, reason="scandir-rs has no wheel for this platform"))]

ODD_LISTED = {
    "a/one.md", "a/b/two.md", "a-2/three.md", "under.md/four.md",
    "a/linked-file.md",  # a link to a file outside the folder: listed, stat'ed through
    "a/broken.md",  # a link to nothing: listed unstat'ed, so the index reports it
    "outside/five.md", "outside/deeper/six.md",  # a link to a folder outside: followed
}


def odd_tree(tmp_path: Path) -> Path:
    root, away = tmp_path / "root", tmp_path / "away"
    for folder in ("a/b", "a-2", ".hidden", "under.md", "a/.git"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (away / "deeper").mkdir(parents=True)
    for rel in ("a/one.md", "a/b/two.md", "a-2/three.md", "under.md/four.md",
                ".hidden/no.md", "a/.no.md", "a/.git/no.md", "a/notes.txt"):
        (root / rel).write_text(f"---\ntitle: {rel}\n---\n")
    (away / "five.md").write_text("five")
    (away / "deeper" / "six.md").write_text("six")
    (tmp_path / "single.md").write_text("single")
    (root / "a" / "linked-file.md").symlink_to(tmp_path / "single.md")
    (root / "a" / "broken.md").symlink_to(root / "nowhere.md")
    (root / "outside").symlink_to(away, target_is_directory=True)
    (root / "a" / "b" / "loop").symlink_to(root, target_is_directory=True)  # an ancestor
    (root / "a" / "again").symlink_to(root / "a-2", target_is_directory=True)  # inside
    return root


def listed(root: Path, way: str) -> dict[str, Stamp]:
    walker = FolderListing(root, native=way == "native")
    assert walker.native == (way == "native")
    items = [item for part in walker.parts() for item in part]
    out = dict(items)
    assert len(out) == len(items)  # each path once
    return out


@pytest.mark.parametrize("way", WAYS)
def test_both_ways_list_the_same_files_links_and_loops_included(tmp_path: Path,
                                                                way: str) -> None:
    root = odd_tree(tmp_path)
    found = listed(root, way)
    assert set(found) == ODD_LISTED
    assert found["a/broken.md"] == UNSTATED
    for rel in ODD_LISTED - {"a/broken.md"}:
        assert found[rel] == stamp_of(os.stat(root / rel)), rel  # through links too


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("way", WAYS)
def test_a_named_pipe_is_listed_for_the_reader_to_report(tmp_path: Path, way: str) -> None:
    (tmp_path / "ok.md").write_text("ok")
    os.mkfifo(tmp_path / "pipe.md")
    assert set(listed(tmp_path, way)) == {"ok.md", "pipe.md"}


@pytest.mark.parametrize("way", WAYS)
def test_two_links_to_one_folder_list_it_once(tmp_path: Path, way: str) -> None:
    root, away = tmp_path / "root", tmp_path / "away"
    root.mkdir()
    away.mkdir()
    (away / "x.md").write_text("x")
    (root / "first").symlink_to(away, target_is_directory=True)
    (root / "second").symlink_to(away, target_is_directory=True)
    assert len(listed(root, way)) == 1


@pytest.mark.parametrize("way", WAYS)
def test_an_empty_or_missing_folder_lists_nothing(tmp_path: Path, way: str) -> None:
    assert listed(tmp_path, way) == {}
    missing = FolderListing(tmp_path / "missing", native=way == "native")
    assert list(missing.parts()) == []


@pytest.mark.parametrize("way", WAYS)
def test_a_folder_inside_a_hidden_one_or_reached_by_a_link_is_listed(tmp_path: Path,
                                                                      way: str) -> None:
    root = tmp_path / ".config" / "site"
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.md").write_text("x")
    (tmp_path / "link").symlink_to(root, target_is_directory=True)
    assert set(listed(root, way)) == set(listed(tmp_path / "link", way)) == {"a/x.md"}


def test_the_standard_library_stats_only_what_it_is_asked_to(tmp_path: Path) -> None:
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(name)
    parts = FolderListing(tmp_path, native=False).parts(stat_only={"a.md"})
    found = {rel: stamp.size for part in parts for rel, stamp in part}
    assert found == {"a.md": 4, "b.md": -1}


def test_scan_folder_sorts_by_path(tmp_path: Path) -> None:
    root = odd_tree(tmp_path)
    paths = [rel for rel, _stamp in scan_folder(root)]
    assert paths == sorted(ODD_LISTED)


def entries_by_way(folder: Path, cache: Path, way: str) -> dict[str, dict]:
    index = FolderIndex(folder, cache)
    index.native_listing = way == "native"
    try:
        entries = index.refresh()
        reread = index.reread
        # Natively only where something was cached: an empty cache lists folder by folder.
        assert index.listed_natively == (way == "native" and reread < len(entries))
    finally:
        index.close()
    return {"reread": reread,
            "entries": {rel: (e.kind, e.id, e.title, e.size, e.mtime_ns, e.error_code)
                        for rel, e in entries.items()}}


@pytest.mark.skipif(listing.scandir_rs is None, reason="scandir-rs has no wheel here")
def test_the_index_is_the_same_whichever_way_lists(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    generate(folder, 200, seed=8)
    odd = odd_tree(tmp_path / "odd")
    (folder / "odd").symlink_to(odd, target_is_directory=True)
    native = entries_by_way(folder, tmp_path / "native.sqlite", "native")
    standard = entries_by_way(folder, tmp_path / "standard.sqlite", "standard")
    assert native == standard and native["reread"] == len(native["entries"]) == 208
    # Warm: each way finds every stamp unchanged in the other's cache (the broken link is
    # tried again every time), and then the one change.
    assert entries_by_way(folder, tmp_path / "standard.sqlite", "native")["reread"] == 1
    assert entries_by_way(folder, tmp_path / "native.sqlite", "standard")["reread"] == 1
    changed = next(folder.rglob("*.md"))
    time.sleep(0.01)
    changed.write_text(changed.read_text().replace("\ntitle: ", "\ntitle: New ", 1))
    for way in ("native", "standard"):
        after = entries_by_way(folder, tmp_path / f"{way}.sqlite", way)
        assert after["reread"] == 2  # the changed file and the broken link
        assert after["entries"][changed.relative_to(folder).as_posix()][2].startswith("New")


@pytest.mark.parametrize("way", WAYS)
def test_an_mtime_a_few_microseconds_later_is_a_change(tmp_path: Path, way: str) -> None:
    folder, cache = tmp_path / "site", tmp_path / "cache.sqlite"
    generate(folder, 20, seed=9)
    assert entries_by_way(folder, cache, way)["reread"] == 20
    touched = next(folder.rglob("*.md"))
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000))  # same size, 5 µs on
    assert entries_by_way(folder, cache, way)["reread"] == 1
    assert entries_by_way(folder, cache, way)["reread"] == 0


@pytest.mark.parametrize("way", WAYS)
def test_names_that_are_not_utf8_are_listed_both_ways(tmp_path: Path, way: str) -> None:
    root = tmp_path / "root"
    odd = os.fsdecode(b"caf\xe9")  # Latin-1 bytes: not UTF-8
    (root / "a").mkdir(parents=True)
    (root / odd).mkdir()
    for rel in ("a/ok.md", f"a/{odd}.md", f"{odd}/inside.md", f"{odd}/{odd}-too.md"):
        (root / rel).write_text("---\ntitle: t\n---\n")
    found = listed(root, way)
    assert set(found) == {"a/ok.md", f"a/{odd}.md", f"{odd}/inside.md", f"{odd}/{odd}-too.md"}
    assert all(stamp.size > 0 for stamp in found.values())


def test_a_name_that_is_not_utf8_stays_in_a_warm_index(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    odd = os.fsdecode(b"caf\xe9.md")
    for name in ("ok.md", odd):
        (root / "a" / name).write_text("---\ntitle: t\n---\n")
    for _ in range(2):  # cold (standard library), then warm (native where installed)
        index = FolderIndex(root)
        index.native_listing = True
        try:
            assert set(index.refresh()) == {"a/ok.md", f"a/{odd}"}
        finally:
            index.close()
