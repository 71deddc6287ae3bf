"""A value written once per language (``{en: .., zh_hk: .., fr: .., sp: ..}``) as one field:
a language switcher over one widget per language; empty languages are marked in it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QStackedWidget, QWidget

from editor.ui.panes.site_widgets import SiteBinding

#: How the switcher marks a language with no text yet.
EMPTY_MARK = " (empty)"


class LocaleField(QWidget):
    """``add(locale, widget, binding)`` once per language; the combo ``switcher`` picks the
    language shown (the first with text, else the first)."""

    def __init__(self, key: str, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"locale:{key}")
        self.switcher = QComboBox(self)
        self.switcher.setObjectName(f"languages:{key}")
        self.switcher.setAccessibleName(f"{label}: language")
        self.switcher.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.stack = QStackedWidget(self)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.stack, 1)
        line.addWidget(self.switcher, 0)
        self.locales: list[str] = []
        self.bindings: dict[str, SiteBinding] = {}
        self.switcher.currentIndexChanged.connect(self.stack.setCurrentIndex)

    def add(self, locale: str, widget: QWidget, binding: SiteBinding) -> None:
        self.locales.append(locale)
        self.bindings[locale] = binding
        self.stack.addWidget(widget)
        self.switcher.addItem(locale, locale)
        binding.edited.connect(self._on_edit)
        binding.restoreRequested.connect(self._on_edit)

    def finish(self, choose: Callable[[list[str]], str | None] | None = None) -> None:
        """Mark the empty languages and show the one ``choose`` picks (else the first
        filled one)."""
        self._mark()
        filled = [loc for loc in self.locales if self.bindings[loc].text().strip()]
        wanted = choose(self.locales) if choose is not None else None
        pick = wanted if wanted in self.locales else (filled[0] if filled else self.locales[0])
        self.show_locale(pick)

    def show_locale(self, locale: str) -> None:
        if locale in self.locales:
            self.switcher.setCurrentIndex(self.locales.index(locale))

    def current(self) -> str:
        return self.locales[self.switcher.currentIndex()]

    def empty(self) -> list[str]:
        return [loc for loc in self.locales if not self.bindings[loc].text().strip()]

    @Slot()
    @Slot(str)
    @Slot(str, object)
    def _on_edit(self, *_args: object) -> None:
        self._mark()

    def _mark(self) -> None:
        empty = set(self.empty())
        for n, loc in enumerate(self.locales):
            self.switcher.setItemText(n, loc + (EMPTY_MARK if loc in empty else ""))
        self.setToolTip("No text yet in: " + ", ".join(sorted(empty)) if empty else "")
