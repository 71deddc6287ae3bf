"""Banners above the panes: errors (with "Fix in raw text") and changes on disk."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from editor.core.sync import MISSING, Conflict, MergeResult

_ERROR = "background:#fdecea; color:#8a1c12;"
_INFO = "background:#e8f0fe; color:#174ea6;"
_WARN = "background:#fef7e0; color:#7a4f01;"


def _shown(value: object) -> str:
    return "(removed)" if value is MISSING else repr(value) if not isinstance(value, str) else value


class _Banner(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
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

    def _show(self, text: str, style: str) -> None:
        self.label.setText(text)
        self.setStyleSheet(f"QFrame#{self.objectName()} {{{style}}} QLabel {{{style}}}")
        self.show()

    def text(self) -> str:
        return self.label.text()


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
        self._show(text, _ERROR)

    def show_info(self, text: str) -> None:
        self.fix_button.hide()
        self._show(text, _INFO)


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

    def show_conflicts(self, result: MergeResult) -> None:
        self.conflicts = list(result.conflicts)
        keys = ", ".join(c.key for c in self.conflicts)
        merged = ""
        if result.merged:
            merged = f" Your other edits ({', '.join(result.merged)}) are kept."
        self._buttons(self.keep_button, self.take_button, self.compare_button)
        self._show(f"<b>This file changed on disk</b> in fields you also edited: "
                   f"{html.escape(keys)}.{html.escape(merged)} Nothing is saved until you "
                   f"choose.", _WARN)

    def show_missing(self, path: str) -> None:
        self.conflicts = []
        self._buttons()
        self._show(f"<b>{html.escape(path)}</b> was deleted or renamed on disk. Your text is "
                   f"still here; Save writes it back.", _WARN)

    def show_renamed(self, path: str, edited: bool) -> None:
        self.conflicts = []
        self._buttons()
        kept = " Your edits are kept and will be saved there." if edited else ""
        self._show(f"This article was renamed to <b>{html.escape(Path(path).name)}</b> by "
                   f"someone else.{kept}", _INFO)

    @Slot(bool)
    def show_reverted(self, can_undo: bool) -> None:
        """After a revert: offer to bring the edits back; withdrawn once the user types."""
        if not can_undo:
            if self.reverted:
                self.clear()
            return
        self.conflicts = []
        self._buttons(self.undo_button)
        self._show("Your unsaved edits were thrown away and the saved version reloaded.", _INFO)

    @Slot()
    def clear(self) -> None:
        self.conflicts = []
        self.reverted = False
        self.hide()


def compare_html(conflicts: list[Conflict]) -> str:
    """A side-by-side table of each conflicting field: base, mine, theirs."""
    rows = "".join(
        f"<tr><td><b>{html.escape(c.key)}</b></td>"
        f"<td>{html.escape(_shown(c.base))}</td><td>{html.escape(_shown(c.ours))}</td>"
        f"<td>{html.escape(_shown(c.theirs))}</td></tr>"
        for c in conflicts
    )
    return ('<table border="1" cellpadding="6" cellspacing="0" width="100%">'
            "<tr><th>Field</th><th>When you opened it</th><th>Mine</th><th>On disk now</th></tr>"
            f"{rows}</table>")
