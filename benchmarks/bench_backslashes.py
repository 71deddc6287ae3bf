"""What the answer-backslash-n check costs: the index finds each answer's findings when it
reads the file (the step alone, timed here on bytes already read), and `check` turns the
kept findings into problems (timed with and without them, on the same index).

    python benchmarks/bench_backslashes.py FOLDER [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from editor.core.checks.folder_checks import check_folder
from editor.core.index.catalog import Catalog
from editor.core.index.folder_index import FolderIndex
from editor.core.index.sitescan import scan
from editor.core.text.backslashes import answer_hazards


def _spread(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} s ({min(times):.3f}-{max(times):.3f})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    index = FolderIndex(args.folder)
    try:
        entries = index.refresh()
    finally:
        index.close()
    for entry in entries.values():
        entry.decode()
    catalog = Catalog(entries.values())
    bare = {rel: replace(e, hazards=[]) for rel, e in entries.items()}
    scanned = [scan((args.folder / rel).read_bytes())
               for rel, e in entries.items() if e.is_article]
    answers = [found[2] for found in scanned if found is not None]  # the site's layout
    step: list[float] = []
    with_it: list[float] = []
    without: list[float] = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for answer in answers:
            answer_hazards(answer)
        step.append(time.perf_counter() - started)
        started = time.perf_counter()
        report = check_folder(entries, catalog)
        with_it.append(time.perf_counter() - started)
        started = time.perf_counter()
        check_folder(bare, catalog)
        without.append(time.perf_counter() - started)
    found = report.counts()["answer-backslash-n"]
    files = len({p.file for p in report.problems if p.code == "answer-backslash-n"})
    print(f"{len(entries)} files, {report.articles} articles: answer-backslash-n {found} "
          f"in {files} files")
    print(f"finding them in every answer (the index's step): {_spread(step)}; "
          f"check with the kept findings: {_spread(with_it)}; without: {_spread(without)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
