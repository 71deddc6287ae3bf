"""Per-file load and save time of the splice writer beside a naive python-frontmatter loop.

Usage: python benchmarks/bench_roundtrip.py [FOLDER]   (default: ../shared/corpora, else the
bundled sample). Prints a table; nothing here is a pass/fail test.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import frontmatter

from editor.core.document.article import ArticleDocument
from editor.core.errors import ArticleError

ROOT = Path(__file__).resolve().parent.parent


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md") if p.is_file())


def main() -> None:
    default = ROOT.parent / "shared" / "corpora"
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    if not folder.is_dir():
        folder = ROOT / "resources" / "sample-content"
    paths = files_of(folder)
    blobs = [(p, p.read_bytes()) for p in paths]

    t0 = time.perf_counter()
    docs = []
    for path, data in blobs:
        with contextlib.suppress(ArticleError):
            docs.append(ArticleDocument.from_bytes(data, path))
    load = time.perf_counter() - t0

    t0 = time.perf_counter()
    saved = identical = 0
    for doc in docs:
        if isinstance(doc.data, dict) and doc.data:
            key = next(iter(doc.data))
            doc.set(key, "benchmark value")
            doc.to_bytes()
            saved += 1
    save = time.perf_counter() - t0

    t0 = time.perf_counter()
    naive_docs = []
    for _path, data in blobs:
        with contextlib.suppress(Exception):  # the naive baseline skips what it cannot read
            naive_docs.append(frontmatter.loads(data.decode("utf-8")))
    naive_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for (_path, data), post in zip(blobs, naive_docs, strict=False):
        identical += frontmatter.dumps(post).encode() == data
    naive_save = time.perf_counter() - t0

    n = len(docs)
    print(f"folder: {folder} ({len(blobs)} files, {n} parsed, {saved} edited+saved)")
    rows = [
        ("load (ours, libyaml compose)", load, n),
        ("edit one key + splice + verify", save, max(saved, 1)),
        ("load (python-frontmatter)", naive_load, n),
        ("no-op dump (python-frontmatter)", naive_save, n),
    ]
    print(f"{'step':<34}{'per file':>12}{'total':>10}")
    for label, seconds, count in rows:
        print(f"{label:<34}{seconds / count * 1e3:>10.3f}ms{seconds:>9.2f}s")
    print(f"python-frontmatter no-op dump byte-identical: {identical}/{len(naive_docs)}; ours: all")


if __name__ == "__main__":
    main()
