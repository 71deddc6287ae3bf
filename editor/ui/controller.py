"""The document lifecycle: open, edit, save, revert, changes on disk, the recovery journal.

The window and panes only listen. Saves go through the splice writer and an atomic write;
before each save (and when the file watcher or the window's focus says so) the file on disk is
compared with the version we loaded, and changes made elsewhere are reloaded or merged.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from editor.core.document import ArticleDocument
from editor.core.errors import ArticleError, SaveError
from editor.core.recovery import RecoveryJournal
from editor.core.safe_io import atomic_write
from editor.core.sync import DiskStamp, MergeResult, read_stamped, stamp_bytes, three_way

log = logging.getLogger(__name__)
JOURNAL_DELAY_MS = 2_000
#: Bigger files open read-only, showing their first RAW_HEAD bytes, so the window stays quick.
LARGE_FILE_BYTES = 5_000_000
RAW_HEAD = 1_000_000


class DocumentController(QObject):
    """Owns the open article. Edits arrive as (key, decoded value); saves splice bytes."""

    documentLoaded = Signal(object)  # ArticleDocument
    documentFailed = Signal(object, str)  # ArticleError, raw text
    documentReloaded = Signal(object)  # ArticleDocument re-read from disk, no local edits
    modifiedChanged = Signal(bool)
    saved = Signal(str)  # path
    saveFailed = Signal(object)  # ArticleError
    mergedFromDisk = Signal(object)  # MergeResult without conflicts
    conflictFound = Signal(object)  # MergeResult with conflicts, awaiting a choice
    fileMissing = Signal(str)  # path deleted or renamed on disk

    def __init__(self, parent: QObject | None = None,
                 journal: RecoveryJournal | None = None) -> None:
        super().__init__(parent)
        self.document: ArticleDocument | None = None
        self.path: Path | None = None
        self.read_only = False
        self.stamp: DiskStamp | None = None
        self.pending: MergeResult | None = None
        self.missing = False
        self.journal = journal or RecoveryJournal()
        self._modified = False
        self.invalid: dict[str, str] = {}  # key -> why the form's text for it is not valid
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
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
        try:
            size = self.path.stat().st_size if self.path.is_file() else 0
            if size > LARGE_FILE_BYTES:
                raise ArticleError(
                    f"the file is {size / 1e6:.1f} MB, too large to edit here (the limit is "
                    f"{LARGE_FILE_BYTES / 1e6:.0f} MB); its first MB is shown, read-only",
                    path=self.path,
                )
            self.document = ArticleDocument.load(self.path)
        except ArticleError as exc:
            self.document, self.read_only, self.stamp = None, True, None
            try:
                with self.path.open("rb") as handle:
                    raw = handle.read(RAW_HEAD).decode("utf-8", errors="replace")
            except OSError:
                raw = ""
            self.documentFailed.emit(exc, raw)
            return False
        self.read_only = False
        self.stamp = stamp_bytes(self.document.to_bytes())  # exactly the bytes just loaded
        self._watch()
        self.documentLoaded.emit(self.document)
        return True

    def close(self) -> None:
        self._unwatch()
        if self.path is not None and self._modified:
            self.journal.discard(self.path)  # closing without saving is discarding
        self.document, self.path, self.read_only, self.pending = None, None, False, None
        self.invalid.clear()
        self._set_modified(False)

    def _watch(self) -> None:
        if self.path is not None and self.path.exists():
            self.watcher.addPath(str(self.path))

    def _unwatch(self) -> None:
        files = self.watcher.files()
        if files:
            self.watcher.removePaths(files)

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
        self.check_disk()
        if self.pending is not None:
            self.saveFailed.emit(ArticleError("the file changed on disk in the same fields you "
                                              "edited; choose Keep mine or Take theirs first",
                                              path=self.path))
            return False
        if not self.document.modified and not self.missing:
            return True
        try:
            data = self.document.to_bytes()
            atomic_write(self.path, data)
            self.document = ArticleDocument.from_bytes(data, self.path)
        except ArticleError as exc:
            log.warning("save failed: %s", exc)
            self.saveFailed.emit(exc)
            return False
        self.stamp = stamp_bytes(data)  # what we wrote; a later write by others must differ
        self.missing = False
        self._unwatch()
        self._watch()
        self._set_modified(False)
        self.journal.discard(self.path)
        self.saved.emit(str(self.path))
        return True

    def save_raw(self, text: str) -> bool:
        """"Fix in raw text": write a file that failed to parse, only once ``text`` parses."""
        if self.path is None or self.document is not None:
            return False
        try:
            fixed = ArticleDocument(text, path=self.path)
            atomic_write(self.path, fixed.to_bytes())
        except ArticleError as exc:
            self.saveFailed.emit(exc.with_path(self.path))
            return False
        self.journal.discard(self.path)
        ok = self.open(self.path)
        if ok:
            self.saved.emit(str(self.path))
        return ok

    @Slot()
    def revert(self) -> None:
        if self.path is not None:
            self.journal.discard(self.path)
            self.open(self.path)

    # -- changes on disk ---------------------------------------------------------------------
    @Slot(str)
    def _on_file_changed(self, _path: str) -> None:
        self.check_disk()

    def check_disk(self) -> None:
        """Compare the file with the version we hold; reload, merge or report."""
        if self.document is None or self.path is None or self.pending is not None:
            return
        found = read_stamped(self.path)
        if found is None:
            if not self.missing:
                self.missing = True
                self._set_modified(True)
                self.fileMissing.emit(str(self.path))
            return
        data, stamp = found
        self._unwatch()
        self._watch()  # editors that replace the file end the old watch
        if self.stamp is not None and stamp.sha256 == self.stamp.sha256:
            self.stamp = stamp
            return
        try:
            theirs = ArticleDocument.from_bytes(data, self.path)
        except ArticleError as exc:
            self.stamp = stamp  # keep our edits; the broken file is not merged
            self.saveFailed.emit(exc)
            return
        self.missing = False
        self.stamp = stamp
        if not self._modified:
            self.document = theirs
            self.documentReloaded.emit(theirs)
            return
        base = ArticleDocument(self.document.text, path=self.path)
        result = three_way(base, self.document, theirs)
        if result.conflicts:
            self.pending = result
            self.conflictFound.emit(result)
            return
        self._adopt(result)
        self.mergedFromDisk.emit(result)

    @Slot()
    def keep_mine(self) -> None:
        self.resolve(keep_mine=True)

    @Slot()
    def take_theirs(self) -> None:
        self.resolve(keep_mine=False)

    def resolve(self, keep_mine: bool) -> None:
        """Settle the pending conflicts: our values (True) or the file's (False)."""
        if self.pending is None:
            return
        result, self.pending = self.pending, None
        result.keep_mine() if keep_mine else result.take_theirs()
        self._adopt(result)
        self.mergedFromDisk.emit(result)

    def _adopt(self, result: MergeResult) -> None:
        self.document = result.document
        self._set_modified(self.document.modified)
        self.documentLoaded.emit(self.document)
