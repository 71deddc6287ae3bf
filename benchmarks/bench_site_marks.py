"""What the answer-math-error and answer-raw-html checks cost the index, per answer: the
site's parser finding the answer's math and HTML (``code_regions``), KaTeX judging its
formulas (``formula_errors``, its verdicts forgotten before each run), and the two together
(``answer_marks``, what the index runs), beside KaTeX's whole render of the same formulas.
Timed on the stored answers of a folder that hold a ``$``, read once beforehand.

    python benchmarks/bench_site_marks.py FOLDER [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from editor.core.document.article import ArticleDocument
from editor.core.render import math
from editor.core.render.markdown import site_decode
from editor.core.text.code_regions import regions
from editor.core.text.site_marks import answer_marks


def _answers(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.rglob("*.md")):
        try:
            doc = ArticleDocument.load(path)
        except Exception:
            continue
        answer = doc.get("answer") if doc.has("answer") else None
        if isinstance(answer, str) and "$" in answer:
            out.append(answer)
    return out


def _per_answer(runs: int, count: int, step: object) -> str:
    times = []
    for _ in range(runs):
        math._CHECKED.clear()
        math.katex.cache_clear()
        start = time.perf_counter()
        step()  # type: ignore[operator]
        times.append((time.perf_counter() - start) / count * 1e6)
    return f"{statistics.median(times):8.0f} µs ({min(times):.0f}-{max(times):.0f})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    answers = _answers(args.folder)
    if not answers:
        print("no answer with a $ in that folder", file=sys.stderr)
        return 1
    decoded = [site_decode(a) for a in answers]
    formulas = [[(f.tex, f.display) for f in regions(t).math] for t in decoded]
    start = time.perf_counter()
    math.formula_errors([("x", False)])  # KaTeX loaded once, as each index worker does
    loaded = time.perf_counter() - start
    count = len(answers)
    total = sum(map(len, formulas))
    print(f"{count} answers with a $, {total} formulas; KaTeX loads in {loaded * 1e3:.0f} ms")

    def parse() -> None:
        for text in decoded:
            regions(text)

    def judge() -> None:
        for found in formulas:
            if found:
                math.formula_errors(found)

    def both() -> None:
        for answer in answers:
            answer_marks(answer)

    def whole() -> None:
        for found in formulas:
            for tex, display in found:
                math.katex(tex, display)

    print("  per answer with a $ (median of runs, range)")
    for label, step in (("regions (the site's parser)", parse),
                        ("formula_errors (KaTeX, MathML only)", judge),
                        ("answer_marks (what the index runs)", both),
                        ("KaTeX's whole render, for scale", whole)):
        print(f"  {label:<38}{_per_answer(args.runs, count, step)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
