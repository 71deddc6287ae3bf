"""The index cache is right before it is fast: an edit that keeps a file's size and mtime is
seen (the stamp holds the inode's change time and number), a damaged cache is never believed
(each chunk's blobs are checksummed and their shape checked), and a cache folder that cannot
be made leaves the index in memory. Real files, real SQLite, the real command."""

from __future__ import annotations

import marshal
import os
import shutil
import sqlite3
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.generate_articles import generate
from editor.core.index import listing
from editor.core.index.folder_index import FolderIndex
from editor.core.storage.stamps import stamp_of
from tests.core.listed import scan_folder
from tests.core.test_index_scan import as_dict, plain_read

WAYS = ["standard", pytest.param("native", marks=pytest.mark.skipif(
    listing.scandir_rs is None, reason="scandir-rs has no wheel for this platform"))]


def site(tmp_path: Path, count: int = 30) -> Path:
    folder = tmp_path / "site"
    generate(folder, count, seed=31)
    return folder


def refreshed(folder: Path, cache: Path, way: str = "standard") -> tuple[dict, int]:
    """The entries of a refresh through ``cache`` (as dicts), and how many files it read."""
    index = FolderIndex(folder, cache)
    index.native_listing = way == "native"
    try:
        entries = index.refresh()
        assert index.listed_natively == (way == "native" and index.reread < len(entries))
        return {rel: as_dict(e) for rel, e in entries.items()}, index.reread
    finally:
        index.close()


# -- edits that keep the size and the mtime --------------------------------------------------
def _retitled(path: Path) -> bytes:
    """The file's bytes with its title's first letter changed: the same length."""
    raw = path.read_bytes()
    at = raw.index(b"\ntitle: >-\n  ") + len(b"\ntitle: >-\n  ")
    return raw[:at] + b"X" + raw[at + 1:]


def _times(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_atime_ns, st.st_mtime_ns


def rewrite_then_utime(path: Path, new: bytes, _tmp: Path) -> None:
    times = _times(path)
    path.write_bytes(new)  # in place: the same inode
    os.utime(path, ns=times)


def cp_p(path: Path, new: bytes, tmp: Path) -> None:
    source = tmp / "source.md"
    source.write_bytes(new)
    os.utime(source, ns=_times(path))
    subprocess.run(["cp", "-p", str(source), str(path)], check=True)  # in place, times kept


def touch_r(path: Path, new: bytes, tmp: Path) -> None:
    reference = tmp / "reference.md"
    shutil.copy2(path, reference)
    with path.open("r+b") as file:  # in place
        file.write(new)
    subprocess.run(["touch", "-r", str(reference), str(path)], check=True)


def renamed_over(path: Path, new: bytes, tmp: Path) -> None:
    """What ``rsync -t`` does: a new file given the old times, renamed over the old one."""
    temporary = path.with_name("." + path.name + ".tmp")
    temporary.write_bytes(new)
    os.utime(temporary, ns=_times(path))
    os.replace(temporary, path)


def rsync_t(path: Path, new: bytes, tmp: Path) -> None:
    source = tmp / path.name
    source.write_bytes(new)
    os.utime(source, ns=_times(path))
    # --ignore-times: rsync's own quick check trusts size and mtime just as the old cache did
    subprocess.run(["rsync", "-t", "--ignore-times", str(source), str(path)], check=True)


EDITS: list[object] = [
    rewrite_then_utime, cp_p, touch_r, renamed_over,
    pytest.param(rsync_t, marks=pytest.mark.skipif(shutil.which("rsync") is None,
                                                     reason="rsync is not installed")),
]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_that_keeps_size_and_mtime_is_read_again(
        tmp_path: Path, way: str, edit: Callable[[Path, bytes, Path], None]) -> None:
    folder, cache = site(tmp_path), tmp_path / "cache.sqlite"
    refreshed(folder, cache, way)
    assert refreshed(folder, cache, way)[1] == 0
    path = sorted(folder.rglob("*.md"))[3]
    before = path.stat()
    edit(path, _retitled(path), tmp_path)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    old, new = stamp_of(before), stamp_of(after)  # what tells them apart: ctime or inode
    assert (new.ctime_ns, new.inode) != (old.ctime_ns, old.inode)
    entries, reread = refreshed(folder, cache, way)
    assert reread == 1
    assert entries[path.relative_to(folder).as_posix()]["title"].startswith("X")
    assert entries == plain_read(folder)
    assert refreshed(folder, cache, way)[1] == 0  # stored with its new stamp


def test_a_file_saved_through_the_index_keeps_the_new_stamp(tmp_path: Path) -> None:
    folder, cache = site(tmp_path, 10), tmp_path / "cache.sqlite"
    index = FolderIndex(folder, cache)
    index.refresh()
    path = sorted(folder.rglob("*.md"))[0]
    rewrite_then_utime(path, _retitled(path), tmp_path)
    assert index.update_file(path).title.startswith("X")  # type: ignore[union-attr]
    index.close()
    entries, reread = refreshed(folder, cache)
    assert reread == 0 and entries == plain_read(folder)


def cli(*args: str, cache: Path, log: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ARTICLE_EDITOR_CACHE_DIR=str(cache), ARTICLE_EDITOR_LOG_DIR=str(log))
    return subprocess.run([sys.executable, "-m", "editor", *args], capture_output=True,
                          text=True, env=env, check=False, timeout=120)


def test_check_sees_an_edit_that_keeps_size_and_mtime(tmp_path: Path) -> None:
    folder, cache, log = site(tmp_path), tmp_path / "cache", tmp_path / "log"
    first = cli("check", str(folder), "--format", "json", cache=cache, log=log)
    path = sorted(folder.rglob("*.md"))[5]
    raw = path.read_bytes()
    cp_p(path, raw.replace(b"\nid: 1", b"\nid: [", 1), tmp_path)  # now it does not parse
    warm = cli("check", str(folder), "--format", "json", cache=cache, log=log)
    fresh = cli("check", str(folder), "--format", "json", cache=tmp_path / "new", log=log)
    assert (warm.returncode, warm.stdout) == (fresh.returncode, fresh.stdout)
    assert warm.stdout != first.stdout and "parse-error" in warm.stdout
    assert warm.stderr == ""


# -- a damaged cache ---------------------------------------------------------------------------
def built(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A folder of 900 files (three chunks), its cache, and what a fresh index gives."""
    folder, cache = site(tmp_path, 900), tmp_path / "cache.sqlite"
    entries, _reread = refreshed(folder, cache)
    assert len(chunk_ids(cache)) == 3
    return folder, cache, entries


def chunk_ids(cache: Path) -> list[int]:
    db = sqlite3.connect(cache)
    try:
        return [chunk for (chunk,) in db.execute("SELECT id FROM chunks ORDER BY id")]
    finally:
        db.close()


def set_blob(cache: Path, chunk: int, column: str, blob: bytes, checksum: bool) -> None:
    """Store ``blob`` in one chunk's column, with a matching checksum or keeping the old."""
    db = sqlite3.connect(cache)
    with db:
        db.execute(f"UPDATE chunks SET {column} = ? WHERE id = ?", (blob, chunk))
        if checksum:
            db.execute(f"UPDATE chunks SET {column}_sum = ? WHERE id = ?",
                       (zlib.crc32(blob), chunk))
    db.close()


def blob_of(cache: Path, chunk: int, column: str) -> bytes:
    db = sqlite3.connect(cache)
    try:
        return db.execute(f"SELECT {column} FROM chunks WHERE id = ?", (chunk,)).fetchone()[0]
    finally:
        db.close()


def flipped(blob: bytes, at: int) -> bytes:
    return blob[:at] + bytes([blob[at] ^ 0x5A]) + blob[at + 1:]


def assert_healed(folder: Path, cache: Path, expected: dict, reread: int | None) -> None:
    """The next refresh gives exactly what a fresh index gives, reading again the files of
    what was damaged; the one after finds the cache whole again."""
    entries, count = refreshed(folder, cache)
    assert entries == expected
    if reread is not None:
        assert count == reread
    assert count > 0
    assert refreshed(folder, cache) == (expected, 0)


@pytest.mark.parametrize("column", ["meta", "data"])
def test_bytes_flipped_in_a_chunk_are_found_by_its_checksum(tmp_path: Path,
                                                             column: str) -> None:
    folder, cache, expected = built(tmp_path)
    chunk = chunk_ids(cache)[1]
    blob = blob_of(cache, chunk, column)
    for at in (len(blob) // 2, len(blob) - 1):  # inside a string, and the very last byte
        set_blob(cache, chunk, column, flipped(blob, at), checksum=False)
        assert_healed(folder, cache, expected, reread=400)
        chunk = chunk_ids(cache)[-1]  # the re-read files' new chunk
        blob = blob_of(cache, chunk, column)


WRONG_SHAPES = {
    "meta": [marshal.dumps([1, 2, 3]), marshal.dumps({"a.md": "not a stamp"}), b"",
             marshal.dumps(None)],
    "data": [marshal.dumps([("a.md", None, b"x")]), marshal.dumps({"a": 1}), b"\xff\x00",
             marshal.dumps(None)],
}


@pytest.mark.parametrize("column", ["meta", "data"])
def test_blobs_of_the_wrong_shape_are_dropped_even_with_a_matching_checksum(
        tmp_path: Path, column: str) -> None:
    folder, cache, expected = built(tmp_path)
    whole = cache.read_bytes()
    real = marshal.loads(blob_of(cache, chunk_ids(cache)[0], column))
    texts = marshal.dumps({path: str(value) for path, value in real.items()})  # not bytes
    for blob in [*WRONG_SHAPES[column], texts]:
        cache.write_bytes(whole)
        set_blob(cache, chunk_ids(cache)[0], column, blob, checksum=True)
        assert_healed(folder, cache, expected, reread=400)


def test_rows_rewritten_after_the_stamps_were_read_are_read_again(tmp_path: Path) -> None:
    """Another process rewrites a chunk between this one's reading the stamps and fetching
    the rows: none of that chunk's rows is taken, the rest are."""
    folder, cache, _expected = built(tmp_path)
    index = FolderIndex(folder, cache)
    known = index.store.known()
    kept = [item for item in scan_folder(folder) if known[item[0]] == item[1]]
    assert len(kept) == 900
    path = sorted(folder.rglob("*.md"))[0]
    rewrite_then_utime(path, _retitled(path), tmp_path)
    other = FolderIndex(folder, cache)
    other.update_file(path)  # rewrites the chunk that held it, stores it in a new one
    other.close()
    into: dict = {}
    again = index.store.entries(kept, into)
    assert len(again) == 400 and path.relative_to(folder).as_posix() in {r for r, _ in again}
    assert len(into) == 500
    index.close()


def test_a_truncated_cache_file_is_started_afresh(tmp_path: Path) -> None:
    folder, cache, expected = built(tmp_path)
    size = cache.stat().st_size
    for keep in (size // 2, 4096 + 10, 50, 0):
        with cache.open("r+b") as file:
            file.truncate(keep)
        assert_healed(folder, cache, expected, reread=None)


def test_bytes_flipped_anywhere_in_the_file_never_crash_nor_mislead(tmp_path: Path) -> None:
    folder, cache, expected = built(tmp_path)
    good = cache.read_bytes()
    size = len(good)
    for at in (24, 100, 4096 + 7, size // 3, size // 2, size - 5, *range(0, size, size // 7)):
        cache.write_bytes(flipped(good, at))
        entries, _count = refreshed(folder, cache)
        assert entries == expected, at
        assert refreshed(folder, cache) == (expected, 0)


def test_check_with_a_damaged_cache_answers_as_with_a_fresh_one(tmp_path: Path) -> None:
    folder, cache, log = site(tmp_path, 60), tmp_path / "cache", tmp_path / "log"
    first = cli("check", str(folder), cache=cache, log=log)
    (stored,) = cache.glob("index-*.sqlite")
    blob = blob_of(stored, 1, "data")
    set_blob(stored, 1, "data", flipped(blob, len(blob) // 2), checksum=False)
    for kept in cache.glob("*.report"):  # else the kept report answers without a row loaded
        kept.unlink()
    damaged = cli("check", str(folder), cache=cache, log=log)
    assert (damaged.returncode, damaged.stdout, damaged.stderr) == (
        first.returncode, first.stdout, "")
    assert "damaged chunk" in (log / "article-editor.log").read_text()
    with stored.open("r+b") as file:
        file.truncate(stored.stat().st_size // 2)
    for kept in cache.glob("*.report"):
        kept.unlink()
    truncated = cli("check", str(folder), cache=cache, log=log)
    assert (truncated.returncode, truncated.stdout) == (first.returncode, first.stdout)


# -- a cache folder that cannot be made -----------------------------------------------------------
def unusable_cache_folders(tmp_path: Path) -> list[Path]:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache folder should be")
    out = [blocker, blocker / "cache"]
    if os.geteuid() != 0:  # root writes through any mode
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        out.append(locked / "cache")
    return out


def test_check_with_a_cache_folder_that_cannot_be_made_answers_the_same(
        tmp_path: Path) -> None:
    folder, log = site(tmp_path, 40), tmp_path / "log"
    working = cli("check", str(folder), cache=tmp_path / "cache", log=log)
    assert working.returncode == 1 and working.stdout  # the generated site has errors
    for where in unusable_cache_folders(tmp_path):
        done = cli("check", str(folder), cache=where, log=log)
        assert (done.returncode, done.stdout, done.stderr) == (
            working.returncode, working.stdout, ""), where
    assert "kept in memory" in (log / "article-editor.log").read_text()


def test_an_index_kept_in_memory_is_warm_the_second_time(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = site(tmp_path, 20)
    monkeypatch.setenv("ARTICLE_EDITOR_CACHE_DIR", str(unusable_cache_folders(tmp_path)[1]))
    index = FolderIndex(folder)  # the default cache path, under a file
    assert index.store.in_memory
    first = {rel: as_dict(e) for rel, e in index.refresh().items()}
    assert first == plain_read(folder)
    second = {rel: as_dict(e) for rel, e in index.refresh().items()}
    assert index.reread == 0 and second == first
    index.close()


def test_a_cache_another_process_holds_is_left_to_it(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache locked by another process (its write under way) is not taken for damaged:
    this index reads the folder in memory, and the other process's cache stays whole."""
    from editor.core.index import rowstore

    folder, cache, expected = built(tmp_path)
    monkeypatch.setattr(rowstore, "BUSY_WAIT_S", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys\n"
         "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "db.execute('BEGIN EXCLUSIVE')\n"
         "db.execute('CREATE TABLE other_process (x)')\n"
         "print('held', flush=True)\n"
         "sys.stdin.read()\n"
         "db.execute('COMMIT')\n", str(cache)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        entries, count = refreshed(folder, cache)
        assert entries == expected
        assert count == len(expected)  # read afresh, in memory
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        assert holder.wait(timeout=10) == 0
    db = sqlite3.connect(cache)  # the other process's write landed in the cache it held
    try:
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'other_process'"
                          ).fetchall() == [("other_process",)]
    finally:
        db.close()
    assert len(chunk_ids(cache)) == 3
    assert refreshed(folder, cache) == (expected, 0)
