"""Warnings under the answer about a backslash followed by n that the site would turn into a
line break: typed in code, math or a Windows path, or a line break already in the answer that
was probably written as one (see ``editor.core.text.backslashes``); and about what else the
site shows otherwise than typed, from the answer's latest scan (``answer_scan``): a formula
KaTeX cannot parse, HTML typed in the text (see ``editor.core.text.site_marks``).

The warnings follow the text a moment after the writer stops typing; each one that has a fix
has a button for it, and the fix is one edit of the answer (Ctrl+Z in the answer takes it
back). The pane never edits the answer itself: it asks for the replacement with
``fixRequested``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from editor.core.text.backslashes import Hazard, break_hazards, typed_hazards
from editor.core.text.site_marks import SiteMark
from editor.ui.panes.answer_scan import Scan
from editor.ui.panes.banners import WARN, tones

#: How long after the last keystroke the warnings are brought up to date.
DELAY_MS = 300
#: At most this many warnings are listed; a last line counts the rest.
SHOWN = 3


def hazards(text: str) -> list[Hazard]:
    """What the warnings list for the answer's text, in the order of the text."""
    return sorted([*typed_hazards(text), *break_hazards(text)], key=lambda h: h.start)


def _utf16(text: str, index: int) -> int:
    """A position in ``text`` as Qt counts it (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


class BackslashWarning(QWidget):
    """Emits fixRequested(start, length, replacement) in the editor's positions."""

    fixRequested = Signal(int, int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backslashWarning")
        self.setAccessibleName("Warnings about the answer")
        self._text = ""
        self._hazards: list[Hazard] = []
        self._marks: list[SiteMark] = []  # of the latest scan
        self._scanned: str | None = None  # the text it was made of
        self._shown: list[SiteMark] = []
        self.rows: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._refresh)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 4)
        self._layout.setSpacing(2)
        background, text, edge = tones(self.palette(), WARN)
        self.setStyleSheet(f"#backslashWarning {{ background: {background}; color: {text};"
                           f" border: 1px solid {edge}; border-radius: 3px; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hide()

    @Slot(str, object)
    def watch(self, _key: str, text: object) -> None:
        """The answer was edited: bring the warnings up to date once typing pauses."""
        self._text = str(text)
        self._timer.start()

    @Slot(str)
    def show_now(self, text: str) -> None:
        """Another answer is shown (an article opened): its warnings at once."""
        self._text = text
        self._timer.stop()
        self._refresh()

    @Slot(object)
    def show_scan(self, scan: Scan) -> None:
        """The answer was scanned: list what the site shows otherwise than typed."""
        self._marks = list(scan.marks)
        self._scanned = scan.text
        self._refresh()

    def texts(self) -> list[str]:
        return [row.text() for row in self.rows]

    @Slot()
    def _refresh(self) -> None:
        found = hazards(self._text)
        # while the text is newer than the scan, the marks shown stay until the next scan
        marks = self._marks if self._scanned == self._text else self._shown
        if found == self._hazards and marks == self._shown:
            return
        self._hazards, self._shown = found, marks
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows, self.buttons = [], []
        items: list[Hazard | SiteMark] = sorted([*found, *marks], key=lambda h: h.start)
        for row, item in enumerate(items[:SHOWN]):
            if isinstance(item, Hazard):
                self._add_row(row, item.text, found.index(item), item)
            else:
                self._add_row(row, item.text, None, None)
        if len(items) > SHOWN:
            more = QLabel(f"… and {len(items) - SHOWN} more like these", self)
            self._layout.addWidget(more)
            self.rows.append(more)
        self.setVisible(bool(items))

    def _add_row(self, number: int, text: str, index: int | None, hazard: Hazard | None) -> None:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text + ".", row)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setObjectName(f"backslashWarning:{number}")
        line.addWidget(label, 1)
        self.rows.append(label)
        if hazard is not None and hazard.fix is not None:
            button = QPushButton(hazard.action, row)
            button.setObjectName(f"backslashFix:{number}")
            button.setToolTip(f"Replace it with “{hazard.fix}” (Ctrl+Z in the answer undoes it)")
            button.setProperty("hazard", index)
            button.clicked.connect(self._on_fix)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.buttons.append(button)
        self._layout.addWidget(row)

    @Slot()
    def _on_fix(self) -> None:
        index = self.sender().property("hazard")
        # the text may have changed since the list was drawn: fix the same spot in the
        # current text, if it is still there
        shown = self._hazards[index]
        current = hazards(self._text)
        same = [h for h in current if (h.kind, h.shown, h.typed) == (shown.kind, shown.shown,
                                                                    shown.typed)]
        if not same:
            self._refresh()
            return
        hazard = min(same, key=lambda h: abs(h.start - shown.start))
        start = _utf16(self._text, hazard.start)
        length = _utf16(self._text, hazard.end) - start
        self.fixRequested.emit(start, length, hazard.fix or "")
