"""Value codecs: how a field's stored text maps to what the writer edits.

The schema names a codec per field; the writer never special-cases a key.
"""

from __future__ import annotations

from typing import Any, Protocol


class Codec(Protocol):
    name: str

    def decode(self, stored: Any) -> Any: ...

    def encode(self, edited: Any) -> Any: ...


class PlainCodec:
    """Stored and edited values are the same."""

    name = "plain"

    def decode(self, stored: Any) -> Any:
        return stored

    def encode(self, edited: Any) -> Any:
        return edited


class BackslashNewlineCodec:
    """Markdown whose line breaks are stored as the two characters backslash and n.

    decode(encode(x)) == x for every text that does not itself contain a backslash followed
    by n; CRLF and CR typed by an editor are stored as one backslash-n.
    """

    name = "backslash-n"

    def decode(self, stored: Any) -> Any:
        if not isinstance(stored, str):
            return stored
        return stored.replace("\\n", "\n")

    def encode(self, edited: Any) -> Any:
        if not isinstance(edited, str):
            return edited
        text = edited.replace("\r\n", "\n").replace("\r", "\n")
        return text.replace("\n", "\\n")


def as_the_site_reads(edited: str) -> str:
    """The answer as the site shows it after a save: stored with its line breaks as
    backslash-n, then every backslash-n read back as a line break (so a ``\\n`` the writer
    typed in code or math is a line break there too)."""
    codec = BackslashNewlineCodec()
    return str(codec.decode(codec.encode(edited)))


CODECS: dict[str, Codec] = {c.name: c for c in (PlainCodec(), BackslashNewlineCodec())}


def get_codec(name: str | None) -> Codec:
    return CODECS[name or "plain"]
