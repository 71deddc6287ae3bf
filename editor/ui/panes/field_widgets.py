"""One input widget per schema field, each reporting its edits through a binding object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate, QObject, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from editor.core.document.schema import Field
from editor.core.document.wording import plain_problem
from editor.core.errors import ArticleError, ValueParseError
from editor.core.text.spelling import Speller
from editor.core.values import same
from editor.core.writer.emit import value_text
from editor.core.writer.yamltree import compose
from editor.ui.panes.markdown_editor import SpellTextEdit
from editor.ui.panes.text_access import one_line, plain_text

#: Values the site shows on one line: a line break typed or pasted in them becomes a space.
ONE_LINE_KINDS = ("long_text", "keywords")


_ERROR_STYLE = "border: 1px solid #c0392b;"
#: A date field whose key is absent shows this (as a blank) and reads back as None.
NO_DATE = QDate(1000, 1, 1)
_UNSET = object()


class FieldBinding(QObject):
    """Connects one widget to one dotted key.

    On user edits only: ``edited(key, value)`` for a new valid value; ``restoreRequested(key)``
    when the value is back to what the file's value shows (so the file's value, or its absence,
    comes back); ``validityChanged(key, message)`` when the text stops or starts being valid
    (``message`` is empty once it is valid again, else plain words naming the field).
    """

    edited = Signal(str, object)
    restoreRequested = Signal(str)
    validityChanged = Signal(str, str)

    def __init__(self, key: str, kind: str, widget: QWidget, parent: QObject,
                 label: str | None = None) -> None:
        super().__init__(parent)
        self.key, self.kind, self.widget = key, kind, widget
        self.label = label or widget.accessibleName() or key
        self.error = ""
        self._loading = False
        self._last_text: str | None = None
        self._baseline: Any = _UNSET
        self._baseline_text: str | None = None  # the text shown for the file's value
        self._text_value = False  # the file holds text here: typed YAML stays text
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(self._on_changed)  # typing, undo, redo, paste
        elif isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)  # a tab typed into a field would be saved
            widget.textChanged.connect(self._on_changed)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(self._on_changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._on_changed)

    # -- widget <- value -------------------------------------------------------------------
    def show_value(self, value: Any) -> None:
        """Show a value (not an edit); any error mark goes."""
        self._loading = True
        try:
            w = self.widget
            if isinstance(w, QDateEdit):
                if isinstance(value, dt.date):
                    w.setDate(QDate(value.year, value.month, value.day))
                else:
                    w.setDate(w.minimumDate())
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            else:
                self._set_text(self._text_for(value))
        finally:
            self._loading = False
        self._set_error("")

    def put_text(self, text: str) -> None:
        """Type ``text`` in again as the writer's (kept over a reload); checked as an edit."""
        self._loading = True
        try:
            self._set_text(text)
        finally:
            self._loading = False
        self._last_text = None
        self._on_changed()

    def set_baseline(self, original: Any) -> None:
        """The file's value (None when absent): showing it again is no edit."""
        self._text_value = isinstance(original, str)
        self._baseline_text = self._text_for(original)
        try:
            self._baseline = self._typed(original)
        except ValueError:
            self._baseline = _UNSET

    def baseline_from_widget(self) -> None:
        """What the widget holds is now what the file holds (after a save)."""
        self._baseline_text = self.text()
        try:
            self._baseline = self.value()
        except ValueError:
            self._baseline = _UNSET

    def _text_for(self, value: Any) -> str:
        if self.kind == "yaml":
            return value_text(value)
        return "" if value is None else str(value)

    def _typed(self, value: Any) -> Any:
        """The value the widget would give back after showing ``value``."""
        w = self.widget
        if isinstance(w, QDateEdit):
            return dt.date(value.year, value.month, value.day) if isinstance(
                value, dt.date) else None
        if isinstance(w, QCheckBox):
            return bool(value)
        return self._parse(self._text_for(value))

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
        """The typed value the widget holds; raises ValueError (plain words) when invalid."""
        w = self.widget
        if isinstance(w, QDateEdit):
            d = w.date()
            return None if d == w.minimumDate() else dt.date(d.year(), d.month(), d.day())
        if isinstance(w, QCheckBox):
            return w.isChecked()
        return self._parse(self.text())

    def _parse(self, text: str) -> Any:
        stripped = text.strip()
        if self.kind == "integer":
            try:
                return None if not stripped else int(stripped)
            except ValueError:
                raise ValueError(f"“{stripped}” is not a whole number") from None
        if self.kind == "number":
            try:
                return None if not stripped else float(stripped)
            except ValueError:
                raise ValueError(f"“{stripped}” is not a number") from None
        if self.kind == "yaml":
            try:
                data = compose(text).data
            except ArticleError as exc:
                raise ValueError(_yaml_words(exc, text)) from None
            if self._text_value and not isinstance(data, str | dict | list) and stripped \
                    and "\n" not in stripped:
                return stripped  # text stays text: 0017 is not the number 15, NO not false
            return data
        if self.kind in ONE_LINE_KINDS or isinstance(self.widget, QLineEdit):
            return one_line(text)
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
        if self._text_as_in_file():
            self._set_error("")  # as the file has it, even where the file's value is not valid
            self.restoreRequested.emit(self.key)
            return
        try:
            value = self.value()
        except ValueError as exc:
            self._set_error(f"{self.label}: {exc}")
            return
        self._set_error("")
        if self._baseline is not _UNSET and same(value, self._baseline):
            self.restoreRequested.emit(self.key)
        else:
            self.edited.emit(self.key, value)

    def _text_as_in_file(self) -> bool:
        text_widget = isinstance(self.widget, QLineEdit | QPlainTextEdit)
        return text_widget and self._baseline_text is not None and (
            self.text() == self._baseline_text)

    def _set_error(self, message: str) -> None:
        if message == self.error:
            return
        self.error = message
        self.widget.setStyleSheet(_ERROR_STYLE if message else "")
        self.widget.setToolTip(message)
        self.validityChanged.emit(self.key, message)


def shown_text(bindings: Mapping[str, FieldBinding], key: str) -> str:
    """The text the field bound to ``key`` shows; "" when no field is."""
    binding = bindings.get(key)
    return binding.text() if binding else ""


def _yaml_words(exc: ArticleError, text: str) -> str:
    """Where and why a field's YAML does not read, without parser jargon where we can."""
    where = ""
    if exc.line is not None and exc.line > text.rstrip("\n").count("\n") + 1:
        where = " at its end"
    elif exc.line is not None:
        where = f" at line {exc.line}" + (f", column {exc.column}" if exc.column else "")
    if isinstance(exc, ValueParseError):  # "the date '2024-02-30' does not exist (...)"
        return f"the value{where} cannot be read: {exc.message}"
    meaning = plain_problem(exc.message)
    if meaning.startswith("the front matter has "):
        return f"the text{where} has " + meaning.removeprefix("the front matter has ")
    return f"the text{where} is not written the way the site reads it"


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
        widget.setMinimumDate(NO_DATE)
        widget.setSpecialValueText(" ")  # no date in the file: blank, not a stale date
    elif spec.type == "boolean":
        widget = QCheckBox(spec.label, parent)
    else:
        widget = QLineEdit(parent)
    if spec.readonly and isinstance(widget, QLineEdit):
        widget.setReadOnly(True)
    widget.setObjectName(f"field:{key}")
    widget.setAccessibleName(spec.label)
    return widget
