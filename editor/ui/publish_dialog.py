"""The publish dialog: the changed articles by title, each checked, with what changed field
by field (label: old → new); the other changed files, unchecked; the change's description.
The one-time question for the writer's name and email, and the chooser between the
writer's version and the team's of each field both changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.document.merge import MISSING
from editor.core.git.choices import ChoiceGroup, group_conflicts
from editor.core.git.review import FileReview
from editor.core.git.sync import MINE, THEIRS, FieldConflict

#: A value longer than this is cut, with an ellipsis, in the list of changes.
SHOWN_CHARS = 80

PATH_ROLE = Qt.ItemDataRole.UserRole
#: The choice an article's fields in step show when some keep mine and some take theirs.
MIXED_INDEX = 2


def shown(value: Any) -> str:
    """A field's value as one line of plain text."""
    if value is MISSING:
        return "(none)"
    if isinstance(value, list):
        text = ", ".join(shown(v) for v in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {shown(v)}" for k, v in value.items())
    else:
        text = "" if value is None else str(value)
    text = " ".join(text.split())
    if not text:
        return "(empty)"
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def change_lines(file: FileReview) -> list[str]:
    if file.is_deleted:
        return ["Deleted"]
    if not file.readable:
        return ["Changed as a whole (not read as an article)"]
    lines = ["New article"] if file.is_new else []
    if not file.is_new:
        lines += [f"{c.label}: {shown(c.old)} → {shown(c.new)}" for c in file.fields]
    return lines


class PublishDialog(QDialog):
    def __init__(self, articles: list[FileReview], others: list[str], message: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle("Publish")
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Publish these changes to the team:", self))
        self.files = QTreeWidget(self)
        self.files.setObjectName("publishFiles")
        self.files.setHeaderHidden(True)
        for file in articles:
            item = QTreeWidgetItem(self.files, [file.title])
            item.setData(0, PATH_ROLE, file.path)
            item.setToolTip(0, file.path)
            item.setCheckState(0, Qt.CheckState.Checked)
            for line in change_lines(file):
                child = QTreeWidgetItem(item, [line])
                child.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setExpanded(True)
        for path in others:
            item = QTreeWidgetItem(self.files, [path])
            item.setData(0, PATH_ROLE, path)
            item.setCheckState(0, Qt.CheckState.Unchecked)
        layout.addWidget(self.files, 1)
        form = QFormLayout()
        self.message = QLineEdit(message, self)
        self.message.setObjectName("publishMessage")
        self._offered = message
        form.addRow("&Description:", self.message)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Publish")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def items(self) -> list[QTreeWidgetItem]:
        return [self.files.topLevelItem(i) for i in range(self.files.topLevelItemCount())]

    def chosen(self) -> list[str]:
        return [str(item.data(0, PATH_ROLE)) for item in self.items()
                if item.checkState(0) == Qt.CheckState.Checked]

    def chosen_message(self) -> str | None:
        """The description written; None when the offered one was left as it was (the
        titles of what is chosen then describe it)."""
        text = self.message.text().strip()
        return None if not text or text == self._offered else text


class IdentityDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.setWindowTitle("Your name for publishing")
        layout = QVBoxLayout(self)
        note = QLabel("Your changes are published under your name and email address. "
                      "This is asked once.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.name, self.email = QLineEdit(self), QLineEdit(self)
        self.name.setObjectName("identityName")
        self.email.setObjectName("identityEmail")
        form.addRow("&Name:", self.name)
        form.addRow("&Email:", self.email)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


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
        item = box.model().item(MIXED_INDEX)  # type: ignore[attr-defined]
        item.setEnabled(False)
    return box


def _shared(values: list[Any]) -> str:
    first = shown(values[0])
    return first if all(shown(v) == first for v in values) else "(differs by field)"


class ConflictDialog(QDialog):
    """For each field both sides changed: the article, the field, both values side by side,
    and "Keep mine" or "Take theirs" (mine by default). An article's fields the site keeps in
    step (title, article title, question) are one row with one choice, opened to show each
    field with its own choice."""

    def __init__(self, conflicts: list[FieldConflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Choose between your changes and the team's")
        self.resize(900, 460)
        layout = QVBoxLayout(self)
        note = QLabel("You and someone on the team changed the same fields. Choose which "
                      "version to keep for each. Fields the site keeps the same (the "
                      "title, article title and question) are chosen together; open the "
                      "row to choose them one by one.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("conflictTree")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["Article", "Field", "Mine", "Theirs", "Keep"])
        self.tree.setRootIsDecorated(True)
        self.choices: dict[tuple[str, str], QComboBox] = {}
        self.groups: dict[str, QComboBox] = {}  # by path: the choice of its fields in step
        for group in group_conflicts(conflicts):
            self._add(group)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(4, max(self.tree.columnWidth(4), 150))
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use These Choices")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _row(self, parent: QTreeWidget | QTreeWidgetItem, texts: list[str],
             path: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, texts)
        for column, text in enumerate(texts):
            item.setToolTip(column, path if column == 0 else text)
        return item

    def _add(self, group: ChoiceGroup) -> None:
        first = group.conflicts[0]
        if not group.grouped:
            item = self._row(self.tree, [group.title, group.label, shown(first.ours),
                                         shown(first.theirs)], group.path)
            box = _choice_box(self.tree)
            self.tree.setItemWidget(item, 4, box)
            self.choices[(group.path, first.key)] = box
            return
        item = self._row(self.tree, [group.title, group.label,
                                     _shared([c.ours for c in group.conflicts]),
                                     _shared([c.theirs for c in group.conflicts])], group.path)
        item.setData(0, PATH_ROLE, group.path)
        box = _choice_box(self.tree, mixed=True)
        box.setObjectName("conflictGroupChoice")
        self.tree.setItemWidget(item, 4, box)
        members = []
        for conflict in group.conflicts:
            child = self._row(item, ["", conflict.label, shown(conflict.ours),
                                     shown(conflict.theirs)], group.path)
            member = _choice_box(self.tree)
            self.tree.setItemWidget(child, 4, member)
            self.choices[(group.path, conflict.key)] = member
            members.append(member)
        item.setExpanded(True)
        self.groups[group.path] = box
        _GroupChoice(box, members)

    def rows(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def take_theirs(self, path: str, key: str) -> None:
        self.choices[(path, key)].setCurrentIndex(1)

    def chosen(self) -> dict[tuple[str, str], str]:
        return {where: str(box.currentData()) for where, box in self.choices.items()}


__all__ = ["ConflictDialog", "IdentityDialog", "PublishDialog", "change_lines", "shown"]
