"""Typed errors raised by the core. The UI and CLI decide how to show them."""

from __future__ import annotations

from pathlib import Path


class ArticleError(Exception):
    """Base class for every error the core raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column

    def with_path(self, path: Path | str | None) -> ArticleError:
        if path is not None and self.path is None:
            self.path = Path(path)
        return self

    def location(self) -> str:
        parts = [str(self.path) if self.path else "<text>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


class ParseError(ArticleError):
    """The file could not be read as front matter + body (line/column are 1-based)."""


class NotUtf8Error(ParseError):
    """The file's bytes are not UTF-8 text."""


class UnsupportedFrontMatterError(ParseError):
    """TOML (+++) or JSON ({) front matter: recognised but not edited."""


class KeyNotFoundError(ArticleError, KeyError):
    """A dotted path names no value."""

    def __str__(self) -> str:  # KeyError would quote the message
        return ArticleError.__str__(self)


class EditError(ArticleError):
    """An edit that cannot be written without breaking the file (aliases, duplicates...)."""


class VerificationError(ArticleError):
    """The spliced text did not re-parse to exactly the intended data; nothing was written."""


class SaveError(ArticleError):
    """Writing to disk failed; the original file is intact."""


class StaleFileError(SaveError):
    """The file changed on disk since it was read; nothing was written."""
