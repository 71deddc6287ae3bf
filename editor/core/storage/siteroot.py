"""Which folder is the site: the one holding ``content/`` or a CloudCannon configuration.

Writers sometimes pick a subject folder (``content/learn/biology``) instead of the site; every
related link then looks broken. ``find_site_root`` walks up from the chosen folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

#: The CloudCannon configurations the editor reads, and the JavaScript ones it names but
#: cannot read (``site.config``).
CONFIG_NAMES = ("cloudcannon.config.yml", "cloudcannon.config.yaml", "cloudcannon.config.json")
JS_CONFIG_NAMES = ("cloudcannon.config.js", "cloudcannon.config.cjs", "cloudcannon.config.mjs")


class SiteRoot(NamedTuple):
    root: Path  # the folder to open
    chosen: Path  # the folder the writer picked
    found: bool  # root holds content/ or a CloudCannon configuration

    @property
    def moved_up(self) -> bool:
        return self.root != self.chosen


def has_site_config(root: Path) -> bool:
    """Whether the folder holds a CloudCannon configuration (one the editor reads or not)."""
    return any((root / name).is_file() for name in (*CONFIG_NAMES, *JS_CONFIG_NAMES))


def is_site_root(folder: Path) -> bool:
    return (folder / "content").is_dir() or has_site_config(folder)


def find_site_root(chosen: Path) -> SiteRoot:
    """The chosen folder when it is a site; else the nearest ancestor whose ``content/`` (or,
    for a configured site, whose tree) holds the chosen folder; else the chosen folder."""
    chosen = chosen.resolve()
    if is_site_root(chosen):
        return SiteRoot(chosen, chosen, True)
    for parent in chosen.parents:
        if (parent / "content").is_dir() and chosen.is_relative_to(parent / "content"):
            return SiteRoot(parent, chosen, True)
        if has_site_config(parent):
            return SiteRoot(parent, chosen, True)
    return SiteRoot(chosen, chosen, False)


def has_markdown(folder: Path, limit: int = 2_000) -> bool:
    """True when a Markdown file lies within the first ``limit`` entries walked."""
    seen = 0
    stack = [folder]
    while stack and seen < limit:
        try:
            with os.scandir(stack.pop()) as it:
                for item in it:
                    seen += 1
                    if item.name.endswith(".md"):
                        return True
                    if item.is_dir(follow_symlinks=False) and not item.name.startswith("."):
                        stack.append(Path(item.path))
        except OSError:
            continue
    return False
