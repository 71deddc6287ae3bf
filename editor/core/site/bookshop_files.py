"""Where a site's Bookshop files are: its Bookshop roots and their component files, found
without reading any (a check of an unchanged site stamps them, see ``site_stamp``)."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path

_SKIP_DIRS = {"node_modules", ".git", "_site", "public", "dist"}


def bookshop_roots(site: Path, content: Iterable[str] = ()) -> list[Path]:
    """The Bookshop roots of a site: the parent of each folder holding a bookshop.config.*.
    ``content``: folders (relative to the site, ``/``-separated) not searched, the
    collections' folders of pages, where no component lives (a Q&A site has tens of
    thousands of files there)."""
    roots: list[Path] = []
    for path in component_files(site, {site / part for part in content if part.strip("/")}):
        if path.name.startswith("bookshop.config."):
            root = path.parent.parent
            if root not in roots:
                roots.append(root)
    return roots


def component_files(folder: Path, pruned: Collection[Path] = ()) -> list[Path]:
    """The Bookshop files under ``folder`` in path order, not looking in ``pruned``,
    skipped or hidden folders nor following links to folders."""
    found: list[Path] = []
    try:
        with os.scandir(folder) as listing:
            children = sorted(listing, key=lambda e: e.name)
    except OSError:
        return found
    for child in children:
        try:
            is_folder = child.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if is_folder:
            path = Path(child.path)
            if (child.name not in _SKIP_DIRS and not child.name.startswith(".")
                    and path not in pruned):
                found.extend(component_files(path, pruned))
        elif child.name.startswith("bookshop.config.") or ".bookshop." in child.name:
            found.append(Path(child.path))
    return found
