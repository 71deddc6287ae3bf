"""Changes on disk: fingerprints of a file, and a three-way merge of edits per field.

Also: the name a saved article's file should take when its ``file_name`` was edited.

The merge compares the version the editor loaded (base), the user's edits (ours) and the file
now on disk (theirs) field by field, recursing into mappings (``seo.title``,
``related_article2.url``); other values and the body are fields as a whole. The result is
theirs with our non-conflicting edits applied through the splice writer, plus the fields both
sides changed differently, which the user must decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.document.article import ArticleDocument
from editor.core.document.paths import join
from editor.core.storage.stamps import DiskStamp as DiskStamp  # the fingerprints live in stamps
from editor.core.storage.stamps import read_stamped as read_stamped
from editor.core.storage.stamps import stamp_bytes as stamp_bytes
from editor.core.values import same

MISSING: Any = object()


@dataclass
class Conflict:
    key: str
    base: Any
    ours: Any
    theirs: Any


@dataclass
class MergeResult:
    document: ArticleDocument  # theirs, with our non-conflicting edits applied
    merged: list[str] = field(default_factory=list)  # our edits carried over
    taken: list[str] = field(default_factory=list)  # their edits now in the document
    conflicts: list[Conflict] = field(default_factory=list)

    def keep_mine(self) -> None:
        """Resolve every conflict with our value."""
        for conflict in self.conflicts:
            _apply(self.document, conflict.key, conflict.ours)
            self.merged.append(conflict.key)
        self.conflicts = []

    def take_theirs(self) -> None:
        self.taken += [c.key for c in self.conflicts]
        self.conflicts = []


def _get(data: Any, key: str) -> Any:
    return data.get(key, MISSING) if isinstance(data, dict) else MISSING


def _apply(doc: ArticleDocument, key: str, value: Any) -> None:
    if key == "body":
        doc.set_body(value)
    elif value is MISSING:
        doc.unset(key)
    else:
        doc.set(key, value)


def _eq(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return same(a, b)


def _walk(prefix: tuple[Any, ...], base: Any, ours: Any, theirs: Any, out: MergeResult) -> None:
    keys: list[str] = []
    for data in (base, ours, theirs):
        if isinstance(data, dict):
            keys += [k for k in data if k not in keys]
    for key in keys:
        b, o, t = _get(base, key), _get(ours, key), _get(theirs, key)
        if all(isinstance(v, dict) for v in (b, o, t)):
            _walk((*prefix, key), b, o, t, out)
        else:
            path = join((*prefix, key))
            _leaf("'body'" if path == "body" else path, b, o, t, out)  # a key, not the body


def _leaf(path: str, b: Any, o: Any, t: Any, out: MergeResult) -> None:
    if _eq(o, b):
        if not _eq(t, b):
            out.taken.append(path)
    elif _eq(t, b):
        _apply(out.document, path, o)
        out.merged.append(path)
    elif not _eq(o, t):
        out.conflicts.append(Conflict(path, b, o, t))


def three_way(base: ArticleDocument, ours: ArticleDocument, theirs: ArticleDocument) -> MergeResult:
    """Merge our edits (base -> ours) into the file as it is now (theirs)."""
    result = MergeResult(theirs)
    _walk((), base.data, ours.data, theirs.data, result)
    _leaf("body", base.body, ours.body, theirs.body, result)
    return result


def rename_target(doc: ArticleDocument, path: Path) -> Path | None:
    """The file's next name: ``file_name`` when it was edited to differ from the name on disk
    and is a plain Markdown file name. A file that already mismatched is not renamed unasked."""
    if not doc.has("file_name"):
        return None
    name, before = doc.get("file_name"), (doc.original_data or {}).get("file_name")
    if not isinstance(name, str) or name in (before, path.name):
        return None
    if not name.endswith(".md") or name.startswith(".") or any(c in name for c in "/\\\0"):
        return None
    return path.with_name(name)


def renamed_url(url: Any, old: Path, new: Path) -> str | None:
    """The url for a file renamed from ``old`` to ``new``, when its last part was the old file
    name (the site derives both from the question); None when the url does not follow."""
    if isinstance(url, str) and old.stem and url.rsplit("/", 1)[-1] == old.stem:
        return url[: -len(old.stem)] + new.stem
    return None
