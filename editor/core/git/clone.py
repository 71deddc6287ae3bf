"""Clones made by the editor, set up for a site of tens of thousands of files on any system."""

from __future__ import annotations

from pathlib import Path

from editor.core.git.runner import Git, GitError

#: Line endings kept as they are; long paths on Windows; git's settings for many files.
CLONE_CONFIG = {"core.autocrlf": "false", "core.longpaths": "true", "feature.manyFiles": "true"}


def clone(url: str, dest: Path | str, *, askpass: str | None = None) -> Git:
    """Clone ``url`` into ``dest`` (which must not exist or be empty) with CLONE_CONFIG."""
    target = Path(dest)
    if target.exists() and any(target.iterdir()):
        raise GitError("The folder to copy the site into is not empty.", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    options = [item for key, value in CLONE_CONFIG.items() for item in ("-c", f"{key}={value}")]
    Git(target.parent, askpass=askpass).run("clone", "--quiet", *options, "--", url,
                                            str(target))
    return Git(target, askpass=askpass)
