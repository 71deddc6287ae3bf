"""Split a file's bytes into front matter and body, remembering every byte around them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.errors import NotUtf8Error, ParseError, UnsupportedFrontMatterError

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_OPEN_RE = re.compile(r"---[ \t]*(\r\n|\n|$)")
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|$)", re.MULTILINE)


@dataclass(frozen=True)
class Layout:
    """Where the parts of a decoded file lie. Offsets index the text without its BOM.

    text[:fm_start]          opening delimiter line ("---\\n")
    text[fm_start:fm_end]    the YAML (empty when the file has no front matter)
    text[fm_end:body_start]  closing delimiter line ("---\\n")
    text[body_start:]        the body
    """

    bom: bool
    newline: str
    has_front_matter: bool
    fm_start: int
    fm_end: int
    body_start: int
    final_newline: bool

    @property
    def fm_first_line(self) -> int:
        """1-based file line of the first front-matter line."""
        return 2 if self.has_front_matter else 1


def decode(data: bytes) -> tuple[str, bool]:
    """Decode UTF-8 (with or without BOM); raise NotUtf8Error naming line and column."""
    if data.startswith(_UTF16_BOMS):
        raise NotUtf8Error("file is UTF-16 encoded; only UTF-8 is supported", line=1, column=1)
    bom = data.startswith(UTF8_BOM)
    raw = data[len(UTF8_BOM) :] if bom else data
    try:
        return raw.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise NotUtf8Error(
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", line=line, column=column
        ) from None


def detect_newline(text: str) -> str:
    first = text.find("\n")
    if first > 0 and text[first - 1] == "\r":
        return "\r\n"
    return "\n"


def split(text: str, bom: bool = False) -> Layout:
    """Find the front matter block of a decoded file."""
    newline = detect_newline(text)
    final_newline = text.endswith("\n")
    if text.startswith("+++"):
        raise UnsupportedFrontMatterError(
            "TOML front matter (+++) is not supported; only YAML (---)", line=1, column=1
        )
    if text.startswith("{"):
        raise UnsupportedFrontMatterError(
            "JSON front matter is not supported; only YAML (---)", line=1, column=1
        )
    opening = _OPEN_RE.match(text)
    if opening is None:
        return Layout(bom, newline, False, 0, 0, 0, final_newline)
    fm_start = opening.end()
    closing = _CLOSE_RE.search(text, fm_start) if fm_start < len(text) else None
    if closing is None:
        raise ParseError(
            "front matter opened with --- on line 1 is never closed by a --- line",
            line=1,
            column=1,
        )
    return Layout(bom, newline, True, fm_start, closing.start(), closing.end(), final_newline)
