"""The form's related-article slots over the catalog: what each slot shows, and what its
buttons do (fill a slot from an article, clear it with the later slots moving up, refresh
a stale snapshot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from editor.core.document.schema import Schema
from editor.core.index.catalog import Catalog, id_key, snapshot_of
from editor.core.index.entry import Entry
from editor.ui.panes.field_widgets import FieldBinding, shown_text
from editor.ui.panes.related_picker import RelatedSlotRow


class RelatedSlots(QObject):
    """The slots' rows and the catalog they are checked against.

    The slots' sub-fields are the form's bindings (``bindings`` is the form's own mapping,
    by key); edits made here are reported as the form reports a typed one:
    fieldEdited(key, value), and removeFieldRequested(key) for a key that goes.
    """

    fieldEdited = Signal(str, object)
    removeFieldRequested = Signal(str)

    def __init__(self, schema: Schema, bindings: dict[str, FieldBinding],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.bindings = bindings
        self.rows: dict[int, RelatedSlotRow] = {}
        self.catalog: Catalog | None = None
        self.current_path: str | None = None
        self._doc_path: Path | None = None

    def add_row(self, row: RelatedSlotRow) -> None:
        row.picker.fillRequested.connect(self._on_fill)
        row.clearRequested.connect(self._on_clear_slot)
        row.refreshRequested.connect(self._on_refresh_slot)
        self.rows[row.number] = row

    def set_catalog(self, catalog: Catalog | None) -> None:
        self.catalog = catalog
        for row in self.rows.values():
            row.picker.catalog = catalog
        self._locate_open_article()
        self.refresh(suggest=True)

    def suggestions_ready(self, catalog: Catalog) -> None:
        """The catalog (prepared in the background after the folder opened) can suggest."""
        if catalog is self.catalog:
            self.refresh(suggest=True)

    def set_document(self, path: Path | None, suggest: bool) -> None:
        """The form shows the document at ``path`` now."""
        self._doc_path = path
        self._locate_open_article()
        self.refresh(suggest=suggest)

    def _locate_open_article(self) -> None:
        """The open article's catalog path (the catalog may come after the article)."""
        self.current_path = None
        if self._doc_path is not None and self.catalog is not None:
            self.current_path = self.catalog.relative(self._doc_path)

    def slot_values(self, n: int) -> dict[str, Any] | None:
        """The slot as the form shows it, or None when all four sub-fields are empty."""
        prefix = f"{self.schema.related_prefix}{n}."
        values = {sub.key: shown_text(self.bindings, prefix + sub.key).strip()
                  for sub in self.schema.related_fields}
        if not any(values.values()):
            return None
        raw_id = values["id"]
        values["id"] = int(raw_id) if raw_id.lstrip("-").isdigit() else raw_id or None
        return values

    def current_entry(self) -> Entry:
        def text(key: str) -> str:
            return shown_text(self.bindings, key)
        return Entry(self.current_path or "", id=id_key(text("id")) or None,
                     title=text("title"), question=text("question"), subject=text("subject"),
                     keywords=text("seo.page_keywords"))

    def refresh(self, suggest: bool = False) -> None:
        """Each slot's target and badge; with ``suggest``, the pickers' suggestions too."""
        own_id = id_key(shown_text(self.bindings, "id").strip()) or None
        linked = []
        for n, row in self.rows.items():
            row.picker.set_own(self.current_path, own_id)
            slot = self.slot_values(n)
            if slot is None:
                row.set_status(None, [])
                row.picker.show_target("")
                continue
            linked.append(slot["id"])
            status, targets = self.catalog.status(slot) if self.catalog else ("ok", [])
            row.set_status(status, targets)
            row.picker.show_target(f"{slot['title']} — {slot['subject']} (#{slot['id']})")
        if suggest and self.catalog is not None and self.catalog.suggestions_ready:
            suggestions = self.catalog.suggest(self.current_entry(), 8, exclude=linked)
            for row in self.rows.values():
                row.picker.set_suggestions(suggestions)

    @Slot(int, object)
    def _on_fill(self, n: int, target: Entry) -> None:
        prefix = f"{self.schema.related_prefix}{n}."
        for key, value in snapshot_of(target).items():
            self.bindings[prefix + key].show_value(value)
            self.fieldEdited.emit(prefix + key, value)
        self.refresh(suggest=True)

    def _slot_typed(self, n: int) -> dict[str, Any]:
        """The slot's sub-fields as typed values (None for an empty one)."""
        out: dict[str, Any] = {}
        for sub in self.schema.related_fields:
            binding = self.bindings[f"{self.schema.related_prefix}{n}.{sub.key}"]
            try:
                value = binding.value()
            except ValueError:
                value = binding.text()
            out[sub.key] = None if value in ("", None) else value
        return out

    @Slot(int)
    def _on_clear_slot(self, n: int) -> None:
        """Clear slot n; the later slots move up one place each, so slots stay in order.

        Each later slot's values are written into the slot before it (its lines and their
        style stay where they are) and the last slot's lines are removed.
        """
        prefix = self.schema.related_prefix
        last = self.schema.related_slots
        for k in range(n, last):
            source = self._slot_typed(k + 1)
            if not any(v is not None for v in source.values()):
                self._empty_slot(k)
                continue
            for key, value in source.items():
                self.bindings[f"{prefix}{k}.{key}"].show_value(value)
                if value is None:
                    self.removeFieldRequested.emit(f"{prefix}{k}.{key}")
                else:
                    self.fieldEdited.emit(f"{prefix}{k}.{key}", value)
        self._empty_slot(last)
        self.refresh(suggest=True)

    def _empty_slot(self, n: int) -> None:
        prefix = f"{self.schema.related_prefix}{n}"
        for sub in self.schema.related_fields:
            self.bindings[f"{prefix}.{sub.key}"].show_value(None)
        self.removeFieldRequested.emit(prefix)

    @Slot()
    def refresh_stale_slots(self) -> int:
        """Refresh every stale slot whose id names exactly one article; returns how many."""
        done = 0
        for n in self.rows:
            slot = self.slot_values(n)
            if slot is None or self.catalog is None:
                continue
            status, targets = self.catalog.status(slot)
            if status == "stale" and len(targets) == 1:
                self._on_fill(n, targets[0])
                done += 1
        return done

    @Slot(int)
    def _on_refresh_slot(self, n: int) -> None:
        slot = self.slot_values(n)
        targets = self.catalog.with_id(slot["id"]) if self.catalog and slot else []
        if len(targets) == 1:
            self._on_fill(n, targets[0])
