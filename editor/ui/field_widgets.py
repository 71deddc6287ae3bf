"""One input widget per schema field, each reporting its edits through a binding object."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QObject, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from editor.core.emit import value_text
from editor.core.errors import ArticleError
from editor.core.schema import Field
from editor.core.spelling import Speller
from editor.core.yamltree import compose
from editor.ui.markdown_editor import SpellTextEdit
from editor.ui.text_access import plain_text

_ERROR_STYLE = "border: 1px solid #c0392b;"


class FieldBinding(QObject):
    """Connects one widget to one dotted key; emits edited(key, value) on user edits only."""

    edited = Signal(str, object)

    def __init__(self, key: str, kind: str, widget: QWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.key, self.kind, self.widget = key, kind, widget
        self._loading = False
        self._last_text: str | None = None
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._on_changed)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._on_changed)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(self._on_changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._on_changed)

    # -- widget <- value -------------------------------------------------------------------
    def show_value(self, value: Any) -> None:
        self._loading = True
        try:
            w = self.widget
            if isinstance(w, QDateEdit):
                if isinstance(value, dt.date):
                    w.setDate(QDate(value.year, value.month, value.day))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif self.kind == "yaml":
                self._set_text(value_text(value))
            else:
                self._set_text("" if value is None else str(value))
            w.setStyleSheet("")
        finally:
            self._loading = False

    def _set_text(self, text: str) -> None:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            self._last_text = text
            if plain_text(w) != text:
                w.setPlainText(text)
        elif isinstance(w, QLineEdit) and w.text() != text:
            w.setText(text)
            w.setCursorPosition(0)

    def text(self) -> str:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return plain_text(w)
        return w.text() if isinstance(w, QLineEdit) else ""

    # -- value <- widget -------------------------------------------------------------------
    def value(self) -> Any:
        """The typed value the widget holds; raises ValueError when it is not valid."""
        w = self.widget
        if isinstance(w, QDateEdit):
            d = w.date()
            return dt.date(d.year(), d.month(), d.day())
        if isinstance(w, QCheckBox):
            return w.isChecked()
        text = self.text()
        if self.kind == "integer":
            return None if not text.strip() else int(text.strip())
        if self.kind == "number":
            return None if not text.strip() else float(text.strip())
        if self.kind == "yaml":
            try:
                return compose(text).data
            except ArticleError as exc:
                raise ValueError(exc.message) from None
        return text

    @Slot()
    def _on_changed(self) -> None:
        if self._loading:
            return
        if isinstance(self.widget, QPlainTextEdit):
            # format-only changes (spelling marks redrawn) also fire textChanged
            text = plain_text(self.widget)
            if text == self._last_text:
                return
            self._last_text = text
        try:
            value = self.value()
        except ValueError as exc:
            self.widget.setStyleSheet(_ERROR_STYLE)
            self.widget.setToolTip(str(exc))
            return
        self.widget.setStyleSheet("")
        self.edited.emit(self.key, value)


def make_widget(spec: Field, key: str, parent: QWidget, speller: Speller | None = None) -> QWidget:
    """The input widget for a field type, named field:<key> with an accessible label.

    Long text and keyword fields are spell checked like the answer (without Markdown).
    """
    if spec.type in ("long_text", "keywords"):
        widget: QWidget = SpellTextEdit(speller, parent, markdown=False)
        widget.setTabChangesFocus(True)
        widget.setFixedHeight(64)
    elif spec.type == "date":
        widget = QDateEdit(parent)
        widget.setCalendarPopup(True)
        widget.setDisplayFormat("yyyy-MM-dd")
    elif spec.type == "boolean":
        widget = QCheckBox(spec.label, parent)
    else:
        widget = QLineEdit(parent)
    if spec.readonly and isinstance(widget, QLineEdit):
        widget.setReadOnly(True)
    widget.setObjectName(f"field:{key}")
    widget.setAccessibleName(spec.label)
    return widget
