"""What the publishing status costs on the real site's size: ``status`` (porcelain v2, every
untracked file listed) on a 36,000-article repository, beside plain ``git status``, with git's
default settings and with those for many files (``feature.manyFiles``: index v4 and the
untracked cache; fsmonitor off).

The repository is the real-shaped folder (benchmarks/realistic.py) copied into the cache,
``git init`` and committed once, on first use. One article is modified and one added before
timing, as when a writer has been at work.

Then the team's batch: the repository is cloned as the editor clones (``clone``) from a bare
copy, its index built (cold, a cache of its own), and a colleague's commit changing 3,600
articles (every tenth; one field each) lands on the bare copy. Timed: ``sync`` taking it, the
index's refresh after it (which must re-read exactly those 3,600 files), and beside it a full
re-index of the folder (a cold cache).

    python benchmarks/bench_git.py [--runs 5] [--batch-runs 3] [--no-batch]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.realistic import cache_root, realistic_folder
from editor.core.git.clone import clone
from editor.core.git.runner import Git
from editor.core.git.status import status
from editor.core.git.sync import SyncState, sync
from editor.core.index.folder_index import FolderIndex

BATCH = 3_600

ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "b@e.x",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "b@e.x"}


def repository(articles: int) -> Path:
    source = realistic_folder(articles)
    if source is None:
        sys.exit("the shared tools are needed to build the real-shaped folder")
    repo = cache_root() / f"git-{articles}"
    if not (repo / ".git" / "bench-done").exists():
        shutil.rmtree(repo, ignore_errors=True)
        shutil.copytree(source, repo / "content")
        run(repo, "init", "-q", "-b", "main")
        run(repo, "add", "-A")
        run(repo, "commit", "-q", "-m", "The site")
        (repo / ".git" / "bench-done").touch()
    return repo


def run(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, env={**os.environ, **ENV},
                   stdout=subprocess.DEVNULL)


def timed(action: object, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return times


def spread(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} s ({min(times):.3f}-{max(times):.3f})"


def blobs(repo: Path, paths: list[str]) -> list[bytes]:
    """The files' bytes on ``main`` of ``repo``, in one ``cat-file --batch``."""
    out = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, check=True,
                         capture_output=True,
                         input="".join(f"main:{p}\n" for p in paths).encode()).stdout
    found, at = [], 0
    for _ in paths:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        found.append(out[header_end + 1:header_end + 1 + size])
        at = header_end + 1 + size + 1
    return found


def colleague_commits(remote: Path, paths: list[str], run_number: int) -> None:
    """One commit on the bare ``remote``'s main changing one field of each of ``paths``
    (their author; a line added where there is none), as a push from CloudCannon would."""
    message = b"The team's batch\n"
    stream = [b"commit refs/heads/main\ncommitter Colleague <c@e.x> 1767000000 +0000\n",
              f"data {len(message)}\n".encode(), message, b"from refs/heads/main^0\n"]
    for path, data in zip(paths, blobs(remote, paths), strict=True):
        edited = data.replace(b"\nauthor: ", f"\nauthor: Team {run_number} ".encode(), 1)
        if edited == data:
            edited = data + f"\n<!-- {run_number} -->\n".encode()
        stream += [f"M 100644 inline {path}\ndata {len(edited)}\n".encode(), edited, b"\n"]
    subprocess.run(["git", "fast-import", "--quiet"], cwd=remote, check=True,
                   input=b"".join(stream))


def team_batch(repo: Path, runs: int) -> None:
    """The team's 3,600 changed articles taken, and the index refreshed after, beside a full
    re-index of the folder."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-git-batch-", dir=cache_root()))
    try:
        remote, ours = scratch / "remote.git", scratch / "ours"
        run(scratch, "clone", "-q", "--bare", str(repo), str(remote))
        started = time.perf_counter()
        git = clone(str(remote), ours)
        cloned = time.perf_counter() - started
        listed = git.run("ls-files", "-z").text.split("\0")
        articles = sorted(p for p in listed if p.endswith(".md"))
        paths = articles[::max(1, len(articles) // BATCH)][:BATCH]
        index = FolderIndex(ours, cache_path=scratch / "index.sqlite")
        index.refresh()
        synced, refreshed = [], []
        for n in range(runs):
            colleague_commits(remote, paths, n)
            started = time.perf_counter()
            result = sync(git)
            synced.append(time.perf_counter() - started)
            assert result.state is SyncState.UPDATED and len(result.changed) == len(paths)
            started = time.perf_counter()
            index.refresh()
            refreshed.append(time.perf_counter() - started)
            assert sorted(index.reread_paths) == paths, "re-read other files than the team's"
        total = len(index.entries)
        index.close()
        full = []
        for n in range(runs):
            cold = FolderIndex(ours, cache_path=scratch / f"cold-{n}.sqlite")
            started = time.perf_counter()
            cold.refresh()
            full.append(time.perf_counter() - started)
            assert cold.reread == total
            cold.close()
        print(f"team batch: {len(paths):,} of {total:,} files changed (clone {cloned:.1f} s)")
        print(f"  sync() taking them (fetch, fast-forward, the files written): "
              f"{spread(synced)}")
        print(f"  index refresh after it: {spread(refreshed)}, {len(paths):,} files re-read")
        print(f"  full re-index of the folder (cold cache): {spread(full)}, "
              f"{total:,} files read")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=36_000)
    parser.add_argument("--batch-runs", type=int, default=3)
    parser.add_argument("--no-batch", action="store_true", help="the status rows only")
    args = parser.parse_args()
    repo = repository(args.articles)
    os.environ.update(ENV)
    first = next((repo / "content").rglob("*.md"))
    original = first.read_bytes()
    added = repo / "content" / "bench-new-article.md"
    try:
        first.write_bytes(original + b"\n")
        added.write_bytes(b"---\ntitle: new\n---\n")
        files = int(subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True,
                                   check=True).stdout.count(b"\n"))
        print(f"repository: {files} files ({repo})")
        git = Git(repo)
        for name, settings in (("default settings", {"feature.manyFiles": "false",
                                                     "core.untrackedCache": "false"}),
                               ("many-files settings", {"feature.manyFiles": "true",
                                                        "core.untrackedCache": "true",
                                                        "core.fsmonitor": "false"})):
            for key, value in settings.items():
                run(repo, "config", key, value)
            run(repo, "update-index", "--index-version", "4" if "true" in
                settings["feature.manyFiles"] else "2")
            run(repo, "status", "--porcelain")  # warm the cache and the untracked cache
            naive = timed(lambda: subprocess.run(["git", "status"], cwd=repo,
                                                 capture_output=True, check=True), args.runs)
            porcelain = timed(lambda: git.run("status", "--porcelain=v2", "-z", "--branch",
                                              "--untracked-files=all"), args.runs)
            ours = timed(lambda: status(git), args.runs)
            st = status(git)
            print(f"{name}: naive git status {spread(naive)}; its porcelain v2 -uall "
                  f"{spread(porcelain)}; status() {spread(ours)} "
                  f"[{len(st.entries)} changes: {st.summary()}]")
    finally:
        first.write_bytes(original)
        added.unlink(missing_ok=True)
    if not args.no_batch:
        team_batch(repo, args.batch_runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
