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

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from editor.core.document.article import ArticleDocument
from editor.core.document.paths import get_path, join
from editor.core.errors import ArticleError
from editor.core.site.inputs import KeyPath
from editor.core.site.locales import locale_object
from editor.core.site.site import Site
from editor.core.site.site import Slot as SiteSlot
from editor.ui.panes.block_list import (
    ArrayBox,
    ItemBox,
    blank_like,
    first_text,
    item_title,
    moved_keys,
    reordered,
)
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


def shown_now(widget: QWidget) -> None:
    """Show a widget just placed in a form already on screen now, not at the next turn of
    the event loop as Qt would (one not hidden on purpose)."""
    parent = widget.parentWidget()
    on_purpose = widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
    if parent is not None and parent.isVisible() and not (widget.isHidden() and on_purpose):
        widget.show()


def _row(form: QFormLayout, label: QLabel | None, widget: QWidget) -> None:
    if label is None:
        form.addRow(widget)
    else:
        form.addRow(label, widget)
        shown_now(label)
    shown_now(widget)


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
        #: the array edit asked for (op, array's path, the item's index after it, button)
        self._after_edit: tuple[str, KeyPath, int, str, list[int | None]] | None = None
        self._reveal: QWidget | None = None

    # -- building --------------------------------------------------------------------------
    def load(self, doc: ArticleDocument, site: Site, *, fresh: bool = True) -> None:
        """Show ``doc``'s keys; ``fresh`` (a document just opened or reloaded) forgets which
        boxes were open and which arrays were reshaped. A closed item's fields are built
        the first time it is opened."""
        if fresh:
            self._open.clear()
            self._reshaped.clear()
        scroll = self.verticalScrollBar().value()
        self._site, self._doc = site, doc
        self._forget("")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        page = QGroupBox(self._page_title(doc, site), body)
        page.setObjectName("group:Page")
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addWidget(page)
        layout.addStretch(1)
        root = site.root
        self._factory = SiteWidgetFactory(self._public_url, site.config.static_file,
                                          root / site.config.uploads_path, body)
        self._build((), form)
        if self._body is not None:
            self._body.deleteLater()
        self._body = body
        self.setWidget(body)
        self.verticalScrollBar().setValue(scroll)

    def _file(self) -> Path:
        doc, site = self._doc, self._site
        if doc is not None and doc.path is not None:
            return doc.path
        return (site.root if site is not None else Path()) / "page.md"

    def _build(self, under: KeyPath, container: QFormLayout | ArrayBox) -> None:
        """The widgets of the keys inside ``under`` (the page, an item, an array), placed in
        ``container``; the items of an array get their box, their fields only when open."""
        site, doc = self._site, self._doc
        if site is None or doc is None:
            return
        containers: dict[KeyPath, QFormLayout | ArrayBox] = {tuple(under): container}
        for slot in site.slots(self._file(), doc.data, tuple(under),
                               lambda s: s.path in containers):
            parent = containers.get(slot.path[:-1])
            if parent is None:
                continue  # inside a value shown whole (a locale object, a YAML field)
            if isinstance(parent, ArrayBox):
                box = self._add_item(parent, slot, site)
                if box.key in self._open:
                    box.filled = True
                    containers[slot.path] = box.form
                continue
            if slot.input.hidden:
                continue
            host = parent.parentWidget()
            made = self._add_slot(parent, slot, site, host if host is not None else self)
            if made is not None:
                containers[slot.path] = made

    def _forget(self, prefix: str) -> None:
        """Drop the bindings, fields, arrays and items at and under the key ``prefix``
        ("" for all), their widgets about to go."""
        def under(key: str) -> bool:
            return not prefix or key.startswith(prefix + ".")

        for key in [k for k in self.bindings if under(k)]:
            if self.bindings.pop(key).error:  # its text goes with the widget
                self.validityChanged.emit(key, "")
        for table in (self.locale_fields, self.arrays, self.items):
            for key in [k for k in table if under(k)]:
                del table[key]  # type: ignore[attr-defined]
        self.raw_keys[:] = [k for k in self.raw_keys if not under(k)]

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
            _row(form, None, box)
            return inner
        if isinstance(value, list) and kind_of(entry, value) == "raw" and (
                slot.structures or any(isinstance(v, dict) for v in value)):
            array = ArrayBox(key, slot.path, entry.label, slot.structures, blank_like(value),
                             body)
            array.editRequested.connect(self._on_array_edit)
            array.openChanged.connect(self._on_open_changed)
            self.arrays[key] = array
            _row(form, None, array)
            return array
        widget, _binding = self._make(slot, key, value, body)
        if isinstance(widget, QCheckBox):
            form.addRow("", widget)  # the box says its label
            shown_now(widget)
        else:
            _row(form, self._label(entry.label, entry.comment, body), widget)
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
        self.items[key] = box
        if key in self._open:
            box.filled = True  # its fields come next: opening it must not build them too
            box.set_open(True)
        return box

    def _add_locales(self, form: QFormLayout, slot: SiteSlot, site: Site, body: QWidget) -> None:
        key = key_of(tuple(slot.path))
        field = LocaleField(key, slot.input.label, body)
        value = slot.value
        locales = [loc for loc in site.locales if loc in value] + [
            loc for loc in value if loc not in site.locales]
        data = self._doc.data if self._doc else None
        entries = {loc: site.input_for(self._file(), (*slot.path, loc), data) for loc in locales}
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
        _row(form, self._label(slot.input.label, slot.input.comment, body), field)

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
    def mark_saved(self, doc: ArticleDocument | None = None) -> None:
        """The fields' values are the file's now; ``doc``: the document as saved."""
        if doc is not None:
            self._doc = doc
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
        if not on:
            self._open.discard(key)
            return
        self._open.add(key)
        box = self.items.get(key)
        if box is not None and not box.filled:
            box.filled = True
            self._build(box.path, box.form)  # disabled with the form when it is read-only

    @Slot(str, object, int, object)
    def _on_array_edit(self, op: str, path: object, index: int, arg: object) -> None:
        array_path = tuple(path)  # type: ignore[call-overload]
        self._reshaped.add(array_path)
        array = self.arrays.get(key_of(array_path))
        count = len(array.items) if array is not None else 0
        order = reordered(op, index, arg, count)
        # where the item edited is afterwards (the new one, the copy, the moved one)
        place = (order.index(None) if None in order else index + 1 if op == "duplicate"
                 else order.index(index) if op == "move" and index in order else index)
        self._after_edit = (op, array_path, place, "up" if arg == -1 else "down", order)
        self.arrayEditRequested.emit(op, array_path, index, arg)

    def reload(self) -> None:
        """Build the whole form again from the same document."""
        if self._doc is not None and self._site is not None:
            self.load(self._doc, self._site, fresh=False)

    def array_edited(self, path: KeyPath, doc: ArticleDocument | None = None) -> None:
        """Build the array at ``path`` again from the document after one of its items was
        added, removed, moved or copied; the rest of the form, its scroll position and its
        open boxes stay. The focus goes to the item edited (its button, or its first field
        when new), or to the array's Add button when no item is left."""
        if doc is not None:
            self._doc = doc
        key = key_of(tuple(path))
        array = self.arrays.get(key)
        if array is None or self._doc is None:
            self.reload()
            return
        scroll = self.verticalScrollBar().value()
        try:
            value = get_path(self._doc.data, key)
        except ArticleError:
            value = None
        after = self._after_edit
        if after is not None and after[1] == tuple(path) and isinstance(value, list) and len(
                after[4]) == len(value):  # the edit was made: open boxes go with their items
            self._open = moved_keys(self._open, key, after[4])
            if after[0] == "insert":
                self._open.add(key_of((*path, after[2])))  # a new item comes open
        self._forget(key)
        array.clear_items()
        array.set_blank(blank_like(value) if isinstance(value, list) else None)
        self._build(tuple(path), array)
        self.verticalScrollBar().setValue(scroll)
        self._focus_after(array)

    def _focus_after(self, array: ArrayBox) -> None:
        after, self._after_edit = self._after_edit, None
        if after is None or after[1] != array.path:
            return
        op, _path, index, button, _order = after
        if not array.items:
            array.add_button.setFocus()
            return
        box = array.items[max(0, min(index, len(array.items) - 1))]
        target: QWidget = box.arrow
        if op == "move":
            other = "up" if button == "down" else "down"
            target = next((box.buttons[n] for n in (button, other) if box.buttons[n].isEnabled()),
                          box.arrow)
        elif op == "insert" and box.filled:
            target = next((b.widget for k, b in self.bindings.items()
                           if k.startswith(box.key + ".") and b.widget.isVisibleTo(box)), box.arrow)
        target.setFocus()
        self._reveal = box.arrow
        QTimer.singleShot(0, self._on_reveal)

    @Slot()
    def _on_reveal(self) -> None:
        """The edited item's header scrolled into view once the array is laid out again."""
        header, self._reveal = self._reveal, None
        if header is not None and isValid(header) and header.isVisible():
            self.ensureWidgetVisible(header, 40, 40)
