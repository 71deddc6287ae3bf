"""Typed errors raised by the core. The UI and CLI decide how to show them."""

from __future__ import annotations

import re
from pathlib import Path

#: Characters a terminal may act on instead of showing: control characters but tab and
#: newline, DEL, the C1 controls, line/paragraph separators, bidirectional overrides, BOM.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ufeff]")


def _escaped(match: re.Match[str]) -> str:
    c = match.group()
    if c == "\r":
        return "\\r"
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def printable(text: str, *, newlines: bool = True) -> str:
    """``text`` safe to print to a terminal: every character it could act on (escape
    sequences, carriage return, bidirectional overrides...) written as a backslash escape
    (``\\x1b``, ``\\r``, ``\\u202e``); tabs and, with ``newlines``, newlines kept."""
    text = _UNSAFE.sub(_escaped, text)
    return text if newlines else text.replace("\n", "\\n")


def printable_json(text: str) -> str:
    """JSON text (from ``json.dumps``) with the characters ``printable`` escapes, and JSON
    leaves as they are, written as ``\\u`` escapes: the same data, safe on a terminal."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class ArticleError(Exception):
    """Base class for every error the core raises on purpose."""

    #: Whether a file failing with this error can be fixed in its raw text in the window.
    fixable: bool = True

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
        """``file:line:column`` (the file's own line), as much of it as is known: an error
        about text that is no file yet says ``line 3, column 5``, or nothing."""
        if self.path is None:
            where = [f"line {self.line}"] if self.line is not None else []
            if where and self.column is not None:
                where.append(f"column {self.column}")
            return ", ".join(where)
        parts = [str(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class ParseError(ArticleError):
    """The file could not be read as front matter + body (line/column are 1-based)."""


class ValueParseError(ParseError):
    """A value YAML reads but cannot build: the date 2024-02-30, ``!!bool maybe``."""


class NotUtf8Error(ParseError):
    """The file's bytes are not UTF-8 text."""

    fixable = False


class FileTooLargeError(ParseError):
    """Larger than an article can be (``stamps.MAX_FILE_BYTES``): only its beginning is
    shown, and it is never written back from here."""

    fixable = False


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


class SiteConfigError(ArticleError):
    """The site's CloudCannon configuration (or a Bookshop component) cannot be read."""


class UnsupportedConfigError(SiteConfigError):
    """A configuration the editor recognises but cannot read (a JavaScript one)."""
