"""Saving the open article: the splice writer's bytes, written atomically under the file's
lock, a rename that follows the question, and the raw text of a file that failed to parse
("Fix in raw text"). Part of the document controller (``document.py``)."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import SignalInstance, Slot

from editor.core.document.article import ArticleDocument
from editor.core.document.merge import DiskStamp, MergeResult, renamed_url
from editor.core.errors import ArticleError, SaveError, StaleFileError
from editor.core.storage.filelock import file_lock
from editor.core.storage.recovery import RecoveryJournal
from editor.core.storage.safe_io import WriteResult, atomic_write, rename_noreplace
from editor.ui.controllers.open_article import OpenArticle

log = logging.getLogger("editor.ui.controllers.document")
#: How long a save waits for another article-editor writing the same file.
SAVE_LOCK_SECONDS = 5.0
#: Writes tried per save: each one refused because another program wrote the file
#: meanwhile is followed by a merge of what it wrote and one more try.
SAVE_TRIES = 3


class Saving:
    """The document controller's saves (mixed into it)."""

    if TYPE_CHECKING:  # what DocumentController gives this part
        document: ArticleDocument | None
        article: OpenArticle | None
        read_only: bool
        stamp: DiskStamp | None
        pending: MergeResult | None
        missing: bool
        invalid: dict[str, str]
        journal: RecoveryJournal
        _modified: bool
        _real: Path | None
        _url_followed: bool
        saved: SignalInstance
        saveFailed: SignalInstance
        pathChanged: SignalInstance
        renameFailed: SignalInstance
        documentReloaded: SignalInstance
        noteChanged: SignalInstance

        @property
        def path(self) -> Path | None: ...
        def reopen(self) -> bool: ...
        def check_disk(self) -> None: ...
        def rename_target(self) -> Path | None: ...
        def _set_modified(self, value: bool) -> None: ...
        def _watch(self) -> None: ...
        def _unwatch(self) -> None: ...
        def _update_rename(self) -> None: ...

    _fixing = False  # "Fix in raw text" was chosen for the file that failed to open
    _raw_text = ""  # the raw text being fixed, as the raw view last handed it over
    _raw_modified = False  # and whether the writer changed it

    @property
    def fixing(self) -> bool:
        """The open file failed to parse and its raw text is being fixed here."""
        return self._fixing

    @property
    def unsaved(self) -> bool:
        """Edits that closing would lose: the article's, or a fixed raw text's."""
        return self._modified or (self._fixing and self._raw_modified)

    def _stop_fixing(self) -> None:
        self._fixing, self._raw_text, self._raw_modified = False, "", False

    @Slot()
    def start_fixing(self) -> None:
        """The writer chose "Fix in raw text": the next save writes the raw text (once it
        parses), and no reload from disk replaces it meanwhile."""
        if self.document is None and self.path is not None:
            self._fixing = True

    @Slot(str)
    def set_raw_text(self, text: str) -> None:
        """The raw text being fixed, whole (the raw view hands it over as it changes)."""
        if self._fixing:
            self._raw_text = text

    @Slot(bool)
    def set_raw_modified(self, modified: bool) -> None:
        if self._fixing:
            self._raw_modified = modified

    # -- saving ------------------------------------------------------------------------------
    @Slot()
    def save(self) -> bool:
        """Save what is open: the fixed raw text while fixing one, else the article's edits."""
        if self.document is None and self._fixing:
            return self._save_raw()
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
        """Write the file read, only while it still is that file (the write itself reads it
        to compare, the one reading of a save); when another program wrote it meanwhile,
        merge what it wrote and try again. A file gone missing, or a save with nothing of
        ours to write, looks at the disk first."""
        assert self.document is not None and self.path is not None
        if self.missing or not self.document.modified:
            self.check_disk()
        for attempt in range(SAVE_TRIES):
            if attempt:
                self.check_disk()  # merge what the other program wrote
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
                self.document = self.document.reparsed(data)
            except StaleFileError as exc:
                log.info("changed on disk while saving %s", self.path)
                if attempt + 1 < SAVE_TRIES:
                    continue
                self.saveFailed.emit(exc)
                return False
            except ArticleError as exc:
                # an expected refusal (read-only, disk full) needs no traceback; others do
                log.warning("save failed %s: %s", self.path, exc.message,
                            exc_info=not isinstance(exc, SaveError))
                if not self.path.exists():
                    self.check_disk()  # gone: reported missing if it stays gone
                self.saveFailed.emit(exc)
                return False
            break
        self._written(data, result, target)
        return True

    def _written(self, data: bytes, result: WriteResult, target: Path | None) -> None:
        assert self.path is not None
        self.stamp = result.stamp  # what we wrote; a later write by others must differ
        self.missing = False
        self._unwatch()
        self._watch()
        self._set_modified(False)
        self.journal.discard(self.path)
        log.info("saved %s (%d bytes)", self.path, len(data))
        if target is not None:
            self._rename(target)
        self.saved.emit(str(self.path), (data, result.stamp))
        if result.warnings:
            log.warning("saved %s, but %s", self.path, "; ".join(result.warnings))
            self.noteChanged.emit("Saved, but " + "; ".join(result.warnings) + ".")

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
        if old is None or self.document is None or self.article is None:
            return
        try:
            rename_noreplace(old, target)
        except SaveError as exc:
            self.renameFailed.emit(f"Saved, but the file keeps its old name “{old.name}”: "
                                   f"{exc.message}.")
            self._update_rename()
            return
        self.article = self.article.moved_to(target)
        self.document.path = target
        self._real = Path(os.path.realpath(target))
        self.journal.discard(old)
        self._watch()
        self.pathChanged.emit(str(old), str(target))
        self._update_rename()
        if self._url_followed:
            self._url_followed = False
            self.documentReloaded.emit(self.document)  # the form shows the url that followed

    def _save_raw(self) -> bool:
        """"Fix in raw text": write a file that failed to parse, only once its text parses."""
        if self.path is None or self.document is not None:
            return False
        try:
            fixed = ArticleDocument(self._raw_text, path=self.path)
            data = fixed.to_bytes()
            with file_lock(self.path, SAVE_LOCK_SECONDS):
                result = atomic_write(self._real_path(), data, expect=self.stamp)
        except ArticleError as exc:
            log.warning("raw text not saved %s: %s", self.path, exc.message)
            self.saveFailed.emit(exc.with_path(self.path))
            return False
        self.journal.discard(self.path)
        ok = self.reopen()
        if ok:
            self.saved.emit(str(self.path), (data, result.stamp))
        return ok
