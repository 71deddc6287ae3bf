"""Time from launch to window shown, to folder indexed, and from a click to an article shown.

Usage: python benchmarks/bench_window.py [FOLDER] [--runs N]
Default folder: ../shared/corpora/quicktakes-sample when present, else the bundled sample.
Each run is a fresh process (QT_QPA_PLATFORM defaults to offscreen); the first run has an
empty index cache (cold), later runs reuse it (warm). "Article shown" means the tree selection
changed, the form and editor are filled and the preview has rendered. Prints a table.
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

ROOT = Path(__file__).resolve().parent.parent


def child(folder: Path, launched: float) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.open_folder(folder)
    window.show()
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    shown = time.time() - launched
    if window.index is None:
        loop = QEventLoop()  # idle, as in the app: the index job gets the interpreter
        window.folder_ctl.indexReady.connect(loop.quit)
        loop.exec()
    indexed = time.time() - launched
    articles = [e.path for e in window.index.articles()]
    step = max(1, len(articles) // 40)
    clicks = []
    for rel in articles[::step]:
        done: list[int] = []

        def mark(done: list[int] = done) -> None:
            done.append(1)

        window.preview.rendered.connect(mark)
        t0 = time.perf_counter()
        index = window.tree.model.index_for_path(rel)
        window.tree.view.setCurrentIndex(index)
        window.tree.view.activated.emit(index)
        while not done:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        clicks.append(time.perf_counter() - t0)
        window.preview.rendered.disconnect(mark)
    files = len(window.index.entries)
    window.close()
    print(json.dumps({"files": files, "shown": shown, "indexed": indexed, "clicks": clicks}))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    if "--runs" in sys.argv:
        args.remove(str(runs))
    real = ROOT.parent / "shared" / "corpora" / "quicktakes-sample"
    folder = Path(args[0]) if args else (real if real.is_dir() else ROOT / "resources" /
                                         "sample-content")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("CONFIG", "CACHE", "DATA"):
            env[f"ARTICLE_EDITOR_{name}_DIR"] = str(Path(tmp) / name.lower())
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(folder), repr(time.time())],
                env=env, capture_output=True, text=True, check=True,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"folder: {folder} ({results[0]['files']} files), {runs} runs, "
          f"platform {env['QT_QPA_PLATFORM']}")
    print(f"{'measure':<40}{'value':>12}")
    print(f"{'launch -> window shown (cold cache)':<40}{results[0]['shown']:>11.2f}s")
    warm = [r["shown"] for r in results[1:]] or [results[0]["shown"]]
    print(f"{'launch -> window shown (warm, median)':<40}{statistics.median(warm):>11.2f}s")
    print(f"{'launch -> titles indexed (cold cache)':<40}{results[0]['indexed']:>11.2f}s")
    warm_idx = [r["indexed"] for r in results[1:]] or [results[0]["indexed"]]
    print(f"{'launch -> titles indexed (warm, median)':<40}{statistics.median(warm_idx):>11.2f}s")
    clicks = [c for r in results for c in r["clicks"]]
    print(f"{'click -> article shown (median)':<40}{statistics.median(clicks) * 1e3:>10.1f}ms")
    print(f"{'click -> article shown (max)':<40}{max(clicks) * 1e3:>10.1f}ms")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), float(sys.argv[3]))
    else:
        main()
