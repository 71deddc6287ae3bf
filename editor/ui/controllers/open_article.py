"""OpenArticle: which article is open, made once when it opens and read by everyone.

The document controller holds the one record; the window, its views and the folder's panes
read it from there (``DocumentController.article``) instead of keeping paths of their own.
A rename (a save that follows the question, or someone else's) makes a new record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OpenArticle:
    """The open article's file (``path``, as opened), the folder it was opened in, and its
    path relative to that folder as the index and the tree name it (None outside one)."""

    path: Path
    folder: Path | None = None
    rel: str | None = None

    @classmethod
    def at(cls, path: Path | str, folder: Path | None = None) -> OpenArticle:
        path = Path(path)
        rel = None
        if folder is not None and path.is_relative_to(folder):
            rel = path.relative_to(folder).as_posix()
        return cls(path, folder, rel)

    def moved_to(self, path: Path | str) -> OpenArticle:
        """The same article under a new file name, in the same folder."""
        return OpenArticle.at(path, self.folder)
