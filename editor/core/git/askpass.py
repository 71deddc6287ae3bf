"""Signing in: git's questions for a user name and a password (a token) answered by the
running app, never on a terminal and never through a URL, a setting or the log.

The window runs git with ``GIT_ASKPASS`` set to the app's own program (``askpass_program``)
and ``ARTICLE_EDITOR_ASKPASS`` naming a port on 127.0.0.1 and a one-time secret. Git runs that
program with its question ("Username for 'https://host': "); started so, the program is only
a messenger (``helper_main``): it hands the question to the window's ``AskpassServer``, prints
the answer for git and exits. The window asks the writer; git keeps the answer with its own
credential helper (``approve``) only when the writer asks it to and one is set up.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import shutil
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from editor.core.git.helper_call import ASKPASS_ENV, is_helper_call
from editor.core.git.runner import NETWORK_TIMEOUT, Git

log = logging.getLogger("editor.git")

USERNAME, PASSWORD, OTHER = "username", "password", "other"
_PROMPT = re.compile(r"^\s*(?P<kind>Username|Password) for '(?P<url>[^']*)'", re.I)
_MAX_MESSAGE = 64 * 1024


@dataclass(frozen=True)
class Prompt:
    """One of git's (or ssh's) questions: ``kind`` USERNAME, PASSWORD or OTHER; ``site`` the
    scheme and host it is for ("https://example.com"); ``username`` when git knows it."""

    text: str
    kind: str
    site: str = ""
    username: str = ""

    @property
    def host(self) -> str:
        return urlsplit(self.site).netloc if self.site else ""


def parse_prompt(text: str) -> Prompt:
    match = _PROMPT.match(text)
    if not match:
        return Prompt(text.strip(), OTHER)
    parts = urlsplit(match["url"])
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    site = f"{parts.scheme}://{host}" if parts.scheme else host
    return Prompt(text.strip(), match["kind"].lower(), site, parts.username or "")


def _read_line(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n") and len(data) < _MAX_MESSAGE:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def helper_main(prompt: str, address: str | None = None, *,
                timeout: float = NETWORK_TIMEOUT) -> int:
    """The messenger git runs: ask the window, print its answer; 1 (git: not signed in) when
    there is none or the window cannot be reached."""
    port, _, secret = (address or os.environ.get(ASKPASS_ENV, "")).partition(":")
    try:
        with socket.create_connection(("127.0.0.1", int(port)), timeout=timeout) as sock:
            sock.sendall(json.dumps({"secret": secret, "prompt": prompt}).encode() + b"\n")
            answer = json.loads(_read_line(sock) or b"{}").get("answer")
    except (OSError, ValueError):
        return 1
    if not isinstance(answer, str):
        return 1
    _write_out(answer + "\n")
    return 0


def _write_out(text: str) -> None:
    """Print for git, also from a windowed (no console) frozen app without ``sys.stdout``."""
    if sys.stdout is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    with contextlib.suppress(OSError):
        os.write(1, text.encode())


class AskpassServer:
    """Answers the messengers' questions with ``answer(prompt)`` (None: no answer), called on
    the server's own threads; only a caller knowing the secret is answered."""

    def __init__(self, answer: Callable[[Prompt], str | None]) -> None:
        self._answer = answer
        self._secret = secrets.token_urlsafe(24)
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._serve, name="askpass", daemon=True).start()

    @property
    def env(self) -> dict[str, str]:
        """What git's environment needs for the messenger to find this server."""
        return {ASKPASS_ENV: f"{self.port}:{self._secret}"}

    def _serve(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.settimeout(10)
                request = json.loads(_read_line(conn))
                if not secrets.compare_digest(str(request.get("secret", "")), self._secret):
                    log.warning("askpass: a caller without the secret was refused")
                    return
                conn.settimeout(None)
                answer = self._answer(parse_prompt(str(request.get("prompt", ""))))
                conn.sendall(json.dumps({"answer": answer}).encode() + b"\n")
            except (OSError, ValueError, AttributeError):
                log.warning("askpass: a question could not be answered")

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._sock.close()


def askpass_program() -> str | None:
    """The app's own program, for git to run as its askpass: the frozen app itself, or the
    ``article-editor`` script installed next to this Python; None when there is neither."""
    if getattr(sys, "frozen", False):
        return sys.executable
    name = "article-editor.exe" if os.name == "nt" else "article-editor"
    beside = Path(sys.executable).with_name(name)
    if beside.is_file():
        return str(beside)
    return shutil.which("article-editor")


# -- git's own credential helper ------------------------------------------------------------

@dataclass(frozen=True)
class Login:
    """A user name and a password or token, for one site; kept in memory only."""

    site: str
    username: str
    token: str = ""

    def __repr__(self) -> str:  # never the token, wherever it is printed
        return f"Login(site={self.site!r}, username={self.username!r})"

    def _credential(self) -> bytes:
        parts = urlsplit(self.site)
        lines = [f"protocol={parts.scheme}", f"host={parts.netloc}",
                 f"username={self.username}", f"password={self.token}"]
        return ("\n".join(lines) + "\n\n").encode()


def helper_configured(git: Git) -> bool:
    """Whether git has a credential helper to keep a sign-in in (an empty value clears the
    ones set before it)."""
    result = git.run("config", "--get-all", "credential.helper", check=False, ok_codes=(0, 1))
    values = result.text.splitlines() if result.returncode == 0 else []
    return bool(values) and bool(values[-1].strip())


def approve(git: Git, login: Login) -> None:
    """Git's credential helper keeps ``login`` (``git credential approve``)."""
    git.run("credential", "approve", input=login._credential())
    log.info("sign-in kept by git's credential helper for %s", login.site)


def reject(git: Git, login: Login) -> None:
    """Git's credential helper forgets ``login`` (``git credential reject``)."""
    git.run("credential", "reject", input=login._credential())
    log.info("sign-in not kept for %s", login.site)


__all__ = ["ASKPASS_ENV", "AskpassServer", "Login", "Prompt", "approve", "askpass_program",
           "helper_configured", "helper_main", "is_helper_call", "parse_prompt", "reject"]
