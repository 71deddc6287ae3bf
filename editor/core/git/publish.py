"""Publishing: exactly the chosen files become one commit in the writer's name, then the
team's changes are brought in and the commit is sent.

Only the chosen paths are staged (in a separate index, so nothing else the index holds is
committed); a deleted file is recorded as deleted. When someone else published between our
fetch and our push, we fetch, integrate and try again, a few times. Offline, the commit stays
here and the result says it will be sent later.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from editor.core.git.review import blob, parse, title_of
from editor.core.git.runner import (
    Git,
    GitError,
    GitTimeoutError,
    NotSignedInError,
    OfflineError,
    PublishedFirstError,
)
from editor.core.git.status import default_remote, remotes, status
from editor.core.git.sync import SyncResult, SyncState, _rev, fetch, integrate

log = logging.getLogger("editor.git")

MAX_ATTEMPTS = 3
MAX_TITLES = 5


class IdentityMissingError(GitError):
    """No name and email to publish under: ask the writer once (``set_identity``)."""


class PublishState(Enum):
    PUBLISHED = "published"
    QUEUED = "queued"  # committed here; will be sent when the team's repository is reachable
    LOCAL_ONLY = "local only"  # committed; the folder has no team repository
    NOTHING = "nothing"  # nothing to publish
    CONFLICTS = "conflicts"  # committed here; the team's changes need a person's choices
    PAUSED = "paused"  # committed here; the team changed files with unsaved edits


@dataclass(frozen=True)
class Identity:
    name: str
    email: str


@dataclass
class PublishResult:
    state: PublishState
    commit: str | None = None
    attempts: int = 0
    sync: SyncResult | None = None
    error: GitError | None = None

    @property
    def text(self) -> str:
        if self.state is PublishState.PUBLISHED:
            return "Published"
        if self.state is PublishState.QUEUED and isinstance(self.error, NotSignedInError):
            return f"Saved here; not published yet. {self.error.message}"
        if self.state is PublishState.QUEUED:
            why = self.error.message if self.error else "offline"
            return f"Saved here; will publish when online ({why})"
        if self.state is PublishState.LOCAL_ONLY:
            return "Saved here; this folder is not shared with a team"
        if self.state is PublishState.CONFLICTS:
            return "Saved here; the team's changes need your choices before publishing"
        if self.state is PublishState.PAUSED:
            return "Saved here; the team changed files you are editing: save them first"
        return "Nothing to publish"


def identity(git: Git) -> Identity | None:
    """The writer's name and email as the repository's config has them."""
    name, email = git.config("user.name"), git.config("user.email")
    return Identity(name, email) if name and email else None


def set_identity(git: Git, name: str, email: str) -> None:
    """Keep the writer's name and email in this repository's config."""
    if not name.strip() or "@" not in email:
        raise IdentityMissingError("A name and an email address are needed to publish.")
    git.set_config("user.name", name.strip())
    git.set_config("user.email", email.strip())


def _relative(git: Git, paths: Sequence[str]) -> list[str]:
    """``paths`` relative to the repository's top folder, with ``/``, each once."""
    root = git.folder.resolve()
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_absolute():
            try:
                p = p.relative_to(root)
            except ValueError:
                try:
                    p = p.resolve().relative_to(root)
                except ValueError:
                    raise GitError("This file is not in the repository's folder.",
                                   path=path) from None
        text = p.as_posix()
        if text not in out:
            out.append(text)
    return out


def default_message(git: Git, paths: Sequence[str]) -> str:
    """"Updated 2 articles via Article Editor: Title one; Title two"."""
    titles = []
    for path in paths:
        file = git.folder / path
        data = file.read_bytes() if file.is_file() else blob(git, "HEAD", path)
        titles.append(title_of(parse(data, path), path))
    n = len(paths)
    shown = "; ".join(titles[:MAX_TITLES])
    if n > MAX_TITLES:
        shown += f"; and {n - MAX_TITLES} more"
    return f"Updated {n} {'article' if n == 1 else 'articles'} via Article Editor: {shown}"


def _stage(git: Git, paths: list[str], env: dict[str, str]) -> None:
    present = [p for p in paths if (git.folder / p).exists() or (git.folder / p).is_symlink()]
    gone = [p for p in paths if p not in present]
    if present:
        git.run("add", "--pathspec-from-file=-", "--pathspec-file-nul",
                input="\0".join(present).encode(), env=env)
    if gone:
        git.run("rm", "-q", "--cached", "--ignore-unmatch", "--pathspec-from-file=-",
                "--pathspec-file-nul", input="\0".join(gone).encode(), env=env)


def commit(git: Git, paths: Sequence[str], message: str | None = None) -> str | None:
    """Commit exactly ``paths`` (as they are on disk; missing = deleted) on top of HEAD;
    the new commit, or None when they hold no change."""
    who = identity(git)
    if who is None:
        raise IdentityMissingError("A name and an email address are needed to publish.")
    rel = _relative(git, paths)
    head = _rev(git, "HEAD")
    index = git.folder / git.text("rev-parse", "--git-path", "article-editor-index")
    env = {"GIT_INDEX_FILE": str(index), "GIT_LITERAL_PATHSPECS": "1"}
    index.unlink(missing_ok=True)
    try:
        git.run("read-tree", *([head] if head else ["--empty"]), env=env)
        _stage(git, rel, env)
        tree = git.text("write-tree", env=env)
    finally:
        index.unlink(missing_ok=True)
    if head and tree == git.text("rev-parse", f"{head}^{{tree}}"):
        return None
    text = message or default_message(git, rel)
    new = git.text("commit-tree", tree, *(["-p", head] if head else []), "-m", text)
    git.run("update-ref", "HEAD", new, *([head] if head else [""]))
    _stage(git, rel, {"GIT_LITERAL_PATHSPECS": "1"})  # the real index follows
    log.info("publish: committed %d paths as %s", len(rel), new)
    return new


def _push(git: Git) -> None:
    st = status(git, untracked=False)
    remote = default_remote(git)
    branch = st.branch or "main"
    git.run("push", "--quiet", *([] if st.upstream else ["-u"]), remote,
            f"HEAD:refs/heads/{branch}")


def publish(git: Git, paths: Sequence[str], message: str | None = None, *,
            unsaved: Collection[str] = ()) -> PublishResult:
    """Commit ``paths`` (none: only send what is waiting), bring in the team's changes and
    send ours. Offline, not signed in or timed out, the commit waits here: the result is
    QUEUED with that ``error`` (a NotSignedInError: ask the writer to sign in). Raises
    IdentityMissingError and the GitErrors a person must fix otherwise."""
    new = commit(git, paths, message) if paths else None
    st = status(git, untracked=False)
    if not remotes(git):
        return PublishResult(PublishState.LOCAL_ONLY if new else PublishState.NOTHING, new)
    result = PublishResult(PublishState.NOTHING, new)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        result.attempts = attempt
        try:
            fetch(git)
        except (OfflineError, NotSignedInError, GitTimeoutError) as error:
            queued = new is not None or st.ahead > 0
            return PublishResult(PublishState.QUEUED if queued else PublishState.NOTHING,
                                 new, attempt, error=error)
        merged = integrate(git, unsaved=unsaved)
        result.sync = merged
        if merged.state is SyncState.CONFLICTS:
            result.state = PublishState.CONFLICTS
            return result
        if merged.state is SyncState.PAUSED:
            result.state = PublishState.PAUSED
            return result
        st = status(git, untracked=False)
        if st.ahead == 0 and st.upstream is not None:
            result.state = PublishState.NOTHING if new is None else PublishState.PUBLISHED
            return result
        try:
            _push(git)
        except PublishedFirstError as error:
            log.info("publish: someone published first (attempt %d)", attempt)
            result.error = error
            continue
        except (OfflineError, NotSignedInError, GitTimeoutError) as error:
            return PublishResult(PublishState.QUEUED, new, attempt, merged, error)
        result.state, result.error = PublishState.PUBLISHED, None
        return result
    assert result.error is not None
    raise result.error


__all__ = ["Identity", "IdentityMissingError", "PublishResult",
           "PublishState", "commit", "default_message", "identity", "publish",
           "set_identity"]
