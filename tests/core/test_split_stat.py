"""The stamped listing a check of an unchanged folder is keyed by: the files and stamps the
index's own listing gives, walked on both cores or in one process, whatever becomes of the
child."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from editor.core.index import split_stat
from editor.core.index.listing import FolderListing

#: Run in a process of its own: the test runner's timer thread rules out a fork here. It
#: prints the files found with their numbers (or null), and what the child answered.
SPLIT = """
import json, os, shutil, sys
from editor.core.index import split_stat
split_stat.SPLIT_FOLDERS = 3
parent = os.getpid()
walk, answer = split_stat._walk, split_stat._answer
answers = []
def spied(*args):
    try:
        answers.append(answer(*args))
    except split_stat.GaveUpError:
        answers.append(split_stat.GaveUpError)
        raise
    return answers[-1]
def cut_in_the_child(pending, paths, numbers, blocks):
    walk(pending, paths, numbers, blocks)
    if os.getpid() != parent:
        numbers.pop()  # the child's answer is one number short
def runs_astray_in_the_child(pending, paths, numbers, blocks):
    walk(pending, paths, numbers, blocks)
    if os.getpid() != parent:
        blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + 1)  # past the paths
def gives_up_in_the_child(pending, paths, numbers, blocks):
    if os.getpid() != parent:
        raise split_stat.GaveUpError("a link to a folder, say")
    walk(pending, paths, numbers, blocks)
def interrupted_in_the_parent(pending, paths, numbers, blocks):
    if os.getpid() == parent:
        raise KeyboardInterrupt
    walk(pending, paths, numbers, blocks)
stat_of = os.stat
def a_folder_vanishing(name, *, dir_fd=None, follow_symlinks=True):
    if name == "vanishing" and not follow_symlinks:  # after its first stat, before its lstat
        shutil.rmtree(name, dir_fd=dir_fd)
    return stat_of(name, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
split_stat._answer = spied
if sys.argv[2] == "short":
    split_stat._walk = cut_in_the_child
if sys.argv[2] == "astray":
    split_stat._walk = runs_astray_in_the_child
if sys.argv[2] == "gives up":
    split_stat._walk = gives_up_in_the_child
if sys.argv[2] == "interrupted":
    split_stat._walk = interrupted_in_the_parent
if sys.argv[2] == "vanishing":
    os.stat = a_folder_vanishing
    os.supports_dir_fd.add(a_folder_vanishing)
assert split_stat.can_split()
open_before = sorted(os.listdir("/proc/self/fd"))
try:
    found = split_stat.stamped_files(sys.argv[1])
except KeyboardInterrupt:
    answers.append("interrupted")
    found = None
try:
    os.waitpid(-1, os.WNOHANG)
    answers.append("a child left")
except ChildProcessError:
    pass
if sorted(os.listdir("/proc/self/fd")) != open_before:
    answers.append("a descriptor left open")
kinds = ["gave up" if a is split_stat.GaveUpError else "none" if a is None else
         a if isinstance(a, str) else "files" for a in answers]
out = None if found is None else list(zip(found[0], zip(*[iter(found[1])] * 4)))
print(json.dumps([out, kinds]))
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Folders of files at several depths, hidden ones, a link to a file, a pipe, an
    unreadable folder and files that are not Markdown."""
    for subject in ("biology", "chemistry", "physics", "history", "art"):
        (tmp_path / "content" / "learn" / subject).mkdir(parents=True)
        for n in range(5):
            (tmp_path / "content" / "learn" / subject / f"article-{n}.md").write_text("x" * n)
    (tmp_path / "content" / "index.md").write_text("home")
    (tmp_path / "content" / "image.png").write_bytes(b"png")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "hidden.md").write_text("not listed")
    (tmp_path / "content" / ".draft.md").write_text("not listed")
    (tmp_path / "content" / "learn" / "art" / "linked.md").symlink_to(
        tmp_path / "content" / "index.md")
    os.mkfifo(tmp_path / "content" / "learn" / "art" / "pipe.md")
    return tmp_path


def as_listed(root: Path) -> list[tuple[str, tuple[int, ...]]]:
    return sorted((rel, tuple(stamp)) for part in FolderListing(root, native=False).parts()
                  for rel, stamp in part)


def stamped(paths: list[str], numbers) -> list[tuple[str, tuple[int, ...]]]:
    fours = [tuple(numbers[at:at + split_stat.FIELDS])
             for at in range(0, len(numbers), split_stat.FIELDS)]
    return list(zip(paths, fours, strict=True))


def in_place(listed: list[tuple[str, tuple[int, ...]]]) -> list[tuple[str, tuple[int, ...]]]:
    return sorted(listed, key=lambda item: split_stat.place(item[0]))


def in_one_process(root: Path) -> list[tuple[str, tuple[int, ...]]] | None:
    found = split_stat.stamped_files(str(root), split=False)
    if found is None:
        return None
    paths, numbers = found
    return stamped(paths, numbers)


def split_in_a_process(root: Path, how: str = "whole") -> tuple[list | None, list[str]]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the walk is split between processes on Linux only")
    done = subprocess.run([sys.executable, "-c", SPLIT, str(root), how], capture_output=True,
                          text=True, check=True, timeout=60)
    found, kinds = json.loads(done.stdout)
    return (None if found is None else [(rel, tuple(n)) for rel, n in found]), kinds


def test_the_walk_lists_what_the_index_lists_by_folder_then_name(folder: Path) -> None:
    """In the order a report's key hashes them: by folder, then by name (a folder's own
    files before its folders' files, and "a/" after "a-b/", which a sort of whole paths
    would not give)."""
    for name in ("a", "a-b", "a.b"):
        (folder / "content" / name).mkdir()
        (folder / "content" / name / "z.md").write_text(name)
    (folder / "content" / "a" / "b.md").write_text("b")
    expected = in_place(as_listed(folder))
    assert "content/learn/art/pipe.md" in dict(expected)
    rels = [rel for rel, _stamp in expected]
    assert rels.index("content/index.md") < rels.index("content/a-b/z.md") < rels.index(
        "content/a.b/z.md") < rels.index("content/a/b.md") < rels.index("content/a/z.md")
    assert rels != sorted(rels)
    assert in_one_process(folder) == expected
    found, kinds = split_in_a_process(folder)
    assert kinds == ["files"] and found == expected  # the child walked its half


def test_a_link_to_a_folder_gives_up(folder: Path) -> None:
    (folder / "content" / "learn" / "physics" / "more").symlink_to(folder / "content" / "learn")
    assert in_one_process(folder) is None
    assert split_in_a_process(folder)[0] is None


def test_a_child_that_gives_up_gives_no_listing(folder: Path) -> None:
    assert split_in_a_process(folder, "gives up") == (None, ["gave up"])


def test_a_markdown_link_to_nothing_gives_up(folder: Path) -> None:
    (folder / "content" / "learn" / "history" / "gone.md").symlink_to(folder / "nowhere.md")
    assert in_one_process(folder) is None
    assert split_in_a_process(folder)[0] is None


def test_a_walk_interrupted_leaves_no_child_and_no_pipe(folder: Path) -> None:
    assert split_in_a_process(folder, "interrupted") == (None, ["interrupted"])


def test_a_folder_gone_as_it_is_listed_gives_up(folder: Path) -> None:
    """Removed between its stat and the look at whether it is a link (a checkout, say):
    no listing, rather than an error, and nothing left behind."""
    (folder / "vanishing").mkdir()
    (folder / "vanishing" / "article.md").write_text("x")
    assert split_in_a_process(folder, "vanishing") == (None, [])
    assert not (folder / "vanishing").exists()


def test_a_short_answer_is_not_believed(folder: Path) -> None:
    """A child whose answer is cut short: the parent walks its folders itself."""
    found, kinds = split_in_a_process(folder, "short")
    assert kinds == ["none"] and found == in_place(as_listed(folder))


def test_runs_that_miss_the_paths_are_not_believed(folder: Path) -> None:
    found, kinds = split_in_a_process(folder, "astray")
    assert kinds == ["none"] and found == in_place(as_listed(folder))


def test_a_process_running_threads_never_forks(folder: Path, monkeypatch) -> None:
    forked: list[int] = []
    monkeypatch.setattr(os, "fork", lambda: forked.append(1) or -1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not split_stat.can_split()
        found = split_stat.stamped_files(str(folder))
    finally:
        stop.set()
        thread.join()
    assert forked == [] and found is not None
    paths, numbers = found
    assert stamped(paths, numbers) == in_place(as_listed(folder))


def test_the_folders_are_split_by_their_sizes_the_child_taking_somewhat_less() -> None:
    sizes = [577_536, 458_752, 372_736, 4096, 4096, 12_288, 135_168, 245_760, 36_864]
    pending = [(f"/f{n}", f"f{n}/", size) for n, size in enumerate(sizes)]
    mine, theirs = split_stat._halves(pending)
    assert sorted(mine + theirs) == sorted(pending)
    load = [sum(size for _path, _rel, size in half) for half in (mine, theirs)]
    assert load[1] < load[0] < 1.3 * load[1]  # every other folder would give 1.56 to 1
    sizeless = [(f"/f{n}", f"f{n}/", 0) for n in range(6)]  # a file system giving none
    assert [len(half) for half in split_stat._halves(sizeless)] == [3, 3]
