"""Getting the team's changes: fetch, then integrate them with ours without touching the work
tree until every choice is made.

``git merge-tree --write-tree`` (git 2.38 or later) merges in git's object store. Each article
git could not merge goes through the editor's three-way merge per field (base, ours, theirs),
and the merged text is written by the splice writer, so only the edited values change; a field
both sides changed differently is returned for a person to choose. Any other file git could
not merge is a choice of the whole file: keep mine or take theirs. Conflict markers are never
written anywhere.

When the merge is complete it becomes a commit, a backup ref keeps the commit before
(``refs/article-editor/before-sync``), a journal records the step, and only the paths the team
changed are updated on disk. An interrupted update is finished by ``recover`` at the next start.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from editor.core.document.merge import MISSING, _apply, three_way
from editor.core.document.schema import article_schema
from editor.core.git.review import parse, title_of
from editor.core.git.runner import Git, GitError, GitTooOldError, OfflineError
from editor.core.git.status import default_remote, status

log = logging.getLogger("editor.git")

BACKUP_REF = "refs/article-editor/before-sync"
MERGE_TREE_VERSION = (2, 38)
MINE, THEIRS = "mine", "theirs"


class SyncState(Enum):
    UP_TO_DATE = "up to date"
    UPDATED = "updated"
    CONFLICTS = "conflicts"  # choices needed; nothing changed yet
    PAUSED = "paused"  # the team changed files with edits not published; nothing changed yet
    OFFLINE = "offline"


@dataclass(frozen=True)
class FieldConflict:
    """A field both sides changed differently (``key == ""``: a whole file, not an article
    both could read, or deleted on one side and changed on the other)."""

    path: str
    title: str
    key: str
    label: str
    ours: Any  # MISSING: absent (deleted) on our side
    theirs: Any


@dataclass
class SyncResult:
    state: SyncState
    old: str | None = None  # HEAD before
    new: str | None = None  # HEAD after (== old unless UPDATED)
    changed: list[tuple[str, str]] = field(default_factory=list)  # (A/M/D/R.., path) old->new
    conflicts: list[FieldConflict] = field(default_factory=list)
    paused: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def changed_paths(self) -> list[str]:
        return [p for _, p in self.changed]


def _state_dir(git: Git) -> Path:
    folder = Path(git.folder) / git.text("rev-parse", "--git-path", "article-editor")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_version(git: Git) -> None:
    if git.version() < MERGE_TREE_VERSION:
        raise GitTooOldError("Git is too old to bring in the team's changes safely: version "
                             "2.38 or later is needed. Please update git.")


def fetch(git: Git) -> None:
    """Fetch the publishing remote; OfflineError when it cannot be reached."""
    git.run("fetch", "--quiet", "--prune", default_remote(git))


def _rev(git: Git, ref: str) -> str | None:
    result = git.run("rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
    return result.text.strip() or None if result.returncode == 0 else None


def remote_head(git: Git) -> str | None:
    """The commit the team has (as of the last fetch)."""
    st = status(git, untracked=False)
    ref = st.upstream or (f"{default_remote(git)}/{st.branch}" if st.branch else None)
    return _rev(git, f"refs/remotes/{ref}") if ref else None


def _is_ancestor(git: Git, a: str, b: str) -> bool:
    return git.run("merge-base", "--is-ancestor", a, b, check=False,
                   ok_codes=(0, 1)).returncode == 0


def _name_status(git: Git, old: str | None, new: str) -> list[tuple[str, str]]:
    base = old or git.text("hash-object", "-t", "tree", "--stdin", input=b"")
    out = git.run("diff", "--name-status", "-z", "--no-renames", base, new).text.split("\0")
    return [(out[i], out[i + 1]) for i in range(0, len(out) - 1, 2) if out[i]]


@dataclass
class _Stages:
    mode: dict[int, str] = field(default_factory=dict)
    oid: dict[int, str] = field(default_factory=dict)


def _merge_tree(git: Git, ours: str, theirs: str) -> tuple[str, dict[str, _Stages]]:
    result = git.run("merge-tree", "--write-tree", "-z", "--no-messages", ours, theirs,
                     ok_codes=(0, 1))
    items = result.text.split("\0")
    tree, stages = items[0], dict[str, _Stages]()
    for item in items[1:]:
        if not item:
            break
        info, _, path = item.partition("\t")
        mode, oid, stage = info.split()
        entry = stages.setdefault(path, _Stages())
        entry.mode[int(stage)], entry.oid[int(stage)] = mode, oid
    return tree, stages


def _cat(git: Git, oid: str | None) -> bytes | None:
    return git.run("cat-file", "blob", oid).stdout if oid else None


def _merge_file(git: Git, path: str, st: _Stages, choices: Mapping[tuple[str, str], str]
                ) -> tuple[bytes | None, list[FieldConflict]]:
    """The merged bytes of a conflicted path (None: deleted), and the choices still needed."""
    base, ours, theirs = (_cat(git, st.oid.get(n)) for n in (1, 2, 3))
    docs = [parse(b, path) for b in (base, ours, theirs)]
    title = title_of(docs[2] or docs[1] or docs[0], path)
    readable = all(d is not None for d in docs) and path.endswith(".md")
    if readable:
        b, o, t = (d for d in docs if d is not None)
        merged = three_way(b, o, t)
        left = []
        for c in merged.conflicts:
            choice = choices.get((path, c.key))
            if choice == MINE:
                _apply(merged.document, c.key, c.ours)
            elif choice != THEIRS:
                left.append(FieldConflict(path, title, c.key, article_schema().label(c.key),
                                          c.ours, c.theirs))
        if left:
            return None, left
        return merged.document.to_bytes(), []
    choice = choices.get((path, ""))
    if choice == MINE:
        return ours, []
    if choice == THEIRS:
        return theirs, []
    return None, [FieldConflict(path, title, "", "Whole file",
                                MISSING if ours is None else ours,
                                MISSING if theirs is None else theirs)]


def _resolved_tree(git: Git, tree: str, stages: dict[str, _Stages],
                   choices: Mapping[tuple[str, str], str]) -> tuple[str, list[FieldConflict]]:
    index = _state_dir(git) / "merge-index"
    env = {"GIT_INDEX_FILE": str(index)}
    git.run("read-tree", tree, env=env)
    conflicts: list[FieldConflict] = []
    for path, st in stages.items():
        data, left = _merge_file(git, path, st, choices)
        conflicts += left
        if left:
            continue
        if data is None:
            git.run("update-index", "--force-remove", "--", path, env=env)
        else:
            oid = git.text("hash-object", "-w", "--stdin", "--path", path, input=data)
            mode = st.mode.get(2) or st.mode.get(3) or "100644"
            git.run("update-index", "--add", "--cacheinfo", f"{mode},{oid},{path}", env=env)
    resolved = git.text("write-tree", env=env) if not conflicts else ""
    index.unlink(missing_ok=True)
    return resolved, conflicts


def _local_edits(git: Git, unsaved: Collection[str]) -> set[str]:
    """Paths whose work-tree text is not in HEAD, and those with unsaved edits."""
    return set(status(git, untracked=True).changed_paths) | set(unsaved)


def integrate(git: Git, *, unsaved: Collection[str] = (), theirs: str | None = None,
              choices: Mapping[tuple[str, str], str] | None = None) -> SyncResult:
    """Bring ``theirs`` (default: the remote's branch as last fetched) into HEAD."""
    check_version(git)
    recover(git)
    ours = _rev(git, "HEAD")
    theirs = theirs or remote_head(git)
    if theirs is None or (ours is not None and _is_ancestor(git, theirs, ours)):
        _clear_pending(git)
        return SyncResult(SyncState.UP_TO_DATE, ours, ours, message="Up to date")
    if ours is None or _is_ancestor(git, ours, theirs):
        new, conflicts = theirs, list[FieldConflict]()
    else:
        tree, stages = _merge_tree(git, ours, theirs)
        resolved, conflicts = _resolved_tree(git, tree, stages, choices or {})
        new = ""
        if not conflicts:
            message = "Brought in the team's changes"
            new = git.text("commit-tree", resolved, "-p", ours, "-p", theirs, "-m", message)
    if conflicts:
        _save_pending(git, ours, theirs, choices or {})
        n = len({c.path for c in conflicts})
        return SyncResult(SyncState.CONFLICTS, ours, ours, conflicts=conflicts,
                          message=f"{n} {'file needs' if n == 1 else 'files need'} a choice")
    changed = _name_status(git, ours, new)
    paused = sorted(_local_edits(git, unsaved) & {p for _, p in changed})
    if paused:
        return SyncResult(SyncState.PAUSED, ours, ours, changed=changed, paused=paused,
                          message="Paused: the team changed files you are editing")
    _apply_commit(git, ours, new, changed)
    _clear_pending(git)
    return SyncResult(SyncState.UPDATED, ours, new, changed=changed,
                      message=f"Brought in {len(changed)} changed "
                              f"{'file' if len(changed) == 1 else 'files'}")


def sync(git: Git, *, unsaved: Collection[str] = ()) -> SyncResult:
    """Fetch the team's changes and integrate them."""
    try:
        fetch(git)
    except OfflineError as error:
        head = _rev(git, "HEAD")
        return SyncResult(SyncState.OFFLINE, head, head, message=error.message)
    return integrate(git, unsaved=unsaved)


def resolve(git: Git, choices: Mapping[tuple[str, str], str], *,
            unsaved: Collection[str] = ()) -> SyncResult:
    """Finish the pending integration with the person's ``choices`` (``(path, key)`` ->
    ``"mine"`` or ``"theirs"``; ``key == ""`` for a whole file); without one, a fresh one."""
    pending = _load_pending(git)
    if pending is None or pending.get("ours") != _rev(git, "HEAD"):
        return integrate(git, unsaved=unsaved, choices=choices)
    merged = {tuple(k.split("\0", 1)): v for k, v in pending.get("choices", {}).items()}
    merged.update(choices)
    return integrate(git, unsaved=unsaved, theirs=pending["theirs"],
                     choices=merged)


def cancel(git: Git) -> None:
    """Forget a pending integration: the repository stays exactly as it was."""
    _clear_pending(git)


# -- the update on disk, its journal and its recovery ------------------------------------------

def _apply_commit(git: Git, old: str | None, new: str, changed: list[tuple[str, str]]) -> None:
    journal = _state_dir(git) / "journal.json"
    if old:
        git.run("update-ref", BACKUP_REF, old)
    journal.write_text(json.dumps({"old": old, "new": new}), encoding="utf-8")
    try:
        if old:  # the index and the files go from old to new, in one pass over the index
            git.run("read-tree", "-m", "-u", old, new)
        else:
            _checkout_paths(git, new, changed)
    except GitError:
        if old:  # put back what was already written (a name too long, a full disk...)
            back = {"A": "D", "D": "A"}
            _checkout_paths(git, old, [(back.get(letter, letter), p) for letter, p in changed],
                            rollback=True)
        journal.unlink()
        raise
    git.run("update-ref", "HEAD", new, *([old] if old else []))
    journal.unlink()
    log.info("sync: HEAD %s -> %s (%d paths)", old, new, len(changed))


def _checkout_paths(git: Git, new: str, changed: list[tuple[str, str]], *,
                    rollback: bool = False) -> None:
    """Write ``changed`` as ``new`` has them (each path matched against every pathspec: for
    thousands of paths, a two-tree ``read-tree -m -u`` is much quicker)."""
    present = [p for letter, p in changed if not letter.startswith("D")]
    gone = [p for letter, p in changed if letter.startswith("D")]
    env = {"GIT_LITERAL_PATHSPECS": "1"}
    if present:
        git.run("checkout", new, "--pathspec-from-file=-", "--pathspec-file-nul",
                input="\0".join(present).encode(), env=env)
    if gone:
        git.run("rm", "-q", "--cached", "--ignore-unmatch", "--pathspec-from-file=-",
                "--pathspec-file-nul", input="\0".join(gone).encode(), env=env)
        for path in gone:
            try:
                (git.folder / path).unlink(missing_ok=True)
            except OSError:
                if not rollback:  # a file that could never be written is not there
                    raise


def recover(git: Git) -> bool:
    """Finish an update that was interrupted (the journal is still there); True if one was."""
    journal = _state_dir(git) / "journal.json"
    if not journal.exists():
        return False
    data = json.loads(journal.read_text(encoding="utf-8"))
    old, new = data.get("old"), data["new"]
    if _rev(git, "HEAD") == old:
        changed = _name_status(git, old, new)
        _checkout_paths(git, new, changed)
        git.run("update-ref", "HEAD", new)
    journal.unlink()
    log.warning("sync: finished an interrupted update to %s", new)
    return True


def _save_pending(git: Git, ours: str | None, theirs: str,
                  choices: Mapping[tuple[str, str], str]) -> None:
    data = {"ours": ours, "theirs": theirs,
            "choices": {"\0".join(k): v for k, v in choices.items()}}
    (_state_dir(git) / "pending.json").write_text(json.dumps(data), encoding="utf-8")


def _load_pending(git: Git) -> dict[str, Any] | None:
    path = _state_dir(git) / "pending.json"
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _clear_pending(git: Git) -> None:
    (_state_dir(git) / "pending.json").unlink(missing_ok=True)


def pending(git: Git) -> bool:
    """Whether an integration waits for a person's choices."""
    return _load_pending(git) is not None

