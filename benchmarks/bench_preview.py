"""Preview refresh time: the site-dialect renderer and the whole preview pane, on real answers.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/bench_preview.py
Answers come from ../shared/corpora/quicktakes-sample (else the bundled sample): a 3 KB one with
math, and real answers joined to 100 KB. Each figure is the median (and worst) of several runs,
beside a naive baseline in the same run: markdown-it-py's plain CommonMark, no site rules.
Nothing here is a pass/fail test.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from editor.core.document.article import ArticleDocument
from editor.core.render.markdown import render_markdown, site_decode

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "corpora" / "quicktakes-sample"


def answers() -> list[str]:
    folder = SAMPLE if SAMPLE.is_dir() else ROOT / "resources" / "sample-content"
    out = []
    for path in sorted(folder.rglob("*.md")):
        doc = ArticleDocument.load(path)
        raw = doc.get("answer") if doc.has("answer") else None
        if isinstance(raw, str):
            out.append(site_decode(raw))
    return out


def pick(texts: list[str]) -> tuple[str, str]:
    """A real answer of about 3 KB holding math, and real answers joined to 100 KB."""
    with_math = [t for t in texts if "$" in t and 2500 <= len(t.encode()) <= 3500]
    small = with_math[0] if with_math else max(texts, key=lambda t: "$" in t)
    big, at = [], 0
    while sum(map(len, big)) < 100_000:
        big.append(texts[at % len(texts)])
        at += 1
    return small, "\n\n".join(big)[:100_000]


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, max(times) * 1000


def pane_times(text: str, repeat: int) -> tuple[float, tuple[float, float], tuple[float, float]]:
    """The first request → shown (formulas not yet drawn), then, with the formula cache warm,
    (request → shown) and the UI thread's part of it (setting the HTML), in ms."""
    from PySide6.QtWidgets import QApplication

    from editor.ui.panes.preview import PreviewPane

    app = QApplication.instance() or QApplication(sys.argv[:1])
    pane = PreviewPane()
    pane.resize(600, 700)
    pane.show()
    shown: list[float] = []
    ui: list[float] = []
    original = pane._show_html

    def show_timed() -> None:
        t0 = time.perf_counter()
        original()
        ui.append(time.perf_counter() - t0)

    pane._show_html = show_timed  # type: ignore[method-assign]
    done: list[int] = []
    pane.rendered.connect(lambda: done.append(1))
    for n in range(repeat + 1):
        t0 = time.perf_counter()
        pane.request_render(text + " " * n, immediate=True)  # a new text every run
        while len(done) <= n:
            app.processEvents()
        shown.append(time.perf_counter() - t0)

    def stats(xs: list[float]) -> tuple[float, float]:
        return statistics.median(xs) * 1000, max(xs) * 1000

    return shown[0] * 1000, stats(shown[1:]), stats(ui[1:])


def main() -> None:
    texts = answers()
    small, big = pick(texts)
    naive = MarkdownIt("commonmark")
    print(f"{len(texts)} real answers; small: {len(small.encode())} bytes, "
          f"{small.count('$')} dollars; big: {len(big.encode())} bytes")
    print(f"{'path':<44}{'median ms':>10}{'worst ms':>10}")
    for name, text, repeat in (("3 KB", small, 50), ("100 KB", big, 10)):
        rows = [
            (f"naive markdown-it, {name}", timed(lambda t=text: naive.render(t), repeat)),
            (f"site dialect, {name}", timed(lambda t=text: render_markdown(t), repeat)),
        ]
        first, shown, ui = pane_times(text, repeat)
        rows += [(f"preview pane, first (formulas drawn), {name}", (first, first)),
                 (f"preview pane, request to shown, {name}", shown),
                 (f"  of which on the UI thread, {name}", ui)]
        for label, (med, worst) in rows:
            print(f"{label:<44}{med:>10.1f}{worst:>10.1f}")


if __name__ == "__main__":
    main()
