"""Stamping a listing on both cores gives exactly the stamps one process gives, whatever
becomes of the child."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from array import array
from pathlib import Path

import pytest

from editor.core.index import split_stat
from editor.core.index.listing import FolderListing
from editor.core.storage.stamps import UNSTATED, stamp_of


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """Three folders of files, a link to a file and a link to nothing; split from 8 files."""
    monkeypatch.setattr(split_stat, "SPLIT_MIN", 8)
    for subject in ("biology", "chemistry", "physics"):
        (tmp_path / subject).mkdir()
        for n in range(7):
            (tmp_path / subject / f"article-{n}.md").write_text("x" * n)
    (tmp_path / "physics" / "linked.md").symlink_to(tmp_path / "biology" / "article-3.md")
    (tmp_path / "physics" / "broken.md").symlink_to(tmp_path / "nowhere.md")
    rels = [rel for part in FolderListing(tmp_path, native=False).parts(()) for rel, _ in part]
    return tmp_path, rels


def expected(root: Path, rels: list[str]) -> array[int]:
    out = array("q")
    for rel in rels:
        try:
            out.extend(stamp_of(os.stat(root / rel)))
        except OSError:
            out.extend(UNSTATED)
    return out


#: Run in a process of its own: the test runner's timer thread rules out a fork here. It
#: prints the numbers found and whether the child's answer was taken.
SPLIT = """
import json, os, sys
from editor.core.index import split_stat
split_stat.SPLIT_MIN = 8
parent = os.getpid()
numbers, answer = split_stat._numbers, split_stat._answer
answers = []
def spied(*args):
    answers.append(answer(*args))
    return answers[-1]
def short_in_the_child(at, some):
    found = numbers(at, some)
    return found[:-1] if os.getpid() != parent else found
split_stat._answer = spied
if sys.argv[2] == "short":
    split_stat._numbers = short_in_the_child
assert split_stat.can_split()
rels = json.loads(sys.stdin.read())
found = split_stat.numbers(sys.argv[1], rels)
print(json.dumps([list(found), [a is not None for a in answers]]))
"""


def split_in_a_process(root: Path, rels: list[str], how: str) -> tuple[array[int], list[bool]]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the listing is split between processes on Linux only")
    done = subprocess.run([sys.executable, "-c", SPLIT, str(root), how], input=json.dumps(rels),
                          capture_output=True, text=True, check=True, timeout=60)
    found, taken = json.loads(done.stdout)
    return array("q", found), taken


def test_both_halves_are_the_files_stamps_in_order(folder) -> None:
    root, rels = folder
    found, taken = split_in_a_process(root, rels, "whole")
    assert taken == [True]  # the child answered its half
    assert found == expected(root, rels)
    assert found == split_stat.numbers(str(root), rels, split=False)
    broken = rels.index("physics/broken.md") * split_stat.FIELDS
    assert tuple(found[broken:broken + split_stat.FIELDS]) == UNSTATED


def test_without_a_child_the_parent_stats_every_file(folder, monkeypatch) -> None:
    root, rels = folder

    def no_fork() -> int:
        raise OSError("fork: resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert split_stat.numbers(str(root), rels) == expected(root, rels)


def test_a_short_answer_is_not_believed(folder) -> None:
    """A child whose answer is cut short: the parent stats that half itself."""
    root, rels = folder
    found, taken = split_in_a_process(root, rels, "short")
    assert taken == [False] and found == expected(root, rels)


def test_a_process_running_threads_never_forks(folder, monkeypatch) -> None:
    root, rels = folder
    forked: list[int] = []
    monkeypatch.setattr(os, "fork", lambda: forked.append(1) or -1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not split_stat.can_split()
        assert split_stat.numbers(str(root), rels) == expected(root, rels)
    finally:
        stop.set()
        thread.join()
    assert forked == []
