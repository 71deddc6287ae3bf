"""The publish dialog: the changed articles by title, each checked, with what changed field
by field (label: old → new); the other changed files, unchecked; the change's description.
And the one-time question for the writer's name and email."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.document.merge import MISSING
from editor.core.git.review import FileReview
from editor.core.git.sync import MINE, THEIRS, FieldConflict

#: A value longer than this is cut, with an ellipsis, in the list of changes.
SHOWN_CHARS = 80

PATH_ROLE = Qt.ItemDataRole.UserRole


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


class ConflictDialog(QDialog):
    """For each field both sides changed: the article, the field, both values side by side,
    and "Keep mine" or "Take theirs" (mine by default)."""

    def __init__(self, conflicts: list[FieldConflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Choose between your changes and the team's")
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        note = QLabel("You and someone on the team changed the same fields. Choose which "
                      "version to keep for each:", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(len(conflicts), 5, self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(["Article", "Field", "Mine", "Theirs", "Keep"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.choices: dict[tuple[str, str], QComboBox] = {}
        for row, conflict in enumerate(conflicts):
            for column, text in enumerate((conflict.title, conflict.label,
                                           shown(conflict.ours), shown(conflict.theirs))):
                item = QTableWidgetItem(text)
                item.setToolTip(conflict.path if column == 0 else text)
                self.table.setItem(row, column, item)
            choice = QComboBox(self.table)
            choice.addItem("Keep mine", MINE)
            choice.addItem("Take theirs", THEIRS)
            self.table.setCellWidget(row, 4, choice)
            self.choices[(conflict.path, conflict.key)] = choice
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
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

    def take_theirs(self, path: str, key: str) -> None:
        self.choices[(path, key)].setCurrentIndex(1)

    def chosen(self) -> dict[tuple[str, str], str]:
        return {where: str(box.currentData()) for where, box in self.choices.items()}


__all__ = ["ConflictDialog", "IdentityDialog", "PublishDialog", "change_lines", "shown"]
