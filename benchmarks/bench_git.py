"""What the publishing status costs on the real site's size: ``status`` (porcelain v2, every
untracked file listed) on a 36,000-article repository, beside plain ``git status``, with git's
default settings and with those for many files (``feature.manyFiles``: index v4 and the
untracked cache; fsmonitor off).

The repository is the real-shaped folder (benchmarks/realistic.py) copied into the cache,
``git init`` and committed once, on first use. One article is modified and one added before
timing, as when a writer has been at work.

    python benchmarks/bench_git.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.realistic import cache_root, realistic_folder
from editor.core.git.runner import Git
from editor.core.git.status import status

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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=36_000)
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
