"""A check of an unchanged folder is answered from the kept report: the same bytes and exit
code as checking it afresh, never a stale or damaged answer."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.checks.report_cache import (
    PIECE,
    ReportCache,
    digest,
    from_pieces,
    in_pieces,
    listed_key,
    site_stamp,
    stamps_of,
)
from editor.core.index.entry import Entry
from editor.core.storage.appdirs import cache_path_for
from tests.conftest import SAMPLE

MITO = "content/learn/biology/what-role-do-mitochondria-play-in-a-cell.md"


def check(folder: Path, capsys: pytest.CaptureFixture[str], *form: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", str(folder), *form])
    return code, capsys.readouterr().out


def fresh(folder: Path, capsys: pytest.CaptureFixture[str], *form: str) -> tuple[int, str]:
    """What a check prints with no cache at all."""
    for kept in cache_path_for(folder).parent.glob("*"):
        kept.unlink()
    return check(folder, capsys, *form)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.mark.parametrize("form", [(), ("--format", "json")])
def test_a_kept_report_is_what_a_fresh_check_prints(site: Path, capsys, form) -> None:
    first = check(site, capsys, *form)
    assert list(cache_path_for(site).parent.glob("*.report"))
    assert check(site, capsys, *form) == first
    assert fresh(site, capsys, *form) == first


def test_a_changed_file_is_checked_again(site: Path, capsys) -> None:
    before = json.loads(check(site, capsys, "--format", "json")[1])
    path = site / MITO
    path.write_bytes(path.read_bytes().replace(b"\nid: ", b"\nid: 8", 1))
    code, out = check(site, capsys, "--format", "json")
    assert json.loads(out) != before
    assert (code, out) == fresh(site, capsys, "--format", "json")


def test_an_added_or_removed_file_is_checked_again(site: Path, capsys) -> None:
    first = check(site, capsys)
    (site / "content" / "stray.md").write_text("no front matter\n")
    added = check(site, capsys)
    assert "stray.md" in added[1] and added == fresh(site, capsys)
    (site / "content" / "stray.md").unlink()
    assert check(site, capsys) == first


def test_a_damaged_report_is_not_believed(site: Path, capsys) -> None:
    first = check(site, capsys, "--format", "json")
    (kept,) = cache_path_for(site).parent.glob("*.json.report")
    raw = bytearray(kept.read_bytes())
    raw[-20] ^= 0x01  # a bit flipped inside the report: the checksum no longer matches
    kept.write_bytes(bytes(raw))
    assert check(site, capsys, "--format", "json") == first
    kept.write_bytes(kept.read_bytes()[:40])  # cut short
    assert check(site, capsys, "--format", "json") == first
    kept.write_bytes(b"")
    assert check(site, capsys, "--format", "json") == first
    (problems,) = cache_path_for(site).parent.glob("*.problems.report")
    problems.write_bytes(problems.read_bytes()[:-7])  # the problems kept beside it, cut short
    kept.write_bytes(b"")
    assert check(site, capsys, "--format", "json") == first
    assert check(site, capsys) == fresh(site, capsys)


def test_the_key_holds_every_path_and_stamp(tmp_path: Path) -> None:
    stamps = {"a.md": (10, 1, 5, 100), "b.md": (20, 2, 6, 101)}
    key = digest(stamps)
    assert key is not None and digest(dict(reversed(stamps.items()))) == key
    for changed in ((20, 2, 7, 101), (20, 2, 6, 102), (21, 2, 6, 101), (20, 3, 6, 101)):
        assert digest({**stamps, "b.md": changed}) != key  # ctime, inode, size, mtime
    assert digest({"a.md": stamps["a.md"]}) != key
    assert digest({**stamps, "b.md": None}) is None  # not known: nothing is kept
    entries = {"a.md": Entry("a.md", 10, 1)}
    assert stamps_of(entries, stamps) == {"a.md": stamps["a.md"]}
    assert stamps_of({"c.md": Entry("c.md")}, stamps) == {"c.md": None}
    cache = ReportCache(tmp_path / "index.sqlite")
    cache.put("json", key, b"kept")
    assert cache.get("json", key) == b"kept"
    assert cache.get("json", digest({"a.md": stamps["a.md"]})) is None
    assert cache.get("text", key) is None
    cache.put("text", None, b"never")
    assert cache.get("text", None) is None


def refreshed_key(site: Path, cache: Path) -> tuple[dict, bytes | None]:
    """The site's entries after a refresh, and the key its report is kept under then."""
    from editor.core.index.folder_index import FolderIndex

    index = FolderIndex(site, cache)
    try:
        entries = index.refresh()
        return entries, digest(stamps_of(entries, index.stamps()), site_stamp(site))
    finally:
        index.close()


def test_the_listed_key_is_the_kept_key_only_while_every_file_keeps_its_stamp(
        site: Path, tmp_path: Path) -> None:
    """A check of an unchanged folder looks its report up by the key of a listing alone:
    the key the report was kept under after a refresh, until any file changes."""
    _entries, kept = refreshed_key(site, tmp_path / "index.sqlite")
    assert kept is not None and listed_key(site) == kept
    (site / "content" / "new.md").write_text("---\ntitle: x\n---\n")
    assert listed_key(site) not in (None, kept)  # a file added
    (site / "content" / "new.md").unlink()
    assert listed_key(site) == kept
    (site / MITO).unlink()
    assert listed_key(site) not in (None, kept)  # a file gone
    shutil.copy(SAMPLE / MITO, site / MITO)
    assert listed_key(site) not in (None, kept)  # back, but another file (inode, change time)
    (site / "content" / "gone.md").symlink_to(site / "nowhere.md")
    assert listed_key(site) is None  # a link to nothing: its problem is found afresh


def test_a_folder_reached_by_a_link_is_keyed_as_the_index_lists_it(site: Path,
                                                                  tmp_path: Path) -> None:
    (site / "content" / "elsewhere").symlink_to(site / "content" / "learn" / "biology")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "shared.md").write_text("---\ntitle: Shared\n---\n")
    (site / "content" / "shared").symlink_to(outside)
    entries, kept = refreshed_key(site, tmp_path / "index.sqlite")
    assert "content/shared/shared.md" in entries
    assert kept is not None and listed_key(site) == kept


def test_a_changed_site_configuration_is_read_again(site: Path, capsys) -> None:
    """What the configuration names (page folders, static files) is kept under its files'
    stamps: a check of an unchanged site reads no YAML, an edited one is read again."""
    config = site / "cloudcannon.config.yml"
    config.write_text("collections_config:\n  learn:\n    path: content/learn\n")
    first = check(site, capsys)
    static = site / "static-files"
    (static / "images").mkdir(parents=True)
    (static / "images" / "a.png").write_bytes(b"png")
    assert check(site, capsys) == first  # not the static folder (yet): nothing changed
    key = listed_key(site)
    config.write_text(config.read_text() + "\npaths:\n  static: static-files\n")
    assert listed_key(site) != key
    (static / "images" / "a.png").write_bytes(b"png again")
    keyed = listed_key(site)
    (static / "images" / "a.png").write_bytes(b"png, third")
    assert listed_key(site) != keyed  # a static file's change is now the site's


def test_an_edit_that_keeps_size_and_mtime_is_checked_again(site: Path, capsys) -> None:
    before = check(site, capsys, "--format", "json")
    path = site / MITO
    st = path.stat()
    raw = path.read_bytes()
    own = re.search(rb"\nid: (\d+)\n", raw)
    assert own is not None and own.group(1) != b"81001"
    path.write_bytes(raw.replace(own.group(0), b"\nid: 81001\n", 1))  # a duplicate id, same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as cp -p or touch -r leave it
    assert path.stat().st_size == st.st_size
    after = check(site, capsys, "--format", "json")
    assert after != before and after == fresh(site, capsys, "--format", "json")


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where the cache folder would be")
    cache = ReportCache(tmp_path / "file" / "cache" / "index.sqlite")
    cache.put("json", b"k" * 16, b"kept")
    assert cache.get("json", b"k" * 16) is None


def test_a_kept_report_comes_back_problem_for_problem(site: Path, tmp_path: Path) -> None:
    from editor.core.checks.folder_checks import check_folder
    from editor.core.checks.report_cache import keep_report, kept_report
    from editor.core.index.catalog import Catalog
    from editor.core.index.folder_index import FolderIndex

    (site / MITO).write_bytes(b"---\nid: [\n---\n")  # a parse error: line and column kept
    index = FolderIndex(site, tmp_path / "index.sqlite")
    try:
        entries = index.refresh()
        stamps = index.stamps()
    finally:
        index.close()
    report = check_folder(entries, Catalog(entries.values()))
    cache = ReportCache(tmp_path / "index.sqlite")
    key = digest(stamps_of(entries, stamps))
    assert kept_report(cache, key) is None
    keep_report(cache, key, report)
    again = kept_report(cache, key)
    assert again == report and any(p.column is not None for p in again.problems)


def test_lists_are_kept_in_pieces_and_come_back_whole(tmp_path: Path) -> None:
    import marshal

    rows = [(f"content/{n}.md", n, "code", None) for n in range(PIECE * 2 + 7)]
    values = (3, "text", rows, [], {"a": 1}, list(range(PIECE)))
    chunks = in_pieces(values)
    blob = b"".join(chunks)
    assert from_pieces(blob) == values
    assert len(chunks) == 3 + 3 + 0 + 1  # the mark, the head's size, the head; the pieces
    assert all(marshal.loads(piece) for piece in chunks[3:])  # each a list of its own
    cache = ReportCache(tmp_path / "index.sqlite")
    cache.put("pieces", b"k" * 16, chunks)  # written one after the other, as one blob
    assert cache.get("pieces", b"k" * 16) == blob
    # Kept by earlier versions: one marshalled tuple, with or without its lists in pieces.
    assert from_pieces(marshal.dumps(values)) == values
    earlier = marshal.dumps((3, ("\0pieces", [marshal.dumps(rows[:PIECE]),
                                                marshal.dumps(rows[PIECE:])])))
    assert from_pieces(earlier) == (3, rows)
    damaged = [blob[:-40] + b"\xff" + blob[-39:], blob[:-1], blob + b"\0",
               blob[:30] + b"\x7f" * 8 + blob[38:]]
    for bad in damaged:
        with pytest.raises((EOFError, ValueError, TypeError)):
            from_pieces(bad)
    with pytest.raises(TypeError):
        from_pieces(marshal.dumps([1, 2]))
    with pytest.raises(TypeError):  # a piece that is no list's, though a list takes its items
        from_pieces(marshal.dumps((("\0pieces", [marshal.dumps("abc")]),)))
    laid = in_pieces((["x"],))
    laid[3] = marshal.dumps("abc")
    laid[2] = marshal.dumps((("\0pieces", [len(laid[3])]),))
    laid[1] = len(laid[2]).to_bytes(8, "little")
    with pytest.raises(TypeError):
        from_pieces(b"".join(laid))


def test_a_second_process_is_answered_from_the_kept_report(site: Path) -> None:
    import subprocess
    import sys

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "editor", "-v", "check", str(site)],
                              capture_output=True, text=True, check=False, timeout=120)

    first, second = run(), run()
    assert "unchanged since the last check" not in first.stderr
    assert "unchanged since the last check" in second.stderr
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)


def test_the_other_format_is_printed_from_the_kept_problems(site: Path) -> None:
    """A check in one format keeps the folder's problems: a check in the other prints them
    without opening the index, byte for byte what a fresh check of its own prints."""
    import subprocess
    import sys

    def run(*form: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "editor", "-v", "check", str(site), *form],
                              capture_output=True, text=True, check=False, timeout=120)

    as_json = run("--format", "json")
    as_text = run()
    assert "unchanged since its problems were kept" in as_text.stderr
    assert "indexed" not in as_text.stderr  # no file read, nor the index opened
    assert "unchanged since the last check" in run().stderr  # and now kept as printed
    for kept in cache_path_for(site).parent.glob("*"):
        kept.unlink()
    assert (run().returncode, run().stdout) == (as_text.returncode, as_text.stdout)
    for kept in cache_path_for(site).parent.glob("*.json.report"):
        kept.unlink()
    again = run("--format", "json")
    assert "unchanged since its problems were kept" in again.stderr
    assert (again.returncode, again.stdout) == (as_json.returncode, as_json.stdout)


def test_kept_problems_are_not_printed_for_a_changed_folder(site: Path, capsys) -> None:
    check(site, capsys, "--format", "json")
    path = site / MITO
    path.write_bytes(path.read_bytes().replace(b"\nid: ", b"\nid: 8", 1))
    assert check(site, capsys) == fresh(site, capsys)


def test_an_empty_folder_the_site_checks_look_for_is_checked_again(site: Path, capsys) -> None:
    """A collection's folder or the static folder made (empty: no file to stamp) changes
    what the checks say: not answered from the report kept before."""
    (site / "cloudcannon.config.yml").write_text(
        "collections_config:\n  learn:\n    path: content/learn\n"
        "  news:\n    path: content/news\npaths:\n  static: static-files\n")
    first = check(site, capsys)
    assert "collection-missing" in first[1]
    (site / "content" / "news").mkdir()
    made = check(site, capsys)
    assert "collection-missing" not in made[1] and made == fresh(site, capsys)
    (site / "static-files").mkdir()
    assert check(site, capsys) == fresh(site, capsys)
    (site / "content" / "news").rmdir()
    assert check(site, capsys) == fresh(site, capsys)


def test_a_kept_file_of_another_kind_or_no_file_at_all_is_not_read(site: Path, capsys) -> None:
    first = check(site, capsys)
    as_json = check(site, capsys, "--format", "json")
    folder = cache_path_for(site).parent
    (text,) = folder.glob("*.text.report")
    (problems,) = folder.glob("*.problems.report")
    for other in (folder / text.name.replace(".text.", ".json."), problems):
        shutil.copyfile(other, text)  # a whole, well-summed file of another kind
        assert check(site, capsys) == first
    for damage in ("fifo", "device", "folder"):
        text.unlink() if text.is_file() or text.is_symlink() or text.is_fifo() else text.rmdir()
        if damage == "fifo":
            os.mkfifo(text)  # never waited on
        elif damage == "device":
            text.symlink_to("/dev/zero")  # never read without end
        else:
            text.mkdir()
        assert check(site, capsys) == first, damage
    assert check(site, capsys, "--format", "json") == as_json


def test_a_report_whose_exit_code_is_not_one_is_not_believed(site: Path, capsys) -> None:
    first = check(site, capsys)
    key = listed_key(site)
    cache = ReportCache(cache_path_for(site))
    for blob in (b"", b"\x07text"):
        cache.put("text", key, blob)
        assert check(site, capsys) == first
