"""Banners above the panes: errors (with "Fix in raw text") and changes on disk.

Both sit in one BannerArea, which shows one banner at a time: a new message replaces the
one before instead of stacking, except that a change on disk awaiting a choice stays until
it is chosen. Colours are mixed from the palette, so dark themes stay readable.
"""

from __future__ import annotations

import contextlib
import difflib
import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QHideEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.document.merge import MISSING, Conflict, MergeResult
from editor.core.document.schema import article_schema

ERROR, INFO, WARN = "error", "info", "warning"
_ACCENTS = {ERROR: QColor("#d93025"), INFO: QColor("#1a73e8"), WARN: QColor("#f9ab00")}


def escape(text: str) -> str:
    """Text for Qt's rich text: &, < and > escaped. Quotes stay as they are: text needs no
    escaping of them, and Qt shows html.escape's &#x27; as written."""
    return html.escape(text, quote=False)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * amount),
                  round(a.green() + (b.green() - a.green()) * amount),
                  round(a.blue() + (b.blue() - a.blue()) * amount))


def tones(palette: QPalette, kind: str) -> tuple[str, str, str]:
    """(background, text, edge): the base tinted towards the kind's accent, palette text."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    accent = _ACCENTS[kind]
    return mix(base, accent, 0.18).name(), text.name(), mix(base, accent, 0.6).name()


def label(key: str) -> str:
    return article_schema().label(key)


def labels(keys: list[str]) -> str:
    return ", ".join(label(k) for k in keys)


class _Banner(QFrame):
    shown = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.kind = INFO
        self._return_focus: QWidget | None = None
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 4, 8, 4)
        self._row.addWidget(self.label, 1)
        self.hide()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        self._row.addWidget(button)
        return button

    def _show(self, text: str, kind: str) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and not self.isAncestorOf(focused):
            self._return_focus = focused  # where the writer was; given back when it hides
        self.kind = kind
        self.label.setText(text)
        background, text_color, edge = tones(self.palette(), kind)
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{background:{background}; "
            f"border-left: 4px solid {edge};}} "
            f"QLabel {{color:{text_color}; background: transparent;}}")
        self.show()
        self.shown.emit()

    def text(self) -> str:
        return self.label.text()

    def hideEvent(self, event: QHideEvent) -> None:
        """A button of the banner had focus (Keep mine, say): give it back to where the writer
        was, not to the next widget in the window (the tree's filter box)."""
        focused = QApplication.focusWidget()
        back = self._return_focus
        self._return_focus = None
        if (focused is None or self.isAncestorOf(focused)) and back is not None:
            with contextlib.suppress(RuntimeError):  # deleted meanwhile
                if back.isVisible() and back.isEnabled():
                    back.setFocus(Qt.FocusReason.OtherFocusReason)
        super().hideEvent(event)


class MessageBanner(_Banner):
    """One message; an error about an unparsable file can offer "Fix in raw text"."""

    fixRawRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("errorBanner", parent)
        self.fix_button = self._button("Fix in raw text", "fixRawButton")
        self.fix_button.clicked.connect(self.fixRawRequested)
        close = self._button("Dismiss", "dismissBanner")
        close.clicked.connect(self.hide)

    def show_error(self, text: str, can_fix: bool = False) -> None:
        self.fix_button.setVisible(can_fix)
        self._show(text, ERROR)

    def show_info(self, text: str) -> None:
        self.fix_button.hide()
        self._show(text, INFO)


class DiskBanner(_Banner):
    """Changes on disk that need a decision (a conflict, a deleted file), a file renamed by
    someone else, and a revert that can be undone."""

    keepMineRequested = Signal()
    takeTheirsRequested = Signal()
    compareRequested = Signal()
    undoRevertRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("diskBanner", parent)
        self.keep_button = self._button("Keep mine", "keepMine")
        self.take_button = self._button("Take theirs", "takeTheirs")
        self.compare_button = self._button("Compare…", "compareVersions")
        self.keep_button.clicked.connect(self.keepMineRequested)
        self.take_button.clicked.connect(self.takeTheirsRequested)
        self.compare_button.clicked.connect(self.compareRequested)
        self.undo_button = self._button("Undo revert", "undoRevert")
        self.undo_button.clicked.connect(self.undoRevertRequested)
        self.conflicts: list[Conflict] = []
        self.reverted = False

    def _buttons(self, *shown: QPushButton) -> None:
        for button in (self.keep_button, self.take_button, self.compare_button,
                       self.undo_button):
            button.setVisible(button in shown)
        self.reverted = self.undo_button in shown

    @property
    def awaiting_choice(self) -> bool:
        return self.isVisible() and bool(self.conflicts)

    def show_conflicts(self, result: MergeResult) -> None:
        self.conflicts = list(result.conflicts)
        merged = ""
        if result.merged:
            merged = f" Your other edits ({labels(result.merged)}) are kept."
        self._buttons(self.keep_button, self.take_button, self.compare_button)
        self._show(f"<b>Someone else changed this article</b> in fields you also edited: "
                   f"{escape(labels([c.key for c in self.conflicts]))}."
                   f"{escape(merged)} Nothing is saved until you choose.", WARN)

    def show_missing(self, path: str) -> None:
        self.conflicts = []
        self._buttons()
        self._show(f"<b>{escape(path)}</b> was deleted or renamed on disk. Your text is "
                   f"still here; Save writes it back.", WARN)

    def show_renamed(self, path: str, edited: bool) -> None:
        self.conflicts = []
        self._buttons()
        kept = " Your edits are kept and will be saved there." if edited else ""
        self._show(f"This article was renamed to <b>{escape(Path(path).name)}</b> by "
                   f"someone else.{kept}", INFO)

    @Slot(bool)
    def show_reverted(self, can_undo: bool) -> None:
        """After a revert: offer to bring the edits back; withdrawn once the user types."""
        if not can_undo:
            if self.reverted:
                self.clear()
            return
        self.conflicts = []
        self._buttons(self.undo_button)
        self._show("Your unsaved edits were thrown away and the saved version reloaded.", INFO)

    @Slot()
    def clear(self) -> None:
        self.conflicts = []
        self.reverted = False
        self.hide()


class BannerArea(QWidget):
    """Holds the banners; shows the newest, keeping a decision on screen until it is made."""

    def __init__(self, message: MessageBanner, disk: DiskBanner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message, self.disk = message, disk
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(disk)
        box.addWidget(message)
        message.shown.connect(self._on_message_shown)
        disk.shown.connect(self._on_disk_shown)

    def hide_all(self) -> None:
        self.message.hide()
        self.disk.clear()

    @Slot()
    def _on_message_shown(self) -> None:
        if not self.disk.awaiting_choice:
            self.disk.hide()

    @Slot()
    def _on_disk_shown(self) -> None:
        self.message.hide()


# -- Compare: the three versions of each conflicting field, readable --------------------------
def _readable(key: str, value: Any) -> str:
    if value is MISSING:
        return ""
    value = article_schema().codec_for(key).decode(value)
    if value is None:
        return ""
    if isinstance(value, dict):
        return "\n".join(f"{label(f'{key}.{k}')}: {'' if v is None else v}"
                         for k, v in value.items())
    return str(value)


def _marked(before: str, after: str, css: str) -> str:
    """``after`` as HTML with the words not in ``before`` highlighted."""
    old, new = before.split(" "), after.split(" ")
    out: list[str] = []
    for op, _a0, _a1, b0, b1 in difflib.SequenceMatcher(None, old, new,
                                                        autojunk=False).get_opcodes():
        words = escape(" ".join(new[b0:b1]))
        if not words:
            continue
        out.append(words if op == "equal" else f'<span style="{css}">{words}</span>')
    return " ".join(out).replace("\n", "<br>")


def compare_html(conflicts: list[Conflict], palette: QPalette | None = None) -> str:
    """For each conflicting field: as it was, mine and theirs, changed words highlighted."""
    base = (palette or QPalette()).color(QPalette.ColorRole.Base)
    css = f"background:{mix(base, _ACCENTS[WARN], 0.45).name()}; font-weight:bold;"
    rows = []
    for c in conflicts:
        was = _readable(c.key, c.base)
        cells = [escape(was).replace("\n", "<br>") or "<i>(empty)</i>"]
        for value in (c.ours, c.theirs):
            text = _readable(c.key, value)
            cells.append("<i>(removed)</i>" if value is MISSING else
                         (_marked(was, text, css) or "<i>(empty)</i>"))
        rows.append(f"<tr><td><b>{escape(label(c.key))}</b></td>"
                    + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return ('<table border="1" cellpadding="6" cellspacing="0" width="100%">'
            "<tr><th>Field</th><th>When you opened it</th><th>Yours</th>"
            "<th>Theirs (on disk now)</th></tr>" + "".join(rows) + "</table>")
