"""The document lifecycle: open, edit, save, revert. The window and panes only listen."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from editor.core.document import ArticleDocument
from editor.core.errors import ArticleError
from editor.core.safe_io import atomic_write

log = logging.getLogger(__name__)


class DocumentController(QObject):
    """Owns the open article. Edits arrive as (key, decoded value); saves splice bytes."""

    documentLoaded = Signal(object)  # ArticleDocument
    documentFailed = Signal(object, str)  # ArticleError, raw text
    modifiedChanged = Signal(bool)
    saved = Signal(str)  # path
    saveFailed = Signal(object)  # ArticleError

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: ArticleDocument | None = None
        self.path: Path | None = None
        self.read_only = False
        self._modified = False

    @property
    def modified(self) -> bool:
        return self._modified

    def _set_modified(self, value: bool) -> None:
        if value != self._modified:
            self._modified = value
            self.modifiedChanged.emit(value)

    def open(self, path: Path) -> bool:
        """Load a file; on a parse error emit documentFailed and stay read-only."""
        self.path = Path(path)
        self._set_modified(False)
        try:
            self.document = ArticleDocument.load(self.path)
        except ArticleError as exc:
            self.document, self.read_only = None, True
            try:
                raw = self.path.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                raw = ""
            self.documentFailed.emit(exc, raw)
            return False
        self.read_only = False
        self.documentLoaded.emit(self.document)
        return True

    def close(self) -> None:
        self.document, self.path, self.read_only = None, None, False
        self._set_modified(False)

    @Slot(str, object)
    def set_field(self, key: str, value: Any) -> None:
        if self.document is None or self.read_only:
            return
        if key == "body":
            self.document.set_body(value)
        else:
            self.document.set_field(key, value)
        self._set_modified(self.document.modified)

    @Slot(str)
    def remove_field(self, key: str) -> None:
        if self.document is None or self.read_only:
            return
        if self.document.has(key):
            self.document.unset(key)
        self._set_modified(self.document.modified)

    def save(self) -> bool:
        if self.document is None or self.path is None or self.read_only:
            return False
        if not self.document.modified:
            return True
        try:
            data = self.document.to_bytes()
            atomic_write(self.path, data)
            self.document = ArticleDocument.from_bytes(data, self.path)
        except ArticleError as exc:
            log.warning("save failed: %s", exc)
            self.saveFailed.emit(exc)
            return False
        self._set_modified(False)
        self.saved.emit(str(self.path))
        return True

    def revert(self) -> None:
        if self.path is not None:
            self.open(self.path)
