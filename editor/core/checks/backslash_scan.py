"""The stored answers of a folder, read for the answer-backslash-n check.

Each article's file is read once, its answer taken from the site's one-line layout (or the
full parse for any other), given a quick look (``may_have_hazards``) and, only when that
finds something that could matter, read by ``backslashes.stored_hazards``. Findings are kept
by file size and mtime, so the window's re-checks after changes on disk read only the files
that changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from editor.core.checks.backslashes import TEX_COMMANDS, Hazard, stored_hazards
from editor.core.index.entry import read_listed

#: What a stored answer needs for ``break_hazards`` to find anything: a backtick, a TeX
#: command beginning with n (with a dollar somewhere), or a path before a backslash-n.
_TEX_STORED = re.compile(r"\\(?:" + "|".join(sorted(TEX_COMMANDS, key=len, reverse=True))
                         + r")(?![A-Za-z])")
_PATH_STORED = re.compile(r"\\(?:\\|[A-Za-mo-z0-9_])[^\s\\]*\\n[a-z0-9_$%~.-]")
_ANSWER_KEY = b"\nanswer: >-\n"


def may_have_hazards(stored: str) -> bool:
    """False when ``stored_hazards`` surely finds nothing (a quick look, for the folder)."""
    if "`" in stored:
        return True
    if "$" in stored and _TEX_STORED.search(stored):
        return True
    at = stored.find(":\\n")
    while at > 0:  # a drive letter: "C:\\new"
        if stored[at - 1].isalpha() and not stored[at - 2:at - 1].isalnum():
            return True
        at = stored.find(":\\n", at + 3)
    return (stored.count("\\") != stored.count("\\n")  # a backslash before something else
            and _PATH_STORED.search(stored) is not None)


def stored_answer(raw: bytes) -> str | None:
    """The stored answer of a file's bytes (None when it has no readable answer)."""
    at = raw.find(_ANSWER_KEY)
    if at >= 0:  # the site's layout: the value on one indented line
        start = at + len(_ANSWER_KEY)
        end = raw.find(b"\n", start)
        end = len(raw) if end < 0 else end
        line = raw[start:end].rstrip(b"\r")
        following = raw[end + 1:end + 2]
        if line.startswith(b"  ") and following not in (b" ", b"\t"):
            try:
                return line.decode("utf-8").strip(" \t")
            except UnicodeDecodeError:
                return None
    if b"answer:" not in raw:
        return None
    from editor.core.document.article import ArticleDocument  # another layout: the full parse
    from editor.core.errors import ArticleError

    try:
        answer = ArticleDocument.from_bytes(raw).get("answer")
    except (ArticleError, KeyError, TypeError, ValueError):
        return None
    return answer if isinstance(answer, str) else None


#: The last folder's findings by file, with the size and mtime they were read at: the
#: window checks the folder again after every change on disk, and reads only what changed.
_SEEN: dict[str, tuple[int, int, list[Hazard]]] = {}
_SEEN_ROOT: list[Path] = []


def forget() -> None:
    """Drop the remembered findings (the next folder check reads every answer)."""
    _SEEN.clear()
    _SEEN_ROOT.clear()


def folder_hazards(root: Path, files: Iterable[tuple[str, int, int]],
                   on_read: Callable[[str, bytes], None] | None = None,
                   held: dict[str, bytes] | None = None
                   ) -> Iterator[tuple[str, list[Hazard]]]:
    """Each file whose stored answer has findings, with them. ``files`` are (path relative
    to root, size, mtime_ns) as the index has them; a file whose size and mtime are those of
    the last check is not read again. ``on_read`` is handed each file's bytes as they are
    read (before its findings are yielded), so a caller needs no second reading. ``held``:
    bytes the caller already holds, by relative path (a file it just wrote), used instead
    of reading those files."""
    if [root] != _SEEN_ROOT:
        forget()
        _SEEN_ROOT.append(root)
    for rel, size, mtime_ns in files:
        seen = _SEEN.get(rel)
        if seen is not None and seen[0] == size and seen[1] == mtime_ns:
            found = seen[2]
        else:
            raw = held.get(rel) if held else None
            if raw is None:
                try:  # the index's own reading: regular files under the one size cap
                    raw = read_listed(str(root / rel), size, mtime_ns)[0]
                except OSError:
                    continue
            if on_read is not None:
                on_read(rel, raw)
            answer = stored_answer(raw)
            found = stored_hazards(answer) if answer and may_have_hazards(answer) else []
            _SEEN[rel] = (size, mtime_ns, found)
        if found:
            yield rel, found
