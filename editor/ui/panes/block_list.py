"""An array of objects (a page's content blocks, a block's items) as a list of collapsible
boxes, each titled by its component's label and its first text, with Add (a menu of the
structures the array's items may be made from), and on each item Move up and down,
Duplicate, Add below (the same menu: the new item goes right after it) and Remove.

The boxes only ask: ``editRequested(op, path, index, arg)`` with op ``insert`` (arg: a
Structure or a blank item), ``remove``, ``duplicate`` or ``move`` (arg: -1 or 1).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.site.bookshop import Structure
from editor.core.site.inputs import KeyPath

TITLE_CHARS = 60


class ItemBox(QFrame):
    """One item: a header (arrow and title, then the item's buttons) over its fields."""

    toggled = Signal(bool)

    def __init__(self, key: str, path: KeyPath, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"item:{key}")
        self.key, self.path = key, tuple(path)
        self.filled = False  # its fields are built the first time it is opened
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 2, 4, 4)
        outer.setSpacing(2)
        header = QHBoxLayout()
        header.setSpacing(2)
        self.arrow = QToolButton(self)
        self.arrow.setObjectName(f"toggle:{key}")
        self.arrow.setCheckable(True)
        self.arrow.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.arrow.setAutoRaise(True)
        self.arrow.setText(title)
        self.arrow.setToolTip(title)
        self.arrow.setStyleSheet("QToolButton { font-weight: bold; border: none; }")
        # a long title is cut at the pane's edge (the tooltip has it whole): the buttons stay
        self.arrow.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.arrow.setMinimumWidth(60)
        header.addWidget(self.arrow, 1)
        self.buttons: dict[str, QToolButton] = {}
        for name, text, tip in (("up", "↑", "Move up"), ("down", "↓", "Move down"),
                                ("duplicate", "Copy", "Duplicate"),
                                ("below", "+", "Add below"),
                                ("remove", "Remove", "Remove")):
            button = QToolButton(self)
            button.setObjectName(f"{name}:{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setAutoRaise(True)
            header.addWidget(button)
            self.buttons[name] = button
        outer.addLayout(header)
        self.body = QWidget(self)
        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(14, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addWidget(self.body)
        self.arrow.toggled.connect(self.set_open)
        self.set_open(False)

    @Slot(bool)
    def set_open(self, on: bool) -> None:
        if self.arrow.isChecked() != on:
            self.arrow.setChecked(on)  # comes back here through toggled
            return
        self.arrow.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.body.setVisible(on)
        self.toggled.emit(on)


class ArrayBox(QGroupBox):
    """The items of one array and its Add button."""

    editRequested = Signal(str, object, int, object)
    openChanged = Signal(str, bool)  # an item's key, opened or closed

    def __init__(self, key: str, path: KeyPath, label: str, structures: tuple[Structure, ...],
                 blank: dict[str, Any] | None, parent: QWidget) -> None:
        super().__init__(label, parent)
        self.setObjectName(f"array:{key}")
        self.key, self.path = key, tuple(path)
        self.items: list[ItemBox] = []
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(4)
        self.add_button = QToolButton(self)
        self.add_button.setObjectName(f"add:{key}")
        self.add_button.setText("Add…" if structures else "Add")
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._blank = blank
        self._structures = sorted(structures, key=lambda s: (s.label or s.name).lower())
        if structures:
            menu = QMenu(self.add_button)
            menu.setObjectName(f"addMenu:{key}")
            self._fill(menu, self._on_add)
            self.add_button.setMenu(menu)
            self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        elif blank is not None:
            self.add_button.clicked.connect(self._on_add_blank)
        else:
            self.add_button.setEnabled(False)
            self.add_button.setToolTip("The site says nothing about what these items hold")
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_blank(self, blank: dict[str, Any] | None) -> None:
        """What Add makes when the site gives no structure (the last item's keys, empty)."""
        self._blank = blank

    def clear_items(self) -> None:
        """Take every item's box away (the array is built again after an edit)."""
        for box in self.items:
            self._layout.removeWidget(box)
            box.hide()
            box.setParent(None)  # type: ignore[call-overload]
            box.deleteLater()
        self.items.clear()

    def add_item(self, key: str, title: str, count: int) -> ItemBox:
        index = len(self.items)
        box = ItemBox(key, (*self.path, index), title, self)
        box.buttons["up"].setEnabled(index > 0)
        box.buttons["down"].setEnabled(index < count - 1)
        for name, op, arg in (("up", "move", -1), ("down", "move", 1),
                              ("duplicate", "duplicate", None), ("remove", "remove", None)):
            button = box.buttons[name]
            button.setProperty("op", op)
            button.setProperty("index", index)
            button.setProperty("offset", arg)
            button.clicked.connect(self._on_item_button)
        below = box.buttons["below"]
        below.setProperty("index", index)
        if self._structures:  # the same picker as Add, filled the first time it opens
            menu = QMenu(below)
            menu.setObjectName(f"belowMenu:{key}")
            menu.aboutToShow.connect(self._on_below_menu)
            below.setMenu(menu)
            below.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        elif self._blank is not None:
            below.clicked.connect(self._on_below_blank)
        else:
            below.setEnabled(False)
        box.toggled.connect(self._on_toggled)
        box.setProperty("item_key", key)
        self._layout.insertWidget(self._layout.count() - 1, box)
        if self.isVisible():
            box.show()  # now, not at the next turn of the event loop
        self.items.append(box)
        return box

    @Slot()
    def _on_item_button(self) -> None:
        button = self.sender()
        op = str(button.property("op"))
        self.editRequested.emit(op, self.path, int(button.property("index")),
                                button.property("offset"))

    def _fill(self, menu: QMenu, slot: Any) -> None:
        for structure in self._structures:
            action = QAction(structure.label or structure.name, menu)
            action.setData(structure)
            action.triggered.connect(slot)
            menu.addAction(action)

    @Slot()
    def _on_below_menu(self) -> None:
        menu = self.sender()
        if isinstance(menu, QMenu) and menu.isEmpty():
            self._fill(menu, self._on_below)

    @Slot()
    def _on_below(self) -> None:
        action = self.sender()
        button = action.parent().parent()
        self.editRequested.emit("insert", self.path, int(button.property("index")) + 1,
                                action.data())

    @Slot()
    def _on_below_blank(self) -> None:
        index = int(self.sender().property("index"))
        self.editRequested.emit("insert", self.path, index + 1, dict(self._blank or {}))

    @Slot()
    def _on_add(self) -> None:
        structure = self.sender().data()
        self.editRequested.emit("insert", self.path, len(self.items), structure)

    @Slot()
    def _on_add_blank(self) -> None:
        self.editRequested.emit("insert", self.path, len(self.items), dict(self._blank or {}))

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        self.openChanged.emit(str(self.sender().property("item_key")), on)


def item_title(label: str, first_text: str) -> str:
    """"Home Banner — Study Smarter, Learn Faster", shortened to fit."""
    text = " ".join(first_text.split())
    if len(text) > TITLE_CHARS:
        text = text[: TITLE_CHARS - 1] + "…"
    return f"{label} — {text}" if text else label


def first_text(value: Any, locales: tuple[str, ...], label: str = "") -> str:
    """The first text of an item (a locale object's first filled language counts), ""
    when it has none; keys starting with ``_`` are skipped, and so is a text that only
    repeats the item's label (a block's ``title: Home Banner section``)."""
    if not isinstance(value, dict):
        return ""
    for key, sub in value.items():
        if isinstance(key, str) and key.startswith("_"):
            continue
        if isinstance(sub, str) and sub.strip() and "<" not in sub[:1]:
            if label and sub.strip().lower().startswith(label.lower()):
                continue
            return sub
        if isinstance(sub, dict) and sub and all(k in locales for k in sub):
            for loc in locales:
                text = sub.get(loc)
                if isinstance(text, str) and text.strip():
                    return text
    return ""


def blank_like(items: list[Any]) -> dict[str, Any] | None:
    """A new item for an array the site gives no structure for: the last item's keys,
    empty (None when the items are not objects)."""
    if not items or not isinstance(items[-1], dict):
        return None
    return {k: _emptied(v) for k, v in items[-1].items()}


def _emptied(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _emptied(v) for k, v in value.items()}
    if isinstance(value, list):
        return []
    if isinstance(value, bool):
        return False
    return None


def reordered(op: str, index: int, arg: object, count: int) -> list[int | None]:
    """The items of an array of ``count`` after the edit ``op`` at ``index``: for each, the
    index it had before (None for a new item; a copy has its original's)."""
    order: list[int | None] = list(range(count))
    if op == "insert":
        order.insert(max(0, min(index, count)), None)
    elif op == "duplicate" and 0 <= index < count:
        order.insert(index + 1, index)
    elif op == "remove" and 0 <= index < count:
        order.pop(index)
    elif op == "move" and 0 <= index < count and isinstance(arg, int):
        order.insert(max(0, min(count - 1, index + arg)), order.pop(index))
    return order


def moved_keys(keys: set[str], array_key: str, order: list[int | None]) -> set[str]:
    """``keys`` (of item boxes) with those inside the array ``array_key``'s items carried to
    the items' new places (``order`` from ``reordered``); a new item's key is left out."""
    head = array_key + ".["
    inside: dict[int, list[str]] = {}
    out = set()
    for key in keys:
        index, sep, rest = key[len(head):].partition("]") if key.startswith(head) else ("", "", "")
        if sep and index.isdigit():
            inside.setdefault(int(index), []).append(rest)
        else:
            out.add(key)
    for new, old in enumerate(order):
        for rest in inside.get(old, []) if old is not None else []:
            out.add(f"{head}{new}]{rest}")
    return out
