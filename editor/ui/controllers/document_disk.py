"""The open article and the file on disk: reloads, merges, conflicts, a file gone missing
or renamed by someone else. Part of the document controller (``document.py``)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, SignalInstance, Slot

from editor.core.document.article import ArticleDocument
from editor.core.document.merge import DiskStamp, MergeResult, read_stamped, three_way
from editor.core.errors import ArticleError
from editor.core.storage.recovery import RecoveryJournal
from editor.ui.controllers.disk_watch import FileWatch
from editor.ui.controllers.open_article import OpenArticle

log = logging.getLogger("editor.ui.controllers.document")


class DiskFollowing:
    """The document controller's dealings with changes on disk (mixed into it)."""

    if TYPE_CHECKING:  # what DocumentController gives this part
        document: ArticleDocument | None
        article: OpenArticle | None
        stamp: DiskStamp | None
        pending: MergeResult | None
        missing: bool
        journal: RecoveryJournal
        watch: FileWatch
        _modified: bool
        _real: Path | None
        _theirs_bytes: bytes | None
        _failed_stat: tuple[int, int, int] | None
        _missing_timer: QTimer
        documentLoaded: SignalInstance
        documentReloaded: SignalInstance
        saveFailed: SignalInstance
        mergedFromDisk: SignalInstance
        conflictFound: SignalInstance
        fileMissing: SignalInstance
        fileReturned: SignalInstance
        pathChanged: SignalInstance
        renamedOnDisk: SignalInstance
        reverted: SignalInstance

        @property
        def path(self) -> Path | None: ...
        @property
        def can_undo_revert(self) -> bool: ...
        @property
        def fixing(self) -> bool: ...
        def reopen(self) -> bool: ...
        def _set_modified(self, value: bool) -> None: ...
        def _watch(self) -> None: ...
        def _update_rename(self) -> None: ...

    @Slot()
    def check_disk(self) -> None:
        """Compare the file with the version we hold; reload, merge or report."""
        if self.document is None and self.path is not None and self._failed_stat is not None:
            # a file that failed to open, changed since (fixed elsewhere, say): open it again,
            # unless the writer is fixing its raw text here
            if not self.fixing and stat_of(self.path) not in (None, self._failed_stat):
                self.reopen()
            return
        if self.document is None or self.path is None or self.pending is not None:
            return
        try:
            found = read_stamped(self.path)
        except OSError as exc:  # now a pipe, too large, unreadable: our edits stay
            log.warning("changed on disk, not read %s: %s", self.path, exc.strerror or exc)
            return
        if found is None:  # missing only if still gone in a moment (git replaces files)
            if not self.missing and not self._missing_timer.isActive():
                self._missing_timer.start()
            return
        self._missing_timer.stop()
        self.watch.rewatch()  # editors and git that replace the file end the old watch
        if self.missing:
            self.missing = False
            self._set_modified(self.document.modified)
            self.fileReturned.emit()
        data, stamp = found
        if self.stamp is not None and stamp.sha256 == self.stamp.sha256:
            self.stamp = stamp
            return
        try:
            theirs = ArticleDocument.from_bytes(data, self.path)
        except ArticleError as exc:
            self.stamp = stamp  # keep our edits; the broken file is not merged
            log.warning("changed on disk, not merged %s: %s", self.path, exc.message)
            self.saveFailed.emit(exc)
            return
        self.stamp = stamp
        if not self._modified:
            self.document = theirs
            log.info("reloaded %s: changed on disk", self.path)
            self.documentReloaded.emit(theirs)
            if self.can_undo_revert:  # still on offer: merged with this version if taken
                self.reverted.emit(True)
            return
        self._merge(theirs)

    @Slot()
    def _confirm_missing(self) -> None:
        if self.document is None or self.path is None or self.missing:
            return
        if self.path.exists():
            self.check_disk()
            return
        self.missing = True
        self._set_modified(True)
        log.warning("deleted or renamed on disk: %s", self.path)
        self.fileMissing.emit(str(self.path))

    @Slot(object)
    def follow_rename(self, appeared: dict[Path, Any]) -> None:
        """Files new in the folder (path -> id): if the open file is gone and exactly one new
        file has its id, someone renamed it; edits and merges go to that file from now on."""
        doc, article = self.document, self.article
        if doc is None or article is None or self.pending is not None or article.path.exists():
            return
        my_id = (doc.original_data or {}).get("id")
        found = [Path(p) for p, found_id in appeared.items()
                 if my_id is not None and str(found_id) == str(my_id) and Path(p) != article.path]
        if len(found) != 1:
            return  # no way to tell: the missing-file banner stays, Save writes it back
        old, self.article = article.path, article.moved_to(found[0])
        doc.path, self._real = found[0], None
        self._missing_timer.stop()
        self.missing = False
        self.journal.discard(old)
        self._watch()
        self._set_modified(doc.modified)
        self.pathChanged.emit(str(old), str(found[0]))
        self._update_rename()
        self.check_disk()  # the renamed file may hold other changes too: merged as usual
        if self.pending is None:
            self.renamedOnDisk.emit(str(found[0]), self._modified)

    def _merge(self, theirs: ArticleDocument) -> None:
        """Our edits into the file as it is now; conflicts wait for keep_mine/take_theirs."""
        assert self.document is not None
        self._theirs_bytes = theirs.to_bytes()
        base = ArticleDocument(self.document.text, path=self.path)
        result = three_way(base, self.document, theirs)
        if result.conflicts:
            self.pending = result
            log.warning("changed on disk in the fields edited %s: %s", self.path,
                        ", ".join(c.key for c in result.conflicts))
            self.conflictFound.emit(result)
            return
        self._adopt(result)
        log.info("merged changes on disk into %s (theirs: %s; ours kept: %s)", self.path,
                 ", ".join(result.taken), ", ".join(result.merged))
        self.mergedFromDisk.emit(result)

    @Slot()
    def keep_mine(self) -> None:
        self.resolve(keep_mine=True)

    @Slot()
    def take_theirs(self) -> None:
        self.resolve(keep_mine=False)

    def resolve(self, keep_mine: bool) -> None:
        """Settle the conflicts: our values (True) or the file's (False). The merge is made
        again now, so what was typed while the choice waited counts as ours, and the file is
        read again in case it changed meanwhile."""
        if self.pending is None or self.document is None:
            return
        self.pending = None
        theirs = None
        found = read_stamped(self.path) if self.path is not None else None
        if found is not None:
            try:
                theirs = ArticleDocument.from_bytes(found[0], self.path)
                self.stamp = found[1]
            except ArticleError:
                theirs = None
        if theirs is None and self._theirs_bytes is not None:
            theirs = ArticleDocument.from_bytes(self._theirs_bytes, self.path)
        if theirs is None:
            return
        base = ArticleDocument(self.document.text, path=self.path)
        result = three_way(base, self.document, theirs)
        result.keep_mine() if keep_mine else result.take_theirs()
        log.info("conflict in %s settled: %s", self.path, "mine" if keep_mine else "theirs")
        self._adopt(result)
        self.mergedFromDisk.emit(result)

    def _adopt(self, result: MergeResult) -> None:
        self.document = result.document
        self._set_modified(self.document.modified)
        self.documentLoaded.emit(self.document)


def stat_of(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino
