"""The front-matter form, generated from the field schema and grouped like the site's pages."""

from __future__ import annotations

from collections.abc import Collection
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.document import derive
from editor.core.document.article import ArticleDocument
from editor.core.document.paths import get_path, join
from editor.core.document.schema import Field, Schema, article_schema
from editor.core.text.spelling import Speller
from editor.ui.panes.banners import escape
from editor.ui.panes.field_widgets import FieldBinding, make_widget, shown_text
from editor.ui.panes.markdown_editor import SpellTextEdit
from editor.ui.panes.related_picker import RelatedSlotRow
from editor.ui.panes.related_slots import RelatedSlots

_WARN = "color: #c0392b; font-weight: bold;"


class FieldsForm(QScrollArea):
    """Emits fieldEdited(key, value) for user edits; load() fills it from a document.

    A field put back as the file has it emits restoreFieldRequested(key) instead, and
    validityChanged(key, message) tells when a field's text stops (or starts) being valid.
    ``related`` keeps the related-article slots (and the catalog they are checked against).
    """

    fieldEdited = Signal(str, object)
    restoreFieldRequested = Signal(str)
    validityChanged = Signal(str, str)
    removeFieldRequested = Signal(str)
    openArticleRequested = Signal(str)
    wordAdded = Signal(str)

    def __init__(self, parent: QWidget | None = None, speller: Speller | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldsForm")
        self.speller = speller
        self.setWidgetResizable(True)
        self.schema: Schema = article_schema()
        self.bindings: dict[str, FieldBinding] = {}
        self._counters: dict[str, tuple[QLabel, int]] = {}
        self._body = QWidget(self)
        self._layout = QVBoxLayout(self._body)
        self.setWidget(self._body)
        self.snippet = QLabel(self._body)
        self.snippet.setObjectName("seoSnippet")
        self.snippet.setWordWrap(True)
        self.snippet.setTextFormat(Qt.TextFormat.RichText)
        self._groups: dict[str, QFormLayout] = {}
        self._dynamic: list[QWidget] = []
        self._displaced: dict[str, FieldBinding] = {}  # schema fields an Other field hides
        for group in (*self.schema.groups, "Other fields", "Body"):
            box = QGroupBox(group, self._body)
            box.setObjectName(f"group:{group}")
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self._groups[group] = form
            self._layout.addWidget(box)
        self._layout.addStretch(1)
        for spec in self.schema.fields:
            if spec.type != "markdown":
                self._add_field(spec, spec.key, self._groups[spec.group])
        self._groups["SEO"].addRow("Search result", self.snippet)
        self.related = RelatedSlots(self.schema, self.bindings, self)
        self.related.fieldEdited.connect(self.fieldEdited)
        self.related.removeFieldRequested.connect(self.removeFieldRequested)
        stops: list[QWidget] = []
        for n in range(1, self.schema.related_slots + 1):
            slot = f"{self.schema.related_prefix}{n}"
            row = RelatedSlotRow(n, self._body)
            row.openRequested.connect(self.openArticleRequested)
            self.related.add_row(row)
            self._groups["Related articles"].addRow(f"Related {n}", row)
            self._groups["Related articles"].addRow(row.details)
            for sub in self.schema.related_fields:
                labelled = Field(sub.key, f"Related {n}: {sub.label}", sub.type)
                binding = self._add_field(labelled, f"{slot}.{sub.key}", row.details_form)
                shown = row.details_form.labelForField(binding.widget)
                if isinstance(shown, QLabel):
                    shown.setText(sub.label)
            stops += row.tab_stops()
        for i in range(1, len(stops)):  # picker, Details, then its fields when shown
            QWidget.setTabOrder(stops[i - 1], stops[i])
        self.body_editor = QPlainTextEdit(self._body)
        self.body_editor.setObjectName("bodyEditor")
        self.body_editor.setAccessibleName("Body")
        self.body_editor.setFixedHeight(90)
        self._groups["Body"].addRow("Body", self.body_editor)
        body_binding = FieldBinding("body", "text", self.body_editor, self)
        self._connect(body_binding)
        self.bindings["body"] = body_binding
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes down the form as it is drawn, group by group and row by row: the schema
        lists SEO fields among the article's, but they are shown in a group of their own."""
        stops: list[QWidget] = []
        for group in (*self.schema.groups, "Other fields", "Body"):
            if group == "Related articles":
                for row in self.related.rows.values():
                    stops += row.tab_stops()
                continue
            form = self._groups[group]
            for i in range(form.rowCount()):
                item = form.itemAt(i, QFormLayout.ItemRole.FieldRole)
                widget = item.widget() if item is not None else None
                if widget is None or widget is self.snippet:
                    continue
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    stops.append(widget)
                else:  # a row of a field with its counter and Derive button
                    stops += [w for w in widget.children() if isinstance(w, QWidget)
                              and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        for before, after in pairwise(stops):
            QWidget.setTabOrder(before, after)

    # -- building --------------------------------------------------------------------------
    def _add_field(self, spec: Field, key: str, form: QFormLayout) -> FieldBinding:
        widget = make_widget(spec, key, self._body, self.speller)
        if isinstance(widget, SpellTextEdit):
            widget.wordAdded.connect(self.wordAdded)
        binding = FieldBinding(key, spec.type, widget, self)
        self._connect(binding)
        binding.edited.connect(self._on_any_edit)
        binding.restoreRequested.connect(self._on_restored)
        self.bindings[key] = binding
        row: QWidget = widget
        if spec.derive or spec.max_length:
            row = QWidget(self._body)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(widget, 1)
            if spec.max_length:
                counter = QLabel(row)
                counter.setObjectName(f"counter:{key}")
                self._counters[key] = (counter, spec.max_length)
                line.addWidget(counter)
            if spec.derive:
                button = QToolButton(row)
                button.setText("Derive")
                button.setObjectName(f"derive:{key}")
                button.setToolTip(f"Set {spec.label} from the question and subject")
                button.setProperty("field_key", key)
                button.clicked.connect(self._on_derive)
                line.addWidget(button)
        form.addRow(spec.label if spec.type != "boolean" else "", row)
        return binding

    def _connect(self, binding: FieldBinding) -> None:
        binding.edited.connect(self.fieldEdited)
        binding.restoreRequested.connect(self.restoreFieldRequested)
        binding.validityChanged.connect(self.validityChanged)

    # -- loading ---------------------------------------------------------------------------
    def load(self, doc: ArticleDocument, keep: Collection[str] = ()) -> None:
        """Show the document; each field remembers the file's value, to know an undone edit.

        Fields named in ``keep`` that hold text that is not valid keep it (and stay marked):
        a merge with changes on disk must not drop what the writer typed.
        """
        kept = {k: b.text() for k, b in self.bindings.items() if k in keep and b.error}
        self._clear_dynamic()
        data = doc.data or {}
        original = doc.original_data or {}
        is_article = doc.is_article
        known = self.schema.known_top_keys() if is_article else set()
        for key, binding in self.bindings.items():
            if key == "body":
                if key not in kept:
                    binding.show_value(doc.body)
                binding.set_baseline(doc.body_original)
                continue
            if not is_article and not key.startswith("other:"):
                binding.widget.setEnabled(False)
                binding.show_value(None)
                binding.set_baseline(None)
                continue
            binding.widget.setEnabled(True)
            if key not in kept:
                binding.show_value(_value_at(data, key))
            binding.set_baseline(_value_at(original, key))
        for key, value in data.items():
            if str(key) not in known:  # bound by its path: 'link.url' is not link.url
                self._add_other(join([key]), value, _value_at(original, join([key])))
        for key, text in kept.items():
            if key not in self.bindings:  # an Other field gone from the data: shown again
                self._add_other(key, None, _value_at(original, key))
            if not self.bindings[key].error:  # rebuilt: the text goes in again
                self.bindings[key].put_text(text)
        for group in self.schema.groups:
            self._groups[group].parentWidget().setVisible(is_article)
        self._refresh_counters()
        if self._dynamic:
            self._order_tabs()  # Other fields made for this document take their place
        self.related.set_document(doc.path, suggest=is_article)

    def focus_field(self, key: str) -> None:
        """Scroll to and focus a field (a related slot's picker for ``related_articleN``)."""
        prefix = self.schema.related_prefix
        widget = None
        slot, _, sub = key.partition(".")
        if slot.startswith(prefix) and slot[len(prefix):].isdigit():
            row = self.related.rows.get(int(slot[len(prefix):]))
            widget = row.picker if row else None
            if row is not None and sub:
                row.show_details(True)
                widget = self.bindings[key].widget if key in self.bindings else widget
        elif key in self.bindings:
            widget = self.bindings[key].widget
        if widget is not None:
            self.ensureWidgetVisible(widget)
            widget.setFocus()

    def _add_other(self, key: str, value: Any, original: Any) -> None:
        spec = Field(key, key, "text")
        widget = QPlainTextEdit(self._body)
        widget.setObjectName(f"field:{key}")
        widget.setAccessibleName(key)
        binding = FieldBinding(key, "yaml", widget, self, label=f"Other field “{key}”")
        self._connect(binding)
        binding.show_value(value)
        binding.set_baseline(original)
        lines = widget.toPlainText().count("\n") + 1  # as tall as its text, up to 14 lines
        height = widget.fontMetrics().lineSpacing() * max(2, min(lines, 14)) + 12
        widget.setFixedHeight(height)
        if key in self.bindings and key not in self._displaced:
            self._displaced[key] = self.bindings[key]  # a page's own "title": given back later
        self.bindings[key] = binding
        self._groups["Other fields"].addRow(spec.label, widget)
        self._dynamic.append(widget)

    def _clear_dynamic(self) -> None:
        form = self._groups["Other fields"]
        for widget in self._dynamic:
            self.bindings.pop(widget.objectName().removeprefix("field:"), None)
            form.removeRow(widget)
        self._dynamic.clear()
        self.bindings.update(self._displaced)
        self._displaced.clear()

    def rehighlight(self) -> None:
        """Redraw spelling marks, e.g. once the dictionary has loaded or a word was added."""
        for binding in self.bindings.values():
            if isinstance(binding.widget, SpellTextEdit):
                binding.widget.highlighter.rehighlight()

    def set_read_only(self, read_only: bool) -> None:
        self._body.setEnabled(not read_only)

    @Slot()
    def mark_saved(self) -> None:
        """What the form shows is now what the file holds."""
        for binding in self.bindings.values():
            binding.baseline_from_widget()

    # -- live helpers ----------------------------------------------------------------------
    def value_of(self, key: str) -> str:
        return shown_text(self.bindings, key)

    @Slot()
    def _on_derive(self) -> None:
        key = self.sender().property("field_key")
        spec = self.schema.field(key)
        value = derive.derive(
            spec.derive, subject=self.value_of("subject"), question=self.value_of("question")
        )
        binding = self.bindings[key]
        binding.show_value(value)
        self.fieldEdited.emit(key, value)
        self._refresh_counters()

    @Slot(str)
    def _on_restored(self, key: str) -> None:
        self._on_any_edit(key, None)

    @Slot(str, object)
    def _on_any_edit(self, key: str, _value: object) -> None:
        self._refresh_counters()
        if key.startswith(self.schema.related_prefix):
            self.related.refresh()

    def _refresh_counters(self) -> None:
        for key, (label, limit) in self._counters.items():
            n = len(self.value_of(key))
            label.setText(f"{n}/{limit}")
            label.setStyleSheet(_WARN if n > limit else "")
            label.setToolTip(f"{n - limit} characters over the limit" if n > limit else "")
        self._draw_snippet()

    def _draw_snippet(self) -> None:
        title = self.value_of("seo.title") or self.value_of("title")
        description = self.value_of("seo.page_description")
        url = self.value_of("url")
        if len(title) > 60:
            title = title[:59] + "…"
        if len(description) > 160:
            description = description[:159] + "…"
        pal = self.palette()
        link = pal.color(QPalette.ColorRole.Link).name()
        text = pal.color(QPalette.ColorRole.Text).name()
        muted = pal.color(QPalette.ColorRole.PlaceholderText).name()
        self.snippet.setText(  # the palette's colours, so a dark theme stays readable
            '<div style="font-family: DejaVu Sans">'
            f'<div style="color:{muted}; font-size:11px">quicktakes.io{escape(url)}</div>'
            f'<div style="color:{link}; font-size:15px">{escape(title)}</div>'
            f'<div style="color:{text}; font-size:12px">{escape(description)}</div></div>'
        )


def _value_at(data: dict, key: str) -> Any:
    """The value at a dotted key, None when absent (as the form shows an absent key)."""
    try:
        return get_path(data, key)
    except KeyError:
        return None
