"""Signing in for the window's git runs: git asks the app's own program (GIT_ASKPASS), which
asks this controller's answering server; the window asks the writer (``signInRequested``).

What the writer typed is kept in memory for this session (git asks again for each fetch and
push), never in the settings or the log. With "Remember" and a credential helper set up in
git, git's helper keeps it after git accepted it; without "Remember" it is taken out of the
helper again (git stores what it was given by itself)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from editor.core.errors import ArticleError
from editor.core.git.askpass import (
    OTHER,
    PASSWORD,
    USERNAME,
    AskpassServer,
    Login,
    Prompt,
    approve,
    askpass_program,
    helper_configured,
    reject,
)
from editor.core.git.runner import NETWORK_TIMEOUT, Git

log = logging.getLogger(__name__)


@dataclass
class SignInRequest:
    """One question for the writer; ``answer`` it (None: cancelled) from the UI thread."""

    prompt: Prompt
    username: str = ""  # what to show in the user name field
    can_remember: bool = False  # git has a credential helper to keep it in
    login: Login | None = None
    remember: bool = False
    done: threading.Event = field(default_factory=threading.Event)

    def answer(self, login: Login | None, remember: bool = False) -> None:
        self.login, self.remember = login, remember
        self.done.set()


class SignIn(QObject):
    """Answers git's questions for a user name and token, by asking the writer once."""

    #: Ask the writer (on the UI thread): SignInRequest, answered with ``request.answer``.
    signInRequested = Signal(object)
    _asked = Signal(object)  # from the server's thread to the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.program = askpass_program()
        self.can_remember = False
        self._server: AskpassServer | None = None
        self._lock = threading.Lock()
        self._logins: dict[str, Login] = {}  # by site, this session only
        self._typed: dict[str, tuple[Login, bool]] = {}  # since the last settle: (login, keep)
        self._asked.connect(self.signInRequested.emit, Qt.ConnectionType.QueuedConnection)

    def git(self, root: Path) -> Git:
        """A Git for the window's runs in ``root``: it asks here when it needs a sign-in."""
        if self.program is None:
            log.warning("no program to ask for a sign-in: git will say 'not signed in'")
            return Git(root)
        if self._server is None:
            self._server = AskpassServer(self._answer)
        git = Git(root, askpass=self.program, askpass_env=self._server.env)
        try:
            self.can_remember = helper_configured(git)
        except ArticleError:
            self.can_remember = False
        return git

    def _answer(self, prompt: Prompt) -> str | None:
        """On the server's thread: the answer known, or the writer's (waiting for it)."""
        with self._lock:
            known = self._logins.get(prompt.site) if prompt.kind != OTHER else None
        if known is not None and prompt.kind == USERNAME:
            return known.username
        if known is not None and prompt.kind == PASSWORD and known.token \
                and prompt.username in ("", known.username):
            return known.token
        request = SignInRequest(prompt, prompt.username or (known.username if known else ""),
                                self.can_remember and prompt.kind != OTHER)
        self._asked.emit(request)
        if not request.done.wait(NETWORK_TIMEOUT) or request.login is None:
            return None
        login = request.login
        if prompt.kind == OTHER:
            return login.token
        with self._lock:
            self._logins[prompt.site] = login
            self._typed[prompt.site] = (login, request.remember)
        return login.username if prompt.kind == USERNAME else login.token

    def settle(self, git: Git | None, accepted: bool) -> None:
        """After a run that may have asked: a sign-in refused is forgotten; one accepted is
        kept by git's credential helper with "Remember", and taken out of it without."""
        with self._lock:
            typed, self._typed = self._typed, {}
            if not accepted:
                self._logins.clear()
        if not accepted or git is None or not self.can_remember:
            return
        for login, remember in typed.values():
            try:
                (approve if remember else reject)(git, login)
            except ArticleError as exc:
                log.warning("git's credential helper: %s", exc.message)

    @Slot()
    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None


__all__ = ["SignIn", "SignInRequest"]
