"""What the answer-backslash-n check adds to `check`: the folder check with it and without it,
alternated in one process on the same index.

    python benchmarks/bench_backslashes.py FOLDER [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from editor.core.checks import backslash_scan
from editor.core.checks.folder_checks import add_lines, check_entries, check_folder
from editor.core.index.catalog import Catalog
from editor.core.index.folder_index import FolderIndex


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
    without: list[float] = []
    with_it: list[float] = []
    again: list[float] = []
    alone: list[float] = []
    found = 0
    articles = [(rel, e.size, e.mtime_ns) for rel, e in sorted(entries.items()) if e.is_article]
    for _ in range(args.runs):
        started = time.perf_counter()
        report = check_entries(entries, catalog)
        add_lines(report, entries)
        without.append(time.perf_counter() - started)
        backslash_scan.forget()  # every answer read, as on the first check of a folder
        started = time.perf_counter()
        report = check_folder(args.folder, entries, catalog)
        with_it.append(time.perf_counter() - started)
        found = report.counts()["answer-backslash-n"]
        started = time.perf_counter()  # checked again, no file changed: none read
        check_folder(args.folder, entries, catalog)
        again.append(time.perf_counter() - started)
        backslash_scan.forget()
        started = time.perf_counter()  # the added step alone: every answer read and looked at
        list(backslash_scan.folder_hazards(args.folder, articles))
        alone.append(time.perf_counter() - started)
    files = len({p.file for p in report.problems if p.code == "answer-backslash-n"})
    print(f"{len(entries)} files, {report.articles} articles: answer-backslash-n {found} "
          f"in {files} files")
    print(f"check without it: {statistics.median(without):.2f} s "
          f"({min(without):.2f}-{max(without):.2f}); with it: "
          f"{statistics.median(with_it):.2f} s ({min(with_it):.2f}-{max(with_it):.2f}); "
          f"added: {statistics.median(with_it) - statistics.median(without):.2f} s; "
          f"checked again with no file changed: {statistics.median(again):.2f} s "
          f"({min(again):.2f}-{max(again):.2f}); the step alone: "
          f"{statistics.median(alone):.2f} s ({min(alone):.2f}-{max(alone):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
