"""QApplication start-up. Kept apart so the CLI never imports Qt for get/set."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from editor import __version__
from editor.resources import is_bundled_sample, sample_folder, user_sample_folder

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

log = logging.getLogger(__name__)
qt_log = logging.getLogger("editor.qt")


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    from PySide6.QtCore import QtMsgType

    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(mode, logging.WARNING)
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(level, "%s%s", message, where)


def install_qt_message_handler() -> None:
    """Qt's own warnings go to the log (editor/core/logs.py) instead of a lost stderr."""
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_qt_message)


def make_app(qt_args: Sequence[str] = ()) -> QApplication:
    """The QApplication, given Qt's own command-line options (-style, -platform, …)."""
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    from editor.core import tuning

    install_qt_message_handler()
    tuning.for_the_window()
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "article-editor", *qt_args])
    elif qt_args:
        log.warning("Qt options ignored, the application already runs: %s", " ".join(qt_args))
    app.setApplicationName("Article Editor")
    app.setOrganizationName("ArticleEditor")
    log.info("Article Editor %s started (Qt %s, platform %s, style %s)", __version__,
             qVersion(), QApplication.platformName(), app.style().name())
    return app


def start_folder(folder: str | None, last_folder: str) -> Path:
    """The folder to open: the one asked for, else the last one, else the writer's own copy
    of the sample (the bundled one is never opened for editing)."""
    if folder:
        return Path(folder)
    last = Path(last_folder) if last_folder else None
    if last is not None and last.is_dir() and not is_bundled_sample(last):
        return last
    try:
        return user_sample_folder()
    except OSError as exc:
        log.warning("could not copy the sample folder: %s", exc, exc_info=True)
        return sample_folder()


def start_window(folder: str | None = None) -> MainWindow:
    """Build the main window and open the folder (and the last article when it is inside)."""
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings

    settings = Settings()
    window = MainWindow()
    target = start_folder(folder, settings.last_folder)
    article = Path(settings.last_article) if settings.last_article else None
    log.info("opening folder %s", target)
    window.show()
    window.start(target, article)  # recovery is offered before the last article reopens
    return window


def run_gui(folder: str | None = None, smoke_test: bool = False,
            screenshot: str | None = None, qt_args: Sequence[str] = ()) -> int:
    app = make_app(qt_args)
    if smoke_test:
        from editor.smoke import run_smoke_test

        return run_smoke_test(Path(folder) if folder else sample_folder(),
                              Path(screenshot) if screenshot else None)
    window = start_window(folder)  # kept referenced while the app runs
    code = app.exec()
    del window
    log.info("Article Editor closed (exit code %d)", code)
    return code
