"""The sign-in asked for when the team's repository needs one: a user name, a password or
access token, and "Remember" (only when git has a credential helper to keep it in)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.git.askpass import OTHER, Login
from editor.ui.controllers.sign_in import SignInRequest

NO_HELPER_TIP = ("Git has no credential helper set up to keep it in, so it is asked again "
                 "the next time the editor starts. Git for Windows and GitHub Desktop set one up; "
                 "elsewhere see git's 'credential.helper' setting.")


class SignInDialog(QDialog):
    def __init__(self, request: SignInRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.setObjectName("signInDialog")
        self.setWindowTitle("Sign in to the team's repository")
        prompt = request.prompt
        layout = QVBoxLayout(self)
        if prompt.kind == OTHER:
            text = prompt.text
        else:
            text = (f"The team's repository at {prompt.host or prompt.site} asks who you are "
                    "before it takes your changes. Use your user name there and a password or "
                    "an access token (most sites want a token).")
        note = QLabel(text, self)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.username = QLineEdit(request.username, self)
        self.username.setObjectName("signInUser")
        self.token = QLineEdit(self)
        self.token.setObjectName("signInToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        if prompt.kind != OTHER:
            form.addRow("User name:", self.username)
            form.addRow("Password or token:", self.token)
        else:
            self.username.hide()
            form.addRow("Answer:", self.token)
        layout.addLayout(form)
        self.remember = QCheckBox("Remember (kept by git's credential helper)", self)
        self.remember.setObjectName("signInRemember")
        self.remember.setEnabled(request.can_remember)
        if not request.can_remember:
            self.remember.setToolTip(NO_HELPER_TIP)
        self.remember.setVisible(prompt.kind != OTHER)
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign In")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.token if request.username or prompt.kind == OTHER else self.username).setFocus()

    def login(self) -> Login:
        return Login(self.request.prompt.site, self.username.text().strip(), self.token.text())

    def fill(self, username: str, token: str, *, remember: bool = False) -> None:
        """Type a sign-in (for the window's tests and for scripting)."""
        self.username.setText(username)
        self.token.setText(token)
        self.remember.setChecked(remember and self.remember.isEnabled())


def ask_sign_in(parent: QWidget, request: SignInRequest) -> None:
    """Ask the writer and answer ``request`` (None when cancelled)."""
    dialog = SignInDialog(request, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        request.answer(dialog.login(), dialog.remember.isChecked())
    else:
        request.answer(None)


__all__ = ["SignInDialog", "ask_sign_in"]
