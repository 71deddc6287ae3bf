"""Modal questions, each behind one function so tests can answer them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)

from editor.core.git.sync import FieldConflict
from editor.ui.conflict_dialog import ConflictDialog
from editor.ui.controllers.publishing import PublishPlan
from editor.ui.panes.wheel_guard import install_wheel_guard
from editor.ui.publish_dialog import IdentityDialog, PublishDialog

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
SAVE_AND_PUBLISH, SAVED_ONLY = "save and publish", "saved only"


def ask_save_changes(parent: QWidget, name: str, quitting: bool = False) -> str:
    """Ask what to do with unsaved edits; returns SAVE, DISCARD or CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"“{name}” has changes that are not saved.")
    box.setInformativeText("Save them before quitting?" if quitting
                           else "Save them before going on?")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def confirm_revert(parent: QWidget, name: str) -> bool:
    """Ask before throwing unsaved edits away; True to revert."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Revert to saved")
    box.setText(f"Throw away your unsaved edits to “{name}”?")
    box.setInformativeText("The saved version is reloaded. Undo Revert brings the edits back.")
    revert = box.addButton("Revert", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is revert


def ask_folder(parent: QWidget, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, "Open content folder", start)


def choose_image(parent: QWidget, start: Path) -> Path | None:
    """An image file for a page (None when cancelled), starting in the site's uploads."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Choose an image", str(start),
        "Images (*.png *.jpg *.jpeg *.webp *.gif *.svg *.avif);;All files (*)")
    return Path(name) if name else None


def choose_color(parent: QWidget, current: QColor) -> str | None:
    """A colour as ``#rrggbb`` (None when cancelled)."""
    color = QColorDialog.getColor(current if current.isValid() else QColor("#ffffff"), parent)
    return color.name() if color.isValid() else None


def ask_page_title(parent: QWidget, what: str) -> str | None:
    """The title of a new blog post or page (None when cancelled or blank)."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(parent, f"New {what}", "Title:")
    return text.strip() if ok and text.strip() else None


class NewArticleDialog(QDialog):
    """Subject (pick or type) and question; OK only once both are filled in."""

    def __init__(self, parent: QWidget | None, subjects: list[str], subject: str = "",
                 question: str = "", error: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("New article")
        self.setObjectName("newArticleDialog")
        self.setMinimumWidth(560)
        self.subject = QComboBox(self)
        self.subject.setObjectName("newSubject")
        self.subject.setEditable(True)
        self.subject.addItems(subjects)
        self.subject.setAccessibleName("Subject")
        self.subject.setCurrentText(subject)
        self.subject.lineEdit().setPlaceholderText("Pick a subject or type a new one")
        self.question = QPlainTextEdit(self)
        self.question.setObjectName("newQuestion")
        self.question.setAccessibleName("Question")
        self.question.setTabChangesFocus(True)
        self.question.setPlaceholderText("The question the article answers")
        self.question.setMinimumHeight(90)
        self.question.setPlainText(question)
        self.error = QLabel(error, self)
        self.error.setObjectName("newArticleError")
        self.error.setWordWrap(True)
        self.error.setVisible(bool(error))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Subject", self.subject)
        form.addRow("Question", self.question)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.subject.currentTextChanged.connect(self._on_changed)
        self.question.textChanged.connect(self._on_changed)
        self._on_changed()

    def values(self) -> tuple[str, str]:
        question = " ".join(self.question.toPlainText().split())  # one line in the file
        return self.subject.currentText().strip(), question

    @Slot()
    def _on_changed(self) -> None:
        subject, question = self.values()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(subject and question))


def ask_new_article(parent: QWidget, subjects: list[str], subject: str = "",
                    question: str = "", error: str = "") -> tuple[str, str] | None:
    """Ask for the subject and question of a new article; None when cancelled. Called again
    with what was typed and why it was refused, the writer's text is kept."""
    dialog = NewArticleDialog(parent, subjects, subject, question, error)
    install_wheel_guard(dialog)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.values()
    return chosen if all(chosen) else None


def confirm_changes(parent: QWidget, title: str, summary: str, details: str) -> bool:
    """Show what a folder-wide repair would change; True to go ahead."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(summary)
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Apply | QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Apply


def tell(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def show_compare(parent: QWidget, table_html: str) -> None:
    """Side by side: the field as it was, as I have it, and as it is on disk."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Compare versions")
    dialog.resize(900, 420)
    view = QTextBrowser(dialog)
    view.setObjectName("compareView")
    view.setHtml(table_html)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QFormLayout(dialog)
    layout.addRow(view)
    layout.addRow(buttons)
    dialog.exec()


RESTORE, DISCARD_RECOVERY, LATER = "restore", "discard", "later"


def ask_restore(parent: QWidget, path: str, diff: str) -> str:
    """Offer recovered unsaved edits; returns RESTORE, DISCARD_RECOVERY or LATER."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Recover unsaved edits")
    box.setText(f"Article Editor closed before these edits to “{path}” were saved.")
    box.setInformativeText("Restore them? Details show what differs from the file on disk.")
    box.setDetailedText(diff)
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is restore:
        return RESTORE
    if box.clickedButton() is discard:
        return DISCARD_RECOVERY
    return LATER


def show_summary(parent: QWidget, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setDetailedText(details)
    box.exec()


def about(parent: QWidget, version: str) -> None:
    QMessageBox.about(parent, "About Article Editor",
                      f"<b>Article Editor</b> {version}<p>Edit a folder of Markdown articles "
                      "and save only what you changed.</p>")


def ask_publish_unsaved(parent: QWidget, name: str) -> str:
    """Publish… while the open article has unsaved edits: SAVE_AND_PUBLISH, SAVED_ONLY
    (the file as last saved; the edits stay in the editor, unsaved) or CANCEL."""
    box = QMessageBox(parent)
    box.setObjectName("publishUnsavedBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Publish")
    box.setText(f"“{name}” has edits that are not saved.")
    box.setInformativeText("Save them and publish them with the rest, or publish only what "
                           "is already saved? Edits you do not save stay here and are not "
                           "published.")
    save = box.addButton("Save and publish", QMessageBox.ButtonRole.AcceptRole)
    saved = box.addButton("Publish saved work only", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    if box.clickedButton() is save:
        return SAVE_AND_PUBLISH
    if box.clickedButton() is saved:
        return SAVED_ONLY
    return CANCEL


def ask_publish(parent: QWidget, plan: PublishPlan) -> tuple[list[str], str | None] | None:
    """The paths to publish and their description (None: the titles'); None when cancelled."""
    dialog = PublishDialog(plan.articles, plan.others, plan.message, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen(), dialog.chosen_message()


def ask_identity(parent: QWidget) -> tuple[str, str] | None:
    """The writer's name and email address for publishing; None when cancelled."""
    dialog = IdentityDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name.text(), dialog.email.text()


def ask_conflict_choices(parent: QWidget,
                         conflicts: list[FieldConflict]) -> dict[tuple[str, str], str] | None:
    """"mine" or "theirs" for each conflict's (path, key); None when cancelled."""
    dialog = ConflictDialog(conflicts, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()
