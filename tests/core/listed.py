"""A folder's whole listing at once, for tests (the index reads it part by part)."""

from __future__ import annotations

from pathlib import Path

from editor.core.index.listing import FolderListing, Listed


def scan_folder(root: Path) -> Listed:
    """(relative path, stamp) of every non-hidden .md file under root, by path."""
    out = [item for part in FolderListing(root).parts() for item in part]
    out.sort()
    return out
