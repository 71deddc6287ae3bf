"""The folder index at site scale, beside a naive python-frontmatter loop in the same process.

Usage: python benchmarks/bench_folder.py [N]        (default 36,000 generated articles)
       python benchmarks/bench_folder.py --folder PATH

Reports: cold index (empty SQLite cache), warm index, `check`, filter latency per keystroke in
the real tree widget, picker search per keystroke, open-article latency in the real window,
and the longest stall of the window's event loop while it indexes the folder cold.
Prints a table; nothing here is a pass/fail test.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPED = ["m", "me", "mem", "memo", "memor", "memory", "memory ", "memory c", "memory ce",
         "memory cel", "memory cell", "", "1", "10", "100", "1001", "", "o", "oc", "oce",
         "ocea", "ocean", "ocean r", "ocean ri", "ocean riv"]


#: Runs of the naive loop and of each index measure; the table shows their median.
RUNS = 3


def naive_load(folder: Path) -> float:
    import frontmatter

    t0 = time.perf_counter()
    for path in folder.rglob("*.md"):
        with contextlib.suppress(Exception):
            frontmatter.load(path)
    return time.perf_counter() - t0


def timed_index(folder: Path, workers: int | None = None, cache: Path | None = None,
                native: bool = True) -> tuple[float, dict]:
    from editor.core.index.folder_index import FolderIndex

    t0 = time.perf_counter()
    index = FolderIndex(folder, cache)
    index.native_listing = native
    if workers is not None:
        index.workers = workers
    entries = index.refresh()
    index.close()
    return time.perf_counter() - t0, entries


def timed_decode(entries: dict) -> float:
    """Warm entries are decoded on first use: what touching every one of them costs, with
    the cyclic collector paused as in the app's index job."""
    import gc

    gc.disable()
    try:
        t0 = time.perf_counter()
        for entry in entries.values():
            entry.decode()
        return time.perf_counter() - t0
    finally:
        gc.enable()


def per_keystroke(action, texts: list[str]) -> list[float]:
    out = []
    for text in texts:
        t0 = time.perf_counter()
        action(text)
        out.append(time.perf_counter() - t0)
    return out


def window_numbers(folder: Path, cache: Path) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

    for old in cache.glob("*"):
        old.unlink()
    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    for _ in range(20):  # the first paint (fonts) happens before the user can do anything
        app.processEvents()
    clock = QElapsedTimer()
    clock.start()
    gaps: list[int] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    marks: dict[str, float] = {}
    loop = QEventLoop()

    def on_listed(_data: object) -> None:
        marks.setdefault("listed", time.perf_counter() - t0)

    window.folder_ctl.listed.connect(on_listed)
    window.folder_ctl.indexReady.connect(loop.quit)
    t0 = time.perf_counter()
    window.open_folder(folder)
    loop.exec()  # an idle event loop, as in the app: the index job gets the interpreter
    listed = marks.get("listed")
    ready = time.perf_counter() - t0
    timer.stop()

    def type_filter(text: str) -> None:
        window.tree.filter_box.setText(text)
        app.processEvents()

    filter_times = per_keystroke(type_filter, TYPED)
    type_filter("")
    articles = [e.path for e in window.index.articles()][::900]
    opens = []
    for rel in articles:
        t0 = time.perf_counter()
        window.open_article(folder / rel)
        app.processEvents()
        opens.append(time.perf_counter() - t0)
    picker = window.form.slot_rows[1].picker
    picker_times = per_keystroke(picker.search, [t for t in TYPED if t])
    window.close()
    return {"listed": listed or ready, "ready": ready, "stall": max(gaps[1:] or [0]) / 1000,
            "filter": filter_times, "open": opens, "picker": picker_times}


def window_in_fresh_process(folder: Path, cache: Path) -> dict:
    """The window part runs in a process of its own, as the app does: the objects this
    process made (the naive loop's 36,000 posts) would otherwise lengthen every pass of
    the cyclic garbage collector in the window's thread, a stall the app never has."""
    import json
    import subprocess

    out = subprocess.run(
        [sys.executable, __file__, "--window", str(folder), str(cache)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--window":
        import json

        print(json.dumps(window_numbers(Path(args[1]), Path(args[2]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        cache.mkdir()
        os.environ["ARTICLE_EDITOR_CACHE_DIR"] = str(cache)
        os.environ["ARTICLE_EDITOR_CONFIG_DIR"] = str(Path(tmp) / "config")
        if args and args[0] == "--folder":
            folder = Path(args[1]).resolve()
        else:
            from benchmarks.generate_articles import generate

            folder = Path(tmp) / "site"
            count = int(args[0]) if args else 36_000
            t0 = time.perf_counter()
            generate(folder, count)
            print(f"generated {count:,} articles in {time.perf_counter() - t0:.1f} s")
        from editor.core.checks.folder_checks import check_folder
        from editor.core.index.catalog import Catalog

        median = statistics.median
        naive = median(naive_load(folder) for _run in range(RUNS))
        serial = median(timed_index(folder, 1, Path(tmp) / f"serial{n}.sqlite")[0]
                        for n in range(RUNS))
        colds = [timed_index(folder, None, Path(tmp) / f"cold{n}.sqlite") for n in range(RUNS)]
        cold, entries = median(t for t, _e in colds), colds[-1][1]
        warms = [timed_index(folder, None, Path(tmp) / "cold0.sqlite") for _run in range(RUNS)]
        warm, lazy = median(t for t, _e in warms), warms[-1][1]
        stdlib = median(timed_index(folder, None, Path(tmp) / "cold0.sqlite", native=False)[0]
                        for _run in range(RUNS))
        decode = timed_decode(lazy)
        del colds, warms
        t0 = time.perf_counter()
        report = check_folder(entries, Catalog(entries.values()))
        check = time.perf_counter() - t0
        files, articles, problems = len(entries), report.articles, len(report.problems)
        del entries, lazy, report
        ui = window_in_fresh_process(folder, cache)

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1e3:.1f} ms median, {max(values) * 1e3:.1f} max"

    from editor.core.index import listing

    lister = ("scandir-rs " + listing.scandir_rs.__version__ if listing.scandir_rs
              else "the standard library (scandir-rs is not installed)")
    print(f"\nfolder: {files:,} files, {articles:,} articles, {problems:,} problems; "
          f"naive loop and index: median of {RUNS} runs; listed by {lister}")
    rows = [
        ("naive: python-frontmatter load of every file", f"{naive:.2f} s", "1×"),
        ("cold index, one process", f"{serial:.2f} s", f"{naive / serial:.1f}× faster"),
        ("cold index (empty cache)", f"{cold:.2f} s", f"{naive / cold:.1f}× faster"),
        ("warm index (SQLite cache)", f"{warm:.3f} s", f"{naive / warm:.1f}× faster"),
        ("warm index, listed by the standard library", f"{stdlib:.3f} s",
         f"{naive / stdlib:.1f}× faster"),
        ("warm index, then every entry decoded", f"{warm + decode:.2f} s",
         f"{naive / (warm + decode):.1f}× faster"),
        ("check (on the index, lines filled in)", f"{check:.2f} s", ""),
        ("window: files listed after open", f"{ui['listed']:.2f} s", ""),
        ("window: cold index, checks, tree ready", f"{ui['ready']:.2f} s", ""),
        ("window: longest UI stall while indexing", f"{ui['stall'] * 1e3:.0f} ms", ""),
        ("filter keystroke (tree model + view)", ms(ui["filter"]), ""),
        ("picker search keystroke", ms(ui["picker"]), ""),
        ("open article (form, editor, preview)", ms(ui["open"]), ""),
    ]
    width = max(len(r[0]) for r in rows) + 2
    for label, value, ratio in rows:
        print(f"{label:<{width}}{value:>28}  {ratio}")


if __name__ == "__main__":
    main()
