"""The form of a page of the site on the sample's home page (its blocks, their items and
every language of their texts): opening it, and moving its first block down (the array
edit, then the form brought up to date), each the median of --runs, on a copy of the page.

    python benchmarks/bench_site_form.py [--runs 7]

Prints a line per measure; nothing here is a pass/fail test. Needs the shared sample
(../shared/corpora/quicktakes-sample): without it, it says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from editor.core.document.article import ArticleDocument
from editor.core.site import arrays
from editor.core.site.site import load_site
from editor.ui.panes.site_form import SiteForm
from tests.core.site_fixture import SHARED_SITE


def _median(times: list[float]) -> str:
    return f"{statistics.median(times) * 1e3:7.1f} ms ({min(times) * 1e3:.1f}-" \
           f"{max(times) * 1e3:.1f})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if SHARED_SITE is None:
        print("the shared sample site is not here: nothing measured")
        return 0
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "site"
        shutil.copytree(SHARED_SITE, root)
        site = load_site(root)
        page = root / "content" / "index.md"
        form = SiteForm()
        form.resize(480, 800)
        form.show()
        doc = ArticleDocument.load(page)

        def on_edit(op: str, path: object, index: int, arg: object) -> None:
            arrays.move_item(doc, tuple(path), index, int(arg))  # type: ignore[call-overload]
            form.array_edited(tuple(path))  # type: ignore[call-overload]

        form.arrayEditRequested.connect(on_edit)
        opened, expanded, moved, moved_open = [], [], [], []
        for _ in range(args.runs):
            doc = ArticleDocument.load(page)
            start = time.perf_counter()
            form.load(doc, site)
            app.processEvents()
            opened.append(time.perf_counter() - start)
        fields = len(form.bindings)
        for _ in range(args.runs):
            form.load(ArticleDocument.load(page), site)
            app.processEvents()
            start = time.perf_counter()
            form.items["content_blocks.[1]"].arrow.click()  # the benefits: 24 fields
            app.processEvents()
            expanded.append(time.perf_counter() - start)
        for measure, opened_first in ((moved, False), (moved_open, True)):
            doc = ArticleDocument.load(page)
            form.load(doc, site)
            if opened_first:
                form.items["content_blocks.[1]"].arrow.click()
            app.processEvents()
            for run in range(args.runs):
                index = 1 + run % 2  # down, then the same block down again from its new place
                start = time.perf_counter()
                form.items[f"content_blocks.[{index}]"].buttons["down"].click()
                app.processEvents()
                measure.append(time.perf_counter() - start)
        form.close()
    print(f"home page: {fields} fields built on opening")
    print(f"open the home page form    {_median(opened)}")
    print(f"open a block               {_median(expanded)}")
    print(f"move a block down          {_median(moved)}")
    print(f"move an open block down    {_median(moved_open)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
