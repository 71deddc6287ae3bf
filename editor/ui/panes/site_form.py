"""The form of a page of the site that is not a Q&A article (a blog post, a page of content
blocks): one widget per key, from the site's CloudCannon inputs (``Site.slots``).

Emits what the Q&A form emits (``fieldEdited``, ``restoreFieldRequested``,
``validityChanged``) and ``arrayEditRequested(op, path, index, arg)`` for an array item
added, removed, duplicated or moved; ``load(doc, site)`` builds it afresh.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.core.document.article import ArticleDocument
from editor.core.document.paths import get_path, join
from editor.core.site.inputs import KeyPath
from editor.core.site.locales import locale_object
from editor.core.site.site import Site
from editor.core.site.site import Slot as SiteSlot
from editor.ui.panes.block_list import ArrayBox, ItemBox, blank_like, first_text, item_title
from editor.ui.panes.field_widgets import FieldBinding
from editor.ui.panes.locale_field import LocaleField
from editor.ui.panes.site_widgets import SiteBinding, SiteWidgetFactory, kind_of, scalar_source


@lru_cache(maxsize=4096)
def _step(part: Any) -> str:
    return join([part])


def key_of(path: KeyPath) -> str:
    """The editor's path for ``path`` (``content_blocks.[0].title``): ``paths.join``, each
    step worked out once (a list index would otherwise go through the YAML emitter)."""
    return ".".join(_step(part) for part in path)


class SiteForm(QScrollArea):
    fieldEdited = Signal(str, object)
    restoreFieldRequested = Signal(str)
    validityChanged = Signal(str, str)
    arrayEditRequested = Signal(str, object, int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteForm")
        self.setWidgetResizable(True)
        self.bindings: dict[str, FieldBinding] = {}
        self.locale_fields: dict[str, LocaleField] = {}
        self.arrays: dict[str, ArrayBox] = {}
        self.items: dict[str, ItemBox] = {}
        self.raw_keys: list[str] = []  # keys shown as YAML text: no input fits them
        self.language: str | None = None  # the language the writer last switched to
        self._open: set[str] = set()  # item boxes the writer opened
        self._reshaped: set[KeyPath] = set()  # arrays whose items moved since the last save
        self._body: QWidget | None = None
        self._site: Site | None = None
        self._doc: ArticleDocument | None = None

    # -- building --------------------------------------------------------------------------
    def load(self, doc: ArticleDocument, site: Site, *, fresh: bool = True) -> None:
        """Show ``doc``'s keys; ``fresh`` (a document just opened or reloaded) forgets which
        boxes were open and which arrays were reshaped."""
        if fresh:
            self._open.clear()
            self._reshaped.clear()
        scroll = self.verticalScrollBar().value()
        self._site, self._doc = site, doc
        for key, binding in self.bindings.items():
            if binding.error:  # its text goes with the widget: the document's value is shown
                self.validityChanged.emit(key, "")
        self.bindings.clear()
        self.locale_fields.clear()
        self.arrays.clear()
        self.items.clear()
        self.raw_keys.clear()
        body = QWidget(self)
        layout = QVBoxLayout(body)
        page = QGroupBox(self._page_title(doc, site), body)
        page.setObjectName("group:Page")
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addWidget(page)
        layout.addStretch(1)
        root = site.root
        path = doc.path if doc.path is not None else root / "page.md"
        self._factory = SiteWidgetFactory(self._public_url, site.config.static_file,
                                          root / site.config.uploads_path, body)
        containers: dict[KeyPath, QFormLayout | ArrayBox] = {(): form}
        for slot in site.slots(path, doc.data):
            parent = containers.get(slot.path[:-1])
            if parent is None:
                continue  # inside a value shown whole (a locale object, a YAML field)
            if isinstance(parent, ArrayBox):
                containers[slot.path] = self._add_item(parent, slot, site).form
                continue
            if slot.input.hidden:
                continue
            made = self._add_slot(parent, slot, site, body)
            if made is not None:
                containers[slot.path] = made
        if self._body is not None:
            self._body.deleteLater()
        self._body = body
        self.setWidget(body)
        self.verticalScrollBar().setValue(scroll)

    def _add_slot(self, form: QFormLayout, slot: SiteSlot, site: Site,
                  body: QWidget) -> QFormLayout | ArrayBox | None:
        value, entry, key = slot.value, slot.input, key_of(tuple(slot.path))
        if isinstance(value, dict):
            if locale_object(value, site.locales) is not None:
                self._add_locales(form, slot, site, body)
                return None
            box = QGroupBox(entry.label, body)
            box.setObjectName(f"group:{key}")
            inner = QFormLayout(box)
            inner.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.addRow(box)
            return inner
        if isinstance(value, list) and kind_of(entry, value) == "raw" and (
                slot.structures or any(isinstance(v, dict) for v in value)):
            array = ArrayBox(key, slot.path, entry.label, slot.structures, blank_like(value),
                             body)
            array.editRequested.connect(self._on_array_edit)
            array.openChanged.connect(self._on_open_changed)
            self.arrays[key] = array
            form.addRow(array)
            return array
        widget, _binding = self._make(slot, key, value, body)
        if isinstance(widget, QCheckBox):
            form.addRow("", widget)  # the box says its label
        else:
            form.addRow(self._label(entry.label, entry.comment, body), widget)
        return None

    def _add_item(self, array: ArrayBox, slot: SiteSlot, site: Site) -> ItemBox:
        value = slot.value
        label = f"{slot.input.label}"
        if isinstance(value, dict) and isinstance(value.get("_bookshop_name"), str):
            component = site.components.get(value["_bookshop_name"])
            label = component.structure.label if component else value["_bookshop_name"]
        else:
            label = f"{array.title()} {int(slot.path[-1]) + 1}"
        key = key_of(tuple(slot.path))
        count = len(get_path(self._doc.data, array.key)) if self._doc else 0
        box = array.add_item(key, item_title(label, first_text(value, site.locales, label)), count)
        box.set_open(key in self._open)
        self.items[key] = box
        return box

    def _add_locales(self, form: QFormLayout, slot: SiteSlot, site: Site, body: QWidget) -> None:
        key = key_of(tuple(slot.path))
        field = LocaleField(key, slot.input.label, body)
        value = slot.value
        locales = [loc for loc in site.locales if loc in value] + [
            loc for loc in value if loc not in site.locales]
        path = self._doc.path if self._doc and self._doc.path else site.root / "page.md"
        data = self._doc.data if self._doc else None
        entries = {loc: site.input_for(path, (*slot.path, loc), data) for loc in locales}
        decided = next((e for e in entries.values() if e.source != "inferred"), None)
        for loc in locales:
            sub = (*slot.path, loc)
            entry = entries[loc]
            if decided is not None and entry.source == "inferred":
                entry = replace(decided, key=loc)  # every language edited alike
            widget, binding = self._make_sub(entry, key_of(tuple(sub)), value.get(loc), sub, field)
            field.add(loc, widget, binding)
        field.finish(lambda _locs: self.language)
        field.switcher.activated.connect(self._on_language_picked)
        self.locale_fields[key] = field
        form.addRow(self._label(slot.input.label, slot.input.comment, body), field)

    def _make(self, slot: SiteSlot, key: str, value: Any, parent: QWidget) -> tuple[
            QWidget, SiteBinding]:
        return self._make_sub(slot.input, key, value, slot.path, parent)

    def _make_sub(self, entry: Any, key: str, value: Any, path: KeyPath,
                  parent: QWidget) -> tuple[QWidget, SiteBinding]:
        sample = scalar_source(self._doc.tree.root if self._doc else None, path)
        widget, binding = self._factory.make(entry, key, value, sample, parent)
        if kind_of(entry, value) == "raw":
            self.raw_keys.append(key)
        binding.edited.connect(self.fieldEdited)
        binding.restoreRequested.connect(self.restoreFieldRequested)
        binding.validityChanged.connect(self.validityChanged)
        binding.show_value(value)
        if not any(tuple(path[: len(p)]) == p for p in self._reshaped):
            binding.set_baseline(self._original(path))
        self.bindings[key] = binding
        return widget, binding

    def _label(self, text: str, comment: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        if comment:
            label.setToolTip(comment)
        return label

    def _original(self, path: KeyPath) -> Any:
        node: Any = self._doc.original_data if self._doc else None
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def _page_title(self, doc: ArticleDocument, site: Site) -> str:
        collection = site.collection_for(doc.path) if doc.path is not None else None
        return collection.name if collection is not None and collection.name else "Page"

    def _public_url(self, file: Path) -> str | None:
        """The URL the site serves ``file`` at (``/uploads/x.png``), None outside it."""
        if self._site is None:
            return None
        static = (self._site.root / self._site.config.static_path).resolve()
        try:
            rel = file.resolve().relative_to(static)
        except ValueError:
            return None
        return "/" + rel.as_posix()

    # -- state -----------------------------------------------------------------------------
    @Slot()
    def mark_saved(self) -> None:
        self._reshaped.clear()
        for binding in self.bindings.values():
            binding.baseline_from_widget()

    def set_read_only(self, read_only: bool) -> None:
        if self._body is not None:
            self._body.setEnabled(not read_only)

    def switch_language(self, locale: str) -> None:
        """Show every locale field in ``locale``."""
        self.language = locale
        for field in self.locale_fields.values():
            field.show_locale(locale)

    @Slot(int)
    def _on_language_picked(self, index: int) -> None:
        field = self.sender().parent()
        if isinstance(field, LocaleField) and 0 <= index < len(field.locales):
            self.switch_language(field.locales[index])

    @Slot(str, bool)
    def _on_open_changed(self, key: str, on: bool) -> None:
        if on:
            self._open.add(key)
        else:
            self._open.discard(key)

    @Slot(str, object, int, object)
    def _on_array_edit(self, op: str, path: object, index: int, arg: object) -> None:
        array_path = tuple(path)  # type: ignore[call-overload]
        self._reshaped.add(array_path)
        # the item's box stays open at its new place
        target = {"move": index + (int(arg) if isinstance(arg, int) else 0),
                  "duplicate": index + 1, "insert": index}.get(op)
        if target is not None and target >= 0:
            self._open.add(key_of((*array_path, target)))
        if op == "remove":
            self._open.discard(key_of((*array_path, index)))
        self.arrayEditRequested.emit(op, array_path, index, arg)

    def reload(self) -> None:
        """Build the form again from the same document (after an array edit)."""
        if self._doc is not None and self._site is not None:
            self.load(self._doc, self._site, fresh=False)
