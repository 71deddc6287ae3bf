"""The window's publishing (GitSlots, mixed into MainWindow): the status chip, Publish… and
Get Team Changes. The steps run off the UI thread in the Publishing controller; here are
the questions they need and what the window shows of their results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from editor.core.errors import ArticleError
from editor.core.git.publish import PublishResult, PublishState
from editor.core.git.sync import FieldConflict, SyncResult, SyncState
from editor.ui import dialogs
from editor.ui.sign_in_dialog import ask_sign_in

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QStatusBar

    from editor.ui.controllers.document import DocumentController
    from editor.ui.controllers.folder import FolderController
    from editor.ui.controllers.publishing import Publishing, PublishPlan
    from editor.ui.controllers.sign_in import SignInRequest
    from editor.ui.menus import Menus

#: How long a publishing step's result stays in the status bar (ms).
RESULT_MS = 8000
PAUSED_TEXT = "Save or discard your edits to take the team's changes"
CANCELLED_TEXT = ("Cancelled: nothing changed. Get Team Changes asks again; your saved "
                  "changes are published after that")


class GitSlots:
    """Slots for the Publishing controller's signals and the Publish menu's actions."""

    if TYPE_CHECKING:  # what MainWindow gives this part
        folder: Path | None
        controller: DocumentController
        folder_ctl: FolderController
        publishing: Publishing
        git_chip: QLabel
        menus: Menus

        def statusBar(self) -> QStatusBar: ...

        def save(self) -> bool: ...

    def unsaved_paths(self) -> list[str]:
        """The open article's path in the repository when it has unsaved edits."""
        path = self.controller.path
        if path is None or not self.controller.modified:
            return []
        rel = self.publishing.relative(path)
        return [rel] if rel is not None else []

    @Slot(bool)
    def _on_git_available(self, available: bool) -> None:
        self.git_chip.setVisible(available)
        self.git_chip.clear()
        self.menus.publish.menuAction().setVisible(available)

    @Slot(str)
    def _on_git_summary(self, text: str) -> None:
        self.git_chip.setText(text)

    @Slot()
    def _on_publish(self) -> None:
        if self.publishing.busy:
            self.statusBar().showMessage("Still busy with the last publishing step…", RESULT_MS)
            return
        if self._settle_unsaved():
            self.publishing.review()

    def _settle_unsaved(self) -> bool:
        """Unsaved edits in the open article: save them to publish them too, or publish the
        file as last saved (the edits stay, unsaved); False when the writer cancels, or the
        save could not be made (its own message says why)."""
        if not self.controller.unsaved:
            return True
        path = self.controller.path
        answer = dialogs.ask_publish_unsaved(self,  # type: ignore[arg-type]
                                             path.name if path else "The article")
        if answer == dialogs.SAVE_AND_PUBLISH:
            return self.save()
        return answer == dialogs.SAVED_ONLY

    @Slot(object)
    def _on_publish_review(self, plan: PublishPlan) -> None:
        if not plan.articles and not plan.others:
            self.statusBar().showMessage("Nothing to publish: no file changed", RESULT_MS)
            self.publishing.publish([], None)  # what is waiting, if anything, is sent
            return
        answer = dialogs.ask_publish(self, plan)  # type: ignore[arg-type]
        if answer is None:
            return
        paths, message = answer
        if not paths:
            self.statusBar().showMessage("Nothing chosen to publish", RESULT_MS)
            return
        if plan.identity is None and not self._ask_identity():
            return
        self.statusBar().showMessage("Publishing…")
        self.git_chip.setText("Publishing…")
        self.publishing.publish(paths, message, self.unsaved_paths())

    def _ask_identity(self) -> bool:
        while True:
            answer = dialogs.ask_identity(self)  # type: ignore[arg-type]
            if answer is None:
                return False
            try:
                self.publishing.set_identity(*answer)
            except ArticleError as exc:
                dialogs.tell(self, "Your name for publishing", exc.message)  # type: ignore[arg-type]
                continue
            return True

    @Slot(object)
    def _on_published(self, result: PublishResult) -> None:
        self.statusBar().showMessage(result.text, RESULT_MS)
        self.git_chip.setText(result.text)
        if result.sync is not None and result.sync.changed:
            self._reload()
        if result.state is PublishState.CONFLICTS and result.sync is not None:
            self._choose(result.sync.conflicts, then_publish=True)

    @Slot()
    def _on_get_team_changes(self) -> None:
        if self.publishing.busy:
            self.statusBar().showMessage("Still busy with the last publishing step…", RESULT_MS)
            return
        self.statusBar().showMessage("Getting the team's changes…")
        self.publishing.sync(self.unsaved_paths())

    @Slot(object)
    def _on_synced(self, result: SyncResult) -> None:
        if result.state is SyncState.UPDATED:
            n = len(result.changed)
            self.statusBar().showMessage(
                f"Took the team's changes: {n} {'file' if n == 1 else 'files'}", RESULT_MS)
            self._reload()
        elif result.state is SyncState.PAUSED:
            self.statusBar().showMessage(PAUSED_TEXT, RESULT_MS)
        elif result.state is SyncState.CONFLICTS:
            self.statusBar().showMessage("Your changes and the team's need your choices",
                                         RESULT_MS)
            self._choose(result.conflicts)
        elif result.state is SyncState.OFFLINE:
            self.statusBar().showMessage(result.message or "Offline: try again later",
                                         RESULT_MS)
        else:
            self.statusBar().showMessage("Up to date: the team published nothing new",
                                         RESULT_MS)

    def _choose(self, conflicts: list[FieldConflict], then_publish: bool = False) -> None:
        choices = dialogs.ask_conflict_choices(self, conflicts)  # type: ignore[arg-type]
        if choices is None:
            self.publishing.cancel()
            self.statusBar().showMessage(CANCELLED_TEXT, RESULT_MS)
            return
        self.publishing.resolve(choices, self.unsaved_paths(), then_publish=then_publish)

    def _reload(self) -> None:
        """The team's changes are on disk: the open article and the folder's index follow,
        as after any change on disk."""
        self.controller.check_disk()
        self.folder_ctl.recheck()

    @Slot(object)
    def _on_sign_in_requested(self, request: SignInRequest) -> None:
        self.statusBar().showMessage("The team's repository asks you to sign in…", RESULT_MS)
        ask_sign_in(self, request)  # type: ignore[arg-type]

    @Slot(str)
    def _on_git_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, RESULT_MS)


__all__ = ["GitSlots"]
