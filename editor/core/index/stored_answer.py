"""The stored answer of a file in the site's layout, found without parsing it: the index
keeps the answer's backslash-n findings (``text.backslashes.answer_hazards``) beside its
fields, so the folder check never reads an answer again."""

from __future__ import annotations

_KEY = b"\nanswer: "


def site_answer(raw: bytes) -> str | None:
    """The stored answer of bytes ``sitescan`` matched: a ``>-`` value on the one indented line
    after the key, or a plain value on the key's own line (None when there is no answer)."""
    at = raw.find(_KEY)
    if at < 0:
        return None
    start = at + len(_KEY)
    if raw.startswith(b">-\n", start):
        start += 3
    end = raw.find(b"\n", start)
    line = raw[start:] if end < 0 else raw[start:end]
    try:
        return line.decode("utf-8").strip(" ")
    except UnicodeDecodeError:
        return None
