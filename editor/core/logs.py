"""The program's log: a rotating file in the user's log folder, and stderr with --verbose.

Everything under the ``editor`` logger goes there (opens, saves, index runs, merges, errors
with their tracebacks), and so does every uncaught exception, through ``sys.excepthook`` and
``threading.excepthook``. Qt's own messages are routed here by the window's start-up
(editor/app.py). No Qt in this module.
"""

from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from editor.core.errors import printable
from editor.core.storage import appdirs

LOGGER = "editor"
LOG_NAME = "article-editor.log"
MAX_BYTES = 1_000_000
BACKUPS = 3  # article-editor.log.1 … .3: about 4 MB at most
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"
STDERR_FORMAT = "%(levelname)s %(name)s: %(message)s"

log = logging.getLogger(LOGGER)
_handlers: list[logging.Handler] = []


def log_folder() -> Path:
    """The folder holding the log files (made when missing)."""
    return appdirs.log_dir()


def log_file() -> Path:
    return log_folder() / LOG_NAME


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time of each record."""

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


class _TerminalFormatter(logging.Formatter):
    """Stderr is a terminal: control characters in file names and values are escaped, as
    the commands' own output escapes them (the log file keeps them as they are)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def setup(verbose: bool = False, to_file: bool = True) -> Path | None:
    """Send the ``editor`` loggers to the log file (INFO and up) and, when ``verbose``, every
    record to stderr (DEBUG and up); catch uncaught exceptions. Calling it again replaces the
    handlers of the earlier call. Returns the log file, or None when none is written (it
    could not be opened: the program runs on without it)."""
    close()
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    path: Path | None = None
    handler: logging.Handler
    if to_file:
        try:
            path = log_file()
            handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                          encoding="utf-8", errors="backslashreplace")
        except OSError as exc:
            if verbose:
                print(f"article-editor: no log file: {exc}", file=sys.stderr)
            path = None
        else:
            handler.setLevel(logging.INFO)
            handler.setFormatter(logging.Formatter(FILE_FORMAT))
            _handlers.append(handler)
    if verbose:
        handler = _Stderr()
        handler.setLevel(logging.DEBUG)
        handler.setFormatter(_TerminalFormatter(STDERR_FORMAT))
        _handlers.append(handler)
    if not _handlers:  # no log file, not verbose: nothing for Python's last resort (stderr)
        _handlers.append(logging.NullHandler())
    for handler in _handlers:
        log.addHandler(handler)
    install_excepthooks()
    return path


def close() -> None:
    """Detach and close the handlers ``setup`` added."""
    for handler in _handlers:
        log.removeHandler(handler)
        handler.close()
    _handlers.clear()


def _log_uncaught(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> None:
    if not issubclass(exc_type, KeyboardInterrupt):
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))


class _ExceptHook:
    """Logs the exception, then hands it to the hook that was there before."""

    def __init__(self, previous: object) -> None:
        self.previous = previous

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        _log_uncaught(exc_type, exc, tb)
        if callable(self.previous):
            self.previous(exc_type, exc, tb)


class _ThreadHook:
    """The same for an exception that ends a Python thread."""

    def __init__(self, previous: object) -> None:
        self.previous = previous

    def __call__(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            log.critical("uncaught exception in thread %s",
                         args.thread.name if args.thread else "?",
                         exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        if callable(self.previous):
            self.previous(args)


def install_excepthooks() -> None:
    """Log uncaught exceptions (Qt slots included: PySide hands them to sys.excepthook)."""
    if not isinstance(sys.excepthook, _ExceptHook):
        sys.excepthook = _ExceptHook(sys.excepthook)
    if not isinstance(threading.excepthook, _ThreadHook):
        threading.excepthook = _ThreadHook(threading.excepthook)
