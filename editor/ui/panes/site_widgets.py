"""One widget per CloudCannon input type for a page of the site, each bound to one key.

The bindings are FieldBindings (the Q&A form's): they emit ``edited(key, value)`` for a
new valid value and ``restoreRequested(key)`` when the text is back to the file's. Dates
are shown as the file writes them; a value no input fits is a YAML text field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QColor, QFont, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.errors import ArticleError
from editor.core.site.inputs import LIST_TYPES, Input
from editor.core.writer.dates import format_like
from editor.core.writer.emit import value_text
from editor.core.writer.yamltree import compose, mapping_entries
from editor.ui import dialogs
from editor.ui.panes.field_widgets import FieldBinding
from editor.ui.panes.rich_field import RichField

#: The input types shown in a one-line text field, a text box, a text box in a fixed-width
#: font, and a Markdown editor with the text as the site shows it under it.
LINE_TYPES = {"text", "email", "url", "time", "select", "color", "image", "file", "document"}
BOX_TYPES = {"textarea"}
CODE_TYPES = {"code"}
RICH_TYPES = {"markdown", "html"}  # a Markdown editor over what the site shows
DATE_TYPES = {"date", "datetime"}
NUMBER_TYPES = {"number", "range"}
SWITCH_TYPES = {"switch", "checkbox"}
IMAGE_TYPES = {"image", "file", "document"}
#: Every type the form has a widget for; any other value is shown as YAML text ("raw").
SUPPORTED = (LINE_TYPES | BOX_TYPES | CODE_TYPES | RICH_TYPES | DATE_TYPES | NUMBER_TYPES
             | SWITCH_TYPES | LIST_TYPES)
THUMB = 48


class SiteBinding(FieldBinding):
    """A FieldBinding that also reads numbers (whole or not), dates in the file's own form
    (``sample`` is the scalar as the file writes it) and comma-separated lists."""

    def __init__(self, key: str, kind: str, widget: QWidget, parent: QObject,
                 label: str | None = None, sample: str = "") -> None:
        self.sample = sample
        super().__init__(key, kind, widget, parent, label)

    def _text_for(self, value: Any) -> str:
        if self.kind == "site-date" and isinstance(value, dt.date):
            return format_like(value, self.sample) or (
                self.sample if self.sample else value.isoformat())
        if self.kind == "site-list":
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
            return "" if value is None else str(value)
        if self.kind == "site-number":
            return "" if value is None else str(value)
        return super()._text_for(value)

    def _parse(self, text: str) -> Any:
        stripped = text.strip()
        if self.kind == "site-number":
            if not stripped:
                return None
            try:
                return int(stripped)
            except ValueError:
                try:
                    return float(stripped)
                except ValueError:
                    raise ValueError(f"“{stripped}” is not a number") from None
        if self.kind == "site-date":
            if not stripped:
                return None
            try:
                data = compose(stripped).data
            except ArticleError:  # any unreadable text is "not a date"
                data = None
            if not isinstance(data, dt.date):
                form = self.sample or "2025-03-16"
                raise ValueError(f"“{stripped}” is not a date (write it as {form})")
            return data
        if self.kind == "site-list":
            return [part.strip() for part in text.split(",") if part.strip()]
        return super()._parse(text)


def scalar_source(root: Node | None, path: Sequence[Any]) -> str:
    """The text of the scalar at ``path`` as the file writes it ("" when there is none)."""
    node = root
    for part in path:
        if isinstance(node, MappingNode):
            node = next((v for key, _k, v in mapping_entries(node) if key == part), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(
                node.value):
            node = node.value[part]
        else:
            return ""
    return str(node.value) if isinstance(node, ScalarNode) else ""


def kind_of(entry: Input, value: Any) -> str:
    """The widget an input gets: its type when the form has one and the value fits it,
    ``raw`` (YAML text) otherwise."""
    kind = entry.type
    if kind not in SUPPORTED:
        return "raw"
    if isinstance(value, dict) or (isinstance(value, list) and kind not in LIST_TYPES):
        return "raw"
    if kind in LIST_TYPES and isinstance(value, list) and not all(
            isinstance(v, str | int | float) for v in value):
        return "raw"
    if kind in DATE_TYPES and value is not None and not isinstance(value, dt.date):
        return "text"  # a date written as text (``Jan 5``) stays text
    return kind


class ImagePicker(QWidget):
    """A path field, a thumbnail and "Choose…": the picked file's public URL is typed in."""

    def __init__(self, key: str, label: str, public: Callable[[Path], str | None],
                 preview: Callable[[str], Path], start: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self._public, self._preview, self._start = public, preview, start
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        self.thumb = QLabel(self)
        self.thumb.setObjectName(f"thumb:{key}")
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("border: 1px solid palette(mid);")
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"field:{key}")
        self.edit.setAccessibleName(label)
        self.button = QPushButton("Choose…", self)
        self.button.setObjectName(f"choose:{key}")
        line.addWidget(self.thumb)
        line.addWidget(self.edit, 1)
        line.addWidget(self.button)
        self.button.clicked.connect(self._on_choose)
        self.edit.textChanged.connect(self._on_text)

    @Slot()
    def _on_choose(self) -> None:
        picked = dialogs.choose_image(self, self._start)
        if picked is None:
            return
        url = self._public(picked)
        if url is None:
            dialogs.tell(self, "Image", f"{picked} is not in the site's public folder, so "
                         "the site cannot show it.")
            return
        self.edit.setFocus()
        self.edit.selectAll()
        self.edit.insert(url)  # typed in: the binding sees an edit

    @Slot(str)
    def _on_text(self, text: str) -> None:
        path = self._preview(text.strip()) if text.strip() else None
        pixmap = QPixmap(str(path)) if path is not None and path.is_file() else QPixmap()
        if pixmap.isNull():
            self.thumb.setPixmap(QPixmap())
            self.thumb.setText("—" if not text.strip() else "?")
            self.thumb.setToolTip("" if not text.strip() else f"No image at {path}")
        else:
            self.thumb.setText("")
            self.thumb.setToolTip(str(path))
            self.thumb.setPixmap(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))


class ColorField(QWidget):
    """A colour's text (``#1a2b3c``) and a swatch that opens the colour chooser."""

    def __init__(self, key: str, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"field:{key}")
        self.edit.setAccessibleName(label)
        self.swatch = QToolButton(self)
        self.swatch.setObjectName(f"swatch:{key}")
        self.swatch.setFixedWidth(28)
        line.addWidget(self.edit, 1)
        line.addWidget(self.swatch)
        self.swatch.clicked.connect(self._on_pick)
        self.edit.textChanged.connect(self._on_text)

    @Slot()
    def _on_pick(self) -> None:
        chosen = dialogs.choose_color(self, QColor(self.edit.text().strip()))
        if chosen is not None:
            self.edit.setFocus()
            self.edit.selectAll()
            self.edit.insert(chosen)

    @Slot(str)
    def _on_text(self, text: str) -> None:
        color = QColor(text.strip())
        self.swatch.setStyleSheet(f"background: {color.name()};" if color.isValid() else "")


class OptionsButton(QToolButton):
    """A menu of a multiselect's options: ticking one adds it to the field's list."""

    def __init__(self, edit: QLineEdit, options: Sequence[Any], parent: QWidget) -> None:
        super().__init__(parent)
        self.edit = edit
        self.setText("▾")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        for option in options:
            action = QAction(str(option), menu, checkable=True)
            action.toggled.connect(self._on_toggled)
            menu.addAction(action)
        menu.aboutToShow.connect(self._on_show)
        self.setMenu(menu)

    def _chosen(self) -> list[str]:
        return [p.strip() for p in self.edit.text().split(",") if p.strip()]

    @Slot()
    def _on_show(self) -> None:
        chosen = set(self._chosen())
        for action in self.menu().actions():
            action.blockSignals(True)
            action.setChecked(action.text() in chosen)
            action.blockSignals(False)

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        name = self.sender().text()
        chosen = [c for c in self._chosen() if c != name] + ([name] if on else [])
        self.edit.setFocus()
        self.edit.selectAll()
        self.edit.insert(", ".join(chosen))


class SiteWidgetFactory(QObject):
    """Makes the widget of one key: ``make(entry, key, value, sample, parent)`` returns the
    row to place and its binding; images are looked up and picked through the callables."""

    def __init__(self, public: Callable[[Path], str | None], preview: Callable[[str], Path],
                 uploads: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._public, self._preview, self._uploads = public, preview, uploads

    def make(self, entry: Input, key: str, value: Any, sample: str,
             parent: QWidget) -> tuple[QWidget, SiteBinding]:
        kind = kind_of(entry, value)
        label = entry.label
        row: QWidget
        if kind in IMAGE_TYPES:
            picker = ImagePicker(key, label, self._public, self._preview, self._uploads, parent)
            return picker, SiteBinding(key, "text", picker.edit, parent, label)
        if kind == "color":
            color = ColorField(key, label, parent)
            return color, SiteBinding(key, "text", color.edit, parent, label)
        if kind == "select":
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems([str(v) for v in entry.options.get("values") or []])
            combo.setObjectName(f"select:{key}")
            edit = combo.lineEdit()
            _name(edit, key, label)
            return combo, SiteBinding(key, "text", edit, parent, label)
        if kind in LIST_TYPES:
            row = QWidget(parent)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            edit = QLineEdit(row)
            edit.setPlaceholderText("values, separated by commas")
            _name(edit, key, label)
            line.addWidget(edit, 1)
            values = entry.options.get("values") or []
            if values:
                line.addWidget(OptionsButton(edit, list(values), row))
            return row, SiteBinding(key, "site-list", edit, parent, label)
        if kind in SWITCH_TYPES:
            box = QCheckBox(label, parent)
            _name(box, key, label)
            return box, SiteBinding(key, "boolean", box, parent, label)
        if kind in DATE_TYPES or kind in NUMBER_TYPES or kind in LINE_TYPES:
            edit = QLineEdit(parent)
            _name(edit, key, label)
            binding_kind = ("site-date" if kind in DATE_TYPES else
                            "site-number" if kind in NUMBER_TYPES else "text")
            return edit, SiteBinding(key, binding_kind, edit, parent, label, sample=sample)
        if kind in RICH_TYPES:
            rich = RichField(key, label, kind, "" if value is None else str(value), parent)
            return rich, SiteBinding(key, "text", rich.editor, parent, label)
        box_edit = QPlainTextEdit(parent)
        _name(box_edit, key, label)
        if kind in CODE_TYPES or kind == "raw":
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.TypeWriter)
            box_edit.setFont(font)
        shown = value_text(value) if kind == "raw" else ("" if value is None else str(value))
        lines = shown.count("\n") + 1
        height = box_edit.fontMetrics().lineSpacing() * max(3, min(lines + 1, 10)) + 12
        box_edit.setFixedHeight(height)
        return box_edit, SiteBinding(key, "yaml" if kind == "raw" else "text", box_edit, parent,
                                     label)


def _name(widget: QWidget, key: str, label: str) -> None:
    widget.setObjectName(f"field:{key}")
    widget.setAccessibleName(label)
