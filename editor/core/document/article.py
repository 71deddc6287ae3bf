"""ArticleDocument: one file's bytes, its front matter tree, and edits waiting to be saved."""

from __future__ import annotations

import copy
import errno
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from editor.core.document import layout as layout_mod
from editor.core.document.paths import delete_path, get_path, parent, set_parts, set_path
from editor.core.document.schema import Schema, article_schema
from editor.core.errors import (
    ArticleError,
    EditError,
    FileTooLargeError,
    ParseError,
    VerificationError,
)
from editor.core.storage.stamps import DiskStamp, read_regular, stamp_bytes
from editor.core.values import dotted, same
from editor.core.writer.splice import Splicer, apply_changes
from editor.core.writer.yamltree import Tree, compose


class ArticleDocument:
    """A parsed file. Edits change a working copy; ``render`` splices them into the original.

    Reading never fails silently: a file that cannot be parsed raises a ParseError naming
    the file, line and column, and such a file can never be rendered over.
    """

    def __init__(self, text: str, *, bom: bool = False, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        #: the file read through any links, and what it was (set by ``load``)
        self.real_path: Path | None = None
        self.stamp: DiskStamp | None = None
        self.text = text
        try:
            self.layout = layout_mod.split(text, bom)
            fm = self.front_matter_text
            self.tree: Tree = compose(fm, self.layout.fm_first_line) if fm.strip() else Tree(
                None, None
            )
        except ArticleError as exc:
            raise exc.with_path(self.path) from None
        if self.layout.has_front_matter and self.tree.root is not None and not isinstance(
            self.tree.data, dict
        ):
            raise ParseError(
                "front matter is not a mapping of keys to values",
                path=self.path, line=self.layout.fm_first_line, column=1,
            )
        self._data: dict[Any, Any] | None = copy.deepcopy(self.tree.data)
        self._body = self.body_original
        self._verified: ArticleDocument | None = None  # the last render's text, parsed

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def from_bytes(cls, data: bytes, path: Path | str | None = None) -> ArticleDocument:
        try:
            text, bom = layout_mod.decode(data)
        except ArticleError as exc:
            raise exc.with_path(path) from None
        return cls(text, bom=bom, path=path)

    @classmethod
    def load(cls, path: Path | str) -> ArticleDocument:
        """Read a regular file (never a pipe or device, never more than MAX_FILE_BYTES).

        The path is resolved once, here: ``real_path`` is the file read (through any links)
        and ``stamp`` its fingerprint, so a save goes to that file, or is refused when it is
        no longer the one read."""
        return cls.loaded(path, *read_file(Path(path)))

    @classmethod
    def loaded(cls, path: Path | str, real: Path, data: bytes,
               stamp: DiskStamp) -> ArticleDocument:
        """The document of what ``read_file(path)`` gave: ``load`` in two steps, for a
        caller that keeps the bytes when they do not parse."""
        doc = cls.from_bytes(data, path)
        doc.real_path, doc.stamp = real, stamp
        return doc

    # -- the parts ---------------------------------------------------------------------------
    @property
    def front_matter_text(self) -> str:
        return self.text[self.layout.fm_start : self.layout.fm_end]

    @property
    def body_original(self) -> str:
        return self.text[self.layout.body_start :]

    @property
    def has_front_matter(self) -> bool:
        return self.layout.has_front_matter

    @property
    def original_data(self) -> dict[Any, Any] | None:
        # the constructor refused any other front matter than a mapping (or none)
        return cast("dict[Any, Any] | None", self.tree.data)

    @property
    def data(self) -> dict[Any, Any] | None:
        """The current (possibly edited) front matter. Treat as read-only; use set()."""
        return self._data

    @property
    def body(self) -> str:
        return self._body

    @property
    def schema(self) -> Schema | None:
        schema = article_schema()
        return schema if schema.matches(self._data) else None

    @property
    def is_article(self) -> bool:
        return self.schema is not None

    # -- raw access by dotted path ---------------------------------------------------------
    def get(self, path: str) -> Any:
        return get_path(self._data, path)

    def has(self, path: str) -> bool:
        try:
            self.get(path)
        except KeyError:
            return False
        return True

    def set(self, path: str, value: Any) -> None:
        """Set a dotted key; a key the data does not have yet goes where ``key_order`` puts it."""
        if self._data is None:
            self._data = {}
        parts = set_parts(self._data, path)
        node: Any = self._data
        new_at = None
        for depth, part in enumerate(parts):
            if not isinstance(node, dict) or part not in node:
                new_at = depth if isinstance(node, dict) else None
                break
            node = node[part]
        set_path(self._data, path, value)
        if new_at is not None:
            into = self._data
            for part in parts[:new_at]:
                into = into[part]
            place_new_key(into, parts[new_at], self.key_order(parts[:new_at]))

    def key_order(self, parents: list[Any]) -> list[str]:
        """The intended order of the keys of the mapping at ``parents``: the schema's for an
        article, none (new keys go at the end) for other files."""
        schema = article_schema()
        if not schema.matches(self._data):
            return []
        if not parents:
            tops = list(dict.fromkeys(f.key.split(".")[0] for f in schema.fields))
            at = tops.index("score") + 1 if "score" in tops else len(tops)
            return tops[:at] + schema.related_keys() + tops[at:]  # the site's: after score
        if len(parents) == 1 and parents[0] in schema.related_keys():
            return [f.key for f in schema.related_fields]
        prefix = ".".join(map(str, parents)) + "."
        return [f.key[len(prefix):] for f in schema.fields
                if f.key.startswith(prefix) and "." not in f.key[len(prefix):]]

    def unset(self, path: str) -> bool:
        if self._data is None:
            return False
        return delete_path(self._data, path)

    def set_body(self, body: str) -> None:
        self._body = body

    def replace_data(self, data: dict[Any, Any] | None) -> None:
        self._data = copy.deepcopy(data)

    # -- decoded access through the schema's codecs ------------------------------------------
    def _codec_key(self, path: str) -> str:
        return path if self.schema is not None else ""

    def get_field(self, path: str) -> Any:
        codec = article_schema().codec_for(self._codec_key(path))
        return codec.decode(self.get(path))

    def set_field(self, path: str, value: Any) -> None:
        codec = article_schema().codec_for(self._codec_key(path))
        stored = codec.encode(value)
        try:
            if codec.decode(self.tree_value(path)) == value:
                stored = self.tree_value(path)  # an unedited value is never re-encoded
        except KeyError:
            pass
        self.set(path, stored)

    def tree_value(self, path: str) -> Any:
        return get_path(self.tree.data, path)

    def restore_field(self, path: str) -> None:
        """Put back the file's value at ``path``; a key the file lacks goes again, and so do
        mappings left empty that the file does not have (so undoing an edit is no edit)."""
        try:
            original = self.tree_value(path)
        except KeyError:
            self.unset(path)
            while (up := parent(path)) is not None:
                path = up
                if self.has(path) and self.get(path) == {} and not self._in_tree(path):
                    self.unset(path)
            return
        self.set(path, copy.deepcopy(original))

    def _in_tree(self, path: str) -> bool:
        try:
            self.tree_value(path)
        except KeyError:
            return False
        return True

    # -- state -----------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self._body != self.body_original or not same(self._data, self.tree.data)

    # -- writing ---------------------------------------------------------------------------
    def render(self) -> str:
        """The file's new text: the original with only the changed spans replaced, verified."""
        if not self.modified:
            return self.text
        lay = self.layout
        fm = self.front_matter_text
        newline = lay.newline
        try:
            if lay.has_front_matter:
                changes = Splicer(fm, self.tree, self._example()).plan(self._data)
                new_fm = apply_changes(fm, changes, newline)
                head = self.text[: lay.fm_start] + new_fm + self.text[lay.fm_end : lay.body_start]
            elif self._data:
                changes = Splicer("", Tree(None, None)).plan(self._data)
                new_fm = apply_changes("", changes, newline)
                head = f"---{newline}{new_fm}---{newline}"
            else:
                head = ""
        except ArticleError as exc:  # lines count from the front matter's first line
            if exc.line is not None and lay.has_front_matter:
                exc.line += lay.fm_first_line - 1
            raise exc.with_path(self.path) from None
        result = head + self._body
        self._verify(result)
        return result

    def _example(self) -> tuple[str, Tree] | None:
        """An article in the site's format: new keys the file has nothing like copy its style."""
        return site_example() if self.is_article else None

    def to_bytes(self) -> bytes:
        data = self.render().encode("utf-8")
        return layout_mod.UTF8_BOM + data if self.layout.bom else data

    def reparsed(self, data: bytes) -> ArticleDocument:
        """``data``, the bytes ``to_bytes`` just gave (and a save wrote), as a document of
        its own: the verification's parse of that text when it made one, so a save parses
        what it writes once; a parse of ``data`` otherwise."""
        again = self._verified
        if again is not None and again.to_bytes() == data:
            return again
        return ArticleDocument.from_bytes(data, self.path)

    def _verify(self, result: str) -> None:
        try:
            again = ArticleDocument(result, bom=self.layout.bom, path=self.path)
        except ArticleError as exc:
            why = exc.message
            if "undefined alias" in why:  # a key or item moved above the anchor it uses
                why = "an alias (*name) would come before the anchor (&name) it stands for"
            raise VerificationError(
                f"the edited text would not parse ({why}); nothing was written",
                path=self.path, line=exc.line, column=exc.column,
            ) from None
        if not same(again.tree.data, self._data):
            where = _first_difference(again.tree.data, self._data)
            raise VerificationError(
                f"the edited text re-parses differently at '{where}'; nothing was written",
                path=self.path,
            )
        if again.body_original != self._body:
            raise VerificationError("the body would not survive saving", path=self.path)
        self._verified = again


def read_file(path: Path) -> tuple[Path, bytes, DiskStamp]:
    """The file at ``path`` as ``ArticleDocument.load`` reads it: the file read (through any
    links), its bytes and fingerprint; a ParseError (FileTooLargeError) when it cannot be."""
    real = Path(os.path.realpath(path))
    try:
        data, st = read_regular(real, follow=False)  # a link swapped in since: refused
    except IsADirectoryError:
        raise ParseError("is a folder, not a file", path=path) from None
    except FileNotFoundError:
        raise ParseError("file not found (or a broken link)", path=path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and not _link_loop(path):
            raise ParseError("changed while being read (a link was put in its place); "
                             "try again", path=path) from None
        if exc.errno == errno.EFBIG:
            raise FileTooLargeError(f"cannot read: {exc.strerror}", path=path) from None
        raise ParseError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return real, data, stamp_bytes(data, st=st)


def _link_loop(path: Path) -> bool:
    """Whether ``path`` is a loop of links (rather than a file a link was put in place of)."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


@lru_cache(maxsize=1)
def site_example() -> tuple[str, Tree]:
    """The front matter of a new article with one related slot, as ``newarticle`` writes it."""
    from editor.core.document.new_article import NewArticle, RelatedRef, render

    ref = RelatedRef(1, "A related question?", "Subject", "/learn/subject/questions/q")
    text = render(NewArticle(1, "Subject", "A question?", related=[ref]))
    front = text.split("---\n", 2)[1]
    return front, compose(front)


_NUMBERED = re.compile(r"(.*?)(\d+)")


def place_new_key(data: dict[Any, Any], key: Any, order: list[str]) -> None:
    """Move ``data[key]``, just added at the end, to its place among the other keys.

    A numbered key (``related_article2``) goes after the nearest lower-numbered key of its
    family, else before the nearest higher one. Other keys go after the nearest key before
    them in ``order`` that ``data`` has, else before the nearest one after them; a key
    ``order`` does not name stays at the end. The dict is reordered in place.
    """
    others = [k for k in data if k != key]
    anchor = _anchor(others, key, order)
    if anchor is None:
        return
    where, target = anchor
    value = data.pop(key)
    items = list(data.items())
    data.clear()
    for k, v in items:
        if where == "before" and k == target:
            data[key] = value
        data[k] = v
        if where == "after" and k == target:
            data[key] = value


def _anchor(others: list[Any], key: Any, order: list[str]) -> tuple[str, Any] | None:
    numbered = _NUMBERED.fullmatch(key) if isinstance(key, str) else None
    if numbered:
        stem, n = numbered.group(1), int(numbered.group(2))
        family = [(int(m.group(2)), k) for k in others if isinstance(k, str)
                  and (m := _NUMBERED.fullmatch(k)) and m.group(1) == stem]
        lower = [item for item in family if item[0] < n]
        higher = [item for item in family if item[0] > n]
        if lower:
            return "after", max(lower)[1]
        if higher:
            return "before", min(higher)[1]
    if key not in order:
        return None
    i = order.index(key)
    present = set(others)
    before = next((k for k in reversed(order[:i]) if k in present), None)
    if before is not None:
        return "after", before
    after = next((k for k in order[i + 1 :] if k in present), None)
    return ("before", after) if after is not None else None


def _first_difference(a: Any, b: Any, path: tuple[Any, ...] = ()) -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() == b.keys() and list(a) != list(b) and all(same(a[k], b[k]) for k in a):
            return f"{dotted(path)} (the order of its keys)"
        for key in list(a) + [k for k in b if k not in a]:
            if key not in a or key not in b or not same(a[key], b[key]):
                if key in a and key in b:
                    return _first_difference(a[key], b[key], (*path, key))
                return dotted((*path, key))
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if not same(x, y):
                return _first_difference(x, y, (*path, i))
    return dotted(path)


__all__ = ["ArticleDocument", "EditError"]
