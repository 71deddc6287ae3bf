"""The document lifecycle: open, edit, save, revert, changes on disk, the recovery journal.

The window and panes only listen. Saves go through the splice writer and an atomic write;
before each save (and when the file watcher or the window's focus says so) the file on disk is
compared with the version we loaded, and changes made elsewhere are reloaded or merged.
The file and its folder are watched (disk_watch.FileWatch), so a file that git or another
editor replaces is still seen; a file gone only for a moment (a checkout) is not "missing",
and a file renamed by someone else is followed when the folder's index finds its id again.
Saving a changed ``file_name`` renames the file; a revert can be undone.

The parts: changes on disk in ``document_disk`` (DiskFollowing), saves and the raw text of a
file being fixed in ``document_save`` (Saving); which article is open in ``open_article``.
"""

from __future__ import annotations

import copy
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from editor.core.document.article import ArticleDocument, read_file
from editor.core.document.merge import DiskStamp, MergeResult, rename_target
from editor.core.errors import ArticleError, FileTooLargeError, SaveError
from editor.core.site import arrays
from editor.core.storage.recovery import RecoveryJournal
from editor.core.storage.safe_io import is_read_only, other_names
from editor.core.storage.stamps import MAX_FILE_BYTES, read_head
from editor.ui.controllers.disk_watch import FileWatch
from editor.ui.controllers.document_disk import DiskFollowing, stat_of
from editor.ui.controllers.document_save import Saving
from editor.ui.controllers.open_article import OpenArticle

log = logging.getLogger(__name__)
JOURNAL_DELAY_MS = 2_000
#: Bigger files open read-only, showing their first RAW_HEAD bytes, so the window stays quick.
LARGE_FILE_BYTES = MAX_FILE_BYTES
RAW_HEAD = 256_000
#: A file gone for less than this (git unlinks, then writes the new version) is not missing.
MISSING_GRACE_MS = 500


class DocumentController(QObject, DiskFollowing, Saving):
    """Owns the open article (``article``, the one record of which it is). Edits arrive as
    (key, decoded value); saves splice bytes."""

    #: ArticleDocument: an article was opened and parsed, or its whole content was replaced
    #: here (edits restored from the journal, Undo Revert, a merge adopted, a conflict
    #: settled). Every pane shows it afresh.
    documentLoaded = Signal(object)
    #: ArticleError, raw text: the file just opened cannot be edited as an article (parse
    #: error, not UTF-8, too large, unreadable), emitted by open instead of documentLoaded
    #: (also when a file that failed is opened again after it changed on disk). Its raw
    #: text is shown; ``read_only`` is set.
    documentFailed = Signal(object, str)
    #: ArticleDocument: the file changed on disk while we had no edits and was read again
    #: (or a save that renamed the file changed its url); panes keep cursor and scroll.
    documentReloaded = Signal(object)
    #: bool: the open article gained its first unsaved edit, or has none any more (saved,
    #: reverted, another article opened).
    modifiedChanged = Signal(bool)
    #: path, (bytes, DiskStamp) written: the open article (or a fixed raw text) was written
    #: to disk, after any rename; listeners take the bytes rather than read the file again.
    saved = Signal(str, object)
    #: ArticleError: a save was refused or failed, the file on disk as it was; or a look at
    #: the disk found the file changed into one that does not parse (our edits stay).
    saveFailed = Signal(object)
    #: MergeResult without conflicts: a look at the disk (the file watcher, the window's
    #: focus, a save) found edits made elsewhere and merged them into our unsaved ones, or
    #: a conflict was settled (keep_mine, take_theirs); nothing is saved yet.
    mergedFromDisk = Signal(object)
    #: MergeResult with conflicts: a look at the disk found the file changed where we
    #: changed it too; saves wait for keep_mine, take_theirs or resolve.
    conflictFound = Signal(object)
    #: path: the open file was deleted or renamed away on disk (confirmed after a moment).
    fileMissing = Signal(str)
    #: A file reported missing (fileMissing) is back where it was, seen by a look at the
    #: disk (the file watcher, the window's focus, a save).
    fileReturned = Signal()
    #: old, new path: the open article's file has a new name, from a save that followed its
    #: subject or question, or found after someone else renamed it.
    pathChanged = Signal(str, str)
    #: new path, whether unsaved edits were kept: someone else renamed the open file, and
    #: it was followed (after pathChanged, once any changes in the renamed file are merged).
    renamedOnDisk = Signal(str, bool)
    #: The file name the next save will give the file (its question or subject changed);
    #: "" when the name stays. Emitted only when that name changes: on an edit, an open, a
    #: rename.
    renamePending = Signal(str)
    #: Why a save succeeded but the rename that should follow it did not (emitted right
    #: after the save, before saved).
    renameFailed = Signal(str)
    #: bool: Revert threw edits away (True: Undo Revert can bring them back), or Undo Revert
    #: is no longer on offer (False: new edits were made, it was used, another file opened).
    reverted = Signal(bool)
    #: A remark on the open file for the status bar, emitted after a save that could not
    #: keep everything (the file's owner, an extended attribute).
    noteChanged = Signal(str)
    #: Why saving the file just opened will be refused (read-only, hard links); said right
    #: after documentLoaded.
    protectionChanged = Signal(str)

    def __init__(self, parent: QObject | None = None,
                 journal: RecoveryJournal | None = None) -> None:
        super().__init__(parent)
        self.document: ArticleDocument | None = None
        self.article: OpenArticle | None = None  # which article is open: the one record
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
        self._failed_stat: tuple[int, int, int] | None = None  # a file that failed to open
        self._journal_timer = QTimer(self)
        self._journal_timer.setSingleShot(True)
        self._journal_timer.setInterval(JOURNAL_DELAY_MS)
        self._journal_timer.timeout.connect(self.write_journal)

    @property
    def modified(self) -> bool:
        return self._modified

    @property
    def path(self) -> Path | None:
        """The open article's file (the record's path), None when none is open."""
        return self.article.path if self.article is not None else None

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
    def open(self, path: Path | str, folder: Path | None = None) -> bool:
        """Open the article at ``path`` (in the open ``folder``, which names it relative to
        that folder); on a parse error emit documentFailed and stay read-only."""
        self.article = OpenArticle.at(path, folder)
        return self.reopen()

    def reopen(self) -> bool:
        """Load the open article's file (again): the one reading and parsing of an open."""
        if self.article is None:
            return False
        self.invalid.clear()
        self._unwatch()
        self.pending, self.missing = None, False
        path = self.article.path
        self._journal_timer.stop()
        if self._modified:  # opening is not saving: a journal of this file stays for recovery
            self._modified = False
            self.modifiedChanged.emit(False)
        self._undo = None
        self._stop_fixing()
        self._failed_stat = None
        self._update_rename()
        held: tuple[bytes, DiskStamp] | None = None  # the file's bytes, once read
        try:
            size = path.stat().st_size if path.is_file() else 0
            if size > LARGE_FILE_BYTES:
                raise FileTooLargeError(
                    f"the file is {size / 1e6:.1f} MB, too large to edit here (the limit is "
                    f"{LARGE_FILE_BYTES / 1e6:.0f} MB), so only its beginning is shown",
                    path=path,
                )
            real, data, stamp = read_file(path)
            held = data, stamp
            self.document = ArticleDocument.loaded(path, real, data, stamp)
        except ArticleError as exc:
            self._failed(exc, held)
            return False
        self.read_only = False
        self.stamp, self._real = stamp, real  # exactly the bytes just loaded, and their file
        self._watch()
        log.info("opened %s", path)
        self.documentLoaded.emit(self.document)
        if is_read_only(path):
            self.protectionChanged.emit(
                "This file is read-only (its permissions forbid writing): you can read and "
                "edit it here, but saving it is refused.")
        elif other_names(path):
            self.protectionChanged.emit(
                "This file's text is also kept under another file name (a hard link), and "
                "saving would give the two names different texts, so saving it is refused. "
                "To edit it, make it a file of its own: copy it, delete the original and give "
                "the copy its name.")
        return True

    def _failed(self, exc: ArticleError, held: tuple[bytes, DiskStamp] | None) -> None:
        """The file just read cannot be edited: show its raw text (from the bytes read, if
        it could be read), read-only; "Fix in raw text" saves only over that version."""
        assert self.path is not None
        self.document, self.read_only = None, True
        self._real = Path(os.path.realpath(self.path))
        self.stamp = held[1] if held is not None else None
        head = held[0][:RAW_HEAD] if held is not None else read_head(self._real, RAW_HEAD)
        log.warning("opened read-only %s: %s", self.path, exc.message)
        self._failed_stat = stat_of(self.path)
        self._watch()  # fixed by another program: opened again (see check_disk)
        self.documentFailed.emit(exc, head.decode("utf-8", errors="replace"))

    def close(self) -> None:
        self._unwatch()
        self._undo = None
        if self.path is not None and self._modified:
            self.journal.discard(self.path)  # closing without saving is discarding
        self.document, self.article, self.read_only, self.pending = None, None, False, None
        self.invalid.clear()
        self._stop_fixing()
        self._failed_stat = None
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

    @Slot(str, object, int, object)
    def edit_array(self, op: str, path: object, index: int, arg: object = None) -> None:
        """An item of an array of objects inserted (``arg``: a Structure or an object),
        removed, duplicated or moved (``arg``: -1 up, 1 down); saves touch its lines only."""
        if self.document is None or self.read_only:
            return
        key_path = tuple(path)  # type: ignore[call-overload]
        if op == "insert":
            arrays.insert_item(self.document, key_path, index, arg)  # type: ignore[arg-type]
        elif op == "remove":
            arrays.remove_item(self.document, key_path, index)
        elif op == "duplicate":
            arrays.duplicate_item(self.document, key_path, index)
        elif op == "move":
            arrays.move_item(self.document, key_path, index, int(arg))  # type: ignore[call-overload]
        else:
            raise ValueError(f"no array edit {op!r}")
        self._set_modified(self.document.modified or self.missing)
        self._edited()

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
        self.reopen()
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

