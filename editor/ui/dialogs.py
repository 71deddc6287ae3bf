"""Modal questions, each behind one function so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QTextBrowser,
    QWidget,
)

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save_changes(parent: QWidget, name: str) -> str:
    """Ask what to do with unsaved edits; returns SAVE, DISCARD or CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"“{name}” has changes that are not saved.")
    box.setInformativeText("Save them before continuing?")
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


def ask_new_article(parent: QWidget, subjects: list[str]) -> tuple[str, str] | None:
    """Ask for the subject and question of a new article; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("New article")
    subject = QComboBox(dialog)
    subject.setEditable(True)
    subject.addItems(subjects)
    subject.setAccessibleName("Subject")
    question = QLineEdit(dialog)
    question.setAccessibleName("Question")
    question.setPlaceholderText("The question the article answers")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow("Subject", subject)
    form.addRow("Question", question)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if not subject.currentText().strip() or not question.text().strip():
        return None
    return subject.currentText().strip(), question.text().strip()


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
