"""The document lifecycle: open, edit, save, revert, changes on disk, the recovery journal.

The window and panes only listen. Saves go through the splice writer and an atomic write;
before each save (and when the file watcher or the window's focus says so) the file on disk is
compared with the version we loaded, and changes made elsewhere are reloaded or merged.
The file and its folder are watched (disk_watch.FileWatch), so a file that git or another
editor replaces is still seen; a file gone only for a moment (a checkout) is not "missing",
and a file renamed by someone else is followed when the folder's index finds its id again.
Saving a changed ``file_name`` renames the file; a revert can be undone.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from editor.core.document.article import ArticleDocument
from editor.core.document.merge import (
    DiskStamp,
    MergeResult,
    read_stamped,
    rename_target,
    renamed_url,
    stamp_bytes,
)
from editor.core.errors import ArticleError, FileTooLargeError, SaveError, StaleFileError
from editor.core.storage.filelock import file_lock
from editor.core.storage.recovery import RecoveryJournal
from editor.core.storage.safe_io import atomic_write, is_read_only, other_names, rename_noreplace
from editor.core.storage.stamps import MAX_FILE_BYTES, read_head
from editor.ui.controllers.disk_watch import FileWatch
from editor.ui.controllers.document_disk import DiskFollowing, stat_of

log = logging.getLogger(__name__)
JOURNAL_DELAY_MS = 2_000
#: Bigger files open read-only, showing their first RAW_HEAD bytes, so the window stays quick.
LARGE_FILE_BYTES = MAX_FILE_BYTES
RAW_HEAD = 256_000
#: A file gone for less than this (git unlinks, then writes the new version) is not missing.
MISSING_GRACE_MS = 500
#: How long a save waits for another article-editor writing the same file.
SAVE_LOCK_SECONDS = 5.0


class DocumentController(QObject, DiskFollowing):
    """Owns the open article. Edits arrive as (key, decoded value); saves splice bytes."""

    #: ArticleDocument: an article was opened and parsed, or its whole content was replaced
    #: here (edits restored from the journal, Undo Revert, a merge adopted, a conflict
    #: settled). Every pane shows it afresh.
    documentLoaded = Signal(object)
    #: ArticleError, raw text: the file just opened cannot be edited as an article (parse
    #: error, not UTF-8, too large, unreadable). Its raw text is shown; ``read_only`` is set.
    documentFailed = Signal(object, str)
    #: ArticleDocument: the file changed on disk while we had no edits and was read again
    #: (or a save that renamed the file changed its url); panes keep cursor and scroll.
    documentReloaded = Signal(object)
    #: bool: the open article gained its first unsaved edit, or has none any more (saved,
    #: reverted, another article opened).
    modifiedChanged = Signal(bool)
    #: path: the open article (or a fixed raw text) was written to disk.
    saved = Signal(str)
    #: ArticleError: a save was refused or failed; the file on disk is as it was.
    saveFailed = Signal(object)
    #: MergeResult without conflicts: edits on disk were merged into our unsaved ones (or a
    #: conflict was settled); nothing is saved yet.
    mergedFromDisk = Signal(object)
    #: MergeResult with conflicts: the file changed on disk where we changed it too; waits
    #: for keep_mine, take_theirs or resolve.
    conflictFound = Signal(object)
    #: path: the open file was deleted or renamed away on disk (confirmed after a moment).
    fileMissing = Signal(str)
    #: A file reported missing is back where it was.
    fileReturned = Signal()
    #: old, new path: the open article's file has a new name, from a save that followed its
    #: subject or question, or found after someone else renamed it.
    pathChanged = Signal(str, str)
    #: new path, whether unsaved edits were kept: someone else renamed the open file.
    renamedOnDisk = Signal(str, bool)
    #: The file name the next save will give the file (its question or subject changed);
    #: "" when the name stays. Emitted only when that name changes.
    renamePending = Signal(str)
    #: Why a save succeeded but the rename that should follow it did not.
    renameFailed = Signal(str)
    #: bool: Revert threw edits away (True: Undo Revert can bring them back), or Undo Revert
    #: is no longer on offer (False: new edits were made, it was used, another file opened).
    reverted = Signal(bool)
    #: A remark on the open file for the status bar (what a save could not keep, say).
    noteChanged = Signal(str)
    #: Why saving the file just opened will be refused (read-only, hard links); said right
    #: after documentLoaded.
    protectionChanged = Signal(str)

    def __init__(self, parent: QObject | None = None,
                 journal: RecoveryJournal | None = None) -> None:
        super().__init__(parent)
        self.document: ArticleDocument | None = None
        self.path: Path | None = None
        self.read_only = False
        self.stamp: DiskStamp | None = None
        self._real: Path | None = None  # the file read, through any links (saves go there)
        self.pending: MergeResult | None = None
        self.missing = False
        self.journal = journal or RecoveryJournal()
        self._modified = False
        self._theirs_bytes: bytes | None = None  # the file as it was when a conflict was found
        self._undo: tuple[Path, ArticleDocument, dict | None, str] | None = None
        self._rename_to = ""
        self._url_followed = False
        self.watch = FileWatch(self)
        self.watch.changed.connect(self.check_disk)
        self._missing_timer = QTimer(self)
        self._missing_timer.setSingleShot(True)
        self._missing_timer.setInterval(MISSING_GRACE_MS)
        self._missing_timer.timeout.connect(self._confirm_missing)
        self.invalid: dict[str, str] = {}  # key -> why the form's text for it is not valid
        self.raw_held = False  # the writer is fixing a broken file's raw text here
        self._failed_stat: tuple[int, int, int] | None = None  # a file that failed to open
        self._journal_timer = QTimer(self)
        self._journal_timer.setSingleShot(True)
        self._journal_timer.setInterval(JOURNAL_DELAY_MS)
        self._journal_timer.timeout.connect(self.write_journal)

    @property
    def modified(self) -> bool:
        return self._modified

    def _set_modified(self, value: bool) -> None:
        value = value or bool(self.invalid)  # an edit that is not valid yet is still unsaved
        if value != self._modified:
            self._modified = value
            self.modifiedChanged.emit(value)
        if value:
            self._journal_timer.start()
        elif self.path is not None:
            self._journal_timer.stop()
            self.journal.discard(self.path)

    # -- open / close ------------------------------------------------------------------------
    def open(self, path: Path) -> bool:
        """Load a file; on a parse error emit documentFailed and stay read-only."""
        self.invalid.clear()
        self._unwatch()
        self.path, self.pending, self.missing = Path(path), None, False
        self._journal_timer.stop()
        if self._modified:  # opening is not saving: a journal of this file stays for recovery
            self._modified = False
            self.modifiedChanged.emit(False)
        self._undo = None
        self.raw_held = False
        self._failed_stat = None
        self._update_rename()
        try:
            size = self.path.stat().st_size if self.path.is_file() else 0
            if size > LARGE_FILE_BYTES:
                raise FileTooLargeError(
                    f"the file is {size / 1e6:.1f} MB, too large to edit here (the limit is "
                    f"{LARGE_FILE_BYTES / 1e6:.0f} MB), so only its beginning is shown",
                    path=self.path,
                )
            self.document = ArticleDocument.load(self.path)
        except ArticleError as exc:
            self.document, self.read_only, self.stamp = None, True, None
            self._real = Path(os.path.realpath(self.path))
            with contextlib.suppress(OSError):  # what "Fix in raw text" was shown
                found = read_stamped(self._real)
                self.stamp = found[1] if found is not None else None
            raw = read_head(self._real, RAW_HEAD).decode("utf-8", errors="replace")
            log.warning("opened read-only %s: %s", self.path, exc.message)
            self._failed_stat = stat_of(self.path)
            self._watch()  # fixed by another program: opened again (see check_disk)
            self.documentFailed.emit(exc, raw)
            return False
        self.read_only = False
        # exactly the bytes just loaded, and which file they came from
        self.stamp = self.document.stamp or stamp_bytes(self.document.to_bytes())
        self._real = self.document.real_path
        self._watch()
        log.info("opened %s", self.path)
        self.documentLoaded.emit(self.document)
        if is_read_only(self.path):
            self.protectionChanged.emit(
                "This file is read-only (its permissions forbid writing): you can read and "
                "edit it here, but saving it is refused.")
        elif other_names(self.path):
            self.protectionChanged.emit(
                "This file's text is also kept under another file name (a hard link), and "
                "saving would give the two names different texts, so saving it is refused. "
                "To edit it, make it a file of its own: copy it, delete the original and give "
                "the copy its name.")
        return True

    def close(self) -> None:
        self._unwatch()
        self._undo = None
        if self.path is not None and self._modified:
            self.journal.discard(self.path)  # closing without saving is discarding
        self.document, self.path, self.read_only, self.pending = None, None, False, None
        self.invalid.clear()
        self.raw_held, self._failed_stat = False, None
        self._set_modified(False)

    def _watch(self) -> None:
        if self.path is not None:
            self.watch.watch(self.path)

    def _unwatch(self) -> None:
        self._missing_timer.stop()
        self.watch.unwatch()

    # -- edits -------------------------------------------------------------------------------
    @Slot(str, object)
    def set_field(self, key: str, value: Any) -> None:
        if self.document is None or self.read_only:
            return
        if key == "body":
            self.document.set_body(value)
        else:
            self.document.set_field(key, value)
        self._set_modified(self.document.modified or self.missing)
        self._edited()

    @Slot(str)
    def restore_field(self, key: str) -> None:
        """The writer put a field back as the file has it: the file's value (or absence)."""
        if self.document is None or self.read_only:
            return
        if key == "body":
            self.document.set_body(self.document.body_original)
        else:
            self.document.restore_field(key)
        self._set_modified(self.document.modified or self.missing)

    @Slot(str, str)
    def set_validity(self, key: str, message: str) -> None:
        """A field's text is not valid (``message`` says why) or valid again (empty)."""
        if message:
            self.invalid[key] = message
        else:
            self.invalid.pop(key, None)
        if self.document is not None:
            self._set_modified(self.document.modified or self.missing)

    @Slot(str)
    def remove_field(self, key: str) -> None:
        if self.document is None or self.read_only:
            return
        if self.document.has(key):
            self.document.unset(key)
        self._set_modified(self.document.modified or self.missing)
        self._edited()

    def _edited(self) -> None:
        if self._undo is not None and self.document is not None and self.document.modified:
            # new edits: the reverted ones are not brought back over them
            self._undo = None
            self.reverted.emit(False)
        self._update_rename()

    def rename_target(self) -> Path | None:
        if self.document is None or self.path is None:
            return None
        return rename_target(self.document, self.path)

    def _update_rename(self) -> None:
        target = self.rename_target()
        name = target.name if target is not None else ""
        if name != self._rename_to:
            self._rename_to = name
            self.renamePending.emit(name)

    def restore_text(self, text: str) -> None:
        """Take recovered edits (a journaled full text) as unsaved edits of the open file."""
        if self.document is None:
            return
        recovered = ArticleDocument(text, path=self.path)
        self.document.replace_data(recovered.data)
        self.document.set_body(recovered.body)
        self._set_modified(self.document.modified)
        self.documentLoaded.emit(self.document)

    @Slot()
    def write_journal(self) -> None:
        if self.document is None or self.path is None or not self._modified:
            return
        try:
            text = self.document.render()
        except ArticleError as exc:
            log.warning("recovery journal not written: %s", exc)
            return
        base = self.stamp.sha256 if self.stamp else ""
        try:
            self.journal.record(self.path, text, base)
        except (OSError, SaveError) as exc:
            log.warning("recovery journal not written: %s", exc)

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.document is None or self.path is None or self.read_only:
            return False
        if self.invalid:
            self.saveFailed.emit(ArticleError("; ".join(self.invalid.values()), path=self.path))
            return False
        with contextlib.ExitStack() as locked:
            try:  # other article-editor writers wait; other programs are caught by the stamp
                locked.enter_context(file_lock(self.path, SAVE_LOCK_SECONDS))
            except SaveError as exc:
                self.saveFailed.emit(exc)
                return False
            return self._save_locked()

    def _real_path(self) -> Path:
        assert self.path is not None
        return self._real if self._real is not None else Path(os.path.realpath(self.path))

    def _save_locked(self) -> bool:
        """Merge what changed on disk, then write the file read, only while it still is the
        file merged with; when another program wrote it meanwhile, merge and try once more."""
        assert self.document is not None and self.path is not None
        for again in (False, True):
            self.check_disk()
            if self.pending is not None:
                log.warning("not saved %s: changed on disk in the fields edited", self.path)
                self.saveFailed.emit(ArticleError("the file changed on disk in the same fields "
                                                  "you edited; choose Keep mine or Take "
                                                  "theirs first", path=self.path))
                return False
            if not self.document.modified and not self.missing:
                return True
            target = self.rename_target()
            if target is not None and not self._prepare_rename(target):
                return False
            try:
                data = self.document.to_bytes()
                result = atomic_write(self._real_path(), data,
                                      expect=None if self.missing else self.stamp)
                self.document = ArticleDocument.from_bytes(data, self.path)
            except StaleFileError as exc:
                log.info("changed on disk while saving %s", self.path)
                if not again:
                    continue
                self.saveFailed.emit(exc)
                return False
            except ArticleError as exc:
                # an expected refusal (read-only, disk full) needs no traceback; others do
                log.warning("save failed %s: %s", self.path, exc.message,
                            exc_info=not isinstance(exc, SaveError))
                self.saveFailed.emit(exc)
                return False
            break
        self.stamp = result.stamp  # what we wrote; a later write by others must differ
        self.missing = False
        self._unwatch()
        self._watch()
        self._set_modified(False)
        self.journal.discard(self.path)
        log.info("saved %s (%d bytes)", self.path, len(data))
        if target is not None:
            self._rename(target)
        self.saved.emit(str(self.path))
        if result.warnings:
            log.warning("saved %s, but %s", self.path, "; ".join(result.warnings))
            self.noteChanged.emit("Saved, but " + "; ".join(result.warnings) + ".")
        return True

    def _prepare_rename(self, target: Path) -> bool:
        """Refuse a taken name before anything is written; carry the url along when its last
        part was the old file name (as the site's rules derive both from the question)."""
        if (os.path.lexists(target) and self.path is not None
                and not (target.exists() and os.path.samefile(target, self.path))):
            self.saveFailed.emit(SaveError(
                f"another file in this folder is already named “{target.name}”, so this "
                "article cannot take that file name; nothing was written. Choose another file "
                "name", path=self.path))
            return False
        doc = self.document
        url = renamed_url(doc.get("url"), self.path, target) if doc and doc.has("url") else None
        if doc is not None and url is not None:
            doc.set("url", url)
            self._url_followed = True
        return True

    def _rename(self, target: Path) -> None:
        """Give the saved file its new name, never replacing another file."""
        old = self.path
        if old is None or self.document is None:
            return
        try:
            rename_noreplace(old, target)
        except SaveError as exc:
            self.renameFailed.emit(f"Saved, but the file keeps its old name “{old.name}”: "
                                   f"{exc.message}.")
            self._update_rename()
            return
        self.path = self.document.path = target
        self._real = Path(os.path.realpath(target))
        self.journal.discard(old)
        self._watch()
        self.pathChanged.emit(str(old), str(target))
        self._update_rename()
        if self._url_followed:
            self._url_followed = False
            self.documentReloaded.emit(self.document)  # the form shows the url that followed

    def save_raw(self, text: str) -> bool:
        """"Fix in raw text": write a file that failed to parse, only once ``text`` parses."""
        if self.path is None or self.document is not None:
            return False
        try:
            fixed = ArticleDocument(text, path=self.path)
            with file_lock(self.path, SAVE_LOCK_SECONDS):
                atomic_write(self._real_path(), fixed.to_bytes(), expect=self.stamp)
        except ArticleError as exc:
            log.warning("raw text not saved %s: %s", self.path, exc.message)
            self.saveFailed.emit(exc.with_path(self.path))
            return False
        self.journal.discard(self.path)
        ok = self.open(self.path)
        if ok:
            self.saved.emit(str(self.path))
        return ok

    @Slot()
    def revert(self) -> None:
        """Throw the unsaved edits away and reload the file; ``undo_revert`` brings them back."""
        if self.path is None:
            return
        undo = None
        if self.document is not None and self._modified:
            doc = self.document
            base = ArticleDocument(doc.text, bom=doc.layout.bom, path=self.path)
            undo = (self.path, base, copy.deepcopy(doc.data), doc.body)
        self.journal.discard(self.path)
        self.open(self.path)
        if undo is not None and self.document is not None:
            self._undo = undo
            self.reverted.emit(True)

    @property
    def can_undo_revert(self) -> bool:
        return self._undo is not None and self._undo[0] == self.path

    @Slot()
    def undo_revert(self) -> None:
        """The reverted edits, back as unsaved edits (merged if the file changed since)."""
        if not self.can_undo_revert or self.document is None or self._undo is None:
            return
        _path, base, data, body = self._undo
        self._undo = None
        self.reverted.emit(False)
        now = self.document  # the file as reverted to, or as it is on disk since
        base.replace_data(data)
        base.set_body(body)
        self.document = base
        if now.text == base.text:
            self._set_modified(base.modified or self.missing)
            self.documentLoaded.emit(base)
        else:
            self._merge(now)

    # -- changes on disk ---------------------------------------------------------------------
