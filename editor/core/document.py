"""ArticleDocument: one file's bytes, its front matter tree, and edits waiting to be saved."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from editor.core import layout as layout_mod
from editor.core.errors import ArticleError, EditError, ParseError, VerificationError
from editor.core.paths import delete_path, get_path, set_path
from editor.core.schema import Schema, article_schema
from editor.core.splice import Splicer, apply_changes, dotted, same
from editor.core.yamltree import Tree, compose


class ArticleDocument:
    """A parsed file. Edits change a working copy; ``render`` splices them into the original.

    Reading never fails silently: a file that cannot be parsed raises a ParseError naming
    the file, line and column, and such a file can never be rendered over.
    """

    def __init__(self, text: str, *, bom: bool = False, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
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
        self._data: dict | None = copy.deepcopy(self.tree.data)
        self._body = self.body_original

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
        path = Path(path)
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            raise ParseError("is a folder, not a file", path=path) from None
        except FileNotFoundError:
            raise ParseError("file not found (or a broken link)", path=path) from None
        except OSError as exc:
            raise ParseError(f"cannot read: {exc.strerror or exc}", path=path) from None
        return cls.from_bytes(data, path)

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
    def original_data(self) -> dict | None:
        return self.tree.data

    @property
    def data(self) -> dict | None:
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
        if self._data is None:
            self._data = {}
        set_path(self._data, path, value)

    def unset(self, path: str) -> bool:
        if self._data is None:
            return False
        return delete_path(self._data, path)

    def set_body(self, body: str) -> None:
        self._body = body

    def replace_data(self, data: dict | None) -> None:
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
            while "." in path:
                path = path.rsplit(".", 1)[0]
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

    def changed_paths(self) -> list[str]:
        """Top-level keys (and 'body') whose value differs from the file's."""
        old = self.tree.data or {}
        new = self._data or {}
        keys = [k for k in new if k not in old or not same(old[k], new[k])]
        keys += [k for k in old if k not in new]
        if self._body != self.body_original:
            keys.append("body")
        return [str(k) for k in keys]

    # -- writing ---------------------------------------------------------------------------
    def render(self) -> str:
        """The file's new text: the original with only the changed spans replaced, verified."""
        if not self.modified:
            return self.text
        lay = self.layout
        fm = self.front_matter_text
        newline = lay.newline
        if lay.has_front_matter:
            changes = Splicer(fm, self.tree).plan(self._data)
            new_fm = apply_changes(fm, changes, newline)
            head = self.text[: lay.fm_start] + new_fm + self.text[lay.fm_end : lay.body_start]
        elif self._data:
            changes = Splicer("", Tree(None, None)).plan(self._data)
            new_fm = apply_changes("", changes, newline)
            head = f"---{newline}{new_fm}---{newline}"
        else:
            head = ""
        result = head + self._body
        self._verify(result)
        return result

    def to_bytes(self) -> bytes:
        data = self.render().encode("utf-8")
        return layout_mod.UTF8_BOM + data if self.layout.bom else data

    def _verify(self, result: str) -> None:
        try:
            again = ArticleDocument(result, path=self.path)
        except ArticleError as exc:
            raise VerificationError(
                f"the edited text would not parse ({exc.message}); nothing was written",
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

    def saved_copy(self) -> ArticleDocument:
        """A fresh document for the rendered text (what the file holds after a save)."""
        return ArticleDocument.from_bytes(self.to_bytes(), self.path)


def _first_difference(a: Any, b: Any, path: tuple = ()) -> str:
    if isinstance(a, dict) and isinstance(b, dict):
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
