"""What the preview's formulas cost: starting KaTeX, its verdict per formula, drawing each to
SVG (cold, then from the cache) and the SVG to an image with QtSvg.

Formulas are the ``$...$`` and ``$$...$$`` runs of each answer of the folder's articles (a
plain scan: close enough to the site's rules for timing).

    python benchmarks/bench_math.py FOLDER
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

import yaml

_MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)


def _formulas(folder: Path) -> list[tuple[str, bool]]:
    found: dict[tuple[str, bool], None] = {}
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text("utf-8", errors="replace")
        end = text.find("\n---", 3)
        if not text.startswith("---") or end < 0:
            continue
        try:
            data = yaml.load(text[3:end], Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        answer = data.get("answer") if isinstance(data, dict) else None
        if isinstance(answer, str):
            for match in _MATH.finditer(answer.replace("\\n", "\n")):
                display = match.group(1) is not None
                found[(match.group(1) if display else match.group(2)).strip(), display] = None
    return list(found)


def _ms(times: list[float]) -> str:
    ordered = sorted(times)
    return (f"median {1000 * statistics.median(ordered):.2f} ms, "
            f"p90 {1000 * ordered[int(0.9 * (len(ordered) - 1))]:.2f} ms, "
            f"total {sum(ordered):.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    formulas = _formulas(args.folder)
    if not formulas:
        print("no formulas found", file=sys.stderr)
        return 1
    started = time.perf_counter()
    from editor.core.render.math import formula, katex_error

    katex_error("x", False)
    print(f"{len(formulas)} formulas; KaTeX started in "
          f"{1000 * (time.perf_counter() - started):.0f} ms")
    verdicts, drawn, cached = [], [], []
    accepted = []
    for tex, display in formulas:
        t = time.perf_counter()
        error = katex_error(tex, display)
        verdicts.append(time.perf_counter() - t)
        if error is None:
            accepted.append((tex, display))
    failed = set()
    for tex, display in accepted:
        t = time.perf_counter()
        try:
            formula(tex, display)
        except Exception as exc:
            print(f"not drawn: {tex!r}: {exc}")
            failed.add((tex, display))
        drawn.append(time.perf_counter() - t)
    accepted = [f for f in accepted if f not in failed]
    for tex, display in accepted:
        t = time.perf_counter()
        formula(tex, display)
        cached.append(time.perf_counter() - t)
    from PySide6.QtGui import QGuiApplication

    from editor.ui.math_images import svg_image

    app = QGuiApplication.instance() or QGuiApplication([])
    images = []
    for tex, display in accepted:
        item = formula(tex, display)
        t = time.perf_counter()
        svg_image(item.svg, item.width, item.height, 2.0)
        images.append(time.perf_counter() - t)
    print(f"KaTeX verdict: {_ms(verdicts)} ({len(formulas) - len(accepted)} rejected)")
    print(f"SVG, cold:     {_ms(drawn)}")
    print(f"SVG, cached:   median {1e6 * statistics.median(cached):.1f} us")
    print(f"image at 2x:   {_ms(images)}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
