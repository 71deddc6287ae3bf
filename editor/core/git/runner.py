"""Running ``git``: found on PATH, always the same options, every call logged, and its errors
told in plain words as typed errors.

Every call runs ``git -c core.quotepath=off ...`` with ``LC_ALL=C`` (so its messages can be
recognised), ``GIT_TERMINAL_PROMPT=0`` (never a prompt on a terminal nobody sees) and, only
when given (the window's runs), a ``GIT_ASKPASS`` program that asks the writer to sign in;
without one no inherited askpass is used either, so git fails at once with "not signed in".
Each call runs under a timeout. The log names the command with any
credentials in URLs removed, never a token.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from editor.core.errors import ArticleError

log = logging.getLogger("editor.git")

#: Seconds a local command may take; network commands (fetch, push, clone) get NETWORK_TIMEOUT.
LOCAL_TIMEOUT = 60.0
NETWORK_TIMEOUT = 300.0
NETWORK_COMMANDS = {"fetch", "push", "pull", "clone", "ls-remote"}


class GitError(ArticleError):
    """Git could not do what was asked; ``message`` says it in plain words, ``detail`` holds
    git's own words (credentials removed)."""

    fixable = False

    def __init__(self, message: str, *, detail: str = "", path: Path | str | None = None) -> None:
        super().__init__(message, path=path)
        self.detail = detail


class GitMissingError(GitError):
    """No ``git`` program on PATH."""


class NotSignedInError(GitError):
    """The remote refused the credentials, or asked for some."""


class OfflineError(GitError):
    """The remote could not be reached (no network, wrong address, server down)."""


class PublishedFirstError(GitError):
    """Someone else published first: the push was rejected as not a fast-forward."""


class ConflictError(GitError):
    """Both sides changed the same thing and git stopped."""


class NameTooLongError(GitError):
    """A file name is too long for this system."""


class NotARepositoryError(GitError):
    """The folder is not inside a git repository."""


class GitTimeoutError(GitError):
    """Git took longer than allowed and was stopped."""


class GitTooOldError(GitError):
    """The installed git lacks a feature needed (``merge-tree --write-tree``: git 2.38)."""


INSTALL_HINT = ("Git is not installed (no 'git' program was found). Install it from "
                "https://git-scm.com/downloads (Windows, macOS), or with your system's "
                "package manager, e.g. 'sudo apt install git', then start again.")

#: What a refused or missing sign-in says, with how to fix it.
NOT_SIGNED_IN = ("Not signed in: the team's repository did not accept a sign-in. To fix it, "
                 "publish from the window and enter your user name and access token when "
                 "asked (on the command line: set up git's credential helper).")

_CREDENTIALS = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")
_SECRET_OPTION = re.compile(r"(?i)(authorization:|extraheader=|password=|token=)\S*")

#: (pattern in git's LC_ALL=C stderr, error class, plain message); first match wins.
_PATTERNS: list[tuple[re.Pattern[str], type[GitError], str]] = [
    (re.compile(p, re.I), cls, msg) for p, cls, msg in [
        (r"not a git repository", NotARepositoryError,
         "This folder is not in a git repository."),
        (r"filename too long|file name too long|name too long", NameTooLongError,
         "A file name is too long for this computer."),
        (r"authentication failed|could not read username|could not read password|"
         r"terminal prompts disabled|permission denied \(publickey|invalid username or "
         r"password|http basic: access denied|returned error: 40[13]|403 forbidden",
         NotSignedInError, NOT_SIGNED_IN),
        (r"\[rejected\].*(non-fast-forward|fetch first)|updates were rejected|"
         r"failed to push some refs|non-fast-forward|\(fetch first\)", PublishedFirstError,
         "Someone else published first; their changes must be brought in before publishing."),
        (r"could not resolve host|could not connect|connection (refused|timed out|reset)|"
         r"network is unreachable|unable to access|does not appear to be a git repository|"
         r"could not read from remote repository|no such host|operation timed out|"
         r"failed to connect|unable to look up", OfflineError,
         "Cannot reach the team's repository (offline?)."),
        (r"conflict|needs merge|unmerged|you have not concluded your merge", ConflictError,
         "Both sides changed the same thing; a person must choose."),
    ]
]


def redact(text: str) -> str:
    """``text`` with user names, passwords and tokens in URLs and headers removed."""
    return _SECRET_OPTION.sub(r"\1***", _CREDENTIALS.sub(r"\g<scheme>***@", text))


def classify(stderr: str, command: str = "") -> GitError:
    """The typed error for git's (``LC_ALL=C``) error text."""
    detail = redact(stderr.strip())
    for pattern, cls, message in _PATTERNS:
        if pattern.search(stderr):
            return cls(message, detail=detail)
    first = detail.splitlines()[0] if detail else "no message"
    return GitError(f"Git could not {command or 'run'}: {first}", detail=detail)


def git_program() -> str:
    """The full path of ``git`` on PATH; GitMissingError when there is none."""
    found = shutil.which("git")
    if not found:
        raise GitMissingError(INSTALL_HINT)
    return found


@dataclass(frozen=True)
class GitResult:
    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", "surrogateescape")


def git_env(askpass: str | None = None, extra: Mapping[str, str] | None = None,
            askpass_env: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"LC_ALL": "C", "LANG": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0"})
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_ASKPASS", "SSH_ASKPASS",
                 "SSH_ASKPASS_REQUIRE", "ARTICLE_EDITOR_ASKPASS"):
        env.pop(name, None)
    if askpass:
        env["GIT_ASKPASS"] = askpass
        env["SSH_ASKPASS"] = askpass
        env["SSH_ASKPASS_REQUIRE"] = "prefer"  # ssh asks through it too, with no terminal
        env.update(askpass_env or {})
    if extra:
        env.update(extra)
    return env


class Git:
    """Runs git in one folder. ``askpass``: a program git asks for credentials, with
    ``askpass_env`` in its environment."""

    def __init__(self, folder: Path | str, *, askpass: str | None = None,
                 askpass_env: Mapping[str, str] | None = None,
                 timeout: float | None = None) -> None:
        self.folder = Path(folder)
        self.askpass = askpass
        self.askpass_env = dict(askpass_env or {})
        self.timeout = timeout
        self.program = git_program()

    def run(self, *args: str, check: bool = True, input: bytes | None = None,
            env: Mapping[str, str] | None = None, timeout: float | None = None,
            ok_codes: Sequence[int] = (0,)) -> GitResult:
        """``git -c core.quotepath=off ARGS``; a typed GitError when it fails and ``check``."""
        command = args[0] if args else ""
        limit = timeout or self.timeout or (
            NETWORK_TIMEOUT if command in NETWORK_COMMANDS else LOCAL_TIMEOUT)
        argv = [self.program, "-c", "core.quotepath=off",
                *([] if self.askpass else ["-c", "core.askPass="]), *args]
        shown = redact(" ".join(args))
        started = time.perf_counter()
        try:
            done = _run(argv, self.folder, input,
                        git_env(self.askpass, env, self.askpass_env), limit)
        except subprocess.TimeoutExpired as error:
            log.warning("git %s: timed out after %.0f s", shown, limit)
            raise GitTimeoutError(f"Git took longer than {limit:.0f} s and was stopped.",
                                  detail=shown) from error
        except FileNotFoundError as error:
            if not self.folder.is_dir():
                raise NotARepositoryError("The folder does not exist.",
                                          path=self.folder) from error
            raise GitMissingError(INSTALL_HINT) from error
        stderr = done.stderr.decode("utf-8", "replace")
        log.info("git %s -> %d (%.0f ms)", shown, done.returncode,
                 (time.perf_counter() - started) * 1000)
        if done.returncode not in ok_codes:
            log.debug("git %s stderr: %s", shown, redact(stderr.strip()))
            if check:
                raise classify(stderr, command)
        return GitResult(tuple(args), done.returncode, done.stdout, stderr)

    def text(self, *args: str, **kwargs: object) -> str:
        """Stdout as text with the final newline removed."""
        return self.run(*args, **kwargs).text.rstrip("\n")  # type: ignore[arg-type]

    def config(self, key: str) -> str | None:
        result = self.run("config", "--get", key, check=False, ok_codes=(0, 1))
        return result.text.strip() if result.returncode == 0 else None

    def set_config(self, key: str, value: str) -> None:
        self.run("config", "--local", key, value)

    def version(self) -> tuple[int, ...]:
        return parse_version(self.text("version"))


def _run(argv: list[str], cwd: Path, input: bytes | None, env: dict[str, str],
         limit: float) -> subprocess.CompletedProcess[bytes]:
    """Run ``argv``; on timeout stop it and everything it started (ssh, a credential
    helper), so that nothing holds its output open, then raise TimeoutExpired."""
    posix = os.name == "posix"
    with subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=posix) as process:
        try:
            out, err = process.communicate(input, timeout=limit)
        except subprocess.TimeoutExpired:
            if posix:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
            process.communicate()
            raise
    return subprocess.CompletedProcess(argv, process.returncode, out, err)


def parse_version(text: str) -> tuple[int, ...]:
    match = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text)
    if not match:
        return (0,)
    return tuple(int(g) for g in match.groups() if g is not None)


def repository_root(folder: Path | str) -> Path | None:
    """The top folder of the git work tree holding ``folder``; None when it is in none.
    GitMissingError when git is not installed."""
    path = Path(folder)
    if not path.is_dir():
        return None
    result = Git(path).run("rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        return None
    return Path(result.text.strip())


def open_repository(folder: Path | str, *, askpass: str | None = None) -> Git:
    """A Git for the top of the repository holding ``folder``; NotARepositoryError if none."""
    root = repository_root(folder)
    if root is None:
        raise NotARepositoryError("This folder is not in a git repository.", path=folder)
    return Git(root, askpass=askpass)
