"""Listing a content folder: every non-hidden Markdown file, with its size and mtime."""

from __future__ import annotations

import os
from collections.abc import Container, Iterator
from pathlib import Path

Listed = list[tuple[str, os.stat_result | None]]


def scan_folder(root: Path) -> Listed:
    """(relative path, stat) of every non-hidden .md file under root, sorted by path."""
    out = [item for part in iter_folder(root) for item in part]
    out.sort()
    return out


def iter_folder(root: Path, stat_only: Container[str] | None = None) -> Iterator[Listed]:
    """(relative path, stat) of every non-hidden .md file under root, one folder at a time
    (so a caller can start on the first folders while the rest are listed).

    Folder links are followed once, never in a loop; a file that cannot be stat'ed (a broken
    link) is listed with None so the index can report it. With ``stat_only``, only those
    paths are stat'ed (the rest get None): a file the caller will read anyway is cheaper to
    stat once it is open.
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
                path = rel + name
                if stat_only is not None and path not in stat_only:
                    out.append((path, None))
                    continue
                try:
                    out.append((path, item.stat()))
                except OSError:
                    out.append((path, None))
        if out:
            yield out


def walk_markdown(root: Path) -> Iterator[Path]:
    """Every non-hidden .md file under root (see ``scan_folder``), as absolute paths."""
    for rel, _st in scan_folder(root):
        yield root / rel
