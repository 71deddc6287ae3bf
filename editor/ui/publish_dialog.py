"""The publish dialog: the changed articles by title, each checked, with what changed field
by field (label: old → new); the other changed files, unchecked; the change's description.
And the one-time question for the writer's name and email."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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
from editor.core.git.review import FileReview

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


__all__ = ["IdentityDialog", "PublishDialog", "change_lines", "shown"]
