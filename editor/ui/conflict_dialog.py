"""The chooser between the writer's version and the team's of each field both changed: the
articles by title, under each its fields with both values and "Keep mine" or "Take theirs";
an article's fields the site keeps the same (title, article title, question) are one row with
one choice, opened to show each field with its own. The row picked shows both values whole,
side by side, below."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.document.merge import MISSING
from editor.core.git.choices import ChoiceGroup, group_conflicts
from editor.core.git.sync import MINE, THEIRS, FieldConflict
from editor.ui.publish_dialog import shown

#: The choice an article's fields in step show when some keep mine and some take theirs.
MIXED_INDEX = 2
#: The widest the field column starts (px).
FIELD_WIDTH = 240
#: Where a row keeps its two values whole, for the boxes below the list.
OURS_ROLE, THEIRS_ROLE = Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2
DIFFERS = "(differs by field)"


def whole(value: Any) -> str:
    """A field's value as the writer reads it, every line of it."""
    if value is MISSING:
        return "(none)"
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, list):
        return "\n".join(whole(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {whole(v)}" for k, v in value.items())
    return "" if value is None else str(value)


class _GroupChoice(QObject):
    """One choice for an article's fields kept in step: picking Keep mine or Take theirs
    sets every field's own choice; a field changed on its own shows the group as mixed."""

    def __init__(self, box: QComboBox, members: list[QComboBox]) -> None:
        super().__init__(box)
        self.box, self.members = box, members
        self._following = False
        box.currentIndexChanged.connect(self._on_group_changed)
        for member in members:
            member.currentIndexChanged.connect(self._on_member_changed)

    @Slot(int)
    def _on_group_changed(self, index: int) -> None:
        if self._following or index == MIXED_INDEX:
            return
        for member in self.members:
            member.setCurrentIndex(index)

    @Slot(int)
    def _on_member_changed(self, _index: int) -> None:
        chosen = {member.currentIndex() for member in self.members}
        self._following = True
        self.box.setCurrentIndex(chosen.pop() if len(chosen) == 1 else MIXED_INDEX)
        self._following = False


def _choice_box(parent: QWidget, mixed: bool = False) -> QComboBox:
    box = QComboBox(parent)
    box.addItem("Keep mine", MINE)
    box.addItem("Take theirs", THEIRS)
    if mixed:  # shown, never picked: some fields keep mine, some take theirs
        box.addItem("Some of each", None)
        box.model().item(MIXED_INDEX).setEnabled(False)  # type: ignore[attr-defined]
    return box


def _shared(values: list[Any]) -> tuple[str, str]:
    """The one-line and the whole text of values that should be one, else DIFFERS."""
    first = whole(values[0])
    if all(whole(v) == first for v in values):
        return shown(values[0]), first
    return DIFFERS, DIFFERS


class ConflictDialog(QDialog):
    def __init__(self, conflicts: list[FieldConflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Choose between your changes and the team's")
        self.resize(1100, 560)
        layout = QVBoxLayout(self)
        note = QLabel("You and someone on the team changed the same fields. Choose which "
                      "version to keep for each. The title, article title and question, "
                      "which the site keeps the same, are chosen together; open the row to "
                      "choose them one by one.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("conflictTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Field", "Mine", "Theirs", "Keep"])
        self.choices: dict[tuple[str, str], QComboBox] = {}
        self.groups: dict[str, QComboBox] = {}  # by path: the choice of its fields in step
        self._rows: list[QTreeWidgetItem] = []
        self._articles: dict[str, QTreeWidgetItem] = {}
        for group in group_conflicts(conflicts):
            self._add(group)
        self._fit_columns()
        layout.addWidget(self.tree, 3)
        layout.addLayout(self._values_boxes(), 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use These Choices")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel Taking Their Changes")
        cancel.setToolTip("Leave everything as it is now: nothing of theirs is taken, and "
                          "nothing of yours changes")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        if self._rows:
            self.tree.setCurrentItem(self._rows[0])

    def _values_boxes(self) -> QGridLayout:
        grid = QGridLayout()
        self.ours_text, self.theirs_text = QPlainTextEdit(self), QPlainTextEdit(self)
        for column, (name, box) in enumerate((("Mine", self.ours_text),
                                              ("Theirs", self.theirs_text))):
            box.setReadOnly(True)
            box.setObjectName(f"conflict{name}")
            box.setAccessibleName(f"{name}, whole")
            grid.addWidget(QLabel(name, self), 0, column)
            grid.addWidget(box, 1, column)
        return grid

    def _fit_columns(self) -> None:
        """The field as wide as it needs (up to a limit), the two values sharing what is
        left (cut with an ellipsis; whole below, and in their tooltips), the choice always
        in view."""
        header = self.tree.header()
        header.setStretchLastSection(False)
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0), FIELD_WIDTH))
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

    def _article(self, group: ChoiceGroup) -> QTreeWidgetItem:
        item = self._articles.get(group.path)
        if item is None:
            item = QTreeWidgetItem(self.tree, [group.title])
            item.setToolTip(0, group.path)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
            item.setFirstColumnSpanned(True)
            item.setExpanded(True)
            self._articles[group.path] = item
        return item

    def _row(self, parent: QTreeWidgetItem, label: str, ours: tuple[str, str],
             theirs: tuple[str, str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [label, ours[0], theirs[0]])
        item.setToolTip(1, ours[1])
        item.setToolTip(2, theirs[1])
        item.setData(0, OURS_ROLE, ours[1])
        item.setData(0, THEIRS_ROLE, theirs[1])
        return item

    def _add(self, group: ChoiceGroup) -> None:
        parent = self._article(group)
        first = group.conflicts[0]
        if not group.grouped:
            item = self._row(parent, group.label, (shown(first.ours), whole(first.ours)),
                             (shown(first.theirs), whole(first.theirs)))
            box = _choice_box(self.tree)
            self.tree.setItemWidget(item, 3, box)
            self.choices[(group.path, first.key)] = box
            self._rows.append(item)
            return
        item = self._row(parent, group.label, _shared([c.ours for c in group.conflicts]),
                         _shared([c.theirs for c in group.conflicts]))
        self._rows.append(item)
        box = _choice_box(self.tree, mixed=True)
        box.setObjectName("conflictGroupChoice")
        self.tree.setItemWidget(item, 3, box)
        members = []
        for conflict in group.conflicts:
            child = self._row(item, conflict.label,
                              (shown(conflict.ours), whole(conflict.ours)),
                              (shown(conflict.theirs), whole(conflict.theirs)))
            member = _choice_box(self.tree)
            self.tree.setItemWidget(child, 3, member)
            self.choices[(group.path, conflict.key)] = member
            members.append(member)
        item.setExpanded(True)
        self.groups[group.path] = box
        _GroupChoice(box, members)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current_changed(self, item: QTreeWidgetItem | None, _old: object) -> None:
        values = item.data(0, OURS_ROLE) if item is not None else None
        self.ours_text.setPlainText(str(values) if values is not None else "")
        theirs = item.data(0, THEIRS_ROLE) if item is not None else None
        self.theirs_text.setPlainText(str(theirs) if theirs is not None else "")

    def articles(self) -> list[str]:
        """The articles' titles, as listed."""
        return [self.tree.topLevelItem(i).text(0) for i in range(self.tree.topLevelItemCount())]

    def rows(self) -> list[QTreeWidgetItem]:
        """One row per choice offered (a group of fields kept in step, or a field), in order;
        a group's fields are its children."""
        return list(self._rows)

    def take_theirs(self, path: str, key: str) -> None:
        self.choices[(path, key)].setCurrentIndex(1)

    def chosen(self) -> dict[tuple[str, str], str]:
        return {where: str(box.currentData()) for where, box in self.choices.items()}


__all__ = ["MIXED_INDEX", "ConflictDialog", "whole"]
