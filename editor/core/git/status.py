"""The repository's state in a person's words: which files changed, what is not published,
whether the team published something new.

Reads ``git status --porcelain=v2 -z --branch --untracked-files=all`` into one record per path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from editor.core.git.runner import Git


class Change(Enum):
    MODIFIED = "modified"
    NEW = "new"
    DELETED = "deleted"
    RENAMED = "renamed"
    CONFLICTED = "conflicted"


@dataclass(frozen=True)
class PathStatus:
    """One changed path, relative to the repository's top folder, with ``/`` separators."""

    path: str
    change: Change
    staged: bool = False  # some of the change is in git's index
    original: str | None = None  # a rename's old path


@dataclass
class RepoStatus:
    root: Path
    branch: str | None  # None when detached
    head: str | None  # the commit checked out; None before the first commit
    upstream: str | None  # e.g. "origin/main"
    has_remote: bool
    ahead: int = 0  # our commits the remote does not have
    behind: int = 0  # the team's commits (as of the last fetch) we do not have
    entries: list[PathStatus] = field(default_factory=list)

    @property
    def by_path(self) -> dict[str, PathStatus]:
        return {e.path: e for e in self.entries}

    @property
    def changed_paths(self) -> list[str]:
        return [e.path for e in self.entries]

    @property
    def conflicted(self) -> list[str]:
        return [e.path for e in self.entries if e.change is Change.CONFLICTED]

    def summary(self, *, offline: bool = False) -> str:
        """The status chip's words: "3 changes not published", "Up to date",
        "Team changes available", "2 changes will publish when online"."""
        if self.conflicted:
            n = len(self.conflicted)
            return f"{n} {'file needs' if n == 1 else 'files need'} a choice"
        parts = []
        changes = len(self.entries)
        if changes:
            parts.append(f"{changes} {'change' if changes == 1 else 'changes'} not published")
        if self.ahead:
            n = self.ahead
            parts.append(f"{n} {'update' if n == 1 else 'updates'} "
                         + ("will publish when online" if offline or not self.has_remote
                            else "waiting to publish"))
        if self.behind:
            parts.append("Team changes available")
        if not parts:
            return "Not shared with a team" if not self.has_remote else "Up to date"
        text = "; ".join(parts)
        return text[0].upper() + text[1:]


def _change(xy: str) -> Change:
    if "D" in xy:
        return Change.DELETED
    if "A" in xy:
        return Change.NEW
    return Change.MODIFIED


def parse_porcelain_v2(data: bytes, root: Path, *, has_remote: bool) -> RepoStatus:
    """The records of ``git status --porcelain=v2 -z --branch`` output."""
    status = RepoStatus(root, None, None, None, has_remote)
    items = data.decode("utf-8", "surrogateescape").split("\0")
    i = 0
    while i < len(items):
        item = items[i]
        i += 1
        if not item:
            continue
        kind = item[0]
        if kind == "#":
            _header(status, item)
        elif kind == "1":
            f = item.split(" ", 8)
            status.entries.append(PathStatus(f[8], _change(f[1]), staged=f[1][0] != "."))
        elif kind == "2":
            f = item.split(" ", 9)
            original = items[i]
            i += 1
            status.entries.append(PathStatus(f[9], Change.RENAMED, staged=True,
                                             original=original))
        elif kind == "u":
            f = item.split(" ", 10)
            status.entries.append(PathStatus(f[10], Change.CONFLICTED, staged=True))
        elif kind == "?":
            status.entries.append(PathStatus(item[2:], Change.NEW))
    return status


def _header(status: RepoStatus, item: str) -> None:
    parts = item.split(" ", 2)
    key, value = parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""
    if key == "branch.oid":
        status.head = None if value == "(initial)" else value
    elif key == "branch.head":
        status.branch = None if value == "(detached)" else value
    elif key == "branch.upstream":
        status.upstream = value
    elif key == "branch.ab":
        ahead, behind = value.split()
        status.ahead, status.behind = int(ahead), abs(int(behind))


def remotes(git: Git) -> list[str]:
    return git.text("remote").split()


def status(git: Git, *, untracked: bool = True) -> RepoStatus:
    """The repository's status now (as of its last fetch for ``behind``). Without an upstream
    but with a remote, ``ahead`` counts the commits not on ``origin/<branch>``."""
    args = ["status", "--porcelain=v2", "-z", "--branch",
            "--untracked-files=" + ("all" if untracked else "no")]
    has_remote = bool(remotes(git))
    result = parse_porcelain_v2(git.run(*args).stdout, git.folder, has_remote=has_remote)
    if has_remote and result.upstream is None and result.branch and result.head:
        ref = f"refs/remotes/{default_remote(git)}/{result.branch}"
        if git.run("rev-parse", "-q", "--verify", ref, check=False).returncode == 0:
            counts = git.text("rev-list", "--left-right", "--count", f"HEAD...{ref}").split()
            result.ahead, result.behind = int(counts[0]), int(counts[1])
        else:
            result.ahead = int(git.text("rev-list", "--count", "HEAD"))
    return result


def default_remote(git: Git) -> str:
    """The remote the current branch publishes to: its configured one, else ``origin``,
    else the first."""
    branch = git.run("symbolic-ref", "-q", "--short", "HEAD", check=False).text.strip()
    configured = git.config(f"branch.{branch}.remote") if branch else None
    names = remotes(git)
    if configured and configured in names:
        return configured
    return "origin" if "origin" in names or not names else names[0]
