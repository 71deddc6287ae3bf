"""The folder at site scale: the real CLI and the real window, beside a naive
python-frontmatter loop measured in the same run.

Usage: python benchmarks/bench_folder.py [--articles N | --folder PATH | --sample | --generated N]
                                         [--runs N] [--scale [N]] [--in-process]

Default folder: 36,000 real-shaped articles cloned from the real sample (realistic.py builds
it once into a cache folder; --articles N a smaller one for quick tries). --folder measures any
folder without writing to it; --generated N the shorter generated articles of
generate_articles.py. Rows: `article-editor check` as a subprocess (empty cache, warm cache,
JSON and text), then the window's rows from bench_window.py (launch, save, keystrokes,
memory). --scale [N] adds `check` on N (default 200,000) small generated files, warm, with its
peak memory (slow). --in-process adds the index's own figures, measured in this process.
Prints a table; nothing here is a pass/fail test.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_window import describe, window_rows
from benchmarks.realistic import (
    Row,
    app_env,
    cli,
    flag,
    fresh_cache,
    generated_folder,
    naive_median,
    pick_folder,
    print_table,
    ratio_row,
    run_timed,
    settled_disk,
)

#: Runs of the naive loop and of each repeated measure; the table shows their median.
RUNS = 3
SCALE = 200_000


def check_rows(folder: Path, scratch: Path, runs: int, naive: float) -> tuple[list[Row], str]:
    """Rows 1 to 3: the real `check`, its stdout to /dev/null, each in a fresh process."""
    check = [*cli(), "check", str(folder)]
    json_check = [*check, "--format", "json"]
    colds = []
    for _run in range(runs):  # each with an empty cache of its own
        cache = fresh_cache(scratch)
        colds.append(run_timed(json_check, app_env(scratch, cache)))
    env = app_env(scratch, cache)  # the last cold run's cache, now warm
    settled_disk()
    warms = [run_timed(json_check, env) for _run in range(runs)]
    texts = [run_timed(check, env) for _run in range(runs)]

    def row(measure: str, timed: list[tuple[float, float]], target: float) -> Row:
        seconds = statistics.median(t for t, _rss in timed)
        peak = max(rss for _t, rss in timed)
        return ratio_row(measure, seconds, naive, target, f" (peak {peak:.0f} MB)")

    rows = [row(f"check --format json, empty cache (median of {runs})", colds, 10),
            row("check --format json, warm cache", warms, 50),
            row("check (text), warm cache", texts, 50)]
    note = ("check runs: " + "; ".join(
        f"{name} " + ", ".join(f"{t:.2f}" for t, _rss in r) + " s"
        for name, r in (("cold", colds), ("warm json", warms), ("warm text", texts))))
    return rows, note


def scale_row(scratch: Path, count: int) -> Row:
    """Row 11: `check` on ``count`` small generated files, warm (a first run fills the cache)."""
    folder = generated_folder(scratch, count).path
    env = app_env(scratch, fresh_cache(scratch))
    command = [*cli(), "check", str(folder)]
    run_timed(command, env)
    seconds, peak = run_timed(command, env)
    return Row(f"check, warm, {count:,} small generated files",
               f"{seconds:.2f} s (peak {peak:.0f} MB)", target="report")


def in_process_rows(folder: Path, scratch: Path, runs: int, naive: float) -> list[Row]:
    """The index's own figures, in this process (no interpreter start-up, no printing)."""
    from editor.core.checks.folder_checks import check_folder
    from editor.core.index.catalog import Catalog
    from editor.core.index.folder_index import FolderIndex

    def timed(cache: Path, workers: int | None = None, native: bool = True) -> tuple[float, dict]:
        t0 = time.perf_counter()
        index = FolderIndex(folder, cache)
        index.native_listing = native
        if workers is not None:
            index.workers = workers
        entries = index.refresh()
        index.close()
        return time.perf_counter() - t0, entries

    median = statistics.median
    serial = median(timed(scratch / f"serial{n}.sqlite", 1)[0] for n in range(runs))
    colds = [timed(scratch / f"cold{n}.sqlite") for n in range(runs)]
    warm = median(timed(scratch / "cold0.sqlite")[0] for _run in range(runs))
    stdlib = median(timed(scratch / "cold0.sqlite", native=False)[0] for _run in range(runs))
    entries = colds[-1][1]
    t0 = time.perf_counter()
    check_folder(entries, Catalog(entries.values()))
    check = time.perf_counter() - t0

    def row(label: str, seconds: float) -> Row:
        return Row(f"in process: {label}", f"{seconds:.3f} s", f"{naive / seconds:.1f}×")

    return [row("cold index, one process", serial),
            row("cold index (empty cache)", median(t for t, _e in colds)),
            row("warm index (SQLite cache)", warm),
            row("warm index, listed by the standard library", stdlib),
            row("check_folder on the index", check)]


def main() -> None:
    args = sys.argv[1:]
    runs = int(flag(args, "--runs", RUNS))
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        folder = pick_folder(args, scratch)
        described = describe(folder)
        print(described, file=sys.stderr)
        naive = naive_median(folder.path, runs)
        rows = [Row(f"naive loop: python-frontmatter load of every file (median of {runs})",
                    f"{naive:.2f} s", "1×")]
        checks, note = check_rows(folder.path, scratch, runs, naive)
        rows += checks
        notes.append(note)
        window, window_notes = window_rows(folder.path, scratch, runs)
        rows += window
        notes += window_notes
        if "--scale" in args:
            after = args[args.index("--scale") + 1:]
            count = int(after[0]) if after and after[0].isdigit() else SCALE
            rows.append(scale_row(scratch, count))
        if "--in-process" in args:
            rows += in_process_rows(folder.path, scratch, runs, naive)
    print(described)
    print_table(rows)
    for line in notes:
        print(line)


if __name__ == "__main__":
    main()
