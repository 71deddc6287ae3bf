"""Listing a content folder: every non-hidden Markdown file, with its size and mtime."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

Listed = list[tuple[str, os.stat_result | None]]


def scan_folder(root: Path) -> Listed:
    """(relative path, stat) of every non-hidden .md file under root, sorted by path."""
    out = [item for part in iter_folder(root) for item in part]
    out.sort()
    return out


def iter_folder(root: Path) -> Iterator[Listed]:
    """(relative path, stat) of every non-hidden .md file under root, one folder at a time
    (so a caller can start on the first folders while the rest are listed).

    Folder links are followed once, never in a loop; a file that cannot be stat'ed (a broken
    link) is listed with None so the index can report it.
    """
    seen: set[tuple[int, int]] = set()
    stack = [(str(root), "")]
    while stack:
        folder, rel = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as listing:
                items = list(listing)
        except OSError:
            continue
        out: Listed = []
        for item in items:
            name = item.name
            if name.startswith("."):
                continue
            try:
                is_dir = item.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append((item.path, rel + name + "/"))
            elif name.endswith(".md"):
                try:
                    out.append((rel + name, item.stat()))
                except OSError:
                    out.append((rel + name, None))
        if out:
            yield out


def walk_markdown(root: Path) -> Iterator[Path]:
    """Every non-hidden .md file under root (see ``scan_folder``), as absolute paths."""
    for rel, _st in scan_folder(root):
        yield root / rel
