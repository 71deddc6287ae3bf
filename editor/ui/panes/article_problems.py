"""The open article's problems, listed above its fields in plain words.

Each problem is a row (an icon and its sentence, wrapped to the form's width); clicking the
sentence asks for its field. The list
is hidden when the article has no problems. It is rebuilt only when the problems change, so
refreshing it as the writer types neither flickers nor steals focus.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStyle, QVBoxLayout, QWidget

from editor.core.checks.folder_checks import ERROR, Problem
from editor.ui.panes.banners import escape


class ArticleProblems(QWidget):
    """Emits fieldFocusRequested(dotted key) when a problem is clicked."""

    fieldFocusRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleProblems")
        self.setAccessibleName("Problems in this article")
        self._shown: list[tuple[str, str | None, str]] = []
        self.rows: list[QLabel] = []  # each problem's sentence
        self._boxes: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 4)
        self._layout.setSpacing(0)
        self.hide()

    def update_problems(self, problems: list[Problem]) -> None:
        """Show these problems (errors first, each kind in check order); hide when none."""
        ordered = sorted(problems, key=lambda p: p.severity != ERROR)
        shown = [(p.severity, p.key, p.plain) for p in ordered]
        if shown != self._shown:
            self._rebuild(shown)
        self.setVisible(bool(self.rows))

    def _rebuild(self, shown: list[tuple[str, str | None, str]]) -> None:
        self._shown = shown
        while self._layout.count():  # the rows and the stretch after them
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._boxes = []
        self.rows = [self._row(*item) for item in shown]
        for box in self._boxes:
            self._layout.addWidget(box)
        self._layout.addStretch(1)

    def texts(self) -> list[str]:
        return [row.property("plainText") for row in self.rows]

    def _row(self, severity: str, key: str | None, text: str) -> QLabel:
        """One problem: its icon and its sentence, wrapped; a link to the field when it
        names one (links take the palette's colour)."""
        box = QWidget(self)
        line = QHBoxLayout(box)
        line.setContentsMargins(2, 1, 2, 1)
        icon = QLabel(box)
        pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if severity == ERROR
                  else QStyle.StandardPixmap.SP_MessageBoxWarning)
        size = self.fontMetrics().height()
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(QSize(size, size)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        label = QLabel(box)
        label.setObjectName(f"articleProblem:{key or ''}")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setProperty("plainText", text)
        word = "Error" if severity == ERROR else "Warning"
        label.setAccessibleName(f"{word}: {text}")
        label.setTextFormat(Qt.TextFormat.RichText)
        if key:
            label.setText(f'<a href="{html.escape(key)}">{escape(text)}</a>')
            label.setToolTip(f"{word} — click to go to the field")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            label.linkActivated.connect(self.fieldFocusRequested)
        else:
            label.setText(escape(text))
            label.setToolTip(word)
        line.addWidget(icon)
        line.addWidget(label, 1)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._boxes.append(box)
        return label
