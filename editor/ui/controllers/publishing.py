"""Publishing from the window: the repository's status for the chip, the review before a
publish, the publish itself and getting the team's changes, each run off the UI thread by the
job dispatcher. Nothing happens (and ``availableChanged(False)``) when the open folder is in
no git repository."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from editor.core.errors import ArticleError
from editor.core.git.publish import Identity, default_message, identity, publish, set_identity
from editor.core.git.review import FileReview, review
from editor.core.git.runner import (
    NOT_SIGNED_IN,
    Git,
    GitTimeoutError,
    NotSignedInError,
    OfflineError,
    repository_root,
)
from editor.core.git.status import Change, RepoStatus, status
from editor.core.git.sync import SyncResult, SyncState, cancel, recover, resolve, sync
from editor.ui.controllers.jobs import Jobs
from editor.ui.controllers.sign_in import SignIn

log = logging.getLogger(__name__)

STATUS, REVIEW, PUBLISH, SYNC, RESOLVE = "status", "review", "publish", "sync", "resolve"
OFFLINE, SIGNED_OUT = "offline", "signed out"


@dataclass
class PublishPlan:
    """What the publish dialog lists: the changed articles' reviews (checked by default),
    the other changed files (unchecked), the message to offer and who publishes."""

    articles: list[FileReview]
    others: list[str]
    message: str
    identity: Identity | None


def _plan(git: Git) -> PublishPlan:
    st = status(git)
    paths = st.changed_paths
    articles = [p for p in paths if p.lower().endswith((".md", ".markdown"))]
    others = [p for p in paths if p not in articles]
    message = default_message(git, articles) if articles else ""
    return PublishPlan(review(git, articles), others, message, identity(git))


def _publish(git: Git, paths: list[str], message: str | None,
             unsaved: Collection[str]) -> object:
    return publish(git, paths, message, unsaved=unsaved)


class Publishing(QObject):
    """The open folder's repository, and the publishing steps run on it."""

    #: The repository exists (True) or the folder is in none (False).
    availableChanged = Signal(bool)
    #: The status chip's words (``RepoStatus.summary``).
    summaryChanged = Signal(str)
    #: The folder's files saved but not published, by path relative to the folder: "new",
    #: "modified" or "renamed" (for the tree's marks).
    unpublishedChanged = Signal(object)
    #: The review for the publish dialog is ready: PublishPlan.
    reviewReady = Signal(object)
    #: A publish is done: PublishResult.
    published = Signal(object)
    #: Getting the team's changes (or resolving their conflicts) is done: SyncResult.
    synced = Signal(object)
    #: A step failed: what went wrong, in a line.
    failed = Signal(str)

    def __init__(self, jobs: Jobs, parent: QObject | None = None, *,
                 sign_in: SignIn | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.sign_in = sign_in  # None: git never asks for a sign-in (not signed in)
        self.git: Git | None = None
        self.folder = Path()
        self.last: RepoStatus | None = None
        self._status_running = False
        self._status_again = False
        self._busy = False  # a review, publish, sync or resolve is running
        self._then_publish: tuple[str, ...] | None = None  # after resolving: publish
        #: Why the last publish or sync could not reach the team: OFFLINE, SIGNED_OUT or None.
        self.unreachable: str | None = None
        jobs.gitDone.connect(self._on_done)
        jobs.gitFailed.connect(self._on_failed)

    @property
    def root(self) -> Path | None:
        return self.git.folder if self.git is not None else None

    @property
    def busy(self) -> bool:
        return self._busy

    def open(self, folder: Path) -> None:
        """The folder opened: find its repository (none: nothing shows) and its status."""
        try:
            root = repository_root(folder)
        except ArticleError as exc:  # git is not installed
            log.info("no publishing: %s", exc.message)
            root = None
        if root is None:
            self.git = None
        else:
            self.git = self.sign_in.git(root) if self.sign_in is not None else Git(root)
        self.folder = folder
        self.unpublishedChanged.emit({})
        if self.git is not None:
            self._recover(self.git)
        self.last, self.unreachable = None, None
        self.availableChanged.emit(self.git is not None)
        self.refresh()

    def _marks(self, result: RepoStatus) -> dict[str, str]:
        """The status's new, modified and renamed files, relative to the open folder."""
        shown = (Change.NEW, Change.MODIFIED, Change.RENAMED)
        folder = self.folder.resolve()
        marks = {}
        for entry in result.entries:
            if entry.change in shown:
                try:
                    rel = (result.root / entry.path).resolve().relative_to(folder)
                except (ValueError, OSError):
                    continue  # outside the open folder
                marks[rel.as_posix()] = entry.change.value
        return marks

    @staticmethod
    def _recover(git: Git) -> None:
        """Finish a team update a crash interrupted, before the folder is read (one quick git
        call when there was none)."""
        try:
            if recover(git):
                log.warning("finished the team update that was interrupted in %s", git.folder)
        except (ArticleError, OSError, ValueError) as exc:
            log.warning("could not finish an interrupted team update: %s", exc)

    def relative(self, path: Path) -> str | None:
        """``path`` relative to the repository's top folder, with ``/``."""
        if self.git is None:
            return None
        try:
            return path.resolve().relative_to(self.git.folder.resolve()).as_posix()
        except ValueError:
            return None

    @Slot()
    def refresh(self) -> None:
        """Read the status again, off the UI thread; one read at a time, and one more after
        it when asked meanwhile."""
        if self.git is None:
            return
        if self._status_running:
            self._status_again = True
            return
        self._status_running, self._status_again = True, False
        self.jobs.git(STATUS, partial(status, self.git))

    def file_saved(self, *_args: object) -> None:
        self.refresh()

    def review(self) -> None:
        """Prepare the publish dialog's lists (``reviewReady``)."""
        if self.git is not None and not self._busy:
            self._busy = True
            self.jobs.git(REVIEW, partial(_plan, self.git))

    def set_identity(self, name: str, email: str) -> None:
        """Keep the writer's name and email (IdentityMissingError when unusable)."""
        if self.git is not None:
            set_identity(self.git, name, email)

    def publish(self, paths: list[str], message: str | None,
                unsaved: Collection[str] = ()) -> None:
        if self.git is not None and not self._busy:
            self._busy = True
            self.jobs.git(PUBLISH, partial(_publish, self.git, paths, message, tuple(unsaved)))

    def sync(self, unsaved: Collection[str] = ()) -> None:
        if self.git is not None and not self._busy:
            self._busy = True
            self.jobs.git(SYNC, partial(sync, self.git, unsaved=tuple(unsaved)))

    def resolve(self, choices: dict[tuple[str, str], str], unsaved: Collection[str] = (),
                *, then_publish: bool = False) -> None:
        """Finish taking the team's changes with the writer's choices; ``then_publish``
        (the choices a publish needed): send the result once they are in."""
        if self.git is not None and not self._busy:
            self._busy = True
            self._then_publish = tuple(unsaved) if then_publish else None
            self.jobs.git(RESOLVE, partial(resolve, self.git, choices, unsaved=tuple(unsaved)))

    def cancel(self) -> None:
        """Forget taking the team's changes half-way (the choices asked for): the repository
        stays exactly as it was; Get Team Changes starts again."""
        if self.git is not None:
            cancel(self.git)
            self.refresh()

    @Slot(str, object)
    def _on_done(self, kind: str, result: object) -> None:
        if kind == STATUS:
            self._status_running = False
            if isinstance(result, RepoStatus) and self.git is not None \
                    and result.root == self.git.folder:
                self.last = result
                self.summaryChanged.emit(self._summary(result))
                self.unpublishedChanged.emit(self._marks(result))
            if self._status_again:
                self.refresh()
            return
        self._busy = False
        if kind != REVIEW and self.sign_in is not None:
            refused = isinstance(getattr(result, "error", None), NotSignedInError)
            self.sign_in.settle(self.git, accepted=not refused)
        if kind != REVIEW:
            self._note_reach(result)
        if kind == REVIEW:
            self.reviewReady.emit(result)
        elif kind == PUBLISH:
            self.published.emit(result)
            self.refresh()
        elif kind in (SYNC, RESOLVE):
            resume, self._then_publish = self._then_publish, None
            self.synced.emit(result)
            if kind == RESOLVE and resume is not None and isinstance(result, SyncResult) \
                    and result.state is SyncState.UPDATED:
                self.publish([], None, resume)
            else:
                self.refresh()

    def _summary(self, result: RepoStatus) -> str:
        """The chip's words; commits waiting "will publish when online" while the team's
        repository cannot be reached, and say so when it refused the sign-in."""
        text = result.summary(offline=self.unreachable is not None)
        if self.unreachable == SIGNED_OUT and result.ahead:
            text += " (not signed in)"
        return text

    def _note_reach(self, result: object) -> None:
        error = getattr(result, "error", None)
        if isinstance(error, NotSignedInError):
            self.unreachable = SIGNED_OUT
        elif isinstance(error, (OfflineError, GitTimeoutError)) or (
                isinstance(result, SyncResult) and result.state is SyncState.OFFLINE):
            self.unreachable = OFFLINE
        else:
            self.unreachable = None

    @Slot(str, str)
    def _on_failed(self, kind: str, message: str) -> None:
        if kind == STATUS:
            self._status_running = False
            if self._status_again:
                self.refresh()
        else:
            self._busy, self._then_publish = False, None
            if kind != REVIEW and message == NOT_SIGNED_IN:
                self.unreachable = SIGNED_OUT
            if kind != REVIEW and self.sign_in is not None:
                self.sign_in.settle(self.git, accepted=message != NOT_SIGNED_IN)
            self.refresh()
        self.failed.emit(message)


__all__ = ["PublishPlan", "Publishing"]
