"""The spelling language menu: Automatic, English (UK), English (US)."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from editor.core.text.spelling import AUTOMATIC, LANGUAGES


class SpellingMenu(QMenu):
    """Checkable choices; emits languageRequested with "en_GB", "en_US" or "" (automatic).

    ``set_current`` shows the setting without emitting; with Automatic, the language it
    settled on is named in that item ("Automatic (English (UK))").
    """

    languageRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Spelling &Language", parent)
        self.setObjectName("spellingMenu")
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.actions_by_code: dict[str, QAction] = {}
        for code, text in ((AUTOMATIC, "&Automatic"), *LANGUAGES.items()):
            action = QAction(text, self)
            action.setObjectName(f"spelling:{code or 'auto'}")
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(self._on_triggered)
            self._group.addAction(action)
            self.addAction(action)
            self.actions_by_code[code] = action
        self.actions_by_code[AUTOMATIC].setChecked(True)

    def set_current(self, setting: str, language: str | None = None) -> None:
        """Check ``setting``'s item; ``language`` is the one Automatic chose."""
        self.actions_by_code.get(setting, self.actions_by_code[AUTOMATIC]).setChecked(True)
        auto = self.actions_by_code[AUTOMATIC]
        chosen = LANGUAGES.get(language or "")
        auto.setText(f"&Automatic ({chosen})" if chosen and not setting else "&Automatic")

    @Slot()
    def _on_triggered(self) -> None:
        self.languageRequested.emit(self.sender().data())
