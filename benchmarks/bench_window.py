"""The real window on a real-shaped folder, beside the naive loop measured in the same run.

Usage: python benchmarks/bench_window.py [--articles N | --folder PATH | --sample | --generated N]
                                         [--runs N] [--keys]

Default folder: 36,000 real-shaped articles (see realistic.py; built once into a cache
folder). Each launch is a fresh process (QT_QPA_PLATFORM defaults to offscreen) started with
`article-editor`'s own start-up (make_app, start_window) and a fresh user's settings: the first
has an empty index cache (cold), the next --runs (default 3) reuse it (warm). "Ready" is the
tree showing titles and the Problems pane filled and painted. The interactions (real key
events to repaint, a save to its re-check, clicks, memory) run once, in one more process, on
a copy of the folder (the folder measured is never written). Prints a table; nothing here is
a pass/fail test.

With --keys, only the tree filter's keys and the answer's typing are measured, in --runs
fresh processes (each on its own copy and cache): each run's median and worst, then the
median and the worst over the runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.realistic import (
    Folder,
    Row,
    app_env,
    flag,
    fresh_cache,
    limit_row,
    naive_median,
    pick_folder,
    print_table,
    settled_disk,
)

PROBE = Path(__file__).resolve().with_name("window_probe.py")
#: Runs of the naive loop and of each warm measure; the table shows their median.
RUNS = 3


def probe(mode: str, env: dict[str, str], *args: str) -> dict:
    out = subprocess.run([sys.executable, str(PROBE), mode, *args], env=env,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"window_probe.py {mode} exited {out.returncode}:\n"
                           f"{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def launches(folder: Path, scratch: Path, runs: int) -> tuple[dict, list[dict]]:
    """One cold launch (with the stall timer), then ``runs`` warm ones on its cache."""
    cache = fresh_cache(scratch)
    env = app_env(scratch / "launch", cache)
    cold = probe("launch", env, str(folder), repr(time.time()), "--stalls")
    settled_disk()
    warm = [probe("launch", env, str(folder), repr(time.time())) for _run in range(runs)]
    return cold, warm


def interactions(folder: Path, scratch: Path) -> dict:
    work = scratch / "copy"
    work.mkdir()
    return probe("interact", app_env(scratch / "interact", fresh_cache(scratch)), str(folder),
                 str(work))


def window_rows(folder: Path, scratch: Path, runs: int) -> tuple[list[Row], list[str]]:
    """Rows 4 to 11 of the table, and notes on what they measured."""
    cold, warm = launches(folder, scratch, runs)
    ui = interactions(folder, scratch)
    warm_shown = [w["shown"] for w in warm]
    keys = {"filter": "tree filter keystroke, worst (typed key → tree repainted)",
            "picker": "picker keystroke, worst (typed key → suggestions painted)",
            "typing": f"typing in a {ui['typing']['answer_chars']:,}-character answer, worst "
                      "(key → repaint)"}
    limits = {"filter": 0.030, "picker": 0.030, "typing": 0.016}
    rows = [
        limit_row(f"window: launch → titles and problems shown, warm (median of {runs})",
                  statistics.median(warm_shown), 1.0),
        limit_row("window: the same, empty cache", cold["shown"], 3.0),
        limit_row("window: longest UI stall in that run", cold["stall"], 0.050),
        limit_row(f"save (field typed in the form) → folder re-checked ({len(ui['save'])} runs)",
                  statistics.median(ui["save"]), 0.050, worst=max(ui["save"])),
        limit_row("  of which: file written → tree, catalog and problems updated",
                  statistics.median(ui["save_update"]), 0.050, worst=max(ui["save_update"])),
        *[limit_row(label, ui[name]["median"], limits[name], worst=ui[name]["max"])
          if ui[name]["median"] is not None else Row(label, "never repainted", met="?")
          for name, label in keys.items()],
        Row("memory (RSS) with the folder and an article open", f"{ui['rss']:.0f} MB",
            target="≤400 MB", met="yes" if ui["rss"] <= 400 else "NO"),
        Row("click → article shown (median, max)",
            f"{statistics.median(ui['click']) * 1e3:.0f} ms, {max(ui['click']) * 1e3:.0f} ms"),
    ]
    notes = [
        f"window: {cold['files']:,} files, {cold['problems']:,} problems in the pane "
        f"(shown: {cold['pane_shown']}); warm launches {_list(warm_shown)}; cold ready (signal) "
        f"{cold['ready']:.2f} s, painted {cold['shown']:.2f} s",
        "keys: " + "; ".join(f"{name} {ui[name]['keys']} keys, {ui[name]['unpainted']} without "
                             "a repaint (left out)" for name in keys),
        f"save runs {_list(ui['save'])} (the write, fsync'd: {_list(ui['save_write'])}); "
        f"RSS after typing {ui['rss_end']:.0f} MB, peak "
        f"{ui['rss_peak']:.0f} MB; platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}",
    ]
    return rows, notes


def key_rows(folder: Path, scratch: Path, runs: int) -> tuple[list[Row], list[str]]:
    """The filter and typing rows only, from ``runs`` processes of their own."""
    results = []
    for run in range(runs):
        work = scratch / f"keys-{run}"
        work.mkdir()
        results.append(probe("keys", app_env(scratch / f"keys-env-{run}", fresh_cache(scratch)),
                             str(folder), str(work)))
    labels = {"filter": ("tree filter keystroke", 0.030),
              "typing": (f"typing in a {results[0]['typing']['answer_chars']:,}-character "
                         "answer", 0.016)}
    rows, notes = [], []
    for name, (label, limit) in labels.items():
        medians = [r[name]["median"] for r in results]
        worsts = [r[name]["max"] for r in results]
        rows.append(limit_row(f"{label}: median of the runs' medians, worst of all "
                              f"({runs} runs)", statistics.median(medians), limit,
                              worst=max(worsts)))
        notes.append(f"{name}: medians {_list(medians)}; worsts {_list(worsts)}; "
                     f"median worst {statistics.median(worsts) * 1e3:.0f} ms; "
                     f"{results[0][name]['keys']} keys a run, "
                     f"{sum(r[name]['unpainted'] for r in results)} without a repaint"
                     + "".join(f"; slowest {r[name]['slowest']}" for r in results
                               if "slowest" in r[name]))
    return rows, notes


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f} s" if v >= 1 else f"{v * 1e3:.0f} ms" for v in values)


def describe(folder: Folder) -> str:
    count = sum(1 for _path in folder.path.rglob("*.md"))
    return f"folder: {folder.path} ({folder.kind}, {count:,} Markdown files)"


def main() -> None:
    args = sys.argv[1:]
    runs = int(flag(args, "--runs", RUNS))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        folder = pick_folder(args, scratch)
        print(describe(folder))
        if "--keys" in args:
            rows, notes = key_rows(folder.path, scratch, runs)
            print_table(rows)
            for note in notes:
                print(note)
            return
        naive = naive_median(folder.path, runs)
        rows, notes = window_rows(folder.path, scratch, runs)
    print_table([Row("naive loop: python-frontmatter load of every file "
                     f"(median of {runs})", f"{naive:.2f} s", "1×"), *rows])
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
